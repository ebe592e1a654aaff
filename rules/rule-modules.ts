/**
 * The rule modules, loaded on demand: the plugin entry (index.ts) loads a rule's module, and with it
 * the detectors it runs, when ESLint first reads the rule (its `meta` or its `create`), not when the
 * plugin is imported. An editor or `eslint` that imports the plugin but runs few of its rules, or
 * none yet, does not pay for the rest (test/plugin-import.test.ts).
 *
 * ESLint reads a rule synchronously, so the load is `require`, which loads an ES module from Node
 * 20.19 (the floor in package.json's `engines`); a module already imported is the same instance.
 * Under vitest the rules are TypeScript sources that `require` cannot load: vitest.config.ts gives
 * this module's place to test/rule-modules-imported.ts, which imports them, and the built plugin's
 * tests (plugin-import, plugin-configs, the CLI's) run this one.
 */
import { createRequire } from 'node:module';
import type { RuleId } from '../src/catalogue/rules.js';
import type * as noDetachedAsyncCallback from './no-detached-async-callback.js';
import type * as noFloatingPromise from './no-floating-promise.js';
import type * as noOrphanWorker from './no-orphan-worker.js';
import type * as noStrayTimer from './no-stray-timer.js';
import type * as noSwallowedError from './no-swallowed-error.js';
import type * as noUnboundedBuffer from './no-unbounded-buffer.js';
import type * as noUnownedState from './no-unowned-state.js';
import type * as requireCancellation from './require-cancellation.js';

/**
 * Each rule module exports the rule as default and, where `strict` turns on more checks, the options
 * `strict` runs it with as `strictOptions`.
 */
export interface RuleModules {
  'no-floating-promise': typeof noFloatingPromise;
  'no-detached-async-callback': typeof noDetachedAsyncCallback;
  'no-stray-timer': typeof noStrayTimer;
  'no-orphan-worker': typeof noOrphanWorker;
  'no-unowned-state': typeof noUnownedState;
  'no-swallowed-error': typeof noSwallowedError;
  'require-cancellation': typeof requireCancellation;
  'no-unbounded-buffer': typeof noUnboundedBuffer;
}

const require = createRequire(import.meta.url);

/** The module of rule `id` (rules/<id>.js beside this one). */
export function loadRuleModule<Id extends RuleId>(id: Id): RuleModules[Id] {
  try {
    return require(`./${id}.js`) as RuleModules[Id];
  } catch (error) {
    // Below the floor (an editor's older bundled Node), say so instead of Node's ERR_REQUIRE_ESM.
    if ((error as { code?: unknown }).code === 'ERR_REQUIRE_ESM') {
      throw new Error(`spawnguard needs Node >= 20.19 to load its rules (require of an ES module); this is Node ${process.versions.node}`, { cause: error });
    }
    throw error;
  }
}

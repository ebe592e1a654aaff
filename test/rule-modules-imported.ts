// rules/rule-modules.ts under vitest (vitest.config.ts): `require` cannot load the TypeScript sources,
// so the modules are imported here and handed out by id; everything else about the plugin entry's
// on-demand rules (a rule read only through `meta` / `create`, `configs.strict` computed on first
// read) runs as built. The `require` itself is tested on the build (test/plugin-import.test.ts).
import type { RuleId } from '../src/catalogue/rules.js';
import * as noDetachedAsyncCallback from '../rules/no-detached-async-callback.js';
import * as noFloatingPromise from '../rules/no-floating-promise.js';
import * as noOrphanWorker from '../rules/no-orphan-worker.js';
import * as noStrayTimer from '../rules/no-stray-timer.js';
import * as noSwallowedError from '../rules/no-swallowed-error.js';
import * as noUnboundedBuffer from '../rules/no-unbounded-buffer.js';
import * as noUnownedState from '../rules/no-unowned-state.js';
import * as requireCancellation from '../rules/require-cancellation.js';
import type { loadRuleModule as loadBuiltRuleModule, RuleModules } from '../rules/rule-modules.js';

const modules: RuleModules = {
  'no-floating-promise': noFloatingPromise,
  'no-detached-async-callback': noDetachedAsyncCallback,
  'no-stray-timer': noStrayTimer,
  'no-orphan-worker': noOrphanWorker,
  'no-unowned-state': noUnownedState,
  'no-swallowed-error': noSwallowedError,
  'require-cancellation': requireCancellation,
  'no-unbounded-buffer': noUnboundedBuffer,
};

export const loadRuleModule: typeof loadBuiltRuleModule = <Id extends RuleId>(id: Id) => modules[id];

import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import * as noDetachedAsyncCallback from './no-detached-async-callback.js';
import * as noFloatingPromise from './no-floating-promise.js';
import * as noOrphanWorker from './no-orphan-worker.js';
import * as noStrayTimer from './no-stray-timer.js';
import * as noSwallowedError from './no-swallowed-error.js';
import * as noUnboundedBuffer from './no-unbounded-buffer.js';
import * as noUnownedState from './no-unowned-state.js';
import * as requireCancellation from './require-cancellation.js';
import { PLUGIN_PREFIX, RULE_CATALOGUE, ruleIds, type RuleId } from '../src/catalogue/rules.js';
import { packageJson } from '../src/package-info.js';

const { name, version } = packageJson;
const require = createRequire(import.meta.url);

/**
 * @typescript-eslint/parser, loaded when ESLint first parses a TypeScript file: loading it loads the
 * TypeScript compiler (0.3 s, 40 MB), which a project linting only JavaScript, or oxlint (which
 * parses by itself), never needs. Same `meta` as the parser's own, so caches and `--print-config` see it.
 */
type TypeScriptParser = typeof import('@typescript-eslint/parser');
// Kept once loaded: `require` resolves the module's path again on every call (a realpath per parsed file).
let loadedParser: TypeScriptParser | undefined;
const tsParser: TSESLint.FlatConfig.Parser = {
  meta: { name: 'typescript-eslint/parser', version: (require('@typescript-eslint/parser/package.json') as { version: string }).version },
  parseForESLint: (code, options) => {
    loadedParser ??= require('@typescript-eslint/parser') as TypeScriptParser;
    return loadedParser.parseForESLint(code, options as Parameters<TypeScriptParser['parseForESLint']>[1]);
  },
};

/**
 * Each rule module exports the rule as default and, where `strict` turns on more checks, the options
 * `strict` runs it with as `strictOptions`. Rule metadata (ids, docs, configs, risk, fixable shapes)
 * lives in the catalogue, src/catalogue/rules.ts, which loads no parser and no rule.
 */
interface RuleModule {
  strictOptions?: readonly unknown[];
}

const ruleModules = {
  'no-floating-promise': noFloatingPromise,
  'no-detached-async-callback': noDetachedAsyncCallback,
  'no-stray-timer': noStrayTimer,
  'no-orphan-worker': noOrphanWorker,
  'no-unowned-state': noUnownedState,
  'no-swallowed-error': noSwallowedError,
  'require-cancellation': requireCancellation,
  'no-unbounded-buffer': noUnboundedBuffer,
} as const satisfies Record<RuleId, unknown>;

export { ruleIds, type RuleId };

export const rules = Object.fromEntries(ruleIds.map((id) => [id, ruleModules[id].default])) as {
  [K in RuleId]: (typeof ruleModules)[K]['default'];
};

type RuleEntry = 'error' | ['error', ...unknown[]];

function recommendedRules(): Record<string, RuleEntry> {
  return Object.fromEntries(
    ruleIds.filter((id) => RULE_CATALOGUE[id].recommended === 'recommended').map((id) => [`${PLUGIN_PREFIX}${id}`, 'error']),
  );
}

function strictRules(): Record<string, RuleEntry> {
  return Object.fromEntries(
    ruleIds.map((id) => {
      const strictOptions = (ruleModules[id] as RuleModule).strictOptions;
      return [`${PLUGIN_PREFIX}${id}`, strictOptions ? ['error', ...strictOptions] : 'error'];
    }),
  );
}

/**
 * Typed with ESLint's own types (a peer dependency), so the plugin and its configs fit `defineConfig`,
 * `Linter.Config[]` and `ESLint.Plugin` in a user's eslint.config.ts (typescript-eslint's FlatConfig
 * types do not: test/types/readme-examples.ts).
 */
const plugin = {
  meta: { name, version },
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
  configs: {} as Record<'recommended' | 'strict', Linter.Config[]>,
} satisfies ESLint.Plugin;

const typescriptFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
/**
 * JavaScript files parsed with JSX: `.jsx`, and `.js`, where React and documentation sites
 * (Docusaurus) write it. JSX changes nothing else a `.js` file can say; `.mjs`/`.cjs` hold none.
 */
export const JSX_JAVASCRIPT_EXTENSIONS: readonly string[] = ['.js', '.jsx'];

function config(configName: 'recommended' | 'strict', ruleLevels: Record<string, RuleEntry>): Linter.Config[] {
  return [
    {
      name: `spawnguard/${configName}/typescript-parser`,
      files: typescriptFiles,
      languageOptions: { parser: tsParser as Linter.Parser },
    },
    {
      name: `spawnguard/${configName}/jsx`,
      files: JSX_JAVASCRIPT_EXTENSIONS.map((extension) => `**/*${extension}`),
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      name: `spawnguard/${configName}`,
      plugins: { spawnguard: plugin },
      rules: ruleLevels,
    },
  ];
}

plugin.configs.recommended = config('recommended', recommendedRules());
plugin.configs.strict = config('strict', strictRules());

export default plugin;
// `require('spawnguard')` (an eslint.config.cjs) gets the plugin itself, as `import` does: Node's
// require(esm) returns this export when there is one (Node >= 20.19; the module graph has no
// top-level await, which require(esm) cannot load).
export { plugin as 'module.exports' };

import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import { PLUGIN_PREFIX, RULE_CATALOGUE, ruleIds, type RuleId } from '../src/catalogue/rules.js';
import { packageJson } from '../src/package-info.js';
import { loadRuleModule, type RuleModules } from './rule-modules.js';

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
 * Rule metadata (ids, docs, configs, risk, fixable shapes) lives in the catalogue,
 * src/catalogue/rules.ts, which loads no parser and no rule; a rule's module (its messages, options
 * and detectors) is loaded when ESLint first reads the rule (rule-modules.ts says why).
 */
export { ruleIds, type RuleId };

type Rules = { [K in RuleId]: RuleModules[K]['default'] };

/**
 * Rule `id` as ESLint reads it, its module loaded on the first read of any of its parts. The same
 * object on every read, so ESLint's caches (per rule object) and `--print-config` see one rule.
 */
function ruleOnDemand<Id extends RuleId>(id: Id): Rules[Id] {
  let loaded: Rules[Id] | undefined;
  const rule = (): Rules[Id] => (loaded ??= loadRuleModule(id).default as Rules[Id]);
  return {
    name: id,
    get meta() {
      return rule().meta;
    },
    get defaultOptions() {
      return rule().defaultOptions;
    },
    create: (context: Parameters<Rules[Id]['create']>[0]) => rule().create(context as never),
  } as Rules[Id];
}

export const rules = Object.fromEntries(ruleIds.map((id) => [id, ruleOnDemand(id)])) as Rules;

type RuleEntry = 'error' | ['error', ...unknown[]];

function recommendedRules(): Record<string, RuleEntry> {
  return Object.fromEntries(
    ruleIds.filter((id) => RULE_CATALOGUE[id].recommended === 'recommended').map((id) => [`${PLUGIN_PREFIX}${id}`, 'error']),
  );
}

function strictRules(): Record<string, RuleEntry> {
  return Object.fromEntries(
    ruleIds.map((id) => {
      const strictOptions = (loadRuleModule(id) as { strictOptions?: readonly unknown[] }).strictOptions;
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
// `strict` passes options to some rules, which their modules hold: computed on its first read, so a
// project on `recommended` loads no rule module until ESLint reads its rules.
let strictConfig: Linter.Config[] | undefined;
Object.defineProperty(plugin.configs, 'strict', {
  enumerable: true,
  get: () => (strictConfig ??= config('strict', strictRules())),
});

export default plugin;
// `require('spawnguard')` (an eslint.config.cjs) gets the plugin itself, as `import` does: Node's
// require(esm) returns this export when there is one (Node >= 20.19; the module graph has no
// top-level await, which require(esm) cannot load).
export { plugin as 'module.exports' };

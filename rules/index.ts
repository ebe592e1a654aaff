import type { TSESLint } from '@typescript-eslint/utils';
import * as tsParser from '@typescript-eslint/parser';
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

const plugin = {
  meta: { name, version },
  rules: rules as unknown as Record<string, TSESLint.LooseRuleDefinition>,
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.ConfigArray>,
};

const typescriptFiles = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

function config(configName: 'recommended' | 'strict', ruleLevels: Record<string, RuleEntry>): TSESLint.FlatConfig.ConfigArray {
  return [
    {
      name: `spawnguard/${configName}/typescript-parser`,
      files: typescriptFiles,
      languageOptions: { parser: tsParser as TSESLint.FlatConfig.Parser },
    },
    {
      name: `spawnguard/${configName}/jsx`,
      files: ['**/*.jsx'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      name: `spawnguard/${configName}`,
      plugins: { spawnguard: plugin as unknown as TSESLint.FlatConfig.Plugin },
      rules: ruleLevels as TSESLint.FlatConfig.Rules,
    },
  ];
}

plugin.configs.recommended = config('recommended', recommendedRules());
plugin.configs.strict = config('strict', strictRules());

export default plugin;

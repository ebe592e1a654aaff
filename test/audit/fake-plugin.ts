// A stand-in for rules/index.ts in the tests of the audit's plumbing: three tiny rules with known,
// easy-to-place findings, so exit codes, baselines and positions are tested independently of how
// the real detectors evolve. The real rules are exercised by invariant.test.ts.
import * as tsParser from '@typescript-eslint/parser';
import type { Rule } from 'eslint';
import type { RiskCategory } from '../../src/catalogue/categories.js';

function callStatementRule(calleePrefix: string, risk: RiskCategory): Rule.RuleModule & { meta: { docs: { risk: RiskCategory } } } {
  return {
    meta: { type: 'problem', docs: { description: `flags ${calleePrefix}*() statements`, recommended: 'recommended', risk } as never, messages: { found: '{{name}}() is unsupervised' }, schema: [] },
    create(context) {
      return {
        'ExpressionStatement > CallExpression'(node: Rule.Node & { callee: { type: string; name?: string } }) {
          const name = node.callee.type === 'Identifier' ? node.callee.name : undefined;
          if (name?.startsWith(calleePrefix)) context.report({ node, messageId: 'found', data: { name } });
        },
      };
    },
  };
}

export const rules = {
  'no-floating-promise': callStatementRule('track', { impact: 'process-crash', isolation: 'none', fixable: 'codemod' }),
  'no-stray-timer': callStatementRule('setInterval', { impact: 'resource-leak', isolation: 'partial', fixable: 'codemod' }),
  'no-unbounded-buffer': callStatementRule('buffer', { impact: 'memory-growth', isolation: 'partial', fixable: 'suggestion' }),
};
export const ruleIds = Object.keys(rules);

const plugin = {
  meta: { name: 'spawnguard', version: '0.0.0-test' },
  rules,
  configs: {} as Record<'recommended' | 'strict', unknown[]>,
};
const ruleLevels = Object.fromEntries(ruleIds.map((id) => [`spawnguard/${id}`, 'error']));
plugin.configs.recommended = [
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },
  { plugins: { spawnguard: plugin }, rules: ruleLevels },
];
plugin.configs.strict = plugin.configs.recommended;
export default plugin;

/** Levels by rule, so each --fail-on threshold can be crossed on purpose. */
const LEVEL = { 'no-floating-promise': 'HIGH', 'no-stray-timer': 'MEDIUM', 'no-unbounded-buffer': 'LOW' } as const;

export const riskModel = {
  locateFinding: (_ast: unknown, file: string) => ({ component: file, context: 'other' as const }),
  collectFileFacts: () => ({ installsProcessErrorHandler: false }),
  mergeFacts: () => ({ hasProcessErrorHandler: false }),
  rateFinding: (ruleId: string) => ({
    impact: rules[ruleId as keyof typeof rules].meta.docs.risk.impact,
    isolation: rules[ruleId as keyof typeof rules].meta.docs.risk.isolation,
    risk: LEVEL[ruleId as keyof typeof LEVEL],
    remedy: 'supervise it',
    fixable: rules[ruleId as keyof typeof rules].meta.docs.risk.fixable === 'codemod',
  }),
};

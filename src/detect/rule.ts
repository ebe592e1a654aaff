import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { RiskCategory } from '../catalogue/categories.js';
import { RULE_CATALOGUE, riskCategoryOf, ruleDocsUrl, type RuleId } from '../catalogue/rules.js';

/** Extra `meta.docs` every spawnguard rule carries: its config and its row in the risk matrix. */
export interface SpawnguardRuleDocs {
  description: string;
  /** The lowest config the rule is on in: 'recommended' rules are in `strict` too. */
  recommended: 'recommended' | 'strict';
  requiresTypeChecking?: boolean;
  risk: RiskCategory;
}

const createNamedRule = ESLintUtils.RuleCreator<SpawnguardRuleDocs>(ruleDocsUrl);

type NamedRule<Options extends readonly unknown[], MessageIds extends string> = ESLintUtils.RuleWithMetaAndName<
  Options,
  MessageIds,
  SpawnguardRuleDocs
>;

/** A rule as a rule file writes it: its `meta.docs` come from the catalogue, by its name. */
export type SpawnguardRuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Omit<
  NamedRule<Options, MessageIds>,
  'name' | 'meta'
> & { name: RuleId; meta: Omit<NamedRule<Options, MessageIds>['meta'], 'docs'> };

export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<SpawnguardRuleDefinition<Options, MessageIds>>,
): ReturnType<typeof createNamedRule<Options, MessageIds>> {
  const entry = RULE_CATALOGUE[rule.name];
  const docs: SpawnguardRuleDocs = {
    description: entry.description,
    recommended: entry.recommended,
    requiresTypeChecking: entry.requiresTypeChecking,
    risk: riskCategoryOf(rule.name),
  };
  return createNamedRule<Options, MessageIds>({ ...rule, meta: { ...rule.meta, docs } });
}

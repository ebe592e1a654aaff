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

/** What `createRule` fills in for every rule, so that a rule file does not repeat it. */
type MetaFromCatalogue = 'docs' | 'type' | 'hasSuggestions';

/**
 * A rule's `meta` as its file declares it: its messages and its options schema. A rule writes it as
 * `const meta = { ... } satisfies SpawnguardRuleMeta` and derives its message ids from it
 * (`keyof typeof meta.messages`), so they are never a second, hand-written list.
 */
export type SpawnguardRuleMeta = Omit<NamedRule<readonly unknown[], string>['meta'], MetaFromCatalogue>;

/** A rule as a rule file writes it: `createRule` adds the rest of `meta` by its name. */
export type SpawnguardRuleDefinition<Options extends readonly unknown[], MessageIds extends string> = Omit<
  NamedRule<Options, MessageIds>,
  'name' | 'meta'
> & { name: RuleId; meta: Omit<NamedRule<Options, MessageIds>['meta'], MetaFromCatalogue> };

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
  return createNamedRule<Options, MessageIds>({
    ...rule,
    meta: {
      ...rule.meta,
      docs,
      // Every spawnguard rule reports code that fails at run time (a crash, a leak, lost work).
      type: 'problem',
      // A fixable shape is rewritten through the suggestion the rule offers for it.
      hasSuggestions: entry.fixable.length > 0,
    },
  });
}

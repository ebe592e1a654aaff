import { rules, ruleIds, type RuleId } from '../../rules/index.js';
import type { RiskCategory } from './categories.js';
import { collectFileFacts, mayContributeFacts, mergeFacts } from './file-facts.js';
import { locate } from './locate.js';
import { rate } from './rating-table.js';
import { remedyFor } from './remedies.js';
import type { RiskModel } from './types.js';

export function isRuleId(ruleId: string): ruleId is RuleId {
  return (ruleIds as readonly string[]).includes(ruleId);
}

/** The rule's own row in the matrix, as declared in its `meta.docs.risk`. */
export function riskCategoryOf(ruleId: RuleId): RiskCategory {
  const risk = rules[ruleId].meta.docs?.risk;
  if (!risk) throw new Error(`spawnguard risk model: rule '${ruleId}' declares no meta.docs.risk`);
  return risk;
}

/**
 * The risk model the audit runs: `locateFinding` and `collectFileFacts` while a file's AST is at
 * hand, `rateFinding` once every file is done (see ./types.ts for the two-step contract, and
 * ./rating-table.ts for the matrix itself).
 */
export const riskModel: RiskModel = {
  locateFinding: locate,
  collectFileFacts,
  mayContributeFacts,
  mergeFacts,
  rateFinding(ruleId, located, project) {
    // Without the `spawnguard/` prefix ESLint adds: the audit may pass either.
    const id = ruleId.startsWith('spawnguard/') ? ruleId.slice('spawnguard/'.length) : ruleId;
    if (!isRuleId(id)) throw new Error(`spawnguard risk model: unknown rule '${ruleId}'`);
    const category = riskCategoryOf(id);
    const rating = rate({
      impact: category.impact,
      isolation: category.isolation,
      context: located.context,
      hasProcessErrorHandler: project.hasProcessErrorHandler,
    });
    return { ...rating, fixable: category.fixable === 'codemod', remedy: remedyFor(id, located.context) };
  },
};

import { catalogueId, riskCategoryOf } from '../catalogue/rules.js';
import { collectFileFacts, mayContributeFacts, mergeFacts } from './file-facts.js';
import { locate } from './locate.js';
import { rate } from './rating-table.js';
import { remedyFor } from './remedies.js';
import type { RiskModel } from './types.js';

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
    // With or without the `spawnguard/` prefix ESLint adds: the audit may pass either.
    const id = catalogueId(ruleId);
    if (!id) throw new Error(`spawnguard risk model: unknown rule '${ruleId}'`);
    const category = riskCategoryOf(id);
    const rating = rate({
      impact: category.impact,
      isolation: category.isolation,
      context: located.context,
      hasProcessErrorHandler: project.hasProcessErrorHandler,
      processErrorsReported: project.processErrorsReported === true,
      ...(located.role ? { role: located.role } : {}),
    });
    return { ...rating, fixable: category.fixable === 'codemod', remedy: remedyFor(id, located.context) };
  },
};

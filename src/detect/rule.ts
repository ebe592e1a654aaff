import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';
import type { RiskCategory } from '../risk/categories.js';

/** Extra `meta.docs` every spawnguard rule carries: its config and its row in the risk matrix. */
export interface SpawnguardRuleDocs {
  description: string;
  /** The lowest config the rule is on in: 'recommended' rules are in `strict` too. */
  recommended: 'recommended' | 'strict';
  requiresTypeChecking?: boolean;
  risk: RiskCategory;
}

export const RULE_DOCS_BASE = 'https://github.com/spawnguard/spawnguard/blob/main/docs/rules/';

export const createRule = ESLintUtils.RuleCreator<SpawnguardRuleDocs>((name) => `${RULE_DOCS_BASE}${name}.md`);

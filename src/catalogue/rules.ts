import type { CrashImpact, Isolation, RiskCategory } from './categories.js';

/**
 * The rule catalogue: every rule's id, docs, config, row in the risk matrix and fixable shapes, in one
 * place that loads no parser and no rule. The rules take their `meta.docs` from here
 * (src/detect/rule.ts); the audit, the risk model, the reports and the CLI read rule metadata here
 * instead of loading the plugin.
 */
export interface CatalogueEntry {
  description: string;
  /** The lowest config the rule is on in: 'recommended' rules are in `strict` too. */
  recommended: 'recommended' | 'strict';
  requiresTypeChecking: boolean;
  impact: CrashImpact;
  isolation: Isolation;
  /**
   * The message ids whose findings `spawnguard fix` rewrites (each names one shape of finding, and the
   * rule offers a suggestion for it); any other message id needs a human. The codemod's rewriter
   * table has exactly these keys (test/catalogue.test.ts).
   */
  fixable: readonly string[];
}

export const RULE_CATALOGUE = {
  'no-floating-promise': {
    description: 'Require every promise to be awaited, returned, stored, passed on, or run under a supervisor',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'process-crash',
    isolation: 'none',
    fixable: ['floatingPromise', 'voidedPromise', 'handledButUnowned', 'floatingAsyncIife'],
  },
  'no-detached-async-callback': {
    description: 'Disallow async callbacks where the callee drops the promise they return',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'process-crash',
    isolation: 'none',
    fixable: ['detachedCallback', 'detachedCallbackLogged'],
  },
  'no-stray-timer': {
    description: 'Disallow repeating timers (`setInterval`, self-rescheduling `setTimeout`) that their owner never stops',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'resource-leak',
    isolation: 'partial',
    fixable: ['discardedInterval', 'unclearedInterval', 'discardedUnrefInterval'],
  },
  'no-orphan-worker': {
    description: 'Disallow worker threads and child processes that their owner does not watch (error + exit) and stop',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'silent-data-loss',
    isolation: 'partial',
    fixable: ['droppedWorker', 'droppedProcess', 'missingHandlers', 'neverTerminated'],
  },
  'no-unowned-state': {
    description: 'Disallow module-level caches, registries and initialisation that no supervisor owns',
    recommended: 'strict',
    requiresTypeChecking: false,
    impact: 'stale-state',
    isolation: 'partial',
    fixable: ['moduleContainer'],
  },
  'no-swallowed-error': {
    description: 'Disallow catching an error or rejection and dropping it without a log, a report, a rethrow or a comment',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'silent-data-loss',
    isolation: 'partial',
    fixable: ['swallowingHandler'],
  },
  'require-cancellation': {
    description: 'Require HTTP calls to carry an AbortSignal or a timeout',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'hung-work',
    isolation: 'partial',
    fixable: ['missingSignalInTask'],
  },
  'no-unbounded-buffer': {
    description: 'Disallow stream writes in loops that ignore backpressure, and push-only queues filled by handlers',
    recommended: 'recommended',
    requiresTypeChecking: false,
    impact: 'memory-growth',
    isolation: 'none',
    fixable: ['ignoredWriteInAsyncLoop'],
  },
} as const satisfies Record<string, CatalogueEntry>;

export type RuleId = keyof typeof RULE_CATALOGUE;
/** In the order the plugin lists them (and SARIF, and the docs). */
export const ruleIds = Object.keys(RULE_CATALOGUE) as RuleId[];

/** The prefix ESLint puts before a plugin rule's id. */
export const PLUGIN_PREFIX = 'spawnguard/';

export const RULE_DOCS_BASE = 'https://github.com/spawnguard/spawnguard/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE}${ruleId}.md`;
}

export function isRuleId(ruleId: string): ruleId is RuleId {
  return Object.hasOwn(RULE_CATALOGUE, ruleId);
}

/** The catalogue id of an id ESLint reports (`spawnguard/x`) or of a bare one; undefined for any other rule. */
export function catalogueId(ruleId: string): RuleId | undefined {
  const id = ruleId.startsWith(PLUGIN_PREFIX) ? ruleId.slice(PLUGIN_PREFIX.length) : ruleId;
  return isRuleId(id) ? id : undefined;
}

/** The rule's row in the risk matrix; `fixable` is 'codemod' when `spawnguard fix` rewrites any of its shapes. */
export function riskCategoryOf(ruleId: RuleId): RiskCategory {
  const entry: CatalogueEntry = RULE_CATALOGUE[ruleId];
  return { impact: entry.impact, isolation: entry.isolation, fixable: entry.fixable.length > 0 ? 'codemod' : 'suggestion' };
}

/** Whether `spawnguard fix` rewrites this shape of finding (when the rule offered a suggestion for it). */
export function isFixableShape(ruleId: string, messageId: string): boolean {
  const id = catalogueId(ruleId);
  return id !== undefined && (RULE_CATALOGUE[id].fixable as readonly string[]).includes(messageId);
}

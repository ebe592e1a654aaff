import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleId } from '../../catalogue/rules.js';
import type { rules } from '../../../rules/index.js';
import { narrowedValues } from '../../rewrite/shapes.js';
import type { ReportedFinding } from '../finding-locator.js';
import type { Rewriter } from '../transform.js';
import { noDetachedAsyncCallbackRewriters } from './no-detached-async-callback.js';
import { noFloatingPromiseRewriters } from './no-floating-promise.js';
import { noOrphanWorkerRewriters } from './no-orphan-worker.js';
import { noStrayTimerRewriters } from './no-stray-timer.js';
import { noSwallowedErrorRewriters } from './no-swallowed-error.js';
import { noUnboundedBufferRewriters } from './no-unbounded-buffer.js';
import { noUnownedStateRewriters } from './no-unowned-state.js';
import { requireCancellationRewriters } from './require-cancellation.js';

/**
 * The rewrites per rule, keyed by the messageId the rule reports: a messageId names one shape of
 * finding and so one rewrite. A messageId with no entry needs a human (it is listed as remaining).
 */
/** The message ids a rule reports, from its module's type (`createRule<Options, MessageIds>`). */
type MessageIdsOf<R extends RuleId> = (typeof rules)[R] extends TSESLint.RuleModule<infer MessageIds, any, any, any> ? MessageIds : never;

/** Per rule, a rewriter for some of its message ids: a misspelt or renamed id fails to compile. */
type RewriterTable = { [R in RuleId]: Partial<Record<MessageIdsOf<R>, Rewriter>> };

const rewritersByRule: RewriterTable = {
  'no-floating-promise': noFloatingPromiseRewriters,
  'no-detached-async-callback': noDetachedAsyncCallbackRewriters,
  'no-stray-timer': noStrayTimerRewriters,
  'no-orphan-worker': noOrphanWorkerRewriters,
  'no-unowned-state': noUnownedStateRewriters,
  'no-swallowed-error': noSwallowedErrorRewriters,
  'require-cancellation': requireCancellationRewriters,
  'no-unbounded-buffer': noUnboundedBufferRewriters,
};

export function rewritersFor(ruleId: RuleId): Readonly<Record<string, Rewriter>> {
  // Looked up with the messageId ESLint reports (a string); the table's keys are checked when written.
  return rewritersByRule[ruleId] as Readonly<Record<string, Rewriter>>;
}

/**
 * Findings whose rewrite is the rule's suggestion, applied as a text edit, although their shape has an
 * AST rewriter: a floating call that reads narrowed values becomes statements (the consts that read
 * them, then the task), and recast would lay out an enclosing `if` anew around a replaced statement.
 */
export function appliesSuggestion(finding: ReportedFinding, sourceCode: Readonly<TSESLint.SourceCode> | undefined): boolean {
  return finding.ruleId === 'no-floating-promise' && finding.node != null && sourceCode != null && narrowedValues(finding.node, sourceCode).length > 0;
}

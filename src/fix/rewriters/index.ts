import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleId } from '../../catalogue/rules.js';
import type { rules } from '../../../rules/index.js';
import { constructorReadiness, declaredSpawnType, insideTryBlock, intentionalSwallow, listenerIdentityInUse, notASupervisableCache } from '../../rewrite/refusals.js';
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

/**
 * Why a finding whose shape has a rewrite is left to a human here, because the rewrite would change
 * what the code does (rewrite/refusals.ts): the rule declined to suggest it, or (for a module-level
 * cache, which an editor user may still choose) the bulk fix declines to apply it. Undefined otherwise.
 */
export function refusalFor(finding: ReportedFinding, sourceCode: Readonly<TSESLint.SourceCode>, filePath: string): string | undefined {
  const node = finding.node;
  if (!node) return undefined;
  switch (finding.ruleId) {
    case 'no-unowned-state': {
      const declarator = node.parent;
      if (finding.messageId !== 'moduleContainer' || declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
      return notASupervisableCache(declarator.id.name, node, filePath) ?? undefined;
    }
    case 'no-detached-async-callback':
      return listenerIdentityInUse(node, sourceCode) ?? undefined;
    case 'no-swallowed-error':
      return intentionalSwallow(node, sourceCode) ?? undefined;
    case 'no-floating-promise':
      return insideTryBlock(node) ?? constructorReadiness(node) ?? undefined;
    case 'no-orphan-worker':
      return declaredSpawnType(node, sourceCode) ?? undefined;
    default:
      return undefined;
  }
}

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

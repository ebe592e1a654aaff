import { startTaskName } from '../../detect/component-names.js';
import { startsTaskAsync, taskNameOptions } from '../../rewrite/shapes.js';
import type { RewriteContext, Rewriter } from '../transform.js';
import { expressionAt, isFunctionNode, parseExpression, replaceKeepingComments, runtimeMember, unwrapParenthesized } from './shared.js';
import type { MessageIds } from '../../../rules/no-floating-promise.js';

/** The `{ name }` the rule's suggestion gives the task (rewrite/shapes.ts `tasksStartCall`). */
function nameOptions(context: RewriteContext): any {
  return parseExpression(context, taskNameOptions(startTaskName(context.finding.node!, context.filePath), context));
}

/**
 * `X` or `void X` -> `tasks.start(() => X, { name: '<module>.<callee>' })` (`async () => X` in TypeScript,
 * rewrite/shapes.ts `startsTaskAsync`): the task owns the promise, reports its rejection. Where X
 * reads values the code around narrowed, the rule's suggestion is applied instead (see
 * `appliesSuggestion` in ./index.ts): it reads them into consts first, a statement-level edit.
 */
const startAsTask: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target || !context.finding.node) return false;
  const { j } = context;
  const voided = target.parent?.node.type === 'UnaryExpression' && target.parent.node.operator === 'void' ? target.parent : null;
  const started = j.arrowFunctionExpression([], target.node);
  started.async = startsTaskAsync(context.filePath);
  const call = j.callExpression(runtimeMember(context, 'tasks', 'start'), [started, nameOptions(context)]);
  replaceKeepingComments(voided ?? target, call);
  return true;
};

/** `(async () => { ... })()` -> `tasks.start(async () => { ... }, { name })`. */
const startIifeAsTask: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target || !context.finding.node || target.node.type !== 'CallExpression' || target.node.arguments.length > 0) return false;
  const fn = unwrapParenthesized(target.node.callee);
  if (!isFunctionNode(fn) || fn.params.length > 0) return false;
  const { j } = context;
  const voided = target.parent?.node.type === 'UnaryExpression' && target.parent.node.operator === 'void' ? target.parent : null;
  replaceKeepingComments(voided ?? target, j.callExpression(runtimeMember(context, 'tasks', 'start'), [fn, nameOptions(context)]));
  return true;
};

export const noFloatingPromiseRewriters = {
  floatingPromise: startAsTask,
  voidedPromise: startAsTask,
  handledButUnowned: startAsTask,
  floatingAsyncIife: startIifeAsTask,
} satisfies Partial<Record<MessageIds, Rewriter>>;

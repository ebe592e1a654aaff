import type { Rewriter } from '../transform.js';
import { expressionAt, isFunctionNode, replaceKeepingComments, runtimeMember, unwrapParenthesized } from './shared.js';
import type { MessageIds } from '../../../rules/no-floating-promise.js';

/**
 * `X` or `void X` -> `tasks.start(() => X)`: the task owns the promise, reports its rejection. Where X
 * reads values the code around narrowed, the rule's suggestion is applied instead (see
 * `appliesSuggestion` in ./index.ts): it reads them into consts first, a statement-level edit.
 */
const startAsTask: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target) return false;
  const { j } = context;
  const voided = target.parent?.node.type === 'UnaryExpression' && target.parent.node.operator === 'void' ? target.parent : null;
  const call = j.callExpression(runtimeMember(context, 'tasks', 'start'), [j.arrowFunctionExpression([], target.node)]);
  replaceKeepingComments(voided ?? target, call);
  return true;
};

/** `(async () => { ... })()` -> `tasks.start(async () => { ... })`. */
const startIifeAsTask: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target || target.node.type !== 'CallExpression' || target.node.arguments.length > 0) return false;
  const fn = unwrapParenthesized(target.node.callee);
  if (!isFunctionNode(fn) || fn.params.length > 0) return false;
  const { j } = context;
  const voided = target.parent?.node.type === 'UnaryExpression' && target.parent.node.operator === 'void' ? target.parent : null;
  replaceKeepingComments(voided ?? target, j.callExpression(runtimeMember(context, 'tasks', 'start'), [fn]));
  return true;
};

export const noFloatingPromiseRewriters = {
  floatingPromise: startAsTask,
  voidedPromise: startAsTask,
  handledButUnowned: startAsTask,
  floatingAsyncIife: startIifeAsTask,
} satisfies Partial<Record<MessageIds, Rewriter>>;

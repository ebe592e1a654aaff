import type { Rewriter } from '../transform.js';
import { expressionAt, replaceKeepingComments, runtimeMember } from './shared.js';
import type { MessageIds } from '../../../rules/no-detached-async-callback.js';

/** `emitter.on('x', async (...) => {...})` -> `emitter.on('x', tasks.callback(async (...) => {...}))`. */
const wrapInTasksCallback: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target) return false;
  const { j } = context;
  replaceKeepingComments(target, j.callExpression(runtimeMember(context, 'tasks', 'callback'), [target.node]));
  return true;
};

export const noDetachedAsyncCallbackRewriters = {
  detachedCallback: wrapInTasksCallback,
} satisfies Partial<Record<MessageIds, Rewriter>>;

import { callbackTaskName } from '../../detect/component-names.js';
import { taskNameOptions } from '../../rewrite/shapes.js';
import type { Rewriter } from '../transform.js';
import { expressionAt, parseExpression, replaceKeepingComments, runtimeMember } from './shared.js';
import type { MessageIds } from '../../../rules/no-detached-async-callback.js';

/**
 * `emitter.on('x', async (...) => {...})` -> `emitter.on('x', tasks.callback(async (...) => {...}, { name: '<module>.x' }))`:
 * the shape of rewrite/shapes.ts `tasksCallbackCall`, built around the callback's node so that
 * rewrites already made inside it stay.
 */
const wrapInTasksCallback: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target || !context.finding.node) return false;
  const { j } = context;
  const options = parseExpression(context, taskNameOptions(callbackTaskName(context.finding.node, context.filePath), context));
  replaceKeepingComments(target, j.callExpression(runtimeMember(context, 'tasks', 'callback'), [target.node, options]));
  return true;
};

export const noDetachedAsyncCallbackRewriters = {
  detachedCallback: wrapInTasksCallback,
  detachedCallbackLogged: wrapInTasksCallback,
} satisfies Partial<Record<MessageIds, Rewriter>>;

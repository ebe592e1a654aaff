import type { Rewriter } from '../transform.js';
import { expressionAt, replaceKeepingComments } from './shared.js';

/** `stream.write(chunk);` in async code -> `if (!stream.write(chunk)) await once(stream, 'drain');`. */
const awaitDrain: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  const statement = target?.parent;
  if (
    !target ||
    target.node.type !== 'CallExpression' ||
    target.node.callee.type !== 'MemberExpression' ||
    statement?.node.type !== 'ExpressionStatement'
  ) {
    return false;
  }
  const { j } = context;
  const receiver = target.node.callee.object;
  const wait = j.awaitExpression(j.callExpression(j.identifier(context.events.local('once')), [receiver, j.stringLiteral('drain')]));
  replaceKeepingComments(statement, j.ifStatement(j.unaryExpression('!', target.node), j.expressionStatement(wait)));
  return true;
};

export const noUnboundedBufferRewriters = {
  ignoredWriteInAsyncLoop: awaitDrain,
};

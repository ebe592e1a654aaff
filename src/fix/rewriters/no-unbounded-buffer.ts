import type { Rewriter } from '../transform.js';
import { codeOf, expressionAt, replaceKeepingComments } from './shared.js';

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
  const quote = context.quote === 'single' ? "'" : '"';
  // Parsed from text (the call and receiver exactly as written) so recast prints it on one line, as the
  // rule's suggestion writes it; a built IfStatement would put its body on a line of its own.
  const replacement = j(
    `if (!${codeOf(context, target.node)}) await ${context.events.local('once')}(${codeOf(context, target.node.callee.object)}, ${quote}drain${quote})${context.semicolons ? ';' : ''}`,
  )
    .find(j.IfStatement)
    .get().node;
  replaceKeepingComments(statement, replacement);
  return true;
};

export const noUnboundedBufferRewriters = {
  ignoredWriteInAsyncLoop: awaitDrain,
};

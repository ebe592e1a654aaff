import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { intervalIdFor } from '../../detect/component-names.js';
import { describeStorage, followHandle } from '../../detect/ownership.js';
import type { RewriteContext, Rewriter } from '../transform.js';
import { quoted, withFirstArgumentOnItsLine } from '../../rewrite/shapes.js';
import { codeOf, expressionAt, parseExpression, replaceKeepingComments, runtimeMember } from './shared.js';
import type { MessageIds } from '../../../rules/no-stray-timer.js';

/** The id the rule's suggestion gives this interval (named from where its handle is kept). */
function intervalId(context: RewriteContext): string | null {
  const call = context.finding.node;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !context.sourceCode) return null;
  const storage = describeStorage(followHandle(call, context.sourceCode).home);
  return context.ids.claim(intervalIdFor(context.filePath, call, storage));
}

/** `setInterval(fn, ms)` -> `supervise.interval(id, fn, ms)`, arguments kept as written. */
const superviseInterval: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  const id = intervalId(context);
  if (!target || target.node.type !== 'CallExpression' || id === null) return false;
  const supervise = context.runtime.local('supervise');
  // A call written one argument per line keeps that layout (and its trailing comma): as text.
  const multiLine = withFirstArgumentOnItsLine(codeOf(context, target.node), codeOf(context, target.node.callee), `${supervise}.interval`, quoted(id, context));
  if (multiLine !== null) {
    replaceKeepingComments(target, parseExpression(context, multiLine));
    return true;
  }
  target.node.callee = runtimeMember(context, 'supervise', 'interval');
  target.node.arguments.unshift(context.j.stringLiteral(id));
  return true;
};

/** `setInterval(fn, ms).unref()` -> `supervise.interval(id, fn, ms, { unref: true })`. */
const superviseUnrefInterval: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  const id = intervalId(context);
  const member = target?.parent;
  const unrefCall = member?.parent;
  if (!target || id === null || member?.node.type !== 'MemberExpression' || unrefCall?.node.type !== 'CallExpression') return false;
  const { j } = context;
  // Parsed from text so recast prints it as written, on one line (it breaks built objects over lines).
  const options = j('options = { unref: true }').find(j.ObjectExpression).get().node;
  const call = j.callExpression(runtimeMember(context, 'supervise', 'interval'), [j.stringLiteral(id), ...target.node.arguments, options]);
  replaceKeepingComments(unrefCall, call);
  return true;
};

export const noStrayTimerRewriters = {
  discardedInterval: superviseInterval,
  unclearedInterval: superviseInterval,
  discardedUnrefInterval: superviseUnrefInterval,
} satisfies Partial<Record<MessageIds, Rewriter>>;

import { reportComponentFor } from '../../detect/component-names.js';
import type { Rewriter } from '../transform.js';
import { expressionAt, replaceKeepingComments } from './shared.js';
import type { MessageIds } from '../../../rules/no-swallowed-error.js';

/** `.catch(() => {})` -> `.catch(report('<component>'))`: the error is published instead of dropped. */
const reportInstead: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  if (!target || !context.finding.node) return false;
  const { j } = context;
  const component = reportComponentFor(context.finding.node, context.filePath);
  replaceKeepingComments(target, j.callExpression(j.identifier(context.runtime.local('report')), [j.stringLiteral(component)]));
  return true;
};

export const noSwallowedErrorRewriters = {
  swallowingHandler: reportInstead,
} satisfies Partial<Record<MessageIds, Rewriter>>;

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { cacheIdFor } from '../../detect/component-names.js';
import type { Rewriter } from '../transform.js';
import { codeOf, expressionAt, parseExpression, replaceKeepingComments, runtimeMember } from './shared.js';

/** `const cache = new Map()` -> `const cache = supervise.cache('<module>.cache', () => new Map())`. */
const superviseCache: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  const declarator = context.finding.node?.parent;
  if (!target || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  const { j } = context;
  const id = context.ids.claim(cacheIdFor(declarator.id.name, context.filePath));
  if (target.node.type === 'ObjectExpression') {
    // An arrow returning an object literal needs parentheses, and a built arrow would make recast lay
    // the object out over several lines: write it as text, the object exactly as it stands.
    const factory = parseExpression(context, `() => (${codeOf(context, target.node)})`);
    replaceKeepingComments(target, j.callExpression(runtimeMember(context, 'supervise', 'cache'), [j.stringLiteral(id), factory]));
    return true;
  }
  const factory = j.arrowFunctionExpression([], target.node);
  replaceKeepingComments(target, j.callExpression(runtimeMember(context, 'supervise', 'cache'), [j.stringLiteral(id), factory]));
  return true;
};

export const noUnownedStateRewriters = {
  moduleContainer: superviseCache,
};

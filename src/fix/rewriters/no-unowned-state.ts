import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { cacheIdFor } from '../../detect/component-names.js';
import { cacheTypeArgument, superviseCacheCall } from '../../rewrite/shapes.js';
import type { Rewriter } from '../transform.js';
import { codeOf, expressionAt, parseExpression, replaceKeepingComments } from './shared.js';
import type { MessageIds } from '../../../rules/no-unowned-state.js';

/** `const cache = new Map()` -> `const cache = supervise.cache('<module>.cache', () => new Map())`. */
const superviseCache: Rewriter = (context) => {
  const target = expressionAt(context.candidates);
  const declarator = context.finding.node?.parent;
  if (!target || !context.sourceCode || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return false;
  }
  const sourceCode = context.sourceCode;
  const typeArgument = cacheTypeArgument(declarator.id.typeAnnotation?.typeAnnotation, (node) => sourceCode.getText(node as TSESTree.Node));
  if (typeArgument === null) return false;
  const id = context.ids.claim(cacheIdFor(declarator.id.name, context.filePath));
  const supervise = context.runtime.local('supervise');
  // Written as text, the container exactly as it stands: a built arrow would make recast lay an
  // object literal out over several lines.
  const call = superviseCacheCall(supervise, id, codeOf(context, target.node), target.node.type === 'ObjectExpression', typeArgument, context);
  replaceKeepingComments(target, parseExpression(context, call));
  return true;
};

export const noUnownedStateRewriters = {
  moduleContainer: superviseCache,
} satisfies Partial<Record<MessageIds, Rewriter>>;

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { walk } from './walk.js';

/** The function nodes that have a body: what "the enclosing function" or "a callback" means everywhere. */
export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The functions around `node`, innermost first (`node` itself excluded). */
export function* enclosingFunctions(node: TSESTree.Node): Generator<FunctionNode> {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) yield current;
  }
}

/**
 * A function or a class body: the code inside runs at another time than the code around it (when
 * called, or when the class is built or instantiated), so a walk of "this code" stops there.
 */
export function runsLater(node: TSESTree.Node): boolean {
  return isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody;
}

/** `node` runs where it stands, in its module's top level: no function or class body around it. */
export function runsAtModuleTopLevel(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (runsLater(current)) return false;
  }
  return true;
}

/** The innermost function around `node`, or null at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (const fn of enclosingFunctions(node)) return fn;
  return null;
}

/**
 * A prologue directive (`'use strict';`). Tested by the type of `directive`, not its presence: espree
 * and typescript-eslint leave it out of other expression statements, oxlint's ESTree sets it to null.
 */
export function isDirective(statement: TSESTree.Node): statement is TSESTree.ExpressionStatement & { directive: string } {
  return statement.type === AST_NODE_TYPES.ExpressionStatement && typeof statement.directive === 'string';
}

/**
 * Every `return` argument of `fn`'s block body (not of nested functions or classes); undefined when one
 * returns nothing, unless `allowBare`. An expression body is not a `return`: callers judge it themselves.
 */
export function returnedExpressions(fn: TSESTree.FunctionLike, allowBare = false): TSESTree.Expression[] | undefined {
  const found: TSESTree.Expression[] = [];
  let bare = false;
  if (fn.body) {
    walk(fn.body, (node) => {
      if (runsLater(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        if (node.argument) found.push(node.argument);
        else bare = true;
      }
    });
  }
  return bare && !allowBare ? undefined : found;
}

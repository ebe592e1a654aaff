import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast/functions.js';

/**
 * Every call of `fn` when it is a function declaration or a `const` function of this file used only
 * by direct calls (not exported, not passed on, not stored); null when something else may call it.
 * The file then shows everything that can run `fn`: what its callers pass, and when they run.
 */
export function directCallsOnly(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] | null {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.parent.kind === 'const' && fn.parent.id.type === AST_NODE_TYPES.Identifier) name = fn.parent.id;
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
  const exported = declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration?.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  if (!name || exported) return null;
  const variable = sourceCode.getDeclaredVariables(declaration!).find((candidate) => candidate.name === name.name);
  if (!variable) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const use = reference.identifier;
    if (use.parent?.type !== AST_NODE_TYPES.CallExpression || use.parent.callee !== use) return null;
    calls.push(use.parent);
  }
  return calls;
}

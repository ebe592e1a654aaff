import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { FunctionNode } from '../ast/functions.js';
import { exportsUnderItsOwnName, isExportingReference } from '../ast/names.js';

/** How a file uses one of its functions: the calls it makes of it, and whether it exports it under its own name. */
export interface LocalUses {
  name: string;
  calls: TSESTree.CallExpression[];
  exported: boolean;
}

/** How a file uses one of its functions when it also hands it on: `passedTo` holds the calls it is an argument of (`process.on('SIGTERM', stop)`). */
export interface FunctionUses extends LocalUses {
  passedTo: TSESTree.CallExpression[];
}

/**
 * The uses of `fn`, a function declaration or a `const` function of this file, when every one is a
 * direct call, an argument of a call, or an export under its own name (`export function f`,
 * `module.exports = { f }`); null when something else may call it (it is stored, default-exported or
 * exported under another name).
 */
export function functionUsesOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): FunctionUses | null {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.parent.kind === 'const' && fn.parent.id.type === AST_NODE_TYPES.Identifier) name = fn.parent.id;
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent.parent;
  if (!name || !declaration || declaration.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return null;
  const variable = sourceCode.getDeclaredVariables(declaration).find((candidate) => candidate.name === name.name);
  if (!variable) return null;
  let exported = declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
  const calls: TSESTree.CallExpression[] = [];
  const passedTo: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init === true) continue;
    const use = reference.identifier;
    if (use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use) calls.push(use.parent);
    else if (use.parent?.type === AST_NODE_TYPES.CallExpression && use.parent.arguments.includes(use as TSESTree.Identifier)) passedTo.push(use.parent);
    else if (use.type === AST_NODE_TYPES.Identifier && isExportingReference(use) && exportsUnderItsOwnName(use)) exported = true;
    else return null;
  }
  return { name: name.name, calls, exported, passedTo };
}

/**
 * The uses of `fn` when every one is a direct call or an export under its own name; null when
 * something else may call it (it is passed on, stored, default-exported or exported under another name).
 */
export function localUsesOf(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): LocalUses | null {
  const uses = functionUsesOf(fn, sourceCode);
  return uses && uses.passedTo.length === 0 ? { name: uses.name, calls: uses.calls, exported: uses.exported } : null;
}

/**
 * Every call of `fn` when this file uses it only by direct calls (not exported, not passed on, not
 * stored); null when something else may call it. The file then shows everything that can run `fn`:
 * what its callers pass, and when they run.
 */
export function directCallsOnly(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] | null {
  const uses = localUsesOf(fn, sourceCode);
  return uses && !uses.exported ? uses.calls : null;
}

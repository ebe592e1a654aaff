import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { keyName } from './names.js';

/** The wrappers that do not change which value an expression denotes: `a?.b` chains, `h!`, `h as T`, `h satisfies T`, `<T>h`. */
export type TransparentWrapper =
  | TSESTree.ChainExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion;

const TRANSPARENT_WRAPPER_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

export function isTransparentWrapper(node: TSESTree.Node): node is TransparentWrapper {
  return TRANSPARENT_WRAPPER_TYPES.has(node.type);
}

/** Strips the wrappers that do not change which value an expression denotes. */
export function skipTransparentWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTransparentWrapper(current)) current = current.expression;
  return current;
}

/**
 * Skips wrappers and calls of `method` on the value: `p.finally(f)` for 'finally', `f.bind(this)`
 * for 'bind', any number of them, leaving the receiver of the first.
 */
export function skipMethodCalls(node: TSESTree.Node, method: string): TSESTree.Node {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = skipTransparentWrappers(current.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || keyName(callee) !== method) break;
    current = skipTransparentWrappers(callee.object);
  }
  return current;
}

/** Climbs the wrappers that keep the same value: `(h as T)`, `h!`, `a?.b` chains, `c ? h : x`, `a || h`. */
export function outermostSameValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let parent = current.parent; parent; parent = current.parent) {
    const sameValue =
      isTransparentWrapper(parent) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current);
    if (!sameValue) break;
    current = parent;
  }
  return current;
}

/**
 * `Global.member`, wrappers skipped: the callee of `Promise.all(...)` or `Object.assign(...)`, with
 * `Global` a bare identifier (read syntactically: such globals are never shadowed in practice) and
 * the member one of `members`.
 */
export function isMemberOfGlobal(callee: TSESTree.Node, globalName: string, members: ReadonlySet<string>): boolean {
  const member = skipTransparentWrappers(callee);
  return (
    member.type === AST_NODE_TYPES.MemberExpression &&
    member.object.type === AST_NODE_TYPES.Identifier &&
    member.object.name === globalName &&
    members.has(keyName(member) ?? '')
  );
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { keyName } from './names.js';

/** Strips the wrappers that do not change which value an expression denotes. */
export function skipTransparentWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
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

/** Climbs the wrappers that keep the same value: `(h as T)`, `h!`, `a?.b` chains, `void h`, `c ? h : x`. */
export function outermostSameValue(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    switch (parent.type) {
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return current;
        current = parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right !== current) return current;
        current = parent;
        continue;
      default:
        return current;
    }
  }
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

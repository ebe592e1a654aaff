import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The scope a node is in, as a rule's `sourceCode.getScope(node)` answers it: what a detector that
 * reads both the linted file and another file's parse (project-files) takes, so it resolves names the
 * same way in each.
 */
export type ScopeOf = (node: TSESTree.Node) => TSESLint.Scope.Scope;

/** The linted file's scopes. */
export function scopesOfSourceCode(sourceCode: Readonly<TSESLint.SourceCode>): ScopeOf {
  return (node) => sourceCode.getScope(node);
}

/** Another file's scopes, from its parse: ESLint's `SourceCode#getScope` on the parser's scope manager. */
export function scopesOfManager(scopeManager: TSESLint.Scope.ScopeManager): ScopeOf {
  return (node) => {
    // A function's own node acquires its inner scope, as in ESLint (the Program its global scope).
    const inner = node.type !== AST_NODE_TYPES.Program;
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      const scope = scopeManager.acquire(current, inner);
      if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0]! : scope;
    }
    return scopeManager.scopes[0]!;
  };
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { walk } from './walk.js';

/**
 * Every module a file loads, as written: `import ... from 's'`, `export ... from 's'`, `import('s')`,
 * `require('s')` with a literal specifier.
 */
export function moduleSpecifiers(program: TSESTree.Program): string[] {
  const specifiers: string[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.ImportDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration) specifiers.push(node.source.value);
    else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration && node.source) specifiers.push(node.source.value);
    else if (node.type === AST_NODE_TYPES.ImportExpression && node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string') {
      specifiers.push(node.source.value);
    } else {
      const required = requiredSpecifier(node);
      if (required !== null) specifiers.push(required);
    }
  });
  return specifiers;
}

/** The specifier of `require('s')` as written (a literal), else null. Scope-blind: a shadowed `require` reads the same. */
export function requiredSpecifier(node: TSESTree.Node): string | null {
  return node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof node.arguments[0].value === 'string'
    ? node.arguments[0].value
    : null;
}

/** The package a specifier names (`@scope/name`, `name`), or undefined for a relative, `#` or `node:` import. */
export function packageNameOf(specifier: string): string | undefined {
  if (/^[./#]/.test(specifier) || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

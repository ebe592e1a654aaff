import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { walk } from './walk.js';
import { skipTransparentWrappers } from './wrappers.js';

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
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const required = requiredSpecifier(node);
      if (required !== null) specifiers.push(required);
    }
  });
  return specifiers;
}

/**
 * The specifier of `require('s')` as written (a literal; through `as` and `!`), else null. Scope-blind: a
 * shadowed `require` reads the same (module-bindings' `requiredModule` asks the scope).
 */
export function requiredSpecifier(node: TSESTree.Node): string | null {
  const call = skipTransparentWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return null;
  const [argument] = call.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** The package a specifier names (`@scope/name`, `name`), or undefined for a relative, `#` or `node:` import. */
export function packageNameOf(specifier: string): string | undefined {
  if (/^[./#]/.test(specifier) || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

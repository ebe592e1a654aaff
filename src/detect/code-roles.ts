import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { keyName } from '../ast/names.js';
import { BROWSER_DIRECTORIES, DEMO_DIRECTORIES, TOOLING_DIRECTORIES } from './entry-files.js';

/**
 * What code is for, beyond the application itself: browser code and demonstration code by where the
 * file sits (the directory sets of ./entry-files.ts), development-only code by the branch it sits in.
 */

/**
 * What a file under these directories is for (`client/` browser code, `examples/` or `scripts/`
 * demonstration code), for a path already relative to its project; null for the application itself.
 */
export function directoryRole(directories: readonly string[]): 'browser' | 'demo' | null {
  if (directories.some((directory) => BROWSER_DIRECTORIES.has(directory))) return 'browser';
  if (directories.some((directory) => DEMO_DIRECTORIES.has(directory) || TOOLING_DIRECTORIES.has(directory))) return 'demo';
  return null;
}

/**
 * A development- or test-only branch: `if (isDev) { app.post('/test-webhook', ...) }`,
 * `if (process.env.NODE_ENV === 'development') {...}`. What it registers never runs in production, so
 * a failure there is seen by the developer running it.
 */
const DEVELOPMENT_FLAG = /^(is|in)?_?(dev|development|test|testing|e2e)(_?mode|_?env)?$/i;
const DEVELOPMENT_ENVIRONMENTS = new Set(['development', 'dev', 'test', 'e2e']);

export function inDevelopmentOnlyBranch(node: TSESTree.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && isDevelopmentTest(parent.test)) return true;
  }
  return false;
}

function isDevelopmentTest(test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '&&') return isDevelopmentTest(test.left) || isDevelopmentTest(test.right);
  const name = test.type === AST_NODE_TYPES.Identifier ? test.name : test.type === AST_NODE_TYPES.MemberExpression ? keyName(test) : null;
  if (name !== null) return DEVELOPMENT_FLAG.test(name);
  if (test.type === AST_NODE_TYPES.BinaryExpression && (test.operator === '===' || test.operator === '==')) {
    const [value, other] = test.right.type === AST_NODE_TYPES.Literal ? [test.right, test.left] : [test.left, test.right];
    return (
      value.type === AST_NODE_TYPES.Literal &&
      typeof value.value === 'string' &&
      DEVELOPMENT_ENVIRONMENTS.has(value.value) &&
      other.type === AST_NODE_TYPES.MemberExpression &&
      keyName(other) === 'NODE_ENV'
    );
  }
  return false;
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { basename, extname, relative, resolve } from 'node:path';
import { keyName } from '../ast/names.js';
import { packageRoot } from './frameworks.js';

/**
 * What a file is for, from where it sits. Entry files: the program itself (a server's `main.ts`, a CLI, a script, an example), not a module
 * other code imports. A call at the top level of one IS the program: `main();` whose rejection
 * prints the error and exits 1, as the author wants; `init();` that sets the program up once. Neither
 * is floating work nor state someone must own.
 */
const ENTRY_BASENAMES = new Set(['main', 'server', 'cli', 'bootstrap', 'start', 'run']);
const ENTRY_DIRECTORIES = new Set(['scripts', 'script', 'bin', 'examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmarks']);

export function isEntryFile(filename: string): boolean {
  const name = basename(filename, extname(filename));
  return ENTRY_BASENAMES.has(name) || projectDirectories(filename).some((directory) => ENTRY_DIRECTORIES.has(directory));
}

/**
 * Browser code kept in a server's repository (`client/`, `frontend/`, `browser/`, `public/`, `www/`):
 * there an unhandled rejection is a console error, not a process crash.
 */
const BROWSER_DIRECTORIES = new Set(['client', 'frontend', 'browser', 'public', 'www']);

export function isBrowserFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => BROWSER_DIRECTORIES.has(directory));
}

/**
 * Demonstration code (`examples/`, `playground/`, `bench/`): it starts things, runs, and stops them;
 * a failure ends the demo, which is what its reader wants to see.
 */
const DEMO_DIRECTORIES = new Set(['examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmarks']);

export function isDemoFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => DEMO_DIRECTORIES.has(directory));
}

/**
 * What a file under these directories is for (`client/` browser code, `examples/` or `scripts/`
 * demonstration code), for a path already relative to its project; null for the application itself.
 */
const SCRIPT_DIRECTORIES = new Set(['scripts', 'script']);

export function directoryRole(directories: readonly string[]): 'browser' | 'demo' | null {
  if (directories.some((directory) => BROWSER_DIRECTORIES.has(directory))) return 'browser';
  if (directories.some((directory) => DEMO_DIRECTORIES.has(directory) || SCRIPT_DIRECTORIES.has(directory))) return 'demo';
  return null;
}

/** The directories of `filename` inside its project (a checkout under ~/scripts/ is not a script). */
function projectDirectories(filename: string): string[] {
  const absolute = resolve(filename);
  const root = packageRoot(absolute);
  const inside = root === null ? absolute : relative(root, absolute);
  return inside.split(/[\\/]/).slice(0, -1);
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

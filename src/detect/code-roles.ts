import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, isExportsObject, keyName } from '../ast/names.js';
import { someNode, walk } from '../ast/walk.js';
import { EVENT_TARGET_LISTENER_METHODS, ONCE_LISTENER_METHODS, REPEATING_LISTENER_METHODS } from './api-shapes.js';
import { inBrowserFolder } from './browser-code.js';
import { TOOLING_DIRECTORIES, inDemoDirectory, isEntryFile, runsAsWorkerThread } from './entry-files.js';

/**
 * What code is for, beyond the application itself: browser code and demonstration code by where the
 * file sits (the directory sets of ./entry-files.ts; browser code from package facts is
 * ./browser-code.ts), programs and one-shot scripts by what the file says, development-only code by
 * the branch it sits in.
 */

/**
 * What a file under these directories is for (`client/` browser code, `examples/`, a top-level `dev/`
 * or `scripts/` demonstration code), for a path already relative to its project; null for the application itself.
 */
export function directoryRole(directories: readonly string[]): 'browser' | 'demo' | null {
  if (inBrowserFolder(directories)) return 'browser';
  if (inDemoDirectory(directories) || directories.some((directory) => TOOLING_DIRECTORIES.has(directory))) return 'demo';
  return null;
}

/**
 * A program file: the file is run, not imported. It exports nothing (no `export`, no `module.exports`
 * or `exports.x`), and either its package or its place says it is run (an entry file: `bin/`, a
 * package.json `bin` or `scripts` command, `main.ts`...; see entry-files.ts) or its own text does: a
 * shebang, reading `process.argv`, ending the process with `process.exit` (kuzzle's
 * `start-kuzzle-test.ts`: `app.start().catch(() => process.exit(1))`). Its top-level calls are the
 * program, not a module's set-up run once whenever someone imports it.
 */
export function isProgramFile(filename: string, program: TSESTree.Program, text: string): boolean {
  // Asked for every file by some rules: the cheap answers first, the walk only for a likely program.
  if (program.body.some((statement) => EXPORT_DECLARATIONS.has(statement.type)) || runsAsWorkerThread(program)) return false;
  if (!text.startsWith('#!') && !PROCESS_ARGUMENTS_OR_EXIT.test(text) && !isEntryFile(filename)) return false;
  const facts = programFacts(program);
  if (facts.exports) return false;
  return text.startsWith('#!') || facts.readsArgumentsOrExits || isEntryFile(filename);
}

const PROCESS_ARGUMENTS_OR_EXIT = /\bprocess\s*\.\s*(argv|exit)\b/;

/**
 * The program's main module, though no package.json names it (zipline's `src/server/index.ts`, built
 * by tsup into the `dist` that `node dist` runs): it exports nothing, so it is run rather than
 * imported, and it starts the server (a `listen` call).
 */
export function isServerMainModule(program: TSESTree.Program): boolean {
  if (program.body.some((statement) => EXPORT_DECLARATIONS.has(statement.type)) || programFacts(program).exports) return false;
  return someNode(program, (node) => node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'listen');
}

/**
 * A one-shot script: a program file that runs top to bottom and ends, starting nothing that keeps the
 * process up (no server `listen`/`createServer`/`serve`, no `setInterval`, no `watch`, no `.start()` or
 * `startServer()` of an app or a scheduler, no listener on anything but `process`). A person or CI runs it and sees its end: a hang is in front of them, and its
 * module state lives one run. A `bin/` file that starts a daemon is a program, not a one-shot script.
 */
export function isOneShotScript(filename: string, program: TSESTree.Program, text: string): boolean {
  return isProgramFile(filename, program, text) && !programFacts(program).startsLongLivedWork;
}

interface ProgramFacts {
  exports: boolean;
  readsArgumentsOrExits: boolean;
  startsLongLivedWork: boolean;
}

/** Calls that start work which keeps a Node process running after the file's top level has run. */
const LONG_LIVED_CALL = /^(listen|serve|start|watch|schedule|createServer$|setInterval$)(?![a-z])/;
/**
 * A listener on anything but `process` waits for events that keep coming: a server's connections
 * (`io.on('connect', ...)` on a socket.io server built by `require('socket.io')(port)`), a stream's
 * tweets. A script's `process.on('unhandledRejection', ...)` starts nothing.
 */
const SUBSCRIPTIONS: ReadonlySet<string> = new Set([...REPEATING_LISTENER_METHODS, ...ONCE_LISTENER_METHODS, ...EVENT_TARGET_LISTENER_METHODS, 'subscribe']);

function isProcessMethod(callee: TSESTree.Node): boolean {
  return callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'process';
}
const EXPORT_DECLARATIONS = new Set<string>([AST_NODE_TYPES.ExportNamedDeclaration, AST_NODE_TYPES.ExportDefaultDeclaration, AST_NODE_TYPES.ExportAllDeclaration, AST_NODE_TYPES.TSExportAssignment]);

const factsByProgram = new WeakMap<TSESTree.Program, ProgramFacts>();

function programFacts(program: TSESTree.Program): ProgramFacts {
  let facts = factsByProgram.get(program);
  if (facts) return facts;
  const found: ProgramFacts = { exports: false, readsArgumentsOrExits: false, startsLongLivedWork: false };
  walk(program, (node) => {
    if (EXPORT_DECLARATIONS.has(node.type) || (node.type === AST_NODE_TYPES.MemberExpression && isExportsObject(node.object)) || isExportsAssignment(node)) {
      found.exports = true;
    } else if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'process') {
      const key = keyName(node);
      if (key === 'argv' || key === 'exit') found.readsArgumentsOrExits = true;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      if (name !== null && (LONG_LIVED_CALL.test(name) || (SUBSCRIPTIONS.has(name) && !isProcessMethod(node.callee)))) found.startsLongLivedWork = true;
    }
    return found.exports ? 'stop' : undefined;
  });
  facts = found;
  factsByProgram.set(program, facts);
  return facts;
}

/** `module.exports = ...` (`exports.x = ...` is a member of the exports object, seen above). */
function isExportsAssignment(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.AssignmentExpression && isExportsObject(node.left);
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

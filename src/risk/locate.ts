import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type FunctionNode } from '../ast/functions.js';
import { calleeName, functionName, isExportsObject, keyName } from '../ast/names.js';
import { pathTo } from '../ast/walk.js';
import { fileIndex, type FileIndex } from './file-index.js';
import { routeOfCall } from './routes.js';
import type { CallContext, CodeRole, LintedFile, LocatedFinding } from './types.js';
import { directoryRole } from '../detect/code-roles.js';
import { runsInBrowserAt } from '../detect/browser-code.js';
import { isServerListenCallback } from '../detect/entry-files.js';
import { ARRAY_ITERATION_METHODS, EVENT_TARGET_LISTENER_METHODS, REPEATING_LISTENER_METHODS, TIMER_FUNCTIONS } from '../detect/api-shapes.js';

/**
 * Where a finding sits: its component (`file > Symbol`, `file > Class.method`, `file > POST /upload`,
 * or just `file` at module level) and the context its code runs in (see `CallContext`).
 */
export function locate(program: TSESTree.Program, file: string, range: readonly [number, number], linted: LintedFile): LocatedFinding {
  const path = pathTo(program, range);
  const index = fileIndex(program);
  return { component: componentAt(path, index, file), context: contextOf(path, index), role: roleOf(file, range, linted) };
}

/** The component of the code at `range` (see `locate`), for a caller that needs only its name. */
export function componentOf(program: TSESTree.Program, file: string, range: readonly [number, number]): string {
  return componentAt(pathTo(program, range), fileIndex(program), file);
}

function componentAt(path: readonly TSESTree.Node[], index: FileIndex, file: string): string {
  const symbol = innermostRoute(path, index) ?? exportedSymbol(path, index);
  return symbol === null ? file : `${file} > ${symbol}`;
}

/**
 * What the code is for: demonstration code (under `examples/`, `playground/`, `scripts/`, `bench/`),
 * browser code, or the application. The folders decide first (`file` is relative to the audited root,
 * so they are the project's own); then the rules' own answer for the code at `range`
 * (`runsInBrowserAt`: package facts, Next.js client modules and pages split per declaration), so
 * that a finding the rules report is rated as the rules read its file: a CLI rendering React with
 * Ink is the application, as is a page's `getServerSideProps`.
 */
function roleOf(file: string, range: readonly [number, number], linted: LintedFile): CodeRole {
  const byDirectory = directoryRole(file.split(/[\\/]/).slice(0, -1));
  if (byDirectory !== null) return byDirectory;
  return runsInBrowserAt({ range }, linted.filename, linted.sourceCode) ? 'browser' : 'application';
}

/** The route the function at `path[i]` handles, if it is a request handler. */
function routeOfFunction(path: readonly TSESTree.Node[], i: number, index: FileIndex): string | null {
  // A handler sits at most three levels under its registering call: `call(fn)`, `call([fn])`,
  // `call({ handler: fn })`.
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const node = path[j]!;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const route = routeOfCall(node);
      if (route?.handlers.includes(path[i]!)) return route.label;
      break;
    }
  }
  const name = functionName(path[i] as FunctionNode, path[i - 1]);
  return name === null ? null : (index.handlerRoutes.get(name) ?? null);
}

function innermostRoute(path: readonly TSESTree.Node[], index: FileIndex): string | null {
  for (let i = path.length - 1; i > 0; i--) {
    if (!isFunctionNode(path[i]!)) continue;
    const route = routeOfFunction(path, i, index);
    if (route !== null) return route;
  }
  return null;
}

/** `.method` / `.property` when the finding sits inside a member of the class or object literal at `path[k]`. */
function memberSuffix(path: readonly TSESTree.Node[], k: number): string {
  const container = path[k];
  if (!container) return '';
  if (container.type === AST_NODE_TYPES.ClassDeclaration || container.type === AST_NODE_TYPES.ClassExpression) {
    const member = path[k + 2];
    if (
      member &&
      (member.type === AST_NODE_TYPES.MethodDefinition ||
        member.type === AST_NODE_TYPES.PropertyDefinition ||
        member.type === AST_NODE_TYPES.AccessorProperty)
    ) {
      const key = keyName(member);
      return key === null ? '' : `.${key}`;
    }
    return '';
  }
  if (container.type === AST_NODE_TYPES.ObjectExpression) {
    const member = path[k + 1];
    if (member?.type === AST_NODE_TYPES.Property) {
      const key = keyName(member);
      return key === null ? '' : `.${key}`;
    }
  }
  return '';
}

/** The name of the declaration at `path[k]` plus the member the finding sits in. */
function declarationSymbol(path: readonly TSESTree.Node[], k: number, exported: (name: string) => boolean): string | null {
  const declaration = path[k];
  if (!declaration) return null;
  switch (declaration.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassDeclaration: {
      const name = declaration.id?.name ?? 'default';
      return exported(name) ? name + memberSuffix(path, k) : null;
    }
    case AST_NODE_TYPES.VariableDeclaration: {
      const declarator = path[k + 1];
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
      const name = declarator.id.name;
      return exported(name) ? name + memberSuffix(path, k + 2) : null;
    }
    default:
      return null;
  }
}

function exportedSymbol(path: readonly TSESTree.Node[], index: FileIndex): string | null {
  const statement = path[1];
  if (!statement) return null;
  const always = () => true;
  switch (statement.type) {
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return declarationSymbol(path, 2, always);
    case AST_NODE_TYPES.ExportDefaultDeclaration: {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) {
        return declarationSymbol(path, 2, always);
      }
      return declaration.type === AST_NODE_TYPES.Identifier ? null : 'default' + memberSuffix(path, 2);
    }
    case AST_NODE_TYPES.ExpressionStatement:
      return commonJsSymbol(path);
    default:
      return declarationSymbol(path, 1, (name) => index.exportedNames.has(name));
  }
}

/** `exports.x = ...` / `module.exports.x = ...` -> `x`; `module.exports = function f() {}` -> `f`. */
function commonJsSymbol(path: readonly TSESTree.Node[]): string | null {
  const assignment = path[2];
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || path[3] !== assignment.right) return null;
  const target = assignment.left;
  const value = assignment.right;
  if (target.type === AST_NODE_TYPES.MemberExpression && isExportsObject(target.object)) {
    const name = keyName(target);
    return name === null ? null : name + memberSuffix(path, 3);
  }
  if (isExportsObject(target)) {
    const named =
      (value.type === AST_NODE_TYPES.FunctionExpression || value.type === AST_NODE_TYPES.ClassExpression) && value.id ? value.id.name : null;
    const suffix = memberSuffix(path, 3);
    if (named !== null) return named + suffix;
    return suffix === '' ? 'default' : suffix.slice(1);
  }
  return null;
}

const TIMERS: ReadonlySet<string> = new Set(TIMER_FUNCTIONS);
/** Subscriptions whose callback runs on every event (a `once` callback runs one time). */
const EMITTER_SUBSCRIPTIONS: ReadonlySet<string> = new Set([...REPEATING_LISTENER_METHODS, ...EVENT_TARGET_LISTENER_METHODS]);
const STARTUP_NAME = /^(main|bootstrap|init|initiali[sz]e|setup|start|startup|boot|listen)(?![a-z])/;
/** Letting a resource or a component go: `close()`, `pool.end()`, `worker.terminate()`, `stopAll`, `gracefulShutdown`. */
const TEARDOWN_NAME = /^(close|destroy|dispose|disconnect|end|quit|release|stop|terminate|kill|unpublish|unref|(graceful|forceful)?[sS]hut[dD]own|tear[dD]own)(?![a-z])/;
const HTTP_METHOD_EXPORT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
const LOOPS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** What kind of callback a function passed to `call` is: run many times (timers, iteration, emitter subscriptions), or unknown (null). */
function callbackContext(call: TSESTree.CallExpression): CallContext | null {
  const name = calleeName(call);
  if (name === null) return null;
  if (TIMERS.has(name)) return 'hot-loop';
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (ARRAY_ITERATION_METHODS.has(name) || EMITTER_SUBSCRIPTIONS.has(name)) return 'hot-loop';
  return null;
}

/**
 * The innermost decisive enclosing construct wins: a loop body or a repeating callback is `hot-loop`,
 * a request handler `request`, a start-up function or the module top level `startup`, a function that
 * lets something go (`close`, `stop`, `shutdown`...) `teardown`, as is a finding on such a call outside
 * a request or a loop. Callbacks
 * passed to other calls and immediately invoked functions are transparent (they run within their
 * enclosing context); any other named function is a boundary (`other`: it runs whenever it is called).
 */
function contextOf(path: readonly TSESTree.Node[], index: FileIndex): CallContext {
  const context = enclosingContext(path, index);
  if (context !== 'other' && context !== 'startup') return context;
  // A finding on the call that lets something go (`pool.end()`), outside a request or a loop.
  const finding = path[path.length - 1];
  const name = finding?.type === AST_NODE_TYPES.CallExpression ? calleeName(finding) : null;
  return name !== null && TEARDOWN_NAME.test(name) ? 'teardown' : context;
}

/**
 * A loop body or an iteration callback (`xs.forEach(...)`) in the code at the end of `path`: `hot-loop`,
 * except inside a function that lets something go, where it runs once per teardown
 * (`teardown() { for (const a of published) a.unpublish(); }`): a crash there happens once, as the
 * component goes away.
 */
function repeatedWithin(path: readonly TSESTree.Node[], index: FileIndex): CallContext {
  return enclosingContext(path, index) === 'teardown' ? 'teardown' : 'hot-loop';
}

function isIterationCall(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  return name !== null && ARRAY_ITERATION_METHODS.has(name);
}

function enclosingContext(path: readonly TSESTree.Node[], index: FileIndex): CallContext {
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i]!;
    if (LOOPS.has(node.type) && 'body' in node && path[i + 1] === node.body) return repeatedWithin(path.slice(0, i), index);
    if (!isFunctionNode(node)) continue;
    const parent = path[i - 1]!;
    if (routeOfFunction(path, i, index) !== null) return 'request';
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) continue;
    if (parent.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === node) continue;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      // Run once the server is up: start-up, as the rules read it (entry-files).
      if (isServerListenCallback(node, parent)) return 'startup';
      const callback = callbackContext(parent);
      if (callback === 'hot-loop' && isIterationCall(parent)) return repeatedWithin(path.slice(0, i - 1), index);
      if (callback !== null) return callback;
      continue;
    }
    const name = functionName(path[i] as FunctionNode, path[i - 1]);
    if (name !== null && STARTUP_NAME.test(name)) return 'startup';
    if (name !== null && TEARDOWN_NAME.test(name)) return 'teardown';
    if (name !== null && HTTP_METHOD_EXPORT.test(name) && path[1]?.type === AST_NODE_TYPES.ExportNamedDeclaration) return 'request';
    return 'other';
  }
  return 'startup';
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { memberPropertyName, resolveValueOrigin, skipTransparentWrappers } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { isFunctionNode, type FunctionNode } from './ast.js';

/**
 * What counts as handling an error. An error is handled when the code that receives it logs it,
 * rethrows it, records it (passes or assigns it somewhere, `report(...)`), exits the process, or
 * carries a comment saying why it is ignored. A handler that does nothing at all (an empty body, a
 * body that only yields `undefined`/`null`, a known no-op function such as lodash's `noop`) swallows
 * it: the failure leaves no log, no metric and no trace.
 */

export type FunctionValue = FunctionNode;

/** `undefined`, `null`, `void <anything without effects>`: an expression that yields nothing. */
function yieldsNothing(expression: TSESTree.Expression): boolean {
  const inner = skipTransparentWrappers(expression);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined';
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null && !('regex' in inner);
  if (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void') {
    return inner.argument.type === AST_NODE_TYPES.Literal;
  }
  return false;
}

/** An empty block with no comment in it: the comment is how authors say why they ignore the error. */
export function isSilentEmptyBlock(block: TSESTree.BlockStatement, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return block.body.length === 0 && sourceCode.getCommentsInside(block).length === 0;
}

/** A function that does nothing with what it is given: `() => {}`, `function () {}`, `() => undefined`, `() => null`. */
export function isDoNothingFunction(fn: FunctionValue, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (fn.body.type === AST_NODE_TYPES.BlockStatement) {
    if (isSilentEmptyBlock(fn.body, sourceCode)) return true;
    // `{ return; }` / `{ return null; }`
    return (
      fn.body.body.length === 1 &&
      fn.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement &&
      (fn.body.body[0].argument === null || yieldsNothing(fn.body.body[0].argument)) &&
      sourceCode.getCommentsInside(fn.body).length === 0
    );
  }
  return yieldsNothing(fn.body) && sourceCode.getCommentsInside(fn).length === 0;
}

/** No-op functions of utility libraries, by module: `import { noop } from 'lodash'`, `require('lodash.noop')`. */
const NOOP_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  lodash: ['noop'],
  'lodash-es': ['noop'],
  underscore: ['noop'],
  'lodash/noop': [''],
  'lodash.noop': [''],
  'lodash-es/noop': [''],
};

/**
 * The function a handler expression denotes when it can be seen in this file: an inline function, or
 * an identifier bound once to a function (declaration, or a const / never-reassigned `let` initialised
 * with a function).
 */
export function resolveLocalFunction(expression: TSESTree.Node, scope: TSESLint.Scope.Scope): FunctionValue | null {
  const inner = skipTransparentWrappers(expression);
  if (isFunctionNode(inner)) return inner;
  if (inner.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(scope, inner.name);
  if (!variable || variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type === 'FunctionName' && definition.node.type === AST_NODE_TYPES.FunctionDeclaration) return definition.node;
  if (definition?.type !== 'Variable') return null;
  const reassigned = variable.references.some((reference) => reference.isWrite() && reference.init !== true);
  const init = definition.node.init;
  if (reassigned || !init || definition.node.id.type !== AST_NODE_TYPES.Identifier) return null;
  const value = skipTransparentWrappers(init);
  return isFunctionNode(value) ? value : null;
}

/**
 * The handler swallows whatever it is given: an inline do-nothing function, an identifier bound to one
 * (`const noop = () => {}`), or a library no-op (`_.noop`, `import noop from 'lodash/noop'`).
 */
export function isSwallowingHandler(
  handler: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  sourceCode: Readonly<TSESLint.SourceCode>,
): boolean {
  const fn = resolveLocalFunction(handler, scope);
  if (fn) return isDoNothingFunction(fn, sourceCode);
  const origin = resolveValueOrigin(handler, scope);
  if (!origin || origin.module === null) return false;
  const names = NOOP_EXPORTS[origin.module];
  return names !== undefined && names.includes(origin.path.join('.'));
}

/** A call that writes to a log or an error tracker: `console.*`, `logger.*`, `this.log.*`, `Sentry.captureException`, `report(...)`. */
const LOGGER_OBJECT = /^(console|log|logger|.*Logger|.*Log|sentry|Sentry|bugsnag|Bugsnag|rollbar|Rollbar|telemetry|metrics)$/;
const REPORTING_FUNCTION = /^(report|reportError|logError|captureException|captureError|notifyError|trackError)$/;

function lastName(node: TSESTree.Node): string | null {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(inner);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return null;
}

function isLoggingCall(call: TSESTree.CallExpression, scope: TSESLint.Scope.Scope): boolean {
  if (runtimeApiOf(call, scope) === 'report') return true;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return REPORTING_FUNCTION.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberPropertyName(callee);
  const objectName = lastName(callee.object);
  return (objectName !== null && LOGGER_OBJECT.test(objectName)) || (method !== null && REPORTING_FUNCTION.test(method));
}

/** `process.exit(...)`, `process.abort()`, `process.kill(process.pid, ...)`, or `process.exitCode = ...`. */
function isExit(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const origin = resolveValueOrigin(node.callee, scope);
    const api = origin && (origin.module === 'process' ? ['process', ...origin.path] : origin.module === null ? origin.path : null);
    return api !== null && api !== undefined && api[0] === 'process' && ['exit', 'abort', 'kill', 'reallyExit'].includes(api[1] ?? '');
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    const origin = resolveValueOrigin(node.left, scope);
    return origin !== null && origin.path.join('.') === (origin.module === 'process' ? 'exitCode' : 'process.exitCode');
  }
  return false;
}

/** The error reference leaves the handler: passed to a call, assigned, stored, thrown or returned. */
function errorEscapes(reference: TSESTree.Node): boolean {
  let current: TSESTree.Node = reference;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== current) return false;
        break;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.SpreadElement:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.ChainExpression:
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
        break;
      case AST_NODE_TYPES.ObjectExpression:
        break;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return parent.arguments.includes(current as TSESTree.CallExpressionArgument);
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === current;
      case AST_NODE_TYPES.VariableDeclarator:
        return parent.init === current;
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.ReturnStatement:
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return parent.body === current;
      default:
        return false;
    }
    current = parent;
  }
}

/**
 * The function handles the error it receives as its first parameter: it logs, rethrows, records or
 * exits, or carries a comment saying why it does not. Nested callbacks count (`setTimeout(() =>
 * process.exit(1), 100)` still exits).
 */
export function handlesError(fn: FunctionValue, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (sourceCode.getCommentsInside(fn.body).length > 0) return true;
  const errorParam = fn.params[0];
  if (errorParam?.type === AST_NODE_TYPES.Identifier) {
    const variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.name === errorParam.name);
    if (variable?.references.some((reference) => errorEscapes(reference.identifier))) return true;
  }
  let handled = false;
  const visit = (node: TSESTree.Node): void => {
    if (handled) return;
    if (node.type === AST_NODE_TYPES.ThrowStatement) handled = true;
    else if (node.type === AST_NODE_TYPES.CallExpression && isLoggingCall(node, sourceCode.getScope(node))) handled = true;
    else if (isExit(node, sourceCode.getScope(node))) handled = true;
    if (handled) return;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const element of Array.isArray(child) ? child : [child]) {
        if (element && typeof element === 'object') visit(element as TSESTree.Node);
      }
    }
  };
  visit(fn.body);
  return handled;
}

/** The events whose handlers are the process's last line of defence. */
export const PROCESS_ERROR_EVENTS = ['unhandledRejection', 'uncaughtException'] as const;
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** `process.on('unhandledRejection' | 'uncaughtException', handler)`: the event and the handler argument. */
export function processErrorListener(
  call: TSESTree.CallExpression,
  scope: TSESLint.Scope.Scope,
): { event: (typeof PROCESS_ERROR_EVENTS)[number]; handler: TSESTree.CallExpressionArgument } | null {
  const [eventArgument, handler] = call.arguments;
  if (!handler || eventArgument?.type !== AST_NODE_TYPES.Literal) return null;
  const event = PROCESS_ERROR_EVENTS.find((name) => name === eventArgument.value);
  if (!event) return null;
  const origin = resolveValueOrigin(call.callee, scope);
  if (!origin) return null;
  const path = origin.module === 'process' ? ['process', ...origin.path] : origin.module === null ? origin.path : [];
  return path.length === 2 && path[0] === 'process' && LISTENER_METHODS.has(path[1] ?? '') ? { event, handler } : null;
}

function nearestFunction(node: TSESTree.Node): FunctionValue | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

function containsAwait(node: TSESTree.Node, visitorKeys: TSESLint.SourceCode['visitorKeys']): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
  if (isFunctionNode(node)) return false;
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(child) ? child : [child];
    for (const element of children) {
      if (element && typeof element === 'object' && containsAwait(element as TSESTree.Node, visitorKeys)) return true;
    }
  }
  return false;
}

/**
 * The catch clause catches asynchronous failures: its nearest enclosing function is async, or its try
 * block awaits (which also covers top-level await). An async callback nested in the try block does not
 * count: its failures never reach this catch.
 */
export function catchesAsyncErrors(clause: TSESTree.CatchClause, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (nearestFunction(clause)?.async) return true;
  const tryStatement = clause.parent;
  return tryStatement.type === AST_NODE_TYPES.TryStatement && containsAwait(tryStatement.block, sourceCode.visitorKeys);
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveValueOrigin } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { enclosingFunction, enclosingFunctions, type FunctionNode, isFunctionNode, runsLater } from '../ast/functions.js';
import { someNode, walk } from '../ast/walk.js';
import { isMemberOfGlobal, isTransparentWrapper, outermostSameValue, skipMethodCalls, skipTransparentWrappers } from '../ast/wrappers.js';
import { keyName, staticString } from '../ast/names.js';
import { isListenerMethod } from './api-shapes.js';
import { functionUsesOf } from './local-callers.js';
import { PROBLEM_MARKER } from './waivers.js';
import { moduleMemberFunctionOf, projectFunctionOf } from './project-functions.js';
import { projectFile } from './project-files.js';
import { scopesOfManager, type ScopeOf } from '../ast/scopes.js';

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
  if (inner.type === AST_NODE_TYPES.MemberExpression) return keyName(inner);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return 'this';
  return null;
}

export function isLoggingCall(call: TSESTree.CallExpression, scope: TSESLint.Scope.Scope): boolean {
  if (runtimeApiOf(call, scope) === 'report') return true;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return REPORTING_FUNCTION.test(callee.name);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = keyName(callee);
  const objectName = lastName(callee.object);
  return (objectName !== null && LOGGER_OBJECT.test(objectName)) || (method !== null && REPORTING_FUNCTION.test(method));
}

/**
 * The members of `process` an expression denotes, by what it is bound to: `process.exit`,
 * `globalThis.process.exit`, `exit` imported or required from 'node:process' -> ['exit']; null when
 * it is not `process` (a parameter or a variable of that name that shadows it).
 */
export function processPath(expression: TSESTree.Node, scope: TSESLint.Scope.Scope): readonly string[] | null {
  const origin = resolveValueOrigin(expression, scope);
  if (!origin) return null;
  if (origin.module === 'process') return origin.path;
  return origin.module === null && origin.path[0] === 'process' ? origin.path.slice(1) : null;
}

const ENDING_PROCESS_METHODS: ReadonlySet<string> = new Set(['exit', 'abort', 'kill', 'reallyExit']);

/** `process.exit(...)`, `process.abort()`, `process.kill(process.pid, ...)`: a call that ends the process. */
export function isProcessEndingCall(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && ENDING_PROCESS_METHODS.has(processPath(node.callee, scope)?.[0] ?? '');
}

/** A file whose process handlers are read: its program, its scopes, and its path (null: helpers are followed in this file only). */
export interface ProcessHandlerFile {
  program: TSESTree.Program;
  scopeOf: ScopeOf;
  fileName: string | null;
}

/**
 * How many helper calls deep a handler is followed to its exit: soketi's handler calls
 * `handleFailure()`, which stops the server and exits; kuzzle's calls `this.dumpAndExit()`, which
 * awaits `this.shutdown()`, which exits.
 */
const MAX_HELPER_DEPTH = 2;

/**
 * The function ends the process: a call, anywhere in it (a delayed exit still ends it), of
 * `process.exit/abort/kill` or of a function of the project that ends it, up to two calls deep (a
 * helper of this file by scope, `this.method()` of the enclosing class, or a function imported from a
 * project module); or a `throw` that is not under a condition (in an error handler, a throw ends the
 * process). An exit under a guard still counts: the guard is a re-entrancy check (homebridge's
 * `if (!shuttingDown) process.kill(process.pid, 'SIGTERM')`). A guarded rethrow is a mode switch
 * (kuzzle rethrows only in development and logs otherwise), and a helper's own `throw` guards its
 * input (`if (!error) throw new TypeError(...)`): neither ends the process.
 */
export function endsTheProcess(fn: FunctionNode, file: ProcessHandlerFile): boolean {
  return endsTheProcessWithin(fn, file, 0, new Set());
}

function endsTheProcessWithin(fn: FunctionNode, file: ProcessHandlerFile, depth: number, seen: Set<FunctionNode>): boolean {
  seen.add(fn);
  return someNode(fn, (node) => {
    if (node.type === AST_NODE_TYPES.ThrowStatement) return depth === 0 && !isUnderCondition(node, fn);
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    if (isProcessEndingCall(node, file.scopeOf(node))) return true;
    if (depth >= MAX_HELPER_DEPTH) return false;
    const helper = helperCalledBy(node, file);
    return helper !== null && !seen.has(helper.fn) && endsTheProcessWithin(helper.fn, helper.file, depth + 1, seen);
  });
}

/** `node` runs only on some paths through `fn`: in a branch of an `if`, `? :`, `switch` or `catch`, or on the right of `&&` / `||` / `??`. */
function isUnderCondition(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let child = node, parent = node.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== child) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) return true;
    if (parent.type === AST_NODE_TYPES.SwitchCase || parent.type === AST_NODE_TYPES.CatchClause) return true;
  }
  return false;
}

/** The project function a call reaches, with the file it is written in (read through project-files' parse cache). */
function helperCalledBy(call: TSESTree.CallExpression, file: ProcessHandlerFile): { fn: FunctionNode; file: ProcessHandlerFile } | null {
  const scope = file.scopeOf(call);
  const local = resolveLocalFunction(call.callee, scope);
  if (local) return { fn: local, file };
  if (file.fileName === null) return null;
  // project-functions reads a name at the top of the file: a nearer binding of it (a parameter) is another value.
  const callee = skipTransparentWrappers(call.callee);
  const named = callee.type === AST_NODE_TYPES.MemberExpression ? skipTransparentWrappers(callee.object) : callee;
  const binding = named.type === AST_NODE_TYPES.Identifier ? ASTUtils.findVariable(scope, named.name) : null;
  if (binding && binding.scope.type !== 'module' && binding.scope.type !== 'global') return null;
  const found = projectFunctionOf(call.callee, file.program, file.fileName) ?? moduleMemberFunctionOf(call.callee, file.program, file.fileName);
  if (!found) return null;
  if (found.fileName === file.fileName) return { fn: found.fn, file };
  const other = projectFile(found.fileName);
  return other ? { fn: found.fn, file: { program: other.program, scopeOf: scopesOfManager(other.parsed.scopeManager), fileName: found.fileName } } : null;
}

/** `process.exit(...)`, `process.abort()`, `process.kill(process.pid, ...)`, or `process.exitCode = ...`. */
export function isExit(node: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    return processPath(node.left, scope)?.join('.') === 'exitCode';
  }
  return isProcessEndingCall(node, scope);
}

/** Values built around the error that carry it on: `` `${err}` ``, `[err]`, `...err`, `{ err }`. */
const CARRIES_THE_ERROR: ReadonlySet<AST_NODE_TYPES> = new Set([AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.ArrayExpression, AST_NODE_TYPES.SpreadElement, AST_NODE_TYPES.ObjectExpression]);

/** The error reference leaves the handler: passed to a call, assigned, stored, thrown or returned. */
function errorEscapes(reference: TSESTree.Node): boolean {
  let current: TSESTree.Node = reference;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    if (isTransparentWrapper(parent) || CARRIES_THE_ERROR.has(parent.type)) {
      current = parent;
      continue;
    }
    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object !== current) return false;
        break;
      case AST_NODE_TYPES.Property:
        if (parent.value !== current) return false;
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
  return someNode(
    fn.body,
    (node) =>
      node.type === AST_NODE_TYPES.ThrowStatement ||
      (node.type === AST_NODE_TYPES.CallExpression && isLoggingCall(node, sourceCode.getScope(node))) ||
      isExit(node, sourceCode.getScope(node)),
  );
}

/** The events whose handlers are the process's last line of defence. */
export const PROCESS_ERROR_EVENTS = ['unhandledRejection', 'uncaughtException'] as const;

/** `process.on('unhandledRejection' | 'uncaughtException', handler)`: the event, the listener method and the handler argument. */
export function processErrorListener(
  call: TSESTree.CallExpression,
  scope: TSESLint.Scope.Scope,
): { event: (typeof PROCESS_ERROR_EVENTS)[number]; method: string; handler: TSESTree.CallExpressionArgument } | null {
  const [eventArgument, handler] = call.arguments;
  const eventName = staticString(eventArgument);
  const event = PROCESS_ERROR_EVENTS.find((name) => name === eventName);
  if (!handler || !event) return null;
  const path = processPath(call.callee, scope);
  const method = path?.length === 1 ? path[0]! : null;
  return method !== null && isListenerMethod(method) ? { event, method, handler } : null;
}

/** `await` or `for await` in `node`, outside nested functions. */
function containsAwait(node: TSESTree.Node): boolean {
  return someNode(
    node,
    (inner) => inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await),
    isFunctionNode,
  );
}

/**
 * The catch clause catches asynchronous failures: its nearest enclosing function is async, or its try
 * block awaits (which also covers top-level await). An async callback nested in the try block does not
 * count: its failures never reach this catch.
 */
export function catchesAsyncErrors(clause: TSESTree.CatchClause): boolean {
  if (enclosingFunction(clause)?.async) return true;
  const tryStatement = clause.parent;
  return tryStatement.type === AST_NODE_TYPES.TryStatement && containsAwait(tryStatement.block);
}

/** The statement that holds `node`: the nearest ancestor whose parent is a block or the program. */
function enclosingStatement(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    current.parent.type !== AST_NODE_TYPES.BlockStatement &&
    current.parent.type !== AST_NODE_TYPES.Program &&
    current.parent.type !== AST_NODE_TYPES.StaticBlock &&
    current.parent.type !== AST_NODE_TYPES.SwitchCase
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * Besides a problem marker (`TODO`, `FIXME`), a comment that is no reason: a tool's directive
 * (`eslint-disable-next-line`, `@ts-expect-error`, `prettier-ignore`, coverage hints), or a fixture's
 * marker of what it expects to be found (`FINDING:`, `expect: no-swallowed-error`).
 */
const TOOL_OR_FIXTURE_MARKER = /^\s*(FINDING\b|expect:|eslint-|@ts-|prettier-ignore|istanbul |c8 )/;

function isReason(comment: TSESTree.Comment): boolean {
  return !PROBLEM_MARKER.test(comment.value) && !TOOL_OR_FIXTURE_MARKER.test(comment.value);
}

/**
 * The statement holding `node` carries a comment saying why: one in the block of comments just above
 * it, or one starting on the line the statement ends on (`p.catch(() => {}); // best effort`). A
 * comment that marks the line as a problem (`// TODO: report this`) says the opposite. Also what makes
 * a `void p()` fire-and-forget on purpose (no-floating-promise), as it makes a swallow intentional.
 */
export function statementHasReasonComment(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const statement = enclosingStatement(node);
  const before = sourceCode.getCommentsBefore(statement);
  const last = before.at(-1);
  if (last && last.loc.end.line >= statement.loc.start.line - 1 && before.some(isReason)) return true;
  const after = sourceCode.getCommentsAfter(statement)[0] ?? sourceCode.getCommentsAfter(sourceCode.getLastToken(statement) ?? statement)[0];
  return after !== undefined && after.loc.start.line === statement.loc.end.line && isReason(after);
}

/**
 * A reason comment right after the call that takes the handler, on the line the call ends on: in the
 * middle of a chain (`.catch(() => {}) // the pause may fail: close goes on`) it speaks of that link.
 */
function callHasReasonCommentAfter(call: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (call?.type !== AST_NODE_TYPES.CallExpression) return false;
  const closing = sourceCode.getLastToken(call);
  const after = closing ? sourceCode.getCommentsAfter(closing)[0] : undefined;
  return after !== undefined && after.loc.start.line === call.loc.end.line && isReason(after);
}

/**
 * A comment says this swallow is intentional: one inside the handler (or the catch block), or a reason
 * comment on the statement that holds a `.catch(h)` (above it, or after it on its last line), or after
 * the `.catch(h)` call itself on its line, or after an empty `catch {}` on its line. The one home of that judgement: no-swallowed-error does not
 * report such a swallow, and `spawnguard fix` refuses to turn it into `report(...)`
 * (src/rewrite/refusals.ts), so the audit and the fix always agree.
 */
export function swallowExplainedByComment(handler: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (handler.type !== AST_NODE_TYPES.CatchClause) {
    return (
      sourceCode.getCommentsInside(handler).some(isReason) ||
      statementHasReasonComment(handler, sourceCode) ||
      callHasReasonCommentAfter(handler.parent, sourceCode)
    );
  }
  // A catch clause: inside its block, or after it on its last line (`} catch {} // best effort`).
  // A comment above the `try` describes the block it tries, not why its failure may be dropped.
  if (sourceCode.getCommentsInside(handler.body).some(isReason)) return true;
  const after = sourceCode.getCommentsAfter(handler)[0];
  return after !== undefined && after.loc.start.line === handler.loc.end.line && isReason(after);
}

const CONSUMING_PROMISE_STATICS = new Set(['all', 'allSettled', 'race', 'any']);
const NEVER_REJECTING_PROMISE_STATICS = new Set(['allSettled']);

/**
 * `p.catch(() => {})` where `p` is a local that is also awaited, returned or handed to
 * `Promise.all/allSettled/race/any`: the empty handler only keeps the rejection from being reported
 * as unhandled before that point; the rejection still reaches the code that consumes `p`.
 */
export function rejectionConsumedLater(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  // `p.finally(f).catch(noop)`: the noop covers the derived chain; `p` itself goes where it goes.
  const identifier = skipMethodCalls(receiver, 'finally');
  if (identifier.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scope, identifier.name);
  if (!variable) return false;
  return variable.references.some((reference) => reference.identifier !== identifier && consumesPromise(reference.identifier));
}

function consumesPromise(reference: TSESTree.Node): boolean {
  let node: TSESTree.Node = reference;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node) return true;
  // Handed out as a property (`{ promise: p }`): whoever receives it consumes it.
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node) return true;
  // `return p.then(onFulfilled, onRejected)`: the chain's caller gets the rejection.
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && ['then', 'catch', 'finally'].includes(keyName(parent) ?? '')) {
    const call = parent.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && consumesPromise(call);
  }
  return parent.type === AST_NODE_TYPES.ArrayExpression && isPromiseCombinatorInput(parent);
}

/** `[...]` in `Promise.all/allSettled/race/any([...])`: its promises are consumed there. */
function isPromiseCombinatorInput(array: TSESTree.ArrayExpression): boolean {
  const call = array.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== array) return false;
  return isMemberOfGlobal(call.callee, 'Promise', CONSUMING_PROMISE_STATICS);
}

/**
 * The failure an empty `catch` drops is dealt with next to it: the statement after the `try` checks a
 * variable the `try` block assigns (`try { x = JSON.parse(s); } catch {} if (!x) throw ...`), or the
 * `try` is best-effort cleanup inside another `catch` that then rethrows the original error.
 */
export function failureHandledNextToCatch(clause: TSESTree.CatchClause): boolean {
  const tryStatement = clause.parent;
  const block = tryStatement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement) return false;
  const index = block.body.indexOf(tryStatement);
  const after = block.body.slice(index + 1);
  if (block.parent?.type === AST_NODE_TYPES.CatchClause && after.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement)) return true;
  const next = after[0];
  if (next?.type !== AST_NODE_TYPES.IfStatement) return false;
  const assigned = new Set<string>();
  walk(tryStatement.block, (node) => {
    if (isFunctionNode(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier) assigned.add(node.left.name);
  });
  return someNode(next.test, (node) => node.type === AST_NODE_TYPES.Identifier && assigned.has(node.name));
}

/**
 * The value of `node` becomes data: a variable's value or an element of `Promise.all([...])`, directly
 * or through `await` (`const n = await count().catch(() => 0)`).
 */
function becomesFallbackValue(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.ChainExpression ||
      current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      (current.parent.type === AST_NODE_TYPES.ConditionalExpression && current.parent.test !== current))
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.init === current;
  return parent?.type === AST_NODE_TYPES.ArrayExpression && isPromiseCombinatorInput(parent);
}

/**
 * A swallowing `.catch(h)` that is deliberate by its shape:
 * - `count().catch(() => null)` whose value is used (`Promise.all([a(), count().catch(() => null)])`,
 *   `const n = await count().catch(() => 0)`): the handler maps a failure to a fallback value;
 * - `await this.starting.catch(() => {})`: waiting for an operation in flight, held in a field, whose
 *   own caller receives its error;
 * - cleanup inside a `catch` that then rethrows the original error
 *   (`catch (e) { await client.end().catch(() => {}); throw e; }`);
 * - a chain on `Promise.allSettled(...)`, which never rejects;
 * - best-effort release of a resource (`client.end().catch(() => {})`, see `isReleaseCall`).
 */
export function isDeliberateSwallow(call: TSESTree.CallExpression, receiver: TSESTree.Node, handler: TSESTree.Node): boolean {
  const fn = skipTransparentWrappers(handler);
  if (isFunctionNode(fn) && fn.body.type !== AST_NODE_TYPES.BlockStatement && becomesFallbackValue(call)) return true;
  const target = skipTransparentWrappers(receiver);
  const holder = call.parent?.type === AST_NODE_TYPES.ChainExpression ? call.parent.parent : call.parent;
  if (target.type === AST_NODE_TYPES.MemberExpression && holder?.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (cleansUpBeforeRethrow(call) || isReleaseCall(target)) return true;
  const root = skipMethodCalls(target, 'finally');
  return root.type === AST_NODE_TYPES.CallExpression && isMemberOfGlobal(root.callee, 'Promise', NEVER_REJECTING_PROMISE_STATICS);
}

/** `node` sits in a statement of a `catch` block that later rethrows. */
function cleansUpBeforeRethrow(node: TSESTree.Node): boolean {
  const statement = enclosingStatement(node);
  const block = statement.parent;
  if (block?.type !== AST_NODE_TYPES.BlockStatement || block.parent?.type !== AST_NODE_TYPES.CatchClause) return false;
  return block.body.slice(block.body.indexOf(statement as TSESTree.Statement) + 1).some((later) => later.type === AST_NODE_TYPES.ThrowStatement);
}

const PROMISE_RESOLVE: ReadonlySet<string> = new Set(['resolve']);

/** `Promise.resolve(x)`, read syntactically as every `Promise.<static>` call is (see isMemberOfGlobal). */
export function isPromiseResolveCall(call: TSESTree.CallExpression): boolean {
  return isMemberOfGlobal(call.callee, 'Promise', PROMISE_RESOLVE);
}

/**
 * Methods that let go of a resource: `client.end()`, `redis.quit()`, `socket.destroy()`,
 * `boss.stop()`, `pool.gracefulShutdown()`, `fs.unlink(tmp)`. Their failure, once the resource is
 * being discarded, says only that it is already gone (closed by the peer, never opened, removed):
 * swallowing it is best-effort cleanup, not a lost failure. Business verbs (`cancel`, `remove`) are
 * not in the list: their failure is the operation's.
 */
const RELEASE_METHOD = /^(?:end|quit|close|closeAll|destroy|disconnect|stop|shutdown|terminate|kill|release|dispose|unlink|rm|rmdir|unsubscribe)$|[a-z](?:End|Quit|Close|Destroy|Disconnect|Stop|Shutdown|Terminate|Kill|Release|Dispose|Unlink|Unsubscribe)$/;

/** `x.end()`, `await x.quit()`, `Promise.resolve(x.stop())`, `void x.close()`: the call releases a resource. */
function isReleaseCall(node: TSESTree.Node): boolean {
  let inner = skipTransparentWrappers(node);
  while (inner.type === AST_NODE_TYPES.AwaitExpression || (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void')) {
    inner = skipTransparentWrappers(inner.argument);
  }
  if (inner.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = skipTransparentWrappers(inner.callee);
  // `Promise.resolve(x.stop())`: the release is the argument.
  if (isPromiseResolveCall(inner) && inner.arguments[0]) return isReleaseCall(inner.arguments[0]);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? keyName(callee) : null;
  return name !== null && RELEASE_METHOD.test(name);
}

/**
 * Calls of the test frameworks (mocha, jest, vitest, node:test, jasmine, ava-style) whose callbacks
 * are a test or its set-up and clean-up: `it(...)`, `test.each(...)(...)`, `afterEach(...)`.
 */
const TEST_FRAMEWORK_CALLS = new Set(['it', 'test', 'describe', 'suite', 'context', 'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'setup', 'teardown', 'suiteSetup', 'suiteTeardown']);

function testFrameworkCallee(callee: TSESTree.Node): boolean {
  let current = skipTransparentWrappers(callee);
  // `test.each(table)(name, fn)`, `it.only(...)`, `describe.skip(...)`
  while (current.type === AST_NODE_TYPES.CallExpression || current.type === AST_NODE_TYPES.MemberExpression) {
    current = skipTransparentWrappers(current.type === AST_NODE_TYPES.CallExpression ? current.callee : current.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && TEST_FRAMEWORK_CALLS.has(current.name);
}

/**
 * `node` runs inside a test, or a test's set-up or clean-up (a callback passed to `it`, `test`,
 * `afterEach`, ...). There a swallowed error is no production failure: a clean-up that removes what
 * may already be gone (`try { await remove(id) } catch {}`), an expected rejection. A test that
 * should fail on it fails on its assertions.
 */
export function runsInTestCallback(node: TSESTree.Node): boolean {
  for (const fn of enclosingFunctions(node)) {
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee !== fn && testFrameworkCallee(call.callee)) return true;
  }
  return false;
}

/** A `return` in the block that leaves the block's own function (not one of a nested function). */
function returnsFromBlock(block: TSESTree.BlockStatement): boolean {
  return someNode(block, (node) => node.type === AST_NODE_TYPES.ReturnStatement, isFunctionNode);
}

/**
 * An empty `catch` that is deliberate by the shape of its `try`:
 * - the `try` only releases resources (`try { await boss.stop() } catch {}`): best-effort cleanup;
 * - the `try` is one assignment whose old value stands when it fails, and that value is used
 *   (`let startAt = undefined; try { startAt = d.toISOString(); } catch {} new Cron(..., { startAt })`,
 *   `try { beat.ping = await ping(host); } catch {}`): a fallback value;
 * - the `try` returns on success and code follows it: a failure falls through to that code, the
 *   fallback path (`try { ...; return reply(found); } catch {} reply(notFound);`).
 */
export function emptyCatchIsDeliberate(clause: TSESTree.CatchClause, scope: TSESLint.Scope.Scope): boolean {
  const tryStatement = clause.parent;
  const statements = tryStatement.block.body;
  if (statements.length === 0) return false;
  if (statements.every((statement) => statement.type === AST_NODE_TYPES.ExpressionStatement && isReleaseOrItsSwallow(statement.expression))) return true;
  if (statements.length === 1 && statements[0]?.type === AST_NODE_TYPES.ExpressionStatement && keepsFallbackValue(statements[0].expression, tryStatement, scope)) return true;
  const block = tryStatement.parent;
  const followed = block?.type === AST_NODE_TYPES.BlockStatement && block.body.indexOf(tryStatement) < block.body.length - 1;
  return followed && tryStatement.finalizer === null && returnsFromBlock(tryStatement.block);
}

/** `x.end()` or `x.end().catch(() => {})`. */
function isReleaseOrItsSwallow(expression: TSESTree.Expression): boolean {
  if (isReleaseCall(expression)) return true;
  const inner = skipTransparentWrappers(expression);
  const call = inner.type === AST_NODE_TYPES.AwaitExpression ? skipTransparentWrappers(inner.argument) : inner;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || keyName(call.callee) !== 'catch') return false;
  return isReleaseCall(call.callee.object);
}

/** `x = value` / `o.p = value` whose target keeps its previous value when `value` throws, and that value is used afterwards. */
function keepsFallbackValue(expression: TSESTree.Expression, tryStatement: TSESTree.TryStatement, scope: TSESLint.Scope.Scope): boolean {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return false;
  const target = expression.left;
  // A property keeps its value on an object that outlives the try.
  if (target.type === AST_NODE_TYPES.MemberExpression) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scope, target.name);
  const end = tryStatement.range[1];
  return variable !== null && variable.references.some((reference) => reference.isRead() && reference.identifier.range[0] > end);
}

/**
 * `if (nav.setAppBadge) nav.setAppBadge(n).catch(() => {})`: an optional API, detected before use,
 * whose failure is expected where it is only partly supported.
 */
export function isFeatureDetectedCall(receiver: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const call = skipTransparentWrappers(receiver);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const calleeText = sourceCode.getText(call.callee);
  for (let current: TSESTree.Node | undefined = call.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && someNode(current.test, (node) => node.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(node) === calleeText)) {
      return true;
    }
  }
  return false;
}

/**
 * `process.addListener('unhandledRejection', listener)` removed again in the same function
 * (`process.removeListener('unhandledRejection', listener)`): a handler scoped to one operation whose
 * stray rejection is expected (a pool that rejects while it closes), not the process's last resort.
 */
export function isTemporaryProcessListener(call: TSESTree.CallExpression, handler: TSESTree.Node): boolean {
  if (handler.type !== AST_NODE_TYPES.Identifier) return false;
  const fn = enclosingFunction(call);
  if (!fn) return false;
  return someNode(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = keyName(node.callee);
    const removed = node.arguments[1];
    return (method === 'removeListener' || method === 'off') && removed?.type === AST_NODE_TYPES.Identifier && removed.name === handler.name;
  });
}

/** The events a process gets while it stops: a signal, `beforeExit`, `exit`. */
const SHUTDOWN_EVENT = /^(SIG[A-Z0-9]+|beforeExit|exit)$/;

/**
 * The event names an argument can hold: a string, or the variable of a `for (const signal of ['SIGINT',
 * 'SIGTERM'])` loop over strings (kuzzle registers its signal handlers so).
 */
function eventNames(argument: TSESTree.Node | undefined, scope: TSESLint.Scope.Scope): readonly string[] | null {
  const name = staticString(argument);
  if (name !== null) return [name];
  if (argument?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(scope, argument.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || definition.parent.kind !== 'const') return null;
  const loop = definition.parent.parent;
  if (loop?.type !== AST_NODE_TYPES.ForOfStatement || loop.left !== definition.parent || loop.right.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const names = loop.right.elements.map((element) => staticString(element));
  return names.every((element): element is string => element !== null) ? names : null;
}

/**
 * The method a call makes on `process`, found by binding, directly (`process.on(...)`) or through a chain
 * of its emitter methods, which return the process (`process.once('SIGTERM', stop).once('SIGINT', stop)`).
 */
function processMethodOf(call: TSESTree.CallExpression, scope: TSESLint.Scope.Scope): string | null {
  const path = processPath(call.callee, scope);
  if (path !== null) return path.join('.');
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = keyName(callee);
  const receiver = skipTransparentWrappers(callee.object);
  if (method === null || receiver.type !== AST_NODE_TYPES.CallExpression) return null;
  const previous = processMethodOf(receiver, scope);
  return previous !== null && (isListenerMethod(previous) || LISTENER_REMOVAL_METHODS.has(previous)) ? method : null;
}

const LISTENER_REMOVAL_METHODS: ReadonlySet<string> = new Set(['removeListener', 'off']);

/**
 * `process.on('SIGTERM', async () => { await stop(); process.exit(0); })`: a signal handler is the
 * shutdown (or restart) path. A rejection there ends the process the signal was ending anyway, or
 * lands in the project's own last-resort handler. In an `'exit'` handler the process ends when the
 * handler returns: no rejection is ever reported. The event may be a loop's variable over signal names.
 */
export function isShutdownHandler(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const scope = sourceCode.getScope(call);
  const events = eventNames(call.arguments[0], scope);
  if (events === null || events.length === 0 || !events.every((event) => SHUTDOWN_EVENT.test(event))) return false;
  return processMethodOf(call, scope) !== null;
}

/**
 * The file stops on a signal without ending the process (`process.on('SIGTERM', () => server.close())`:
 * a graceful stop that waits for the event loop to empty), or with a handler it does not show. A
 * handler that ends the process (`process.exit`, itself or through a helper: `endsTheProcess`) does not
 * wait for anything; with no handler at all, Node's default for the signal ends the process.
 */
export function stopsOnSignalWithoutExiting(sourceCode: Readonly<TSESLint.SourceCode>, fileName: string | null): boolean {
  const file: ProcessHandlerFile = { program: sourceCode.ast, scopeOf: (node) => sourceCode.getScope(node), fileName };
  return someNode(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || !isShutdownHandler(node, sourceCode)) return false;
    const events = eventNames(node.arguments[0], sourceCode.getScope(node)) ?? [];
    if (!events.some((event) => event.startsWith('SIG'))) return false;
    const handler = node.arguments[1] ? resolveLocalFunction(node.arguments[1], sourceCode.getScope(node.arguments[1])) : null;
    return handler === null || !endsTheProcess(handler, file);
  });
}

/** How many named functions deep "runs only while the process stops" is followed (a signal handler's `stop()` that calls `closeSockets()`). */
const MAX_STOPPING_CALLERS = 2;

/**
 * `node` runs only while the process stops, at any depth of callbacks:
 * - in a callback handed to a process shutdown handler (`isShutdownHandler`), or to a process
 *   `uncaughtException` / `unhandledRejection` handler that ends the process (`endsTheProcess`): the
 *   process is going down;
 * - in a function of this file whose every use is such a hand-over, the removal of such a handler
 *   (`process.removeListener('SIGTERM', stop)`), or a call from code that itself runs only while the
 *   process stops (two functions deep): soketi's `handleFailure`, handed to its signal handlers and
 *   called by its exiting `uncaughtException` handler. A function exported, stored or called from
 *   anywhere else may run while the service runs, and is not one.
 * `fileName` (absolute) lets an error handler's exit be followed into `this.method()` and imported helpers.
 */
export function runsInShutdownHandler(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, fileName: string | null = null): boolean {
  // Asked of every statement a rule reads: a file that names no such event answers at once, and a
  // function's answer is kept with it (a WeakMap, so it goes with the parsed file).
  let names = namesStoppingEvent.get(sourceCode.ast);
  if (names === undefined) namesStoppingEvent.set(sourceCode.ast, (names = STOPPING_EVENT_SCREEN.test(sourceCode.text)));
  if (!names) return false;
  const file: ProcessHandlerFile = { program: sourceCode.ast, scopeOf: (inner) => sourceCode.getScope(inner), fileName };
  for (const fn of enclosingFunctions(node)) {
    let stopping = runsOnlyWhileStoppingByFunction.get(fn);
    if (stopping === undefined) runsOnlyWhileStoppingByFunction.set(fn, (stopping = runsOnlyWhileStopping(fn, sourceCode, file, 0)));
    if (stopping) return true;
  }
  return false;
}

/** The text of a file that can register a handler of a stopping process: a signal, `beforeExit`, `exit`, or a process error event (a loop's list included). */
const STOPPING_EVENT_SCREEN = /SIG[A-Z]|beforeExit|\bexit\b|uncaughtException|unhandledRejection/;
const namesStoppingEvent = new WeakMap<TSESTree.Program, boolean>();
const runsOnlyWhileStoppingByFunction = new WeakMap<FunctionNode, boolean>();

function runsOnlyWhileStopping(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, file: ProcessHandlerFile, depth: number): boolean {
  const value = outermostSameValue(fn);
  const call = value.parent;
  if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(value as TSESTree.CallExpressionArgument)) return handsToStoppingHandler(call, fn, sourceCode, file);
  if (depth >= MAX_STOPPING_CALLERS) return false;
  const uses = functionUsesOf(fn, sourceCode);
  if (!uses || uses.exported || uses.calls.length + uses.passedTo.length === 0) return false;
  return (
    uses.passedTo.every((passing) => handsToStoppingHandler(passing, fn, sourceCode, file) || LISTENER_REMOVAL_METHODS.has(processMethodOf(passing, sourceCode.getScope(passing)) ?? '')) &&
    uses.calls.every((caller) => [...enclosingFunctions(caller)].some((outer) => outer !== fn && runsOnlyWhileStopping(outer, sourceCode, file, depth + 1)))
  );
}

/** `call` hands `fn` to a process shutdown handler, or to a process error handler that ends the process. */
function handsToStoppingHandler(call: TSESTree.CallExpression, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, file: ProcessHandlerFile): boolean {
  if (isShutdownHandler(call, sourceCode)) return true;
  const listener = processErrorListener(call, sourceCode.getScope(call));
  return listener !== null && endsTheProcess(fn, file);
}

/**
 * A callback whose own body (not a function it creates) exits the process: `() => process.exit(0)`
 * ending a shutdown chain, `setInterval(() => { if (!process.connected) process.exit(1); }, ms)`, the
 * process's own watchdog.
 */
export function callbackExitsProcess(callback: TSESTree.Node | null | undefined, scope: TSESLint.Scope.Scope): boolean {
  const fn = callback ? resolveLocalFunction(callback, scope) : null;
  if (!fn) return false;
  return someNode(fn.body, (node) => node.type === AST_NODE_TYPES.CallExpression && isExit(node, scope), runsLater);
}

/**
 * `server.once('error', async (err) => { await shutdown(); process.exit(1); })`: a callback whose
 * last statement exits the process is a shutdown path too. A rejection before the exit ends the
 * process as well (as an unhandled rejection), which is what the callback was doing anyway.
 */
export function endsByExiting(callback: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  const fn = skipTransparentWrappers(callback);
  if (!isFunctionNode(fn) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const last = fn.body.body.at(-1);
  return last?.type === AST_NODE_TYPES.ExpressionStatement && last.expression.type === AST_NODE_TYPES.CallExpression && isExit(last.expression, scope);
}

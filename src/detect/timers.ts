import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { resolve } from 'node:path';
import { callbackExitsProcess, resolveLocalFunction, stopsOnSignalWithoutExiting } from './error-handling.js';
import { isServerMainModule } from './code-roles.js';
import { isEntryFile, runsOnceAtStartUp } from './entry-files.js';
import { GLOBALS, matchApi, resolveCallee, type ApiTable } from './module-bindings.js';
import { followHandle, type HandleOwnership, type HandleUse } from './ownership.js';
import { owningRuntimeCall } from './runtime-calls.js';
import { skipMethodCalls, skipTransparentWrappers } from '../ast/wrappers.js';
import { descendants, someNode } from '../ast/walk.js';
import { enclosingFunctions, isFunctionNode } from '../ast/functions.js';
import { functionName, keyName } from '../ast/names.js';
import { INTERVAL_APIS } from './api-shapes.js';

/**
 * Stray timers: a repeating timer (`setInterval`, or a `setTimeout` that schedules its own function
 * again) that its owner can never stop.
 *
 * A timer is stopped when its owner passes the handle to `clearInterval`/`clearTimeout` (either
 * clears either kind in Node), calls `handle.close()` or `handle[Symbol.dispose]()`, or declares it
 * with `using`. `handle.unref()` does NOT count: an unref'd interval no longer holds the process
 * open, but it still runs after its owner is gone, runs twice after a hot reload and throws into
 * nowhere; the rewrite keeps the unref as `supervise.interval(..., { unref: true })`.
 *
 * `timers/promises`' `setInterval` is an async iterator stopped by its `signal` or by leaving the
 * loop: it is never flagged. Timers created in a callback the runtime runs are already supervised.
 */

const TIMEOUT_APIS: ApiTable = { [GLOBALS]: ['setTimeout'], timers: ['setTimeout'] };
const CLEAR_APIS: ApiTable = {
  [GLOBALS]: ['clearInterval', 'clearTimeout'],
  timers: ['clearInterval', 'clearTimeout'],
};
const RELEASING_METHODS = new Set(['close', '@@dispose']);

export type StrayTimerShape =
  /** `setInterval(...)` as a statement: nobody holds the handle. */
  | 'discarded-interval'
  /** `setInterval(...).unref()` as a statement. */
  | 'discarded-unref-interval'
  /** `setInterval(...)` stored, never cleared by its owner. */
  | 'uncleared-interval'
  /** A `setTimeout` that reschedules its own function, dropped or never cleared. */
  | 'rescheduling-timeout';

export interface StrayTimer {
  shape: StrayTimerShape;
  ownership: HandleOwnership;
  /** For a rescheduling timeout: the function that schedules itself. */
  rescheduled: string | null;
}

/** Is this use one that stops the timer? */
function clearsTimer(use: HandleUse, scope: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  switch (use.kind) {
    case 'method':
      return RELEASING_METHODS.has(use.name);
    case 'argument':
      return use.index === 0 && matchApi(resolveCallee(use.call, scope(use.call)), CLEAR_APIS) !== null;
    case 'callback':
      return matchApi(resolveValueOriginOfCallback(use.fn, scope(use.call)), CLEAR_APIS) !== null;
    default:
      return false;
  }
}

function resolveValueOriginOfCallback(fn: TSESTree.Node, scope: TSESLint.Scope.Scope) {
  // `timers.forEach(clearInterval)`: resolve `clearInterval` as if it were called.
  return resolveCallee({ type: AST_NODE_TYPES.CallExpression, callee: fn } as TSESTree.CallExpression, scope);
}

/** Does this use hand the timer to someone else (who then owns stopping it)? */
function handsOff(use: HandleUse, scope: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  if (use.kind === 'escape') return true;
  return (use.kind === 'argument' || use.kind === 'callback') && !clearsTimer(use, scope);
}

/** The stray timer created by `call`, or null when `call` is not a repeating timer or its owner stops it. */
export function strayTimer(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): StrayTimer | null {
  const scopeOf = (node: TSESTree.Node) => sourceCode.getScope(node);
  const origin = resolveCallee(call, scopeOf(call));
  const isInterval = matchApi(origin, INTERVAL_APIS) !== null;
  const target = !isInterval && matchApi(origin, TIMEOUT_APIS) !== null ? rescheduledTarget(call, sourceCode) : null;
  if (!isInterval && target === null) return null;
  if (target !== null && reschedulesConditionally(call, target)) return null;
  if (isInterval && callbackExitsProcess(call.arguments[0], sourceCode.getScope(call))) return null;
  if (owningRuntimeCall(call, sourceCode)) return null;
  const rescheduled = target === null ? null : (functionName(target) ?? 'the enclosing function');

  const ownership = followHandle(call, sourceCode);
  const { home, uses } = ownership;
  if (home.kind === 'elsewhere') return null;
  if (home.kind === 'variable' && home.disposedByUsing) return null;
  if (uses.some((use) => clearsTimer(use, scopeOf) || handsOff(use, scopeOf))) return null;

  if (!isInterval) return { shape: 'rescheduling-timeout', ownership, rescheduled };
  if (home.kind !== 'discarded') return { shape: 'uncleared-interval', ownership, rescheduled: null };
  const unref = uses.some((use) => use.kind === 'method' && use.name === 'unref');
  return { shape: unref ? 'discarded-unref-interval' : 'discarded-interval', ownership, rescheduled: null };
}

/** The name under which `this.<name>` reaches a method or arrow-function field `fn`. */
function methodKey(fn: TSESTree.FunctionLike): string | null {
  const holder = fn.parent;
  if (holder?.type !== AST_NODE_TYPES.MethodDefinition && holder?.type !== AST_NODE_TYPES.PropertyDefinition) return null;
  return keyName(holder);
}

/** Which of `functions` `expression` denotes: `tick`, `this.tick`, `this.tick.bind(this)`. */
function denotedFunction(
  expression: TSESTree.Node,
  functions: readonly TSESTree.FunctionLike[],
  scope: TSESLint.Scope.Scope,
): TSESTree.FunctionLike | null {
  // `f.bind(this)` denotes f.
  const inner = skipMethodCalls(expression, 'bind');
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(scope, inner.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    // A named function expression calling itself by its own name.
    if (definition?.type === 'FunctionName' && isFunctionNode(definition.node) && functions.includes(definition.node)) {
      return definition.node;
    }
    const local = resolveLocalFunction(inner, scope);
    return local && functions.includes(local) ? local : null;
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression) {
    const key = keyName(inner);
    return functions.find((fn) => key !== null && methodKey(fn) === key) ?? null;
  }
  return null;
}

/**
 * The name of the function a `setTimeout(callback, ms)` call reschedules, when the callback is (or
 * directly calls) a function that encloses the call: `function tick() { ...; setTimeout(tick, ms) }`,
 * `const poll = async () => { ...; setTimeout(() => void poll(), ms) }`, `setTimeout(this.tick.bind(this))`.
 */
export function rescheduledFunction(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const target = rescheduledTarget(call, sourceCode);
  return target === null ? null : (functionName(target) ?? 'the enclosing function');
}

function rescheduledTarget(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.FunctionLike | null {
  const [callback] = call.arguments;
  if (!callback) return null;
  const functions = [...enclosingFunctions(call)];
  if (functions.length === 0) return null;
  const scope = sourceCode.getScope(call);
  const callbackValue = skipTransparentWrappers(callback);
  let target = denotedFunction(callbackValue, functions, scope);
  if (!target && isFunctionNode(callbackValue) && callbackValue.body) {
    for (const node of descendants(callbackValue.body)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      target = denotedFunction(node.callee, functions, sourceCode.getScope(node));
      if (target) break;
    }
  }
  return target;
}

/** A `return` or `throw` in `node` that leaves the function `node` is in (not one of a nested function). */
function exitsEarly(node: TSESTree.Node): boolean {
  return someNode(node, (inner) => inner.type === AST_NODE_TYPES.ReturnStatement || inner.type === AST_NODE_TYPES.ThrowStatement, isFunctionNode);
}

/**
 * The loop reschedules itself only on some paths: the `setTimeout` sits in a branch (`if`, `?:`,
 * `&&`, `switch`, a `catch` that retries) or after a guard that leaves first
 * (`if (!pids.length) return done();`). Such a loop ends by itself (the wait until the children are
 * gone, the retry until an update is found) or stops when its owner sets the flag it checks: it is a
 * wait, not a loop that outlives its owner.
 */
function reschedulesConditionally(call: TSESTree.CallExpression, target: TSESTree.FunctionLike): boolean {
  let child: TSESTree.Node = call;
  for (let parent: TSESTree.Node | undefined = call.parent; parent && child !== target; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== child) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === child) return true;
        break;
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.CatchClause:
        return true;
      case AST_NODE_TYPES.BlockStatement: {
        const before = parent.body.slice(0, parent.body.indexOf(child as TSESTree.Statement));
        if (before.some((statement) => statement.type === AST_NODE_TYPES.IfStatement && exitsEarly(statement))) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}


/**
 * An interval for the life of the process (zipline's stats and invite sweeps): started once, by the
 * program's own module (an entry file, or a module that exports nothing and starts the server), at its
 * top level or in code only start-up runs, in a file that stops on a signal only by
 * ending the process (or leaves the signal to Node, which ends it). Nothing can restart it twice, and no
 * graceful stop waits for the event loop it keeps busy: there is nothing to clear (the labeled set's
 * precedent: "a daily update check for the life of the server; nothing to stop").
 */
export function runsForTheProcessLifetime(call: TSESTree.CallExpression, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!isEntryFile(filename) && !isServerMainModule(sourceCode.ast)) return false;
  return runsOnceAtStartUp(call, sourceCode) && !stopsOnSignalWithoutExiting(sourceCode, resolve(filename));
}

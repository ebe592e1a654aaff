import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { basename, dirname, extname } from 'node:path';
import { enclosingFunctions, type FunctionNode } from '../ast/functions.js';
import { calleeName, functionName, keyName } from '../ast/names.js';
import { isListenerMethod } from './api-shapes.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';

/**
 * The names rewritten code gives things: the component passed to `report('<component>')` and the ids
 * of the `supervise.cache/interval/worker/process('<id>', ...)` children. Both are derived from where the code sits, so the rule's
 * suggestion and the codemod write the same name and a second run finds nothing new to name.
 */

/** The module's short name: the file name without extension, or the folder's name for an index file. */
export function moduleLabel(filename: string): string {
  const module = basename(filename, extname(filename));
  return module === 'index' ? basename(dirname(filename)) || module : module;
}

/** The function's name for a component or an id: a method is `Class.method`; a private one drops its `#`. */
function functionLabel(fn: FunctionNode): string | null {
  const name = functionName(fn)?.replace(/^#/, '') ?? null;
  const parent = fn.parent;
  if (name === null || fn.id || (parent?.type !== AST_NODE_TYPES.MethodDefinition && parent?.type !== AST_NODE_TYPES.PropertyDefinition)) {
    return name;
  }
  const classNode = parent.parent.parent;
  const className = 'id' in classNode && classNode.id ? classNode.id.name : null;
  return className ? `${className}.${name}` : name;
}

/**
 * The component name `report('<component>')` is given for code at `node`: the module (file name
 * without extension; the folder for an index file) and the nearest named enclosing function, e.g.
 * `billing.chargeCustomer` or `InvoiceService.send` inside invoice-service.ts (`invoice-service.InvoiceService.send`).
 * Anonymous callbacks take the name of the function they are in; top-level code is the module alone.
 */
export function reportComponentFor(node: TSESTree.Node, filename: string): string {
  const module = moduleLabel(filename);
  for (const current of enclosingFunctions(node)) {
    const label = functionLabel(current);
    if (label) return `${module}.${label}`;
  }
  return module;
}

/** The id of the `supervise.cache` child that owns the module-level container `name`: `sessions.userCache`. */
export function cacheIdFor(name: string, filename: string): string {
  return `${moduleLabel(filename)}.${name}`;
}

/** The id of the `supervise.interval` child a stray timer becomes: module + what names the timer. */
export function intervalIdFor(filename: string, call: TSESTree.CallExpression, storage: string | null): string {
  const callback = call.arguments[0] ? skipTransparentWrappers(call.arguments[0]) : undefined;
  let name = storage?.replace(/^this\.#?/, '') || null;
  if (!name && callback?.type === AST_NODE_TYPES.Identifier) name = callback.name;
  if (!name && callback?.type === AST_NODE_TYPES.MemberExpression && callback.property.type === AST_NODE_TYPES.Identifier) {
    name = callback.property.name;
  }
  return `${moduleLabel(filename)}.${name ?? 'interval'}`;
}

/** The id of the `supervise.worker/process` child a spawn becomes: module + stored name or spawned file. */
export function spawnIdFor(
  filename: string,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  kind: 'worker' | 'process' | 'cluster-worker',
  storage: string | null,
): string {
  const stored = storage?.replace(/^this\.#?/, '');
  const first = node.arguments[0];
  const target =
    first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
      ? basename(first.value).replace(/\.[cm]?[jt]s$/, '').replace(/[^\w-]/g, '')
      : '';
  return `${moduleLabel(filename)}.${stored || target || (kind === 'worker' ? 'worker' : 'process')}`;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);

/**
 * The name `tasks.callback(fn, { name })` gives each call's task, for telemetry (the runtime would
 * say `callback` for an anonymous function): the module and the event a listener handles
 * (`server.message` for `socket.on('message', ...)` in server.ts) or the route a handler serves
 * (`app.GET /users`), else the function's own name
 * (`server.onMessage`), else the component of the code around it (see reportComponentFor).
 */
export function callbackTaskName(callback: TSESTree.Node, filename: string): string {
  const module = moduleLabel(filename);
  const registration = callback.parent;
  const method = registration?.type === AST_NODE_TYPES.CallExpression && registration.callee.type === AST_NODE_TYPES.MemberExpression ? keyName(registration.callee) : null;
  if (registration?.type === AST_NODE_TYPES.CallExpression && method !== null && isListenerMethod(method) && registration.arguments[0] !== callback) {
    const event = registration.arguments[0];
    if (event?.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' && event.value !== '') return `${module}.${event.value}`;
  }
  // A route handler: `app.GET /users`.
  if (registration?.type === AST_NODE_TYPES.CallExpression && method !== null && HTTP_METHODS.has(method) && registration.arguments[0] !== callback) {
    const path = registration.arguments[0];
    if (path?.type === AST_NODE_TYPES.Literal && typeof path.value === 'string') return `${module}.${method.toUpperCase()} ${path.value}`;
  }
  const fn = skipTransparentWrappers(callback);
  const own = fn.type === AST_NODE_TYPES.Identifier ? fn.name : (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id?.name) || null;
  if (own) return `${module}.${own}`;
  return reportComponentFor(callback, filename);
}

const PROMISE_CHAIN_METHODS = new Set(['then', 'catch', 'finally']);

/**
 * The name `tasks.start(() => X, { name })` gives its task, for telemetry (the runtime would say
 * `anonymous` for an arrow): the module and what X calls, through its promise chain
 * (`queue.connect` for `this.connect().then(...)` in queue.ts), or what holds the promise a chain
 * starts from (`queue.ready` for `ready.then(...)`); for an async IIFE its own name, else
 * the component of the code around it; the same for what has no callee worth naming (`Promise.all`).
 */
export function startTaskName(expression: TSESTree.Node, filename: string): string {
  let call = skipTransparentWrappers(expression);
  while (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    PROMISE_CHAIN_METHODS.has(keyName(call.callee) ?? '') &&
    skipTransparentWrappers(call.callee.object).type === AST_NODE_TYPES.CallExpression
  ) {
    call = skipTransparentWrappers(call.callee.object);
  }
  if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_CHAIN_METHODS.has(keyName(call.callee) ?? '')) {
    // `ready.then(...)`: a promise made elsewhere, named by what holds it.
    const held = skipTransparentWrappers(call.callee.object);
    const name = held.type === AST_NODE_TYPES.Identifier ? held.name : held.type === AST_NODE_TYPES.MemberExpression ? keyName(held) : null;
    return name ? `${moduleLabel(filename)}.${name.replace(/^#/, '')}` : reportComponentFor(expression, filename);
  }
  if (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) {
    const callee = skipTransparentWrappers(call.callee);
    const own = (callee.type === AST_NODE_TYPES.FunctionExpression || callee.type === AST_NODE_TYPES.ArrowFunctionExpression) && callee.id ? callee.id.name : null;
    const promiseStatic = callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'Promise';
    const name = own ?? (promiseStatic || call.type === AST_NODE_TYPES.NewExpression ? null : calleeName(call));
    if (name) return `${moduleLabel(filename)}.${name.replace(/^#/, '')}`;
  }
  return reportComponentFor(expression, filename);
}

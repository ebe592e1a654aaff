import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { typescript } from './typescript.js';
import { GLOBALS, matchApi, resolveCallee, resolveValueOrigin, type ApiTable } from './module-bindings.js';
import { readsOf, type StorageHome } from './ownership.js';
import { checkerAnswer, type TypeInfo } from './type-info.js';
import { outermostSameValue } from '../ast/wrappers.js';
import { descendants, someNode } from '../ast/walk.js';
import { enclosingFunction, enclosingFunctions, isFunctionNode, type FunctionNode } from '../ast/functions.js';
import { functionName, keyName } from '../ast/names.js';
import { MIDDLEWARE_METHOD, REPEATING_LISTENER_METHODS, ROUTE_METHODS } from './api-shapes.js';
import { thisClassAt } from '../ast/classes.js';

/**
 * Unbounded buffers: memory that grows as fast as a producer writes, with nothing slowing it down.
 *
 * 1. A stream `write()` / `push()` in a loop whose `false` ("buffer full, wait for 'drain'") result is
 *    dropped: the stream buffers everything the loop produces. The loop is exempt when it waits for
 *    `'drain'` anywhere in its body (`await once(s, 'drain')`, `s.once('drain', ...)`) or checks
 *    `writableNeedDrain` / `writableLength`.
 *    Which receivers are streams: syntactically, `fs.createWriteStream(...)` / `net.connect(...)` /
 *    `new stream.Writable|PassThrough|Transform|Duplex(...)` values, `process.stdout/stderr`, and
 *    names that say stream (`res`, `response`, `socket`, `*Stream`, `*Socket`); with types, a receiver
 *    whose type has `write(...): boolean` (or `push(...): boolean`) and `once`, and nothing else.
 *    Not unbounded: a write or push followed by `return` / `break` / `throw` (one per run of the loop,
 *    as an identd reply); `push(null)` (end of stream); a push made by the stream's own `read()` /
 *    `_read()` (it answers the demand `read()` signals: that IS backpressure) or a Transform's own
 *    `_transform()` / `_flush()` (the next write waits until the readable side drains); a synchronous loop over
 *    a collection already in memory that prints it to the process's standard output (the text is held
 *    either way, and nobody paces a CLI's stdout).
 * 2. A write per event: `source.on('data', (chunk) => dest.write(chunk))` forwards each payload with
 *    `false` ignored, the pipe without backpressure: when `dest` is slower than the events arrive,
 *    every payload piles up in its buffer. Exempt: a reply on the emitter itself (the peer that sends
 *    is the one that reads), a handler that pauses the source or waits for `'drain'`.
 * 3. A push-only queue: a module-scope or class-field array that `.push()`es inside an event or
 *    request handler, while its owner never bounds it (no `shift`/`pop`/`splice`, no `length` check,
 *    no `length = 0`, never reassigned, never handed to another function).
 */

const WRITABLE_FACTORIES: ApiTable = {
  fs: ['createWriteStream'],
  net: ['connect', 'createConnection', 'Socket'],
  tls: ['connect'],
  stream: ['Writable', 'PassThrough', 'Transform', 'Duplex'],
  http: ['request'],
  https: ['request'],
};
const READABLE_FACTORIES: ApiTable = { stream: ['Readable', 'PassThrough', 'Transform', 'Duplex'] };
const STD_STREAMS: ApiTable = { [GLOBALS]: ['process.stdout', 'process.stderr'], process: ['stdout', 'stderr'] };
const WRITABLE_NAME = /^(res|response|socket|sock|stdout|stderr|out|output|sink)$/i;
/** The last word of a name that says stream (`fileStream`, `LOG_STREAM`, `clientSocket`), not a word ending so (`unreadable`). */
const WRITABLE_LAST_WORDS = new Set(['stream', 'socket']);
const READABLE_LAST_WORDS = new Set(['stream', 'readable']);

function lastWord(name: string): string {
  const words = name.split(/_|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  return (words.at(-1) ?? name).toLowerCase();
}

function namesStream(name: string, method: 'write' | 'push'): boolean {
  if (method === 'write') return WRITABLE_NAME.test(name) || WRITABLE_LAST_WORDS.has(lastWord(name));
  return READABLE_LAST_WORDS.has(lastWord(name));
}
const DRAIN_AWARE_PROPERTIES = new Set(['writableNeedDrain', 'writableLength']);

export type UnboundedWriteShape = 'write-in-async-loop' | 'write-in-loop' | 'push-in-loop' | 'write-per-event';

export interface UnboundedWrite {
  shape: UnboundedWriteShape;
  /** The ExpressionStatement holding the call: what the async rewrite replaces (null for `forEach((x) => s.write(x))`, `on('data', (c) => s.write(c))`). */
  statement: TSESTree.ExpressionStatement | null;
  receiver: TSESTree.Expression;
}

function isLoopBody(loop: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (loop.type) {
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return loop.body === child;
    default:
      return false;
  }
}

/** `arr.forEach(cb)`: `cb` runs once per element, like a loop body. */
function isForEachCallback(fn: TSESTree.FunctionLike): boolean {
  const call = fn.parent;
  return (
    call?.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === fn &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    keyName(call.callee) === 'forEach'
  );
}

/** The loop (statement, or `forEach` callback) that runs `node` repeatedly, within its own function. */
function enclosingLoop(node: TSESTree.Node): { loop: TSESTree.Node; body: TSESTree.Node; isCallback: boolean } | null {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isLoopBody(current, child)) return { loop: current, body: child, isCallback: false };
    if (isFunctionNode(current)) return isForEachCallback(current) ? { loop: current, body: current, isCallback: true } : null;
  }
  return null;
}

function waitsForDrain(body: TSESTree.Node): boolean {
  for (const node of descendants(body)) {
    if (node.type === AST_NODE_TYPES.Literal && node.value === 'drain') return true;
    if (node.type === AST_NODE_TYPES.MemberExpression && DRAIN_AWARE_PROPERTIES.has(keyName(node) ?? '')) return true;
  }
  return false;
}

/** `write(x); return;`: a later statement of the same block leaves the loop, so the loop writes once per run. */
function leavesLoopAfter(statement: TSESTree.Node, loopBody: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = statement; current !== loopBody && current.parent; current = current.parent) {
    const block = current.parent;
    if (block.type !== AST_NODE_TYPES.BlockStatement) continue;
    const later = block.body.slice(block.body.indexOf(current as TSESTree.Statement) + 1);
    if (later.some((next) => next.type === AST_NODE_TYPES.ReturnStatement || next.type === AST_NODE_TYPES.BreakStatement || next.type === AST_NODE_TYPES.ThrowStatement)) {
      return true;
    }
  }
  return false;
}

/**
 * The stream's own methods that the stream machinery paces: `read` / `_read` is called when the
 * consumer wants more; a Transform's `transform` / `_transform` and `flush` / `_flush` are not called
 * again (the write that feeds them is held) until the readable side has drained.
 */
const READ_IMPLEMENTATIONS = new Set(['read', '_read', 'transform', '_transform', 'flush', '_flush']);

function insideReadImplementation(node: TSESTree.Node): boolean {
  for (const fn of enclosingFunctions(node)) {
    const name = fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.Property ? functionName(fn) : null;
    if (name !== null && READ_IMPLEMENTATIONS.has(name)) return true;
  }
  return false;
}

/**
 * The loop only walks a collection already in memory: `for...of` / `for...in` / `forEach` that never
 * awaits, so it produces nothing faster than memory already holds.
 */
function walksHeldCollection(loop: { loop: TSESTree.Node; body: TSESTree.Node; isCallback: boolean }): boolean {
  const node = loop.loop;
  const iterates =
    (loop.isCallback && isFunctionNode(node) && !node.async) ||
    (node.type === AST_NODE_TYPES.ForOfStatement && !node.await) ||
    node.type === AST_NODE_TYPES.ForInStatement;
  return iterates && !someNode(loop.body, (current) => current.type === AST_NODE_TYPES.AwaitExpression, (current) => current !== loop.body && isFunctionNode(current));
}

/** Names the program's own output goes by when nothing shows where it comes from (`this.outputStream`). */
const STANDARD_OUTPUT_NAME = /^(stdout|stderr|output|outputStream)$/;

/** The process's standard output or error, or (when nothing says otherwise) a stream named as the program's output. */
function isStandardOutput(receiver: TSESTree.Expression, scope: TSESLint.Scope.Scope): boolean {
  if (matchApi(resolveValueOrigin(receiver, scope), STD_STREAMS)) return true;
  if (initialiserOf(receiver, scope)) return false;
  const name = nameOf(receiver);
  return name !== null && STANDARD_OUTPUT_NAME.test(name);
}

/** `emitter.on('data', (chunk) => ...)`: the repeating listener `fn` is, and the emitter; null otherwise. */
function listenerRegistration(fn: FunctionNode): { emitter: TSESTree.Expression; listener: FunctionNode } | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== fn || call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = keyName(call.callee);
  return method !== null && REPEATING_METHODS.has(method) ? { emitter: call.callee.object, listener: fn } : null;
}
const REPEATING_METHODS: ReadonlySet<string> = new Set(REPEATING_LISTENER_METHODS);

/** The handler forwards what the event carries: the write's arguments read one of the listener's parameters. */
function forwardsPayload(call: TSESTree.CallExpression, listener: FunctionNode): boolean {
  const names = new Set(listener.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  return call.arguments.some((argument) => someNode(argument, (node) => node.type === AST_NODE_TYPES.Identifier && names.has(node.name), isFunctionNode));
}

/** `source.pause()` somewhere in the handler: it stops the events until the writer catches up. */
function pausesSource(body: TSESTree.Node): boolean {
  return someNode(body, (node) => node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && keyName(node.callee) === 'pause');
}

/**
 * Local predicate until src/detect/promises.ts exports one: code at `node` may `await` (its nearest
 * function is async, or it is top level and the file allows top-level await).
 */
function canAwaitAt(node: TSESTree.Node, topLevelAwait: boolean): boolean {
  return enclosingFunction(node)?.async ?? topLevelAwait;
}

/** Top-level await needs an ES module: not a `.cjs`/`.cts` file, and parsed with a module scope. */
export function allowsTopLevelAwait(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  if (/\.c[jt]s$/.test(filename)) return false;
  return sourceCode.scopeManager?.globalScope?.childScopes.some((scope) => scope.type === 'module') ?? false;
}

function nameOf(expression: TSESTree.Node): string | null {
  if (expression.type === AST_NODE_TYPES.Identifier) return expression.name;
  if (expression.type === AST_NODE_TYPES.MemberExpression) return keyName(expression);
  return null;
}

/** The initialiser of the variable `receiver` names, when it has exactly one. */
function initialiserOf(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESTree.Expression | null {
  if (receiver.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(scope, receiver.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable' || !definition.node.init) return null;
  const init = definition.node.init;
  return init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression ? init.expression : init;
}

const NOT_A_STREAM = new Set<string>([
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
]);

function looksLikeStream(receiver: TSESTree.Expression, method: 'write' | 'push', scope: TSESLint.Scope.Scope): boolean {
  const init = initialiserOf(receiver, scope);
  if (init && NOT_A_STREAM.has(init.type)) return false;
  if (init?.type === AST_NODE_TYPES.CallExpression || init?.type === AST_NODE_TYPES.NewExpression) {
    return matchApi(resolveCallee(init, scope), method === 'write' ? WRITABLE_FACTORIES : READABLE_FACTORIES) !== null;
  }
  if (method === 'write' && matchApi(resolveValueOrigin(receiver, scope), STD_STREAMS)) return true;
  const name = nameOf(receiver);
  return name !== null && namesStream(name, method);
}

/** With types: `method(...)` returns boolean and the receiver has `once` (a Node stream). Null when the type is unknown. */
function typeSaysStream(receiver: TSESTree.Expression, method: 'write' | 'push', types: TypeInfo): boolean | null {
  return checkerAnswer(() => checkedTypeSaysStream(receiver, method, types), null);
}

function checkedTypeSaysStream(receiver: TSESTree.Expression, method: 'write' | 'push', types: TypeInfo): boolean | null {
  // The checker's flags are the numbers of the TypeScript that built the program (they differ between
  // versions); with a program, that package is loaded already.
  const ts = typescript();
  const type = types.typeOf(receiver);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return null;
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((part) => {
    const call = types.checker.getPropertyOfType(part, method);
    if (!call || !types.checker.getPropertyOfType(part, 'once')) return false;
    return types.checker
      .getTypeOfSymbol(call)
      .getCallSignatures()
      .some((signature) => (signature.getReturnType().flags & ts.TypeFlags.BooleanLike) !== 0);
  });
}

/** The unbounded write `call` makes, or null. */
export function unboundedWrite(
  call: TSESTree.CallExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  types: TypeInfo | null,
  topLevelAwait: boolean,
): UnboundedWrite | null {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = keyName(callee);
  if (method !== 'write' && method !== 'push') return null;
  const value = outermostSameValue(call);
  const holder = value.parent?.type === AST_NODE_TYPES.UnaryExpression && value.parent.operator === 'void' ? value.parent.parent : value.parent;
  // `rows.forEach((row) => s.write(row))`: forEach drops what its callback returns.
  const isCallbackBody =
    holder?.type === AST_NODE_TYPES.ArrowFunctionExpression && holder.body === value && (isForEachCallback(holder) || listenerRegistration(holder) !== null);
  if (holder?.type !== AST_NODE_TYPES.ExpressionStatement && !isCallbackBody) return null;
  const statement = holder.type === AST_NODE_TYPES.ExpressionStatement ? holder : null;
  // `push(null)` ends the stream; a push from the stream's own read() answers its demand.
  if (method === 'push' && (isNullLiteral(call.arguments[0]) || insideReadImplementation(call))) return null;
  const receiver = callee.object;
  const scope = sourceCode.getScope(call);
  const isStream = (): boolean => (types ? typeSaysStream(receiver, method, types) : null) ?? looksLikeStream(receiver, method, scope);

  const loop = enclosingLoop(value);
  if (!loop) {
    if (method !== 'write') return null;
    const registration = enclosingListener(value);
    if (!registration || sameExpression(registration.emitter, receiver, sourceCode) || !forwardsPayload(call, registration.listener)) return null;
    const body = registration.listener.body;
    if (waitsForDrain(body) || pausesSource(body) || !isStream()) return null;
    return { shape: 'write-per-event', statement, receiver };
  }
  if (waitsForDrain(loop.body) || (statement && leavesLoopAfter(statement, loop.body))) return null;
  if (!isStream()) return null;
  if (method === 'push') return { shape: 'push-in-loop', statement, receiver };
  if (walksHeldCollection(loop) && isStandardOutput(receiver, scope)) return null;
  const asyncLoop = statement !== null && !loop.isCallback && canAwaitAt(loop.loop, topLevelAwait);
  return { shape: asyncLoop ? 'write-in-async-loop' : 'write-in-loop', statement, receiver };
}

function isNullLiteral(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node);
}

/** The repeating listener whose own body (not a nested function's) holds `node`. */
function enclosingListener(node: TSESTree.Node): { emitter: TSESTree.Expression; listener: FunctionNode } | null {
  const fn = enclosingFunction(node);
  return fn ? listenerRegistration(fn) : null;
}

function sameExpression(a: TSESTree.Node, b: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.getText(a).replace(/\?\./g, '.') === sourceCode.getText(b).replace(/\?\./g, '.');
}

// ---- push-only queues ----

/** Methods whose callback handles events or requests: subscriptions, routes, middleware, and the generic names. */
const HANDLER_REGISTRARS: ReadonlySet<string> = new Set([
  ...REPEATING_LISTENER_METHODS,
  ...ROUTE_METHODS,
  MIDDLEWARE_METHOD,
  'handle',
  'subscribe',
  'route',
]);
const SERVER_FACTORIES: ApiTable = { http: ['createServer'], https: ['createServer'], net: ['createServer'], http2: ['createServer'] };
const HANDLER_NAME = /^(on|handle)[A-Z_]/;
const BOUNDING_METHODS = new Set(['shift', 'pop', 'splice', 'clear']);

export interface UnboundedQueue {
  storage: StorageHome;
  /** `events`, `this.pending`. */
  name: string;
}

/** The function `node` runs in is (inside) an event or request handler. */
function inHandler(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const current of enclosingFunctions(node)) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const registrar = parent.callee.type === AST_NODE_TYPES.MemberExpression ? keyName(parent.callee) : null;
      if (registrar && HANDLER_REGISTRARS.has(registrar)) return true;
      if (matchApi(resolveCallee(parent, sourceCode.getScope(parent)), SERVER_FACTORIES)) return true;
    }
    const name =
      current.id?.name ??
      ((parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.key.type === AST_NODE_TYPES.Identifier
        ? parent.key.name
        : parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier
          ? parent.id.name
          : null);
    if (name && HANDLER_NAME.test(name)) return true;
  }
  return false;
}

function isEmptyArray(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const value = node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression ? node.expression : node;
  return (
    (value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length === 0) ||
    (value.type === AST_NODE_TYPES.NewExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'Array')
  );
}

/** The array `receiver` denotes when it is a module-scope variable or a class field created empty. */
function queueStorage(receiver: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): StorageHome | null {
  if (receiver.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || definition?.type !== 'Variable' || !isEmptyArray(definition.node.init)) return null;
    const scopeType = variable.scope.type;
    const moduleLevel = scopeType === 'module' || scopeType === 'global' || variable.scope.block.type === AST_NODE_TYPES.Program;
    const exported = definition.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    return moduleLevel
      ? { kind: 'variable', variable, owner: { kind: 'module' }, disposedByUsing: false, exported }
      : null;
  }
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || receiver.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const key = keyName(receiver);
  const classNode = thisClassAt(receiver);
  if (key === null || !classNode) return null;
  const createdEmpty = classNode.body.body.some(
    (member) =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.static &&
      (member.key.type === AST_NODE_TYPES.Identifier || member.key.type === AST_NODE_TYPES.PrivateIdentifier) &&
      keyName(member) === key &&
      isEmptyArray(member.value),
  );
  return createdEmpty ? { kind: 'field', name: key, owner: { kind: 'class', node: classNode } } : null;
}

/** Something in the owner keeps the array from growing forever, or hands it to someone who might. */
function isBounded(storage: StorageHome): boolean {
  if (storage.kind === 'variable' && (storage.exported || storage.variable.references.some((reference) => reference.isWrite() && !reference.init))) {
    return true;
  }
  if (storage.kind === 'field') {
    // Reassigned anywhere in the class (`this.queue = []` in flush()).
    for (const node of descendants(storage.owner.node.body)) {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const left = node.left;
        if (left.object.type === AST_NODE_TYPES.ThisExpression && keyName(left) === storage.name) return true;
      }
    }
  }
  return readsOf(storage).some((read) => {
    const value = outermostSameValue(read);
    const parent = value.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
      const name = keyName(parent);
      if (name === 'length') {
        // `queue.length >= MAX`, `queue.length = 0`
        const use = outermostSameValue(parent).parent;
        return use?.type === AST_NODE_TYPES.BinaryExpression || use?.type === AST_NODE_TYPES.AssignmentExpression;
      }
      return name !== null && BOUNDING_METHODS.has(name);
    }
    // Handed to another function, returned, exported: not this owner's alone.
    return (
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) ||
      parent.type === AST_NODE_TYPES.ReturnStatement ||
      parent.type === AST_NODE_TYPES.ExportSpecifier ||
      parent.type === AST_NODE_TYPES.Property
    );
  });
}

/** The push-only queue `call` grows, or null. */
export function unboundedQueue(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): UnboundedQueue | null {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || keyName(callee) !== 'push') return null;
  const storage = queueStorage(callee.object, sourceCode);
  if (!storage || !inHandler(call, sourceCode) || isBounded(storage)) return null;
  return { storage, name: storage.kind === 'variable' ? storage.variable.name : `this.${storage.name}` };
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { constructedPackageMethod, isNeverRejectingMethod, knownAsyncApi, packageCallbackAdapter, PROMISIFY_APIS, type CallbackAdapter } from './known-async-apis.js';
import { constructedClassOrigin, GLOBALS, isNeverReassigned, matchApi, requiredModule, resolveCallee, resolveValueOrigin } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { typeInfo, typeInfoOfParse, type DeclaredFunction, type TypeInfo } from './type-info.js';
import { enclosingFunction, isFunctionNode, returnedExpressions, runsLater, type FunctionNode } from '../ast/functions.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { keyName } from '../ast/names.js';
import { pathTo, someNode, walk } from '../ast/walk.js';
import { callbackExitsProcess, isPromiseResolveCall } from './error-handling.js';
import { exportedNode, exportStep, MAX_EXPORT_HOPS, resolveRelativeModule } from './project-modules.js';
import { dependencyFile, fileSummary, moduleProgram, parseProjectText, projectFile, projectFileText, summaryAnswer, typescriptSource, type LintOfFile, type ParseResult, type ProjectFile } from './project-files.js';
import { namesReturningNoPromiseByTokens, typescriptExportReturns, type NamesReturningNoPromise } from './typescript-exports.js';
import { everyCallSite, isUnpublished } from './project-callers.js';
import { localUsesOf } from './local-callers.js';
import { namedMemo } from '../ast/memo.js';
import { dependencyExport, dependencyJavaScriptOf, dependencyModuleFile, dependencyTopLevelValue, packageNameOf, prototypeMethod } from './dependency-code.js';
import { downleveledAsyncBody, isSentValue, type DownleveledAsyncBody } from './downleveled-async.js';
import type { ClassNode } from '../ast/classes.js';

/**
 * THE promise analysis every rule shares (modelled on typescript-eslint's promiseUtils):
 * - `parsePromiseChainCall` reads `.then/.catch/.finally` once: which handler sits where.
 * - `promiseAnalysis(context)` answers "is this expression promise-valued, and why?" for one file:
 *   syntactically (async functions and functions whose every return is a promise, declared in the
 *   file and reached through aliases, re-assignments, `this.method`, object-literal methods, class
 *   statics, `.bind`; known async APIs of imported modules; `util.promisify` results; `new Promise`;
 *   `Promise.all/...`; promise chains), then, when the parser has a program, by the checker (any
 *   thenable type). Calls into `@spawnguard/runtime` are never promises here: `tasks.async` returns a
 *   Task that reports its own failure.
 */

export type PromiseChainKind = 'then' | 'catch' | 'finally';

export interface PromiseChainCall {
  kind: PromiseChainKind;
  call: TSESTree.CallExpression;
  /** The promise the method is called on (`p` in `p.then(f)`). */
  receiver: TSESTree.Expression;
  /** `then`'s first argument. */
  onFulfilled: TSESTree.CallExpressionArgument | null;
  /** `then`'s second or `catch`'s first argument. */
  onRejected: TSESTree.CallExpressionArgument | null;
  /** `finally`'s argument. */
  onFinally: TSESTree.CallExpressionArgument | null;
}

/** `p.then(a, b)`, `p.catch(h)`, `p?.finally(f)`: the parsed call; anything else: null. */
export function parsePromiseChainCall(node: TSESTree.Node): PromiseChainCall | null {
  const call = skipTransparentWrappers(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const kind = keyName(callee);
  if (kind !== 'then' && kind !== 'catch' && kind !== 'finally') return null;
  // `then(...handlers)`: which argument lands where is unknown, so no handler is known.
  const spreadAt = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  const known = spreadAt === -1 ? call.arguments : call.arguments.slice(0, spreadAt);
  const [first = null, second = null] = known;
  return {
    kind,
    call,
    receiver: callee.object,
    onFulfilled: kind === 'then' ? first : null,
    onRejected: kind === 'then' ? second : kind === 'catch' ? first : null,
    onFinally: kind === 'finally' ? first : null,
  };
}

/** A rejection handler that can handle something: present, and not `undefined`/`null`. */
export function isRejectionHandler(argument: TSESTree.CallExpressionArgument | null): boolean {
  if (!argument) return false;
  if (argument.type === AST_NODE_TYPES.Identifier && argument.name === 'undefined') return false;
  return !(argument.type === AST_NODE_TYPES.Literal && argument.value === null);
}

/** The `.catch(h)` / `.then(f, h)` that handles rejections of `node`'s chain (through `.finally`), or null. */
export function rejectionHandlingCall(node: TSESTree.Node): PromiseChainCall | null {
  const chain = parsePromiseChainCall(node);
  if (!chain) return null;
  if (chain.kind === 'finally') return rejectionHandlingCall(chain.receiver);
  return isRejectionHandler(chain.onRejected) ? chain : null;
}

export type PromiseSourceKind =
  /** A call of a function (local, aliased, a method, promisified) that returns a promise. */
  | 'promise-function-call'
  /** A call of a known promise-returning API of a module (`fetch`, `fs/promises.readFile`). */
  | 'known-api'
  | 'promise-constructor'
  /** `Promise.all/allSettled/race/any/resolve/reject`. */
  | 'promise-static'
  /** `(async () => { ... })()` */
  | 'async-iife'
  | 'then'
  | 'catch'
  | 'finally'
  /** Only the type checker knows (a method of an imported class, say). */
  | 'thenable-type'
  /** `value as Promise<T>`, `<Promise<T>>value`: the code says it is one. */
  | 'type-assertion'
  /** An array or tuple of promises (`promiseArraySource` only). */
  | 'promise-array';

export interface PromiseSource {
  kind: PromiseSourceKind;
  /** What to call it in a message: `trackUsage`, `fetch`, `Promise.all`, `this.sync`. */
  name: string;
}

export interface PromiseAnalysis {
  /** Why `expression` evaluates to a promise, or null when neither syntax nor types say it does. */
  promiseSource(expression: TSESTree.Node): PromiseSource | null;
  isPromiseValued(expression: TSESTree.Node): boolean;
  /**
   * Like `promiseSource`, but null when the chain handles rejections (`p.catch(h)`, `p.then(f, h)`,
   * `p.catch(h).finally(f)`): the promise whose rejection nobody handles.
   */
  unhandledPromise(expression: TSESTree.Node): PromiseSource | null;
  /**
   * An array or tuple holding promises (`[p1, p2]`, `ids.map(async (id) => load(id))`, with types any
   * `Promise<T>[]`), which a statement drops with every promise in it; null otherwise.
   */
  promiseArraySource(expression: TSESTree.Node): PromiseSource | null;
  /** An async function, or one whose every `return` is promise-valued (or declared `: Promise<...>`). */
  returnsPromise(fn: TSESTree.FunctionLike): boolean;
  /**
   * A value that, called, returns a promise: a function expression as above, a reference to such a
   * function (identifier, `this.method`, `obj.method`), `fn.bind(...)`, a `promisify(...)` result, a
   * known async API; with types, anything whose call signature returns a thenable.
   */
  callbackReturnsPromise(expression: TSESTree.Node): boolean;
  /**
   * For a callee that drops what its callback returns: the callback may return a promise on some
   * path (`(x) => { if (!x) return; return send(x); }`); a dropped `Promise | void` is still dropped.
   */
  callbackMayReturnPromise(expression: TSESTree.Node): boolean;
  /**
   * The function `expression` denotes (a function literal, or a reference this file resolves) cannot
   * reject: its whole body runs inside `try/catch` blocks whose handlers neither rethrow nor await, or
   * it only schedules work. A dropped promise of such a function leaks nothing.
   */
  cannotReject(expression: TSESTree.Node): boolean;
  /**
   * Like `cannotReject`, but only asynchronous failures count: every `await` (and every returned
   * promise) sits in a handled try/catch; the rest can only throw synchronously, as the same callback
   * without `async` would. What a callee that drops its callback's result may be given.
   */
  cannotRejectAsynchronously(expression: TSESTree.Node): boolean;
  /** The checker, when the parser has a program. */
  types: TypeInfo | null;
}

/**
 * What the checker is asked about: values produced or read here. An assignment stores its promise and
 * an `await` consumes one, however thenable their type.
 */
const TYPED_CANDIDATES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.Identifier,
]);

const PROMISE_STATICS = new Set(['all', 'allSettled', 'race', 'any', 'resolve', 'reject']);
const MAX_DEPTH = 8;
/**
 * How many functions deep one question may follow `f` returns `g()` returns `h()`... The bound is on
 * the whole walk, not per hop: generated code chains hundreds of functions, and a walk that restarts
 * its depth at every function overflows the stack. Past it the answer is "unknown" (not a promise).
 */
const MAX_FUNCTION_NESTING = 32;
/** Calls that only schedule work: an async function made only of these cannot reject. */
const SCHEDULING_APIS = {
  [GLOBALS]: ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process.nextTick'],
  process: ['nextTick'],
};

/** Global functions whose result is never a thenable: `Promise.resolve(JSON.parse(text))` fulfils. */
const PLAIN_VALUE_APIS = {
  [GLOBALS]: ['JSON.parse', 'JSON.stringify', 'Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from', 'Array.of', 'String', 'Number', 'Boolean'],
};

/** A Map's own methods: calls of these fill, read or empty it without handing it to anyone. */
const MAP_OWN_METHODS: ReadonlySet<string> = new Set(['get', 'set', 'has', 'delete', 'clear', 'keys', 'values', 'entries', 'forEach']);

/** Array methods whose result is an array, a boolean, an index or a string: never a thenable. */
const PLAIN_RESULT_METHODS: ReadonlySet<string> = new Set(['map', 'flatMap', 'filter', 'some', 'every', 'findIndex', 'findLastIndex', 'includes', 'indexOf', 'join', 'slice', 'concat']);

const perFile = new WeakMap<object, FileAnalysis>();

/** The analysis of the file `context` is linting; built once per file and shared by every rule. */
export function promiseAnalysis<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
): PromiseAnalysis {
  const cached = perFile.get(context.sourceCode);
  if (cached) return cached;
  const analysis = buildAnalysis(context.sourceCode, typeInfo(context), context.filename);
  perFile.set(context.sourceCode, analysis);
  return analysis;
}

function isPromiseTypeAnnotation(fn: TSESTree.FunctionLike): boolean {
  const annotation = fn.returnType?.typeAnnotation;
  return (
    annotation?.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    (annotation.typeName.name === 'Promise' || annotation.typeName.name === 'PromiseLike')
  );
}

/** The class body or object literal that `this` denotes at `node`, or null (a plain function's own `this`). */
function thisContainer(node: TSESTree.Node): TSESTree.ClassBody | TSESTree.ObjectExpression | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const owner = current.parent;
      if (owner?.type === AST_NODE_TYPES.MethodDefinition && owner.parent.type === AST_NODE_TYPES.ClassBody) return owner.parent;
      const prototypeOf = prototypeOwnerOf(current);
      if (prototypeOf) return prototypeOf.body;
      if (owner?.type === AST_NODE_TYPES.Property && owner.parent.type === AST_NODE_TYPES.ObjectExpression) return owner.parent;
      return null;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    current = current.parent;
  }
  return null;
}

/** The value bound to `name` in a class body or object literal (a method, a field's initialiser). */
function memberValue(container: TSESTree.ClassBody | TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  if (container.type === AST_NODE_TYPES.ClassBody) {
    for (const member of container.body) {
      if ((member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method') || member.type === AST_NODE_TYPES.PropertyDefinition) {
        if (keyName(member) === name) return member.value;
      }
      // `abstract send(): Promise<void>;`: what every implementation is declared to return.
      if (member.type === AST_NODE_TYPES.TSAbstractMethodDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
        return member.value;
      }
    }
    return null;
  }
  for (const property of container.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property) === name) return property.value;
  }
  return null;
}

const prototypeMemberMemo = new WeakMap<ClassNode, ReadonlyMap<string, TSESTree.Node | null>>();

/**
 * Members a class gets beside its declaration, as older libraries and mixins add them: statements of
 * the list that declares the class `X` assigning `X.prototype.name = value`, or `Object.assign(X.prototype,
 * { name: value, ... })`. A member so given twice is unknown (null): which value a call meets depends
 * on when it runs.
 */
function prototypeMembers(owner: ClassNode): ReadonlyMap<string, TSESTree.Node | null> {
  let members = prototypeMemberMemo.get(owner);
  if (members) return members;
  const found = new Map<string, TSESTree.Node | null>();
  const add = (name: string | null, value: TSESTree.Node): void => {
    if (name !== null) found.set(name, found.has(name) ? null : value);
  };
  const named = classDeclarationSite(owner);
  for (const statement of named?.statements ?? []) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = skipTransparentWrappers(statement.expression);
    if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=' && expression.left.type === AST_NODE_TYPES.MemberExpression) {
      if (isPrototypeOf(expression.left.object, named!.name)) add(keyName(expression.left), expression.right);
    } else if (expression.type === AST_NODE_TYPES.CallExpression && isObjectAssign(expression.callee) && expression.arguments[0] && isPrototypeOf(expression.arguments[0], named!.name)) {
      for (const source of expression.arguments.slice(1)) {
        if (source.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of source.properties) if (property.type === AST_NODE_TYPES.Property && !property.computed) add(keyName(property), property.value);
      }
    }
  }
  members = found;
  prototypeMemberMemo.set(owner, members);
  return members;
}

/** The name a class is bound to and the statements beside its declaration (`class X {}`, `export class X {}`, `const X = class {}`). */
function classDeclarationSite(owner: ClassNode): { name: string; statements: readonly TSESTree.Node[] } | null {
  let declaration: TSESTree.Node = owner;
  let name = owner.id?.name ?? null;
  if (owner.type === AST_NODE_TYPES.ClassExpression) {
    const declarator = owner.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return null;
    name = declarator.id.name;
    declaration = declarator.parent;
  }
  if (declaration.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || declaration.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) declaration = declaration.parent;
  const list = declaration.parent;
  if (name === null || (list?.type !== AST_NODE_TYPES.Program && list?.type !== AST_NODE_TYPES.BlockStatement)) return null;
  return { name, statements: list.body };
}

/** `X.prototype` for the class name `name`. */
function isPrototypeOf(expression: TSESTree.Node, name: string): boolean {
  const node = skipTransparentWrappers(expression);
  return node.type === AST_NODE_TYPES.MemberExpression && keyName(node) === 'prototype' && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === name;
}

function isObjectAssign(callee: TSESTree.Node): boolean {
  const node = skipTransparentWrappers(callee);
  return node.type === AST_NODE_TYPES.MemberExpression && keyName(node) === 'assign' && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'Object';
}

/**
 * The class whose prototype the function `fn` is given to beside the declaration
 * (`X.prototype.m = function () {...}`, `Object.assign(X.prototype, { m() {...} })`): `this` in it is
 * an instance of that class.
 */
function prototypeOwnerOf(fn: TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): ClassNode | null {
  const holder = fn.parent;
  let prototype: TSESTree.Node | null = null;
  let statement: TSESTree.Node | undefined;
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === fn && holder.left.type === AST_NODE_TYPES.MemberExpression) {
    prototype = holder.left.object;
    statement = holder.parent;
  } else if (holder?.type === AST_NODE_TYPES.Property && holder.value === fn && holder.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const call = holder.parent.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && isObjectAssign(call.callee) && call.arguments.indexOf(holder.parent) > 0 && call.arguments[0]) {
      prototype = call.arguments[0];
      statement = call.parent;
    }
  }
  const node = prototype ? skipTransparentWrappers(prototype) : null;
  if (!node || node.type !== AST_NODE_TYPES.MemberExpression || keyName(node) !== 'prototype' || node.object.type !== AST_NODE_TYPES.Identifier) return null;
  const list = statement?.type === AST_NODE_TYPES.ExpressionStatement ? statement.parent : undefined;
  if (list?.type !== AST_NODE_TYPES.Program && list?.type !== AST_NODE_TYPES.BlockStatement) return null;
  const name = node.object.name;
  for (const candidate of list.body) {
    const declared = candidate.type === AST_NODE_TYPES.ExportNamedDeclaration || candidate.type === AST_NODE_TYPES.ExportDefaultDeclaration ? candidate.declaration : candidate;
    if (declared?.type === AST_NODE_TYPES.ClassDeclaration && declared.id?.name === name) return declared;
    if (declared?.type === AST_NODE_TYPES.VariableDeclaration && declared.kind === 'const') {
      for (const declarator of declared.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init?.type === AST_NODE_TYPES.ClassExpression) return declarator.init;
      }
    }
  }
  return null;
}

function classBodyOf(node: TSESTree.Node | null | undefined): TSESTree.ClassBody | null {
  return node && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) ? node.body : null;
}

/**
 * `types` is the checker for the file, when the file is linted with one. `packageTypes`, for another
 * file of the program judged on its syntax (`declaredFileAnalysis`), is that file's checker asked one
 * thing only: which package declares a method (`declaredPackageMethod`), so the never-rejecting table
 * reaches past the first file hop without the rest of that file's judgement changing mode.
 */
function buildAnalysis(sourceCode: Readonly<TSESLint.SourceCode>, types: TypeInfo | null, filename: string, packageTypes: TypeInfo | null = types): FileAnalysis {
  // ESLint names text it lints without a file `<input>` / `<text>`: it has no directory to resolve from.
  const absoluteFilename = filename.startsWith('<') ? '' : resolve(filename);
  const promiseReturning = new FunctionJudgement<TSESTree.FunctionLike>(MAX_FUNCTION_NESTING);

  function returnsPromise(fn: TSESTree.FunctionLike): boolean {
    return promiseReturning.judge(fn, true, judgeReturnsPromise);
  }

  function judgeReturnsPromise(fn: TSESTree.FunctionLike): boolean {
    if (fn.generator) return false;
    if (fn.async || isPromiseTypeAnnotation(fn)) return true;
    if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) return fn.body ? syntacticSource(fn.body, 0) !== null : false;
    const returned = returnedExpressions(fn);
    return returned !== undefined && returned.length > 0 && returned.every((value) => syntacticSource(value, 0) !== null);
  }

  /** Some `return` of `fn` (or its expression body) is promise-valued. */
  function mayReturnPromise(fn: FunctionNode): boolean {
    if (returnsPromise(fn)) return true;
    if (fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    return (returnedExpressions(fn, true) ?? []).some((value) => syntacticSource(value, 0) !== null);
  }

  /** The function `expression` denotes, when this file shows it: a literal, a local binding, `this.method`, `obj.method`, `fn.bind(x)`. */
  function localFunction(expression: TSESTree.Node, depth = 0): FunctionNode | null {
    if (depth > MAX_DEPTH) return null;
    const node = skipTransparentWrappers(expression);
    if (isFunctionNode(node)) return node;
    const scope = sourceCode.getScope(node);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && keyName(callee) === 'bind'
        ? localFunction(callee.object, depth + 1)
        : null;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(scope, node.name);
      if (!variable || variable.defs.length !== 1) return null;
      const [definition] = variable.defs;
      const laterWrites = variable.references.filter((reference) => reference.isWrite() && reference.init !== true);
      // `let onMessage; ... onMessage = async (msg) => {...}`: declared first, given its one function later.
      if (definition?.type === 'Variable' && !definition.node.init && laterWrites.length === 1) {
        const written = laterWrites[0]!.writeExpr;
        const assignment = written?.parent;
        return written && isFunctionNode(written) && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator === '=' ? written : null;
      }
      if (laterWrites.length > 0) return null;
      if (definition?.type === 'FunctionName' && isFunctionNode(definition.node)) return definition.node;
      if (definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
        return localFunction(definition.node.init, depth + 1);
      }
      return null;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
    const name = keyName(node);
    const container = name === null ? null : memberContainer(node.object, scope);
    const value = container && name !== null ? memberValue(container, name) : null;
    return value ? localFunction(value, depth + 1) : null;
  }

  const returnsPromiseValue = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && syntacticSource(node.argument, 0) !== null;

  /** `await`, `throw`, or a `return` of a promise in `node`, outside nested functions: ways a handler can reject. */
  function canRejectFrom(node: TSESTree.Node): boolean {
    return someNode(node, (current) => current.type === AST_NODE_TYPES.ThrowStatement, runsLater) || failsAsynchronously(node);
  }

  /** A `return p` inside `try` hands `p`'s rejection to the caller: the `catch` never sees it. */
  function returnsUnawaitedPromise(block: TSESTree.BlockStatement): boolean {
    return someNode(block, (node) => returnsPromiseValue(node) && !returnedPromiseCannotReject(node), runsLater);
  }

  /** Calls (other than scheduling), `await`, `throw`, `new`, `yield` in `node`: what can make plain code throw or wait. */
  function mayThrow(node: TSESTree.Node): boolean {
    return someNode(
      node,
      (current) =>
        (current.type === AST_NODE_TYPES.CallExpression && matchApi(resolveCallee(current, sourceCode.getScope(current)), SCHEDULING_APIS) === null) ||
        current.type === AST_NODE_TYPES.AwaitExpression ||
        current.type === AST_NODE_TYPES.ThrowStatement ||
        current.type === AST_NODE_TYPES.NewExpression ||
        current.type === AST_NODE_TYPES.YieldExpression ||
        current.type === AST_NODE_TYPES.TaggedTemplateExpression,
      runsLater,
    );
  }

  /**
   * `await`, `for await`, or a `return` of a promise in `node`, outside nested functions: an
   * asynchronous failure. Awaiting or returning a promise that cannot reject is none.
   */
  function failsAsynchronously(node: TSESTree.Node): boolean {
    return someNode(
      node,
      (current) =>
        (current.type === AST_NODE_TYPES.AwaitExpression && !promiseCannotReject(current.argument, enclosingFunction(current))) ||
        current.type === AST_NODE_TYPES.YieldExpression ||
        (current.type === AST_NODE_TYPES.ForOfStatement && current.await) ||
        (returnsPromiseValue(current) && !returnedPromiseCannotReject(current)),
      runsLater,
    );
  }

  function returnedPromiseCannotReject(statement: TSESTree.Node): boolean {
    return statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument !== null && promiseCannotReject(statement.argument, enclosingFunction(statement));
  }

  /** A `throw` in `body` that no `try` around it catches (outside nested functions). */
  function throwsUncaught(body: TSESTree.Node): boolean {
    return someNode(
      body,
      (node) => node.type === AST_NODE_TYPES.ThrowStatement && !insideTryBlock(node, body),
      runsLater,
    );
  }

  /**
   * A statement of an async body that cannot reject: a handled try/catch; a call that only schedules
   * work; plain code that calls nothing (an assignment, an early-return guard), as the usual
   * `if (closing) return; this.timer = null; try { ... } catch (e) { this.emit('error', e); }`.
   * With `onlyAsync`, only asynchronous failures count: a statement that neither awaits nor returns a
   * promise can only throw synchronously, as the same callback without `async` would.
   */
  function statementCannotReject(statement: TSESTree.Statement, onlyAsync: boolean): boolean {
    if (onlyAsync && !failsAsynchronously(statement)) return true;
    const mayFail = (node: TSESTree.Node): boolean => (onlyAsync ? failsAsynchronously(node) : mayThrow(node));
    switch (statement.type) {
      case AST_NODE_TYPES.EmptyStatement:
        return true;
      case AST_NODE_TYPES.TryStatement:
        if (!statement.handler || returnsUnawaitedPromise(statement.block)) return false;
        return handlerCannotReject(statement.handler.body) && !(statement.finalizer && !handlerCannotReject(statement.finalizer));
      case AST_NODE_TYPES.BlockStatement:
        return statement.body.every((inner) => statementCannotReject(inner, onlyAsync));
      // `for (const t of types) { try { await access(t); } catch { result.error = true; } }`: a loop
      // over values already in hand, whose body cannot reject.
      case AST_NODE_TYPES.ForOfStatement:
        return !statement.await && !mayFail(statement.right) && statementCannotReject(statement.body, onlyAsync);
      case AST_NODE_TYPES.ForInStatement:
        return !mayFail(statement.right) && statementCannotReject(statement.body, onlyAsync);
      case AST_NODE_TYPES.IfStatement:
        return (
          !mayFail(statement.test) &&
          statementCannotReject(statement.consequent, onlyAsync) &&
          (!statement.alternate || statementCannotReject(statement.alternate, onlyAsync))
        );
      case AST_NODE_TYPES.ReturnStatement: {
        // `return this.pending` from an async function: the new promise adopts whatever it holds.
        const argument = statement.argument;
        if (!argument) return true;
        if (mayFail(argument)) return false;
        if (syntacticSource(argument, 0) === null && !isHeldPromiseRead(argument)) return true;
        return promiseCannotReject(argument, enclosingFunction(statement));
      }
      case AST_NODE_TYPES.VariableDeclaration:
        return statement.declarations.every((declarator) => !declarator.init || !mayFail(declarator.init));
      case AST_NODE_TYPES.ExpressionStatement:
        return !mayFail(statement.expression);
      default:
        return false;
    }
  }

  /**
   * A `catch` or `finally` block that cannot make its function reject: it neither throws, awaits nor
   * returns a promise, or whatever it throws or awaits sits in a `try` of its own that handles it
   * (`catch { try { await mkdir(p); } catch { result.error = true; } }`: the error returned as a value).
   */
  function handlerCannotReject(block: TSESTree.BlockStatement): boolean {
    return !canRejectFrom(block) || (!throwsUncaught(block) && statementCannotReject(block, true));
  }

  const rejectionFree = new FunctionJudgement<FunctionNode>(MAX_DEPTH);

  function functionCannotReject(fn: FunctionNode, depth: number, onlyAsync: boolean): boolean {
    if (fn.generator) return false;
    // The memo holds strict answers; the asynchronous-only one (asked of callbacks) is judged each time.
    return rejectionFree.judge(fn, !onlyAsync, (judged) => judgeFunction(judged, depth, onlyAsync));
  }

  function judgeFunction(fn: FunctionNode, depth: number, onlyAsync: boolean): boolean {
    // `() => this.poll()`: as safe as what it calls. The callee is judged strictly: its body is work
    // of its own (a stand-in that only logs today does real work tomorrow), not this callback's.
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
      const body = skipAwait(fn.body);
      if (body.type === AST_NODE_TYPES.CallExpression && calleeCannotReject(body.callee, depth + 1, false)) return true;
      return (syntacticSource(body, 0) !== null || (!fn.async && isHeldPromiseRead(body))) && promiseCannotReject(body, fn, !fn.async);
    }
    // An empty body says nothing: declarations and test stand-ins (`async function send() {}`) look like it.
    if (fn.body.body.length === 0) return false;
    const downleveled = downleveledAsyncBody(fn);
    if (downleveled) return downleveledCannotReject(downleveled);
    // A plain function throws at its caller, synchronously: its promise is what it returns. One whose
    // every returned promise cannot reject, or is one it did not make, starts nothing that can.
    if (!fn.async) {
      const returned = returnedExpressions(fn, true) ?? [];
      if (returned.some((value) => syntacticSource(value, 0) !== null || isHeldPromiseRead(value)) && returned.every((value) => promiseCannotReject(value, fn, true))) {
        return true;
      }
    }
    const [only] = fn.body.body;
    if (fn.body.body.length === 1 && only?.type === AST_NODE_TYPES.ReturnStatement && only.argument) {
      const returned = skipAwait(only.argument);
      // `return this.store(id).members().then((members) => members.size)`: a chain is judged link by link.
      if (returned.type === AST_NODE_TYPES.CallExpression) return calleeCannotReject(returned.callee, depth + 1, false) || (parsePromiseChainCall(returned) !== null && promiseCannotReject(returned, fn));
    }
    if (fn.body.body.every((statement) => statementCannotReject(statement, onlyAsync))) return true;
    return !onlyAsync && fn.async && handlesItsAsynchronousFailures(fn.body);
  }

  /**
   * An async body that handles its own failures: it does asynchronous work, every `await` of a promise
   * that can reject sits in a try/catch whose handler neither rethrows nor awaits, and it throws
   * nothing itself. What is left can only throw as plain code does (an invariant, a bug), as the job
   * loops of queue workers are written: `try { job = await next(); } catch (e) { emit(e); return; }`.
   */
  function handlesItsAsynchronousFailures(body: TSESTree.BlockStatement): boolean {
    const doesAsynchronousWork = someNode(
      body,
      (node) => node.type === AST_NODE_TYPES.AwaitExpression || (node.type === AST_NODE_TYPES.TryStatement && node.handler !== null),
      runsLater,
    );
    return (
      doesAsynchronousWork &&
      !throwsUncaught(body) &&
      !returnsCallOutsideTry(body) &&
      body.body.every((statement) => statementCannotReject(statement, true))
    );
  }

  /**
   * An async function compiled for ES5 (downleveled-async: a tslib state machine) judged as
   * `handlesItsAsynchronousFailures` judges one written with `await`: it does asynchronous work, every
   * await outside a catching `try` (catch code included) is of a promise that cannot reject, it throws
   * nothing there and returns no promise that can reject. Plain code may still throw, as plain code does.
   */
  function downleveledCannotReject({ body, unprotected, handlesSomething }: DownleveledAsyncBody): boolean {
    if (!handlesSomething && !unprotected.some((step) => step.kind === 'await')) return false;
    return unprotected.every((step) => {
      const value = step.value;
      switch (step.kind) {
        case 'await':
          return value !== null && (isSentValue(value, body) || promiseCannotReject(value, body));
        case 'return':
          return value === null || isSentValue(value, body) || (syntacticSource(value, 0) === null && !isHeldPromiseRead(value)) || promiseCannotReject(value, body);
        default:
          return false;
      }
    });
  }

  /** `return releaseClient()` outside a `try`: the async function adopts whatever that call returns, rejection included. */
  function returnsCallOutsideTry(body: TSESTree.BlockStatement): boolean {
    return someNode(
      body,
      (node) => {
        if (node.type !== AST_NODE_TYPES.ReturnStatement || !node.argument || insideTryBlock(node, body)) return false;
        const returned = skipAwait(node.argument);
        const calls = returned.type === AST_NODE_TYPES.CallExpression || returned.type === AST_NODE_TYPES.NewExpression;
        return calls && !promiseCannotReject(returned, enclosingFunction(node));
      },
      runsLater,
    );
  }

  /** `this.pending`, `cache.get(key)`: a promise read from where it is kept, not one made here. */
  function isHeldPromiseRead(expression: TSESTree.Node): boolean {
    const node = skipTransparentWrappers(expression);
    return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression;
  }

  /**
   * The promise `expression` evaluates to (in `owner`, the function it is written in) cannot end as an
   * unhandled rejection: it settles without rejecting (`Promise.allSettled`, `new Promise(resolve =>
   * ...)` that never rejects, a chain whose last handler handles and cannot fail, a call of a function
   * that cannot reject), or it is no promise at all. With `handedOver` (a plain function returns the
   * very object to its caller), also: a promise `owner` attaches a rejection handler to (`p = run();
   * p.catch(log); return p;`), or one it only reads (made and kept elsewhere). An `await` or an async
   * function's `return` makes a new promise that adopts the rejection: there only the first kind counts.
   */
  function promiseCannotReject(expression: TSESTree.Node, owner: FunctionNode | null, handedOver = false): boolean {
    const node = skipTransparentWrappers(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ThisExpression:
        return true;
      case AST_NODE_TYPES.AwaitExpression:
        return promiseCannotReject(node.argument, owner);
      case AST_NODE_TYPES.ConditionalExpression:
        return promiseCannotReject(node.consequent, owner, handedOver) && promiseCannotReject(node.alternate, owner, handedOver);
      case AST_NODE_TYPES.LogicalExpression:
        return promiseCannotReject(node.left, owner, handedOver) && promiseCannotReject(node.right, owner, handedOver);
      case AST_NODE_TYPES.NewExpression:
        return syntacticSource(node, 0) === null || executorCannotReject(node);
      case AST_NODE_TYPES.CallExpression:
        return callCannotReject(node, owner, handedOver);
      case AST_NODE_TYPES.Identifier:
        return node.name === 'undefined' || variableCannotReject(node, owner, handedOver);
      case AST_NODE_TYPES.MemberExpression:
        return memberCannotReject(node, owner, handedOver) || heldPropertyCannotReject(node);
      default:
        return false;
    }
  }

  function callCannotReject(call: TSESTree.CallExpression, owner: FunctionNode | null, handedOver: boolean): boolean {
    const chain = parsePromiseChainCall(call);
    if (chain) {
      // `.finally(() => process.exit(0))`: the process ends before any rejection is reported.
      if (chain.kind === 'finally') return callbackExitsProcess(chain.onFinally, sourceCode.getScope(chain.call)) || (promiseCannotReject(chain.receiver, owner) && handlerCannotFail(chain.onFinally));
      if (chain.kind === 'catch') return isRejectionHandler(chain.onRejected) && handlerCannotFail(chain.onRejected, true);
      if (isRejectionHandler(chain.onRejected)) return handlerCannotFail(chain.onFulfilled) && handlerCannotFail(chain.onRejected, true);
      return promiseCannotReject(chain.receiver, owner) && handlerCannotFail(chain.onFulfilled);
    }
    const scope = sourceCode.getScope(call);
    const origin = resolveCallee(call, scope);
    if (origin?.module === null && origin.path.length === 2 && origin.path[0] === 'Promise') {
      const [first] = call.arguments;
      switch (origin.path[1]) {
        case 'allSettled':
          return true;
        case 'resolve':
          // The very promise it is given (a native one), or a new one that fulfils with a plain value.
          // A plain value counts only for a promise a plain function hands over (the in-memory getter,
          // `return Promise.resolve(this.sockets)`). Awaited in an async function, it would leave that
          // function's synchronous code to `handlesItsAsynchronousFailures`, which does not prove that
          // code cannot throw (actionhero's determineRequestParams: `await rawBody`, a labeled tp).
          return first === undefined || (first.type !== AST_NODE_TYPES.SpreadElement && (promiseCannotReject(first, owner, handedOver) || (handedOver && isPlainValue(first, 0))));
        case 'all':
        case 'race':
        case 'any':
          if (first?.type === AST_NODE_TYPES.CallExpression) return mappedElementsCannotReject(first);
          return (
            first?.type === AST_NODE_TYPES.ArrayExpression &&
            first.elements.every((element) => element === null || (element.type !== AST_NODE_TYPES.SpreadElement && promiseCannotReject(element, owner)))
          );
        default:
          return false;
      }
    }
    if (knownAsyncApi(origin) !== null) return false;
    const callee = skipTransparentWrappers(call.callee);
    if (handedOver && isMemoRead(callee, owner)) return true;
    if (mapEntryCannotReject(callee)) return true;
    return calleeCannotReject(callee, 1, false);
  }

  /**
   * A value that is no thenable, so `Promise.resolve(value)` fulfils with it (soketi's
   * `Promise.resolve([...ids].reduce((found, id) => ..., new Set()))`): a value the checker types as
   * no thenable; without one, a construction other than a promise's, a global that returns plain
   * data (`JSON.parse`, `Object.keys`), an array method's array or boolean on a receiver that is no
   * promise, or a `reduce` from such a start whose callback returns only the accumulator or such values.
   * Evaluating it may throw, but synchronously: that is no rejection of the promise made after it.
   */
  function isPlainValue(expression: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = skipTransparentWrappers(expression);
    if (types?.hasKnownType(node)) return !types.isThenable(node);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
        return true;
      case AST_NODE_TYPES.NewExpression:
        return syntacticSource(node, 0) === null;
      case AST_NODE_TYPES.CallExpression:
        break;
      default:
        return false;
    }
    if (matchApi(resolveCallee(node, sourceCode.getScope(node)), PLAIN_VALUE_APIS) !== null) return true;
    const callee = skipTransparentWrappers(node.callee);
    const name = callee.type === AST_NODE_TYPES.MemberExpression ? keyName(callee) : null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null || syntacticSource(callee.object, 0) !== null) return false;
    if (PLAIN_RESULT_METHODS.has(name)) return true;
    if (name !== 'reduce' && name !== 'reduceRight') return false;
    const [reducer, start] = node.arguments;
    const callback = reducer ? skipTransparentWrappers(reducer) : null;
    if (!start || start.type === AST_NODE_TYPES.SpreadElement || !isPlainValue(start, depth + 1) || !callback || !isFunctionNode(callback) || callback.async || callback.generator) return false;
    const accumulator = callback.params[0];
    const returned = callback.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(callback, true) : [callback.body];
    return (
      returned !== undefined &&
      returned.length > 0 &&
      returned.every((value) => {
        const plain = skipTransparentWrappers(value);
        return (accumulator?.type === AST_NODE_TYPES.Identifier && plain.type === AST_NODE_TYPES.Identifier && plain.name === accumulator.name) || isPlainValue(plain, depth + 1);
      })
    );
  }

  /**
   * `Promise.all(ids.map((id) => load(id).catch(report)))`: every element is made by a callback whose
   * promise cannot reject and that throws nothing itself (a throw in `map` would reach the caller).
   */
  function mappedElementsCannotReject(elements: TSESTree.CallExpression): boolean {
    const callee = skipTransparentWrappers(elements.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || keyName(callee) !== 'map') return false;
    const callback = elements.arguments[0] ? skipTransparentWrappers(elements.arguments[0]) : null;
    if (!callback || !isFunctionNode(callback) || callback.generator) return false;
    if (callback.async) return functionCannotReject(callback, 1, false);
    if (throwsUncaught(callback.body)) return false;
    const returned = callback.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(callback, true) : [callback.body];
    return returned !== undefined && returned.length > 0 && returned.every((value) => promiseCannotReject(value, callback));
  }

  /**
   * `running.get(id)` on a `const running = new Map()` of this file used only through its own methods
   * (never handed out, exported or passed on, so this file's `set` calls are all that fill it): it gives
   * back a value one of them stored, or undefined. Each stored promise is judged where it is stored
   * (hocuspocus' debounce awaits the previous run of an id, kept in such a map).
   */
  function mapEntryCannotReject(callee: TSESTree.Node): boolean {
    if (callee.type !== AST_NODE_TYPES.MemberExpression || keyName(callee) !== 'get') return false;
    const map = skipTransparentWrappers(callee.object);
    if (map.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(map), map.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = definition?.type === 'Variable' && definition.node.id === definition.name ? definition.node.init : null;
    if (!variable || !init || init.type !== AST_NODE_TYPES.NewExpression || init.arguments.length > 0 || init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'Map') return false;
    // `export const running = new Map()`: other modules can fill it.
    if (definition?.node.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
    const globalMap = ASTUtils.findVariable(sourceCode.getScope(init), 'Map');
    if ((globalMap && globalMap.defs.length > 0) || judgingValues.has(variable)) return false;
    const stored: TSESTree.Node[] = [];
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
      const method = keyName(member);
      if (method === 'size') continue;
      const use = member.parent;
      if (method === null || !MAP_OWN_METHODS.has(method) || use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== member) return false;
      if (method !== 'set') continue;
      const value = use.arguments[1];
      if (!value || use.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return false;
      stored.push(value);
    }
    judgingValues.add(variable);
    try {
      return stored.every((value) => promiseCannotReject(value, enclosingFunction(value)));
    } finally {
      judgingValues.delete(variable);
    }
  }

  /** `this.loading.get(key)` in a function that also does `this.loading.set(key, ...)`: reads back a promise it keeps. */
  function isMemoRead(callee: TSESTree.Node, owner: FunctionNode | null): boolean {
    if (!owner || callee.type !== AST_NODE_TYPES.MemberExpression || keyName(callee) !== 'get') return false;
    const store = sourceCode.getText(callee.object);
    return someNode(owner.body, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const setter = skipTransparentWrappers(node.callee);
      return setter.type === AST_NODE_TYPES.MemberExpression && keyName(setter) === 'set' && sourceCode.getText(setter.object) === store;
    });
  }

  /** `new Promise(resolve => emitter.once('ready', resolve))`: an executor that never rejects and throws nothing itself. */
  function executorCannotReject(construction: TSESTree.NewExpression): boolean {
    const executor = construction.arguments[0] ? skipTransparentWrappers(construction.arguments[0]) : null;
    if (!executor || !isFunctionNode(executor) || executor.async || executor.generator) return false;
    const reject = executor.params[1];
    if (reject) {
      if (reject.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = sourceCode.getDeclaredVariables(executor).find((candidate) => candidate.name === reject.name);
      if (!variable || variable.references.length > 0) return false;
    }
    return !throwsUncaught(executor.body);
  }

  /**
   * A handler of a promise chain that cannot make the chain reject: absent (the value passes through),
   * a plain function that throws nothing uncaught and returns no promise that can reject, or an async
   * one that cannot reject. A reference this file does not show counts only as a rejection handler
   * (`.catch(console.error)`), as `rejectionHandlingCall` takes it.
   */
  function handlerCannotFail(handler: TSESTree.CallExpressionArgument | null, rejectionHandler = false): boolean {
    if (!handler || !isRejectionHandler(handler)) return true;
    const fn = localFunction(handler);
    if (!fn) return rejectionHandler;
    if (fn.async || fn.generator) return functionCannotReject(fn, 1, false);
    if (throwsUncaught(fn.body)) return false;
    const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? (returnedExpressions(fn, true) ?? []) : [fn.body];
    return returned.every((value) => syntacticSource(value, 0) === null || promiseCannotReject(value, fn));
  }

  const judgingValues = new Set<unknown>();

  /** The promise held by a variable or field, judged by every value assigned to it; a cycle (`p = p.then(f)`) is unknown. */
  function everyValueCannotReject(key: unknown, values: readonly TSESTree.Node[], owner: FunctionNode | null, handedOver: boolean): boolean {
    if (values.length === 0 || judgingValues.has(key)) return false;
    judgingValues.add(key);
    try {
      return values.every((value) => {
        const within = inside(value, owner);
        return promiseCannotReject(value, within ? owner : enclosingFunction(value), handedOver && within);
      });
    } finally {
      judgingValues.delete(key);
    }
  }

  /** Every caller of the function passes, for the parameter, a promise that cannot reject (judged in the caller's file); a cycle is unknown. */
  function passedPromisesCannotReject(variable: TSESLint.Scope.Variable, fn: TSESTree.Node, name: TSESTree.Node): boolean {
    if (judgingValues.has(variable)) return false;
    judgingValues.add(variable);
    try {
      return everyCallPasses(fn, name, (value, analysis) => analysis.valueCannotReject(value));
    } finally {
      judgingValues.delete(variable);
    }
  }

  function inside(node: TSESTree.Node, owner: FunctionNode | null): boolean {
    return owner !== null && node.range[0] >= owner.range[0] && node.range[1] <= owner.range[1];
  }

  /**
   * A variable's promise, by every value assigned to it. Handed over by `owner`, also: one `owner`
   * attaches a rejection handler to, or one it only reads (a parameter, a variable it never assigns).
   */
  function variableCannotReject(identifier: TSESTree.Identifier, owner: FunctionNode | null, handedOver: boolean): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
    if (!variable || variable.defs.length === 0) return false;
    const [only] = variable.defs;
    // A promise handed in: what every caller passes for the parameter (`socket({ done })` with a `done` that never rejects).
    if (!handedOver && variable.defs.length === 1 && only?.type === 'Parameter' && isNeverReassigned(variable)) return passedPromisesCannotReject(variable, only.node, only.name);
    const values: TSESTree.Node[] = [];
    for (const definition of variable.defs) {
      if (definition.type === 'Variable' && definition.node.init) values.push(definition.node.init);
    }
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.init !== true) {
        if (!reference.writeExpr) return false;
        values.push(reference.writeExpr);
      }
    }
    if (handedOver && owner) {
      // Only a variable that always holds the same promise: `chain = chain.then(f).catch(h)` attaches
      // the handler to an earlier promise than the one returned.
      const reassigned = variable.defs.length !== 1 || variable.references.some((reference) => reference.isWrite() && reference.init !== true);
      const handledHere = (reference: TSESLint.Scope.Reference): boolean =>
        inside(reference.identifier, owner) && runsOnEveryCall(reference.identifier, owner) && carriesRejectionHandler(reference.identifier);
      if (!reassigned && variable.references.some(handledHere)) return true;
      if (variable.defs.some((definition) => definition.type === 'Parameter' && inside(definition.name, owner))) return true;
      const assignedHere = values.filter((value) => inside(value, owner));
      if (assignedHere.length === 0) return !variable.defs.some((definition) => inside(definition.name, owner));
      const readsVariable = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && ASTUtils.findVariable(sourceCode.getScope(node), node.name) === variable;
      const unhandled = assignedHere.filter((value) => !handledWhereStored(value, readsVariable));
      return unhandled.length === 0 || everyValueCannotReject(variable, unhandled, owner, true);
    }
    return everyValueCannotReject(variable, values, owner, false);
  }

  /** `this.closing`: a field `owner` hands over having only read it, or whose every assignment in `owner` cannot reject. */
  function memberCannotReject(member: TSESTree.MemberExpression, owner: FunctionNode | null, handedOver: boolean): boolean {
    if (!owner) return false;
    const target = sourceCode.getText(member);
    const values: TSESTree.Node[] = [];
    walk(owner.body, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && sourceCode.getText(node.left) === target) values.push(node.right);
    });
    if (values.length === 0) return handedOver;
    const readsField = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && sourceCode.getText(node) === target;
    const unhandled = handedOver ? values.filter((value) => !handledWhereStored(value, readsField)) : values;
    return unhandled.length === 0 || everyValueCannotReject(`${owner.range[0]}:${target}`, unhandled, owner, handedOver);
  }

  /**
   * `stopping = drain(); Promise.resolve(stopping).then(done, fail);` (graphile-worker's
   * gracefulShutdown), `this.closing = close(); this.closing.catch(log);`: the statement right after
   * the one that stores `value` gives what it stored (`readsStore` tells a read of the variable or
   * field) a rejection handler. From then on the promise carries its handler, so handing out that very
   * promise, in this call or a later one, leaks no rejection. Only the next statement counts: one in
   * between could return it (or throw) before the handler is attached.
   */
  function handledWhereStored(value: TSESTree.Node, readsStore: (node: TSESTree.Node) => boolean): boolean {
    const holder = value.parent;
    let statement: TSESTree.Node | undefined;
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.operator === '=' && holder.right === value) statement = holder.parent;
    else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === value && holder.parent.declarations.length === 1) statement = holder.parent;
    if (!statement || (statement.type !== AST_NODE_TYPES.ExpressionStatement && statement.type !== AST_NODE_TYPES.VariableDeclaration)) return false;
    const list = statement.parent?.type === AST_NODE_TYPES.BlockStatement || statement.parent?.type === AST_NODE_TYPES.Program ? statement.parent.body : null;
    const next = list?.[list.indexOf(statement as TSESTree.ProgramStatement) + 1];
    return next?.type === AST_NODE_TYPES.ExpressionStatement && someNode(next.expression, (node) => readsStore(node) && carriesRejectionHandler(node), runsLater);
  }

  /**
   * `app.exited`, where every object `app` can hold is one this code builds with an `exited` that
   * cannot reject: `const app = await startApp()` whose every return is an object literal with such an
   * `exited`, or (for a parameter) what every caller passes, judged in the caller's file. Nothing in
   * this file may assign the property (`app.exited = other`); code elsewhere replacing it on an object
   * it was handed is not seen.
   */
  function heldPropertyCannotReject(member: TSESTree.MemberExpression): boolean {
    const name = keyName(member);
    const holder = skipTransparentWrappers(member.object);
    if (name === null || holder.type !== AST_NODE_TYPES.Identifier || propertyAssignedInFile(name)) return false;
    return heldObjectPropertyCannotReject(holder, name, 0);
  }

  const assignedProperties = new Map<string, boolean>();

  /** Some `x.name = ...` (or `x.name += ...`) in this file. */
  function propertyAssignedInFile(name: string): boolean {
    let assigned = assignedProperties.get(name);
    if (assigned === undefined) {
      assigned = someNode(sourceCode.ast, (node) => node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && keyName(node.left) === name);
      assignedProperties.set(name, assigned);
    }
    return assigned;
  }

  /** The variable `holder` only ever holds objects whose property `name` is a promise that cannot reject. */
  function heldObjectPropertyCannotReject(holder: TSESTree.Identifier, name: string, depth: number): boolean {
    const variable = ASTUtils.findVariable(sourceCode.getScope(holder), holder.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !definition || !isNeverReassigned(variable) || judgingValues.has(variable)) return false;
    judgingValues.add(variable);
    try {
      if (definition.type === 'Parameter') return everyCallPasses(definition.node, definition.name, (value, analysis) => analysis.propertyCannotReject(value, name));
      if (definition.type !== 'Variable' || definition.node.id !== definition.name || !definition.node.init) return false;
      // `export const app = ...`: other modules can replace its property.
      if (definition.node.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
      return objectPropertyCannotReject(definition.node.init, name, depth + 1);
    } finally {
      judgingValues.delete(variable);
    }
  }

  /**
   * The object `expression` evaluates to (awaited, when it is a promise of one) has a property `name`
   * holding a promise that cannot reject: an object literal that sets it without a spread, what every
   * `return` of a function of this file gives, or a variable holding such objects.
   */
  function objectPropertyCannotReject(expression: TSESTree.Node, name: string, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = skipAwait(skipTransparentWrappers(expression));
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression: {
        if (node.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return false;
        const property = node.properties.findLast((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate) === name);
        return property?.type === AST_NODE_TYPES.Property && property.kind === 'init' && !property.method && promiseCannotReject(property.value, enclosingFunction(property.value));
      }
      case AST_NODE_TYPES.Identifier:
        return heldObjectPropertyCannotReject(node, name, depth);
      case AST_NODE_TYPES.CallExpression: {
        const fn = localFunction(node.callee);
        if (!fn || fn.generator) return false;
        const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(fn) : [fn.body];
        return returned !== undefined && returned.length > 0 && returned.every((value) => objectPropertyCannotReject(value, name, depth + 1));
      }
      default:
        return false;
    }
  }

  /**
   * The promise read at `node` gets a rejection handler there: `p.catch(h)`, `p.then(f, h)`,
   * `Promise.resolve(p).then(ok, fail)`, through `.finally(...)` and `.then(f)` links.
   */
  function carriesRejectionHandler(node: TSESTree.Node): boolean {
    let current: TSESTree.Node = node;
    for (let link = 0; link < MAX_DEPTH; link++) {
      const parent = current.parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && isPromiseResolveCall(parent)) {
        current = parent;
        continue;
      }
      if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || parent.parent.type !== AST_NODE_TYPES.CallExpression) return false;
      const chain = parsePromiseChainCall(parent.parent);
      if (!chain || chain.receiver !== current) return false;
      if (isRejectionHandler(chain.onRejected)) return true;
      current = chain.call;
    }
    return false;
  }

  function calleeCannotReject(callee: TSESTree.Node, depth: number, onlyAsync: boolean): boolean {
    if (depth > MAX_DEPTH) return false;
    const assigned = assignedPrototypeMethod(callee);
    if (assigned !== undefined) return assigned !== null && functionCannotReject(assigned, depth, onlyAsync);
    const fn = localFunction(callee);
    if (fn !== null) return functionCannotReject(fn, depth, onlyAsync);
    const handedIn = handedInFunction(callee);
    if (handedIn) return passedFunctionsCannotReject(handedIn, onlyAsync);
    const foreign = foreignFunction(callee);
    if (foreign) return acrossFiles(() => foreign.analysis.functionAtCannotReject(foreign.fn.range, onlyAsync), false);
    // A method of Node or of a package whose promise does not reject: found by the checker's
    // declaration, or without one by the package class this file shows the receiver built from.
    const packageMethod = packageTypes?.declaredPackageMethod(callee) ?? constructedPackageMethod(callee, sourceCode.getScope(callee));
    if (isNeverRejectingMethod(packageMethod)) return true;
    if (!types) {
      const method = superOrReturnedInstanceMethod(callee);
      if (!method) return dependencyFunctionCannotReject(callee, onlyAsync);
      if (method.analysis === self) return functionCannotReject(method.fn, depth, onlyAsync);
      return acrossFiles(() => method.analysis.functionAtCannotReject(method.fn.range, onlyAsync), false);
    }
    // With types, a function of another project file: the same judgement, on that file's code.
    const declared = types.calleeDeclaration(callee, true);
    if (declared === undefined) return everyImplementationCannotReject(callee, onlyAsync) || dependencyFunctionCannotReject(callee, onlyAsync);
    if (resolve(declared.fileName) === resolve(filename)) return functionAtCannotReject(declared.range, onlyAsync);
    return declaredFileAnalysis(declared, sourceCode)?.functionAtCannotReject(declared.range, onlyAsync) ?? false;
  }

  /** `func` in `func()`: a parameter of the function around the call (never reassigned), whose value its callers hand in. */
  function handedInFunction(callee: TSESTree.Node): TSESLint.Scope.Variable | null {
    const node = skipTransparentWrappers(callee);
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
    return variable?.defs.length === 1 && variable.defs[0]?.type === 'Parameter' && isNeverReassigned(variable) ? variable : null;
  }

  /**
   * A wrapper calling the function it is given (hocuspocus' `debounce(id, func)` runs `func()` in a
   * timer): that call cannot reject when every caller of the wrapper (`everyCallOf`: all in view)
   * hands it a function that cannot reject, judged in the caller's file. A cycle is unknown.
   */
  function passedFunctionsCannotReject(parameter: TSESLint.Scope.Variable, onlyAsync: boolean): boolean {
    const [definition] = parameter.defs;
    if (!definition || judgingValues.has(parameter)) return false;
    judgingValues.add(parameter);
    try {
      return everyCallPasses(definition.node, definition.name, (value, analysis) => (onlyAsync ? analysis.cannotRejectAsynchronously(value) : analysis.cannotReject(value)));
    } finally {
      judgingValues.delete(parameter);
    }
  }

  /**
   * `this.flush()` (or through `const self = this`, a `const` instance) where the class gets `flush`
   * beside its declaration (`Queue.prototype.flush = async function () {...}`, `Object.assign`): that
   * function, which replaces a body method of the name (it is assigned after the class is defined);
   * null when it is assigned twice or is no function this file shows; undefined when the class gets
   * no such member. Asked only whether the call can reject: whether it returns a promise stays as the
   * body and the checker say, so no finding is added (ioredis' `Pipeline.prototype.exec`, whose
   * transaction path hands out a promise no one can judge, would be reported where no one looks).
   */
  function assignedPrototypeMethod(callee: TSESTree.Node): FunctionNode | null | undefined {
    const node = skipTransparentWrappers(callee);
    const name = node.type === AST_NODE_TYPES.MemberExpression ? keyName(node) : null;
    if (node.type !== AST_NODE_TYPES.MemberExpression || name === null) return undefined;
    const container = memberContainer(node.object, sourceCode.getScope(node)) ?? thisAliasContainer(node.object);
    const members = container?.type === AST_NODE_TYPES.ClassBody ? prototypeMembers(container.parent) : null;
    if (!members?.has(name)) return undefined;
    const value = members.get(name);
    return value ? localFunction(value) : null;
  }

  /**
   * `const self = this` (`_this` in older code): what `this` denotes where it is taken. Asked only by
   * `assignedPrototypeMethod`: followed everywhere, it made Haraka's `self.try_deliver()` calls new
   * findings of a callee already reported through `this`.
   */
  function thisAliasContainer(object: TSESTree.Node): TSESTree.ClassBody | TSESTree.ObjectExpression | null {
    const node = skipTransparentWrappers(object);
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const init = definition?.type === 'Variable' && definition.parent.kind === 'const' && definition.node.init ? skipTransparentWrappers(definition.node.init) : null;
    return init?.type === AST_NODE_TYPES.ThisExpression ? thisContainer(init) : null;
  }

  /**
   * Without a checker, the method a call reaches that `foreignFunction` leaves alone: `super.x()` (the
   * base class's `x`, in whichever project file declares it), or a method of the instance a call
   * returns (`this.namespace(id).add(ws)` with `namespace(id): Namespace`, or a factory returning
   * `new Namespace()`). Asked only whether the call can reject: whether it returns a promise stays as
   * `foreignReturnsPromise` decides, so no finding is added.
   */
  function superOrReturnedInstanceMethod(callee: TSESTree.Node): { analysis: FileAnalysis; fn: FunctionNode } | null {
    const node = skipTransparentWrappers(callee);
    const name = node.type === AST_NODE_TYPES.MemberExpression ? keyName(node) : null;
    if (node.type !== AST_NODE_TYPES.MemberExpression || name === null) return null;
    const object = skipTransparentWrappers(node.object);
    let located: Located | null = null;
    if (object.type === AST_NODE_TYPES.Super) {
      const container = thisContainer(object);
      const base = container?.type === AST_NODE_TYPES.ClassBody && container.parent.superClass ? classReferenced(container.parent.superClass) : null;
      located = base ? classMember(base, name, 1) : null;
    } else if (object.type === AST_NODE_TYPES.CallExpression || object.type === AST_NODE_TYPES.AwaitExpression || object.type === AST_NODE_TYPES.NewExpression) {
      const instance = valueClass(object, false);
      located = instance ? classMember(instance, name, 0) : null;
    }
    const fn = located ? skipTransparentWrappers(located.node) : null;
    return located && fn && isFunctionNode(fn) ? { analysis: located.analysis, fn } : null;
  }

  /**
   * With types, a method an interface of the project declares (`adapter: AdapterInterface`): every
   * implementation the program shows cannot reject, and each sits in a package that is never
   * published (`"private": true`, as `everyCallSite` asks), so no implementation outside the
   * repository can be handed in. Each is judged on its own file's code, as a declared callee is.
   */
  function everyImplementationCannotReject(callee: TSESTree.Node, onlyAsync: boolean): boolean {
    const implementations = types?.implementationsOf(callee);
    if (!implementations || !implementations.every((implementation) => isUnpublished(implementation.fileName))) return false;
    return implementations.every((implementation) =>
      resolve(implementation.fileName) === resolve(filename)
        ? functionAtCannotReject(implementation.range, onlyAsync)
        : (declaredFileAnalysis(implementation, sourceCode)?.functionAtCannotReject(implementation.range, onlyAsync) ?? false),
    );
  }

  /**
   * A function of an installed dependency, read in its package's own JavaScript (dependency-code: the
   * file the import loads, or the one beside the checker's `.d.ts`, when the project pins the installed
   * version), judged by that file's analysis as a project function is: quirrel's telemetry awaits
   * `plausible-telemetry`'s `record`, whose whole body sits in a try/catch that logs. Asked last, once
   * every answer the project's own code gives has failed, and only whether the call can reject.
   */
  function dependencyFunctionCannotReject(callee: TSESTree.Node, onlyAsync: boolean): boolean {
    if (absoluteFilename === '' || dependenciesCrossed >= MAX_DEPENDENCY_HOPS) return false;
    const found = dependencyFunction(callee);
    if (!found) return false;
    dependenciesCrossed++;
    try {
      return acrossFiles(() => found.analysis.functionAtCannotReject(found.fn.range, onlyAsync), false);
    } finally {
      dependenciesCrossed--;
    }
  }

  /** The dependency function `callee` reaches, with its file's analysis: by the checker's declaration, else by the import this file shows. */
  function dependencyFunction(callee: TSESTree.Node): { analysis: FileAnalysis; fn: FunctionNode } | null {
    const declared = types?.declaredDependencyFunction(callee);
    const declaredFile = declared ? dependencyJavaScriptOf(declared.declarationFile, absoluteFilename) : null;
    const file = declaredFile ? dependencyFile(declaredFile) : null;
    const value = file && declared ? dependencyTopLevelValue(file.program, declared.owner ?? declared.name) : null;
    const found = file && value && declared ? dependencyMember(file, value, [], declared.owner === null ? undefined : declared.name, sourceCode) : null;
    // No JavaScript beside the declaration (`@types/x`, a `types/` folder apart from `lib/`): the import this file shows.
    if (found) return found;
    const target = dependencyTarget(callee);
    const moduleFile = target ? dependencyModuleFile(absoluteFilename, target.module, sourceCode.ast.sourceType === 'script' ? 'require' : 'import') : null;
    const entry = moduleFile ? dependencyFile(moduleFile) : null;
    const exported = entry && target ? dependencyExport(entry, target.path) : null;
    return exported && target ? dependencyMember(exported.file, exported.node, exported.rest, target.method, sourceCode) : null;
  }

  /**
   * Without the checker, the package export a callee names and the method called on it: an imported
   * function or a member of one (`import { f } from 'pkg'`, `pkg.f()`), a method of an instance this
   * file builds from a package class (`new Client()`), or a method `this` or `super` inherits from a
   * package class (`class Telemetrist extends PlausibleTelemetry`).
   */
  function dependencyTarget(callee: TSESTree.Node): { module: string; path: readonly string[]; method?: string } | null {
    const node = skipTransparentWrappers(callee);
    const scope = sourceCode.getScope(node);
    const bare = (origin: { module: string | null; path: readonly string[] } | null): origin is { module: string; path: readonly string[] } =>
      origin?.module != null && packageNameOf(origin.module) !== null;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = keyName(node);
      if (name === null) return null;
      const object = skipTransparentWrappers(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression || object.type === AST_NODE_TYPES.Super) {
        const container = thisContainer(object);
        if (container?.type !== AST_NODE_TYPES.ClassBody || !container.parent.superClass) return null;
        if (object.type === AST_NODE_TYPES.ThisExpression && memberValue(container, name) !== null) return null;
        const base = resolveValueOrigin(container.parent.superClass, scope);
        return bare(base) ? { module: base.module, path: base.path, method: name } : null;
      }
      const constructed = constructedClassOrigin(object, scope);
      if (bare(constructed)) return { module: constructed.module, path: constructed.path, method: name };
    }
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return null;
    const origin = resolveValueOrigin(node, scope);
    return bare(origin) ? { module: origin.module, path: origin.path } : null;
  }

  function cannotReject(expression: TSESTree.Node): boolean {
    return calleeCannotReject(expression, 0, false);
  }

  function cannotRejectAsynchronously(expression: TSESTree.Node): boolean {
    return calleeCannotReject(expression, 0, true);
  }

  /** `functionCannotReject` for the function at `range` of this file (another file's analysis answers for it). */
  function functionAtCannotReject(range: readonly [number, number], onlyAsync: boolean): boolean {
    const fn = functionAt(sourceCode.ast, range);
    return fn !== null && functionCannotReject(fn, 0, onlyAsync);
  }

  /** Whether calling the value of `expression` returns a promise, by syntax alone. */
  function valueReturnsPromise(expression: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = skipTransparentWrappers(expression);
    if (isFunctionNode(node)) return returnsPromise(node);
    // `abstract send(message: string): Promise<void>;`: every implementation is declared to return one.
    if (node.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return isPromiseTypeAnnotation(node);
    const scope = sourceCode.getScope(node);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `fn.bind(this)` calls `fn`; `promisify(fn)` returns a promise-returning function.
      const callee = skipTransparentWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && keyName(callee) === 'bind') {
        // Without strictBindCallApply the checker types the bound function `any`: `fn`'s own type answers
        // (with it, the checker types the call itself, and that answer stands).
        return valueReturnsPromise(callee.object, depth + 1) || (types !== null && !types.hasKnownType(node) && types.returnsPromise(callee.object));
      }
      return matchApi(resolveCallee(node, scope), PROMISIFY_APIS) !== null;
    }
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (knownAsyncApi(resolveValueOrigin(node, scope)) !== null) return true;
    if (node.type === AST_NODE_TYPES.Identifier) return variableReturnsPromise(node, scope, depth) || foreignReturnsPromise(node);
    const name = keyName(node);
    if (name === null) return false;
    const container = memberContainer(node.object, scope);
    const value = container ? memberValue(container, name) : null;
    return value !== null ? valueReturnsPromise(value, depth + 1) : foreignReturnsPromise(node);
  }

  function foreignReturnsPromise(reference: TSESTree.Identifier | TSESTree.MemberExpression): boolean {
    // The checker answers for what it types; for what it types `any` (a TypeScript file written as
    // CommonJS, loaded with require()) the file's syntax is the only answer there is.
    if (types?.hasKnownType(reference) ?? false) return false;
    // The declaring file's summary answers first, where syntax decides, without parsing that file fully.
    if (absoluteFilename !== '') {
      const summarized = reference.type === AST_NODE_TYPES.Identifier ? summarizedImportReturns(reference) : summarizedMethodReturns(reference);
      if (summarized !== 'ask') return summarized === 'promise';
    }
    const located = foreignLocated(reference);
    const node = located ? skipTransparentWrappers(located.node) : null;
    if (!located || !node) return false;
    if (node.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return isPromiseTypeAnnotation(node);
    return isFunctionNode(node) && acrossFiles(() => located.analysis.returnsPromise(node), false);
  }

  /** `exportReturns` for the imported function `identifier` names ('other' when it names none, or the question has crossed its files). */
  function summarizedImportReturns(identifier: TSESTree.Identifier): ReturnsSummary {
    if (filesCrossed >= MAX_FILE_HOPS) return 'other';
    const origin = resolveValueOrigin(identifier, sourceCode.getScope(identifier));
    const fileName = origin?.module ? moduleFileNameOf(self, origin.module) : null;
    if (!fileName || !origin) return 'other';
    // Where the file's tokens show it, no parse: an export not found reads as 'other' here too.
    const lint = lintOf(self);
    if (origin.path.length === 1 && exportsReturningNoPromiseByTokens(fileName, lint).functions.has(origin.path[0]!)) return 'other';
    return exportReturns(fileName, origin.path, undefined, lint) ?? 'other';
  }

  /**
   * `exportReturns` for a method called on a receiver declared as a class another file exports (a
   * parameter or variable annotated `service: OrderService`, a field of this class so declared), as
   * `receiverClass` and `classMember` find it; 'ask' for every other receiver.
   */
  function summarizedMethodReturns(member: TSESTree.MemberExpression): ReturnsSummary {
    const name = keyName(member);
    if (name === null) return 'ask';
    const type = declaredType(skipTransparentWrappers(member.object));
    if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return 'ask';
    const typeName = type.typeName;
    if (typeName.name === 'Promise' || typeName.name === 'Array' || typeName.name === 'ReadonlyArray') return 'ask';
    if (filesCrossed >= MAX_FILE_HOPS) return 'other';
    const scope = sourceCode.getScope(typeName);
    if (ASTUtils.findVariable(scope, typeName.name)?.defs.some((definition) => definition.type === 'ClassName')) return 'ask';
    const origin = resolveValueOrigin(typeName, scope);
    const fileName = origin?.module ? moduleFileNameOf(self, origin.module) : null;
    if (!fileName || !origin) return 'ask';
    // Where the file's tokens show it, no parse: an export not found reads as 'ask' here, and then as
    // no promise when foreignLocated finds no file that parses either.
    const lint = lintOf(self);
    if (origin.path.length === 1 && exportsReturningNoPromiseByTokens(fileName, lint).methods.get(origin.path[0]!)?.has(name)) return 'other';
    return exportReturns(fileName, origin.path, name, lint) ?? 'ask';
  }

  /** The type a receiver is declared with: a parameter's or variable's annotation, or a field of this class annotated or given as a constructor parameter property. */
  function declaredType(receiver: TSESTree.Node): TSESTree.TypeNode | undefined {
    if (receiver.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(receiver), receiver.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) return definition.name.typeAnnotation?.typeAnnotation;
      if (definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) return definition.node.id.typeAnnotation?.typeAnnotation;
      return undefined;
    }
    if (receiver.type !== AST_NODE_TYPES.MemberExpression || receiver.computed || skipTransparentWrappers(receiver.object).type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const owner = thisClass(skipTransparentWrappers(receiver.object));
    const field = keyName(receiver);
    for (const member of owner?.node.body.body ?? []) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === field) return member.typeAnnotation?.typeAnnotation;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const parameter of member.value.params) {
          if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === field) {
            return parameter.parameter.typeAnnotation?.typeAnnotation;
          }
        }
      }
    }
    return undefined;
  }

  /**
   * Without a checker, the function a reference denotes in another project file (or an inherited
   * method): an imported or required function, a method of the class a receiver is declared as
   * (`connection: Connection`, `let child: Child`, `new Child()`), a method `this` inherits. That
   * file's own analysis answers for it. With a checker, `calleeDeclaration` does this, except for a
   * reference the checker types `any` (a TypeScript file written as CommonJS, loaded with require()).
   */
  function foreignFunction(reference: TSESTree.Node): { analysis: FileAnalysis; fn: FunctionNode } | null {
    const located = foreignLocated(reference);
    const node = located ? skipTransparentWrappers(located.node) : null;
    return located && node && isFunctionNode(node) ? { analysis: located.analysis, fn: node } : null;
  }

  function foreignLocated(reference: TSESTree.Node): Located | null {
    // As in foreignReturnsPromise: the checker's answer stands where it has one.
    if (types?.hasKnownType(reference) ?? false) return null;
    let found = foreignValues.get(reference);
    if (found === undefined) {
      found = foreignValue(reference);
      foreignValues.set(reference, found);
    }
    return found;
  }
  const foreignValues = new WeakMap<TSESTree.Node, Located | null>();

  function foreignValue(reference: TSESTree.Node): Located | null {
    const node = skipTransparentWrappers(reference);
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = keyName(node);
      if (name === null) return null;
      const object = skipTransparentWrappers(node.object);
      if (object.type === AST_NODE_TYPES.ThisExpression) {
        const container = thisContainer(object);
        if (container?.type !== AST_NODE_TYPES.ClassBody || memberValue(container, name) !== null) return null;
        const owner = container.parent;
        const base = owner.superClass ? classReferenced(owner.superClass) : null;
        return base ? classMember(base, name, 1) : null;
      }
      const declared = receiverClass(object);
      if (declared) return classMember(declared, name, 0);
    }
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return null;
    const origin = resolveValueOrigin(node, sourceCode.getScope(node));
    return origin?.module ? exportedValue(self, origin.module, origin.path) : null;
  }

  /** The class an expression names: a class of this file, or one imported from another project file. */
  function classReferenced(expression: TSESTree.Node): Located<ClassNode> | null {
    const node = skipTransparentWrappers(expression);
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return null;
    const scope = sourceCode.getScope(node);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = ASTUtils.findVariable(scope, node.name)?.defs;
      if (definition?.length === 1 && definition[0]?.type === 'ClassName') {
        const declared = definition[0].node;
        return declared.type === AST_NODE_TYPES.ClassDeclaration || declared.type === AST_NODE_TYPES.ClassExpression ? { analysis: self, node: declared } : null;
      }
    }
    const origin = resolveValueOrigin(node, scope);
    const located = origin?.module ? exportedValue(self, origin.module, origin.path) : null;
    const value = located ? skipTransparentWrappers(located.node) : null;
    return located && value && (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) ? { analysis: located.analysis, node: value } : null;
  }

  /**
   * The class a receiver is declared as (with `element`, the class of its elements: `connections[i]`):
   * a parameter or variable annotated with a class type (`connection: Connection`, `Connection[]`),
   * a `const` initialised with `new Child()` or with a call that returns an instance (annotated, or a
   * factory returning `new this()`), a field so declared (`this.child`, `data.connection`: a field of
   * the receiver's own class; `private child: Child`, `child = new Child()`, a parameter property).
   */
  function receiverClass(receiver: TSESTree.Node, element = false): Located<ClassNode> | null {
    const node = skipTransparentWrappers(receiver);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) return classOfType(self, definition.name.typeAnnotation?.typeAnnotation, element);
      if (definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return null;
      const annotated = classOfType(self, definition.node.id.typeAnnotation?.typeAnnotation, element);
      if (annotated || !definition.node.init || definition.parent.kind !== 'const') return annotated;
      return valueClass(definition.node.init, element);
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
    // `connections[i]`: an element of what the object is declared as.
    if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return element ? null : receiverClass(node.object, true);
    const name = keyName(node);
    if (name === null) return null;
    const object = skipTransparentWrappers(node.object);
    const owner = object.type === AST_NODE_TYPES.ThisExpression ? thisClass(object) : receiverClass(object);
    return owner ? fieldClass(owner, name, element) : null;
  }

  function thisClass(node: TSESTree.Node): Located<ClassNode> | null {
    const container = thisContainer(node);
    return container?.type === AST_NODE_TYPES.ClassBody ? { analysis: self, node: container.parent } : null;
  }

  /** The class of the instance `value` evaluates to: `new Child()`, `await Connection.create(...)`. */
  function valueClass(value: TSESTree.Node, element: boolean): Located<ClassNode> | null {
    const node: TSESTree.Node = skipAwait(value);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      if (element) return null;
      const callee = skipTransparentWrappers(node.callee);
      return callee.type === AST_NODE_TYPES.ThisExpression ? thisClass(callee) : classReferenced(callee);
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return null;
    const callee = skipTransparentWrappers(node.callee);
    const local = localFunction(callee);
    if (local) return returnedClass(local, element);
    const foreign = foreignFunction(callee);
    return foreign ? acrossFiles(() => foreign.analysis.returnedClass(foreign.fn, element), null) : null;
  }

  /**
   * The class of the instance `fn` returns: its return annotation (`Promise<Connection>`,
   * `Array<Connection>` for `element`), or every `return` is `new this(...)` / `new C(...)` (or a
   * `const` holding one), as static factories are written.
   */
  function returnedClass(fn: FunctionNode, element: boolean): Located<ClassNode> | null {
    if (fn.returnType) return classOfType(self, fn.returnType.typeAnnotation, element);
    if (element) return null;
    const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? (returnedExpressions(fn) ?? []) : [fn.body];
    const classes = returned.map((value) => {
      const node = skipAwait(value);
      if (node.type === AST_NODE_TYPES.Identifier) {
        const definition = ASTUtils.findVariable(sourceCode.getScope(node), node.name)?.defs;
        const declarator = definition?.length === 1 && definition[0]?.type === 'Variable' ? definition[0].node : null;
        return declarator?.init && declarator.parent.kind === 'const' ? valueClass(declarator.init, false) : null;
      }
      return node.type === AST_NODE_TYPES.NewExpression ? valueClass(node, false) : null;
    });
    const [first] = classes;
    return first && classes.every((candidate) => candidate?.node === first.node) ? first : null;
  }

  /** An identifier bound to a promise-returning function by every definition and assignment. */
  function variableReturnsPromise(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope, depth: number): boolean {
    const variable = ASTUtils.findVariable(scope, identifier.name);
    if (!variable || variable.defs.length === 0) return false;
    const values: TSESTree.Node[] = [];
    for (const definition of variable.defs) {
      if (definition.type === 'FunctionName') values.push(definition.node);
      else if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
        values.push(definition.node.init);
      } else if (definition.type !== 'Variable') return false;
    }
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.init !== true) {
        if (!reference.writeExpr) return false;
        values.push(reference.writeExpr);
      }
    }
    return values.length > 0 && values.every((value) => valueReturnsPromise(value, depth + 1));
  }

  /** The class body or object literal whose members `object.name` reads: `this`, a const object, a local class, `new LocalClass()`. */
  function memberContainer(
    objectExpression: TSESTree.Node,
    scope: TSESLint.Scope.Scope,
  ): TSESTree.ClassBody | TSESTree.ObjectExpression | null {
    const object = skipTransparentWrappers(objectExpression);
    if (object.type === AST_NODE_TYPES.ThisExpression) return thisContainer(object);
    if (object.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = ASTUtils.findVariable(scope, object.name);
    if (!variable || variable.defs.length !== 1) return null;
    const [definition] = variable.defs;
    if (definition?.type === 'ClassName') return classBodyOf(definition.node);
    if (definition?.type !== 'Variable' || definition.parent.kind !== 'const') return null;
    const init = definition.node.init ? skipTransparentWrappers(definition.node.init) : null;
    if (init?.type === AST_NODE_TYPES.ObjectExpression) return init;
    if (init?.type === AST_NODE_TYPES.ClassExpression) return init.body;
    if (init?.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
      const classVariable = ASTUtils.findVariable(variable.scope, init.callee.name);
      const classDefinition = classVariable?.defs.length === 1 ? classVariable.defs[0] : undefined;
      return classDefinition?.type === 'ClassName' ? classBodyOf(classDefinition.node) : null;
    }
    return null;
  }

  function syntacticSource(expression: TSESTree.Node, depth: number): PromiseSource | null {
    if (depth > MAX_DEPTH) return null;
    const node = skipTransparentWrappers(expression);
    switch (node.type) {
      case AST_NODE_TYPES.ConditionalExpression:
        return syntacticSource(node.consequent, depth + 1) ?? syntacticSource(node.alternate, depth + 1);
      case AST_NODE_TYPES.LogicalExpression:
        return syntacticSource(node.right, depth + 1) ?? syntacticSource(node.left, depth + 1);
      case AST_NODE_TYPES.SequenceExpression: {
        const last = node.expressions[node.expressions.length - 1];
        return last ? syntacticSource(last, depth + 1) : null;
      }
      case AST_NODE_TYPES.NewExpression: {
        const origin = resolveCallee(node, sourceCode.getScope(node));
        return origin?.module === null && origin.path.length === 1 && origin.path[0] === 'Promise'
          ? { kind: 'promise-constructor', name: 'new Promise' }
          : null;
      }
      case AST_NODE_TYPES.CallExpression:
        return callSource(node);
      case AST_NODE_TYPES.TaggedTemplateExpression: {
        // execa's $`git push`: a tagged template that spawns and returns the promise of its result.
        const api = knownAsyncApi(resolveValueOrigin(node.tag, sourceCode.getScope(node)));
        return api === null ? null : { kind: 'known-api', name: api };
      }
      default:
        return null;
    }
  }

  function callSource(call: TSESTree.CallExpression): PromiseSource | null {
    const scope = sourceCode.getScope(call);
    if (runtimeApiOf(call, scope) !== null) return null;
    const chain = parsePromiseChainCall(call);
    if (chain) return { kind: chain.kind, name: `.${chain.kind}()` };
    const callee = skipTransparentWrappers(call.callee);
    if (isFunctionNode(callee)) return returnsPromise(callee) ? { kind: 'async-iife', name: 'async IIFE' } : null;
    const origin = resolveCallee(call, scope);
    if (origin?.module === null && origin.path.length === 2 && origin.path[0] === 'Promise' && PROMISE_STATICS.has(origin.path[1] ?? '')) {
      return { kind: 'promise-static', name: origin.path.join('.') };
    }
    const api = knownAsyncApi(origin);
    if (api !== null) return { kind: 'known-api', name: api };
    // `require('./service')` in a .ts file is typed `any`: the file it points to says what it returns.
    if (types && origin && isRequireOfProjectFile(call.callee, scope) && types.requiredExportReturnsThenable(origin.module ?? '', origin.path)) {
      return { kind: 'promise-function-call', name: sourceCode.getText(callee) };
    }
    return valueReturnsPromise(callee, 0) ? { kind: 'promise-function-call', name: sourceCode.getText(callee) } : null;
  }

  function isRuntimeCall(node: TSESTree.Node): boolean {
    const inner = skipTransparentWrappers(node);
    return inner.type === AST_NODE_TYPES.CallExpression && runtimeApiOf(inner, sourceCode.getScope(inner)) !== null;
  }

  function promiseSource(expression: TSESTree.Node): PromiseSource | null {
    const found = syntacticSource(expression, 0);
    if (found) return found;
    const asserted = promiseAssertion(expression);
    if (asserted) return { kind: 'type-assertion', name: sourceCode.getText(asserted) };
    const node = skipTransparentWrappers(expression);
    // `yield x` evaluates to what the consumer sends back: a promise when the generator's TNext is one.
    const typedCandidate = TYPED_CANDIDATES.has(node.type) || node.type === AST_NODE_TYPES.YieldExpression || isTypeAssertion(expression);
    if (!types || !typedCandidate || isRuntimeCall(expression)) return null;
    if (!types.isPromise(expression)) return null;
    // A fluent setter of a thenable (`reply.header(k, v)` returns `reply`) starts no promise of its own.
    if (node.type === AST_NODE_TYPES.CallExpression && types.returnsItsReceiver(node)) return null;
    // `onError(e)` typed `void | Promise<void>`, where every caller passes a plain function: no promise.
    if (node.type === AST_NODE_TYPES.CallExpression && everyArgumentReturnsNoPromise(node.callee)) return null;
    return { kind: 'thenable-type', name: sourceCode.getText(calleeOrSelf(expression)) };
  }

  /**
   * `callee` is a parameter of a function whose every call is in view (`everyCallOf`), and every
   * argument those calls pass for it is a function that returns no promise: `batch(run, (error, specs)
   * => { log(error); })` for an `onError: (...) => void | Promise<void>`. The declared type allows a
   * promise; the values it can hold are all in view and make none.
   */
  function everyArgumentReturnsNoPromise(callee: TSESTree.Node): boolean {
    const parameter = skipTransparentWrappers(callee);
    if (parameter.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = ASTUtils.findVariable(sourceCode.getScope(parameter), parameter.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'Parameter' || variable!.references.some((reference) => reference.isWrite())) return false;
    // Nothing passed at some call: the code shows no value, and the declared type is all there is to go by.
    return everyCallPasses(definition.node, definition.name, (value, analysis) => analysis.functionReturnsNoPromise(value));
  }

  /**
   * Every call of `fn` passes, for its parameter `name` (a plain parameter, or a property destructured
   * from one: `{ done }`), a value `accepts` takes, judged by the analysis of the caller's file; false
   * when some call passes none (or a spread hides it), or when not every call is in view (`everyCallOf`).
   * This file's calls are judged first: the repository's callers are searched only when they all pass.
   */
  function everyCallPasses(fn: TSESTree.Node, name: TSESTree.Node, accepts: (value: TSESTree.Node, analysis: FileAnalysis) => boolean): boolean {
    const slot = isFunctionNode(fn) ? parameterSlot(fn, name) : null;
    if (!slot || !isFunctionNode(fn)) return false;
    const passes = (call: TSESTree.CallExpression, analysis: FileAnalysis): boolean => {
      const value = valuePassed(call, slot);
      return value !== null && accepts(value, analysis);
    };
    return everyCallOf(fn, passes);
  }

  /**
   * `passes` holds for every call of `fn` (a function declaration or a `const` function of this file),
   * given with the analysis of the file it is in, and there is one; false when not every call is in
   * view: this file must use `fn` only by direct calls (and by exporting it under its own name), and
   * an exported one is called elsewhere only where project-callers' `everyCallSite` finds it (in a
   * package that is never published). A use as a value, a published export, or callers not all known
   * make it false.
   */
  function everyCallOf(fn: FunctionNode, passes: (call: TSESTree.CallExpression, analysis: FileAnalysis) => boolean): boolean {
    const uses = localUsesOf(fn, sourceCode);
    if (!uses) return false;
    const { name, calls, exported } = uses;
    if (!calls.every((call) => passes(call, self))) return false;
    if (!exported) return calls.length > 0;
    const sites = absoluteFilename === '' ? null : everyCallSite(absoluteFilename, name);
    if (sites === null || calls.length + sites.length === 0) return false;
    return sites.every(({ call, file }) => {
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      return acrossFiles(() => {
        const analysis = projectFileAnalysis(file, sourceCode);
        return analysis !== null && passes(call, analysis);
      }, false);
    });
  }

  /** A function value this file shows (`localFunction`) that returns no promise, by syntax and, with a checker, by its type. */
  function functionReturnsNoPromise(value: TSESTree.Node): boolean {
    const fn = localFunction(value);
    return fn !== null && !fn.async && !fn.generator && !mayReturnPromise(fn) && !types?.returnsThenable(fn);
  }

  /**
   * `[send(), 1]`, `[p.catch(log)] as const`, `items.map(async (item) => save(item))`: an array holding
   * promises, dropped whole. Handled elements count too: the statement can only be a forgotten
   * `await Promise.all(...)`.
   */
  function promiseArraySource(expression: TSESTree.Node): PromiseSource | null {
    const node = skipTransparentWrappers(expression);
    const found: PromiseSource = { kind: 'promise-array', name: sourceCode.getText(expression) };
    if (node.type === AST_NODE_TYPES.ArrayExpression) {
      if (node.elements.some((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && promiseSource(element) !== null)) return found;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparentWrappers(node.callee);
      const [callback] = node.arguments;
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        (keyName(callee) === 'map' || keyName(callee) === 'flatMap') &&
        callback !== undefined &&
        callback.type !== AST_NODE_TYPES.SpreadElement &&
        callbackMayReturnPromise(callback)
      ) {
        return found;
      }
    }
    return types && TYPED_CANDIDATES.has(node.type) && !isRuntimeCall(expression) && types.isPromiseArray(expression) ? found : null;
  }

  function unhandledPromise(expression: TSESTree.Node): PromiseSource | null {
    const chain = parsePromiseChainCall(expression);
    // `lazy.then(cb)` on a value the checker knows is no Promise: a builder or a custom thenable.
    if (chain && types && types.hasKnownType(chain.receiver) && !types.isPromise(chain.receiver)) return null;
    if (chain) {
      if (rejectionHandlingCall(chain.call) || (hasNamedRoot(chain) && promiseCannotReject(chain.call, enclosingFunction(chain.call)))) return null;
      return { kind: chain.kind, name: `.${chain.kind}()` };
    }
    const source = promiseSource(expression);
    if (source?.kind !== 'promise-function-call' && source?.kind !== 'async-iife' && source?.kind !== 'thenable-type') return source;
    const call = skipTransparentWrappers(expression);
    if (call.type !== AST_NODE_TYPES.CallExpression) return source;
    const handedBack = handedBackPromise(call);
    if (handedBack) {
      if (handedBack.callback !== null && isFunctionValue(handedBack.callback)) return null;
      // No callback to take the rejection: the statement drops the promise it gave, a held one
      // (`asCallback(this.promise, cb)`, kept and returned elsewhere) or the fresh one of a call.
      return isHeldPromiseRead(handedBack.promise) || unhandledPromise(handedBack.promise) === null ? null : source;
    }
    if (rejectionGoesToCallback(call)) return null;
    return cannotReject(call.callee) ? null : source;
  }

  /**
   * `asCallback(p, cb)`: a call that hands back the very promise it is given, having handed its outcome
   * to the node-style callback it is given (when it is). A package's (CALLBACK_ADAPTERS), or a function
   * of the project that does the same, whatever its name (`passedThroughSlots`). Null for other calls.
   */
  function handedBackPromise(call: TSESTree.CallExpression): { promise: TSESTree.Node; callback: TSESTree.Node | null } | null {
    const slots = packageCallbackAdapter(resolveCallee(call, sourceCode.getScope(call))) ?? projectCallbackAdapter(skipTransparentWrappers(call.callee));
    if (!slots) return null;
    const promise = valuePassed(call, { index: slots.promise, key: null });
    if (!promise) return null;
    return { promise, callback: slots.callback === null ? null : valuePassed(call, { index: slots.callback, key: null }) };
  }

  function projectCallbackAdapter(callee: TSESTree.Node): CallbackAdapter | null {
    const fn = localFunction(callee) ?? foreignFunction(callee)?.fn;
    if (fn) return passedThroughSlots(fn);
    const declared = types?.calleeDeclaration(callee);
    const analysis = declared && (resolve(declared.fileName) === resolve(filename) ? self : declaredFileAnalysis(declared, sourceCode));
    const found = declared && analysis ? functionAt(analysis.sourceCode.ast, declared.range) : null;
    return found ? passedThroughSlots(found) : null;
  }

  /**
   * The value is a function whatever the call: a function literal, a function this file binds to the
   * name, a parameter declared with a function type and not optional; with types, one the callee
   * declares as a node-style callback (`(err, value) => void`), never `undefined`.
   */
  function isFunctionValue(expression: TSESTree.Node): boolean {
    const node = skipTransparentWrappers(expression);
    if (localFunction(node) !== null) return true;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      const [definition] = variable?.defs ?? [];
      const name = definition?.type === 'Parameter' && variable?.defs.length === 1 && isNeverReassigned(variable) ? definition.name : null;
      if (name?.type === AST_NODE_TYPES.Identifier && !name.optional && name.typeAnnotation?.typeAnnotation.type === AST_NODE_TYPES.TSFunctionType) return true;
    }
    return types?.isNodeStyleCallbackArgument(node) ?? false;
  }

  /**
   * `redis.cluster('INFO', (err, info) => ...)`: the last argument is a function passed where the
   * callee declares a node-style callback, and the callee is a signature with no body in view (a
   * package's or an interface's overload): by the library convention, the error goes to the callback.
   * A function of the project is judged by what its body does (`cannotReject`), never by this.
   */
  function rejectionGoesToCallback(call: TSESTree.CallExpression): boolean {
    const last = call.arguments[call.arguments.length - 1];
    if (!types || !last || last.type === AST_NODE_TYPES.SpreadElement) return false;
    const callee = skipTransparentWrappers(call.callee);
    if (localFunction(callee) !== null || foreignFunction(callee) !== null || types.calleeDeclaration(callee) !== undefined) return false;
    return types.isNodeStyleCallbackArgument(last);
  }

  /**
   * The chain starts from a promise the code names (a variable, a field, a call of a function), whose
   * source the analysis can judge; `Promise.resolve(v).then(f)` only defers `f`, whose failures are
   * the whole point of the statement.
   */
  function hasNamedRoot(chain: PromiseChainCall): boolean {
    let root: PromiseChainCall = chain;
    for (let next = parsePromiseChainCall(root.receiver); next; next = parsePromiseChainCall(root.receiver)) root = next;
    const receiver = skipTransparentWrappers(root.receiver);
    return !(receiver.type === AST_NODE_TYPES.CallExpression && syntacticSource(receiver, 0)?.kind === 'promise-static');
  }

  function callbackMayReturnPromise(expression: TSESTree.Node): boolean {
    const node = skipTransparentWrappers(expression);
    return isFunctionNode(node) ? mayReturnPromise(node) : callbackReturnsPromise(node);
  }

  function callbackReturnsPromise(expression: TSESTree.Node): boolean {
    if (valueReturnsPromise(expression, 0)) return true;
    const node = skipTransparentWrappers(expression);
    // A function literal is judged by its body: its declared type may be wider than what it returns.
    if (!types || isFunctionNode(node) || isRuntimeCall(node)) return false;
    return types.returnsThenable(node);
  }

  const self: FileAnalysis = {
    sourceCode,
    filename: absoluteFilename,
    classReferenced,
    returnedClass,
    promiseSource,
    isPromiseValued: (expression) => promiseSource(expression) !== null,
    unhandledPromise,
    promiseArraySource,
    returnsPromise,
    callbackReturnsPromise,
    callbackMayReturnPromise,
    cannotReject,
    cannotRejectAsynchronously,
    types,
    functionAtCannotReject,
    functionReturnsNoPromise,
    valueCannotReject: (value) => promiseCannotReject(value, enclosingFunction(value)),
    propertyCannotReject: (value, name) => objectPropertyCannotReject(value, name, 0),
  };
  return self;
}

/**
 * A judgement of functions that asks itself about other functions (`f` returns `g()`, `g` calls `h`),
 * memoised per function and bounded on the whole question: at most `limit` functions deep, since
 * generated code chains hundreds of them and a bound per hop overflows the stack. One cycle rule for
 * every such judgement: a function met again while it is being judged counts as false there, and an
 * answer that met such a cut (or the bound) is not memoised. It depends on which function of the
 * cycle was asked first (`f` returns `cond ? fetch() : g()`, `g` returns `f()`: asked first, `g`
 * is a promise; judged inside `f`, it is not), and a memo must hold whatever is asked first.
 */
class FunctionJudgement<F extends object> {
  private readonly answers = new WeakMap<F, boolean>();
  private readonly judging = new Set<F>();
  private nesting = 0;
  private cuts = 0;

  constructor(private readonly limit: number) {}

  /** `judge(fn)`, memoised when `memoise` (a judgement asked in one variant only is judged each time). */
  judge(fn: F, memoise: boolean, judgeOnce: (fn: F) => boolean): boolean {
    const known = memoise ? this.answers.get(fn) : undefined;
    if (known !== undefined) return known;
    if (this.judging.has(fn) || this.nesting >= this.limit) {
      this.cuts++;
      return false;
    }
    const cutsBefore = this.cuts;
    this.judging.add(fn);
    this.nesting++;
    let answer: boolean;
    try {
      answer = judgeOnce(fn);
    } finally {
      this.nesting--;
      this.judging.delete(fn);
    }
    if (memoise && this.cuts === cutsBefore) this.answers.set(fn, answer);
    return answer;
  }
}

/** A file's analysis, with what another file's analysis asks of it. */
interface FileAnalysis extends PromiseAnalysis {
  /** `cannotReject` for the function node that spans `range` in this file (false when there is none). */
  functionAtCannotReject(range: readonly [number, number], onlyAsync: boolean): boolean;
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** Absolute: relative specifiers resolve from it ('' for text linted without a file). */
  filename: string;
  /** The class an expression of this file names (a local class, or one imported from a project file). */
  classReferenced(expression: TSESTree.Node): Located<ClassNode> | null;
  /** The class of the instance a function of this file returns (its elements' class, with `element`). */
  returnedClass(fn: FunctionNode, element: boolean): Located<ClassNode> | null;
  /** A function value of this file (a caller's argument) that returns no promise. */
  functionReturnsNoPromise(value: TSESTree.Node): boolean;
  /** The promise a value of this file (a caller's argument) evaluates to cannot end as an unhandled rejection (`promiseCannotReject` where it is written). */
  valueCannotReject(value: TSESTree.Node): boolean;
  /** The object a value of this file (a caller's argument) evaluates to holds, as `name`, a promise that cannot reject. */
  propertyCannotReject(value: TSESTree.Node, name: string): boolean;
}

/** A node of some project file, with the analysis of that file (which judges it). */
interface Located<N extends TSESTree.Node = TSESTree.Node> {
  analysis: FileAnalysis;
  node: N;
}

/** How many files one syntactic cross-file question may cross (re-exports, superclasses, one file's answer asking another). */
const MAX_FILE_HOPS = 4;
/**
 * How many dependencies one question may enter: the package the project calls, and one package that
 * package calls. Further down is code the project neither chose nor pins.
 */
const MAX_DEPENDENCY_HOPS = 2;
let dependenciesCrossed = 0;
/** Each parsed project file's analysis, built once per version of the file (project-files keeps the versions). */
const projectAnalyses = new WeakMap<ProjectFile, FileAnalysis | null>();
let filesCrossed = 0;

/** Asks another file's analysis, within MAX_FILE_HOPS files for the whole question. */
function acrossFiles<T>(question: () => T, unknown: T): T {
  if (filesCrossed >= MAX_FILE_HOPS) return unknown;
  filesCrossed++;
  try {
    return question();
  } finally {
    filesCrossed--;
  }
}

/** The syntactic analysis of a project file read from disk (built once per parsed version of it). */
function projectFileAnalysis(file: ProjectFile, like: Readonly<TSESLint.SourceCode>): FileAnalysis | null {
  const cached = projectAnalyses.get(file);
  if (cached !== undefined) return cached;
  let analysis: FileAnalysis | null = null;
  try {
    analysis = analysisOfParsed(file.text, file.fileName, file.parsed, like);
    keptAnalyses.add(analysis);
  } catch {
    analysis = null;
  }
  projectAnalyses.set(file, analysis);
  return analysis;
}

const modulesOfFile = namedMemo<FileAnalysis, string | null>();
/** Analyses of files read from disk (`projectFileAnalysis`), as opposed to files being linted. */
const keptAnalyses = new WeakSet<FileAnalysis>();

/** The lint `analysis` belongs to (project-files' `LintOfFile`); none for a kept file's, which outlives the lint it was read in. */
function lintOf(analysis: FileAnalysis): LintOfFile | undefined {
  return keptAnalyses.has(analysis) ? undefined : analysis.sourceCode.ast;
}

/**
 * The project file the module `specifier` names from `from`'s file: resolved on disk once per linted
 * file. A kept file's analysis outlives the files it imports, so it resolves them each time.
 */
function moduleFileNameOf(from: FileAnalysis, specifier: string): string | null {
  if (keptAnalyses.has(from)) return resolveRelativeModule(from.filename, specifier);
  return modulesOfFile.get(from, specifier, () => resolveRelativeModule(from.filename, specifier));
}

/** The node `path` names in what the module `specifier` (relative to `from`'s file) exports (project-modules' `exportedNode`), with its file's analysis. */
function exportedValue(from: FileAnalysis, specifier: string, path: readonly string[]): Located | null {
  if (from.filename === '') return null;
  const fileName = moduleFileNameOf(from, specifier);
  const target = fileName ? projectFile(fileName, lintOf(from)) : null;
  const found = target ? exportedNode(target, path) : null;
  const analysis = found ? projectFileAnalysis(found.file, from.sourceCode) : null;
  if (!found || !analysis) return null;
  // `module.exports = { loginRateLimiter }` with `const loginRateLimiter = new KumaRateLimiter(...)`: a
  // method of the exported instance is its class's. (The summary does not follow it: whether such a
  // call returns a promise stays unasked, so this only lets a judgement of such a method be made.)
  const value = skipTransparentWrappers(found.node);
  const [method, ...deeper] = found.rest;
  if (value.type === AST_NODE_TYPES.NewExpression && method !== undefined && deeper.length === 0) {
    const owner = analysis.classReferenced(value.callee);
    return owner ? classMember(owner, method, 1) : null;
  }
  return memberOf({ analysis, node: found.node }, found.rest);
}

/**
 * Whether calling a function returns a promise, as far as its own syntax tells: it is async or
 * declared `: Promise<...>` ('promise'); it is no function, a generator, or returns nothing ('other');
 * or what it returns must be judged by its file's analysis ('ask').
 */
export type ReturnsSummary = 'promise' | 'other' | 'ask';

/** One step of an export's summary (project-modules' `exportStep`, its node replaced by what calling it returns). */
type SummaryStep =
  | { kind: 'local'; returns: ReturnsSummary }
  | { kind: 'module'; specifier: string; path: readonly string[] }
  | { kind: 'star'; sources: readonly string[]; path: readonly string[]; fallback: ReturnsSummary | null }
  | null;

function syntacticReturns(value: TSESTree.Node | null): ReturnsSummary {
  const node = value ? skipTransparentWrappers(value) : null;
  if (node?.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return isPromiseTypeAnnotation(node) ? 'promise' : 'other';
  if (!node || !isFunctionNode(node) || node.generator) return 'other';
  if (node.async || isPromiseTypeAnnotation(node)) return 'promise';
  if (node.body.type !== AST_NODE_TYPES.BlockStatement) return 'ask';
  const returned = returnedExpressions(node);
  return returned === undefined || returned.length === 0 ? 'other' : 'ask';
}

/**
 * What calling the export `path` of the project file `fileName` returns (with `method`: calling that
 * method on an instance of the exported class), read from the summaries of the files on the way
 * (re-exports followed), each computed once per version of its file from a bare parse; null when the
 * export is not found. The answer `exportedNode`, `memberOf`, `classMember` and the declaring file's
 * `returnsPromise` give, where syntax alone decides it, and 'ask' where it does not.
 */
function exportReturns(fileName: string, path: readonly string[], method: string | undefined, lint: LintOfFile | undefined, hops = 0): ReturnsSummary | null {
  if (hops >= MAX_EXPORT_HOPS) return null;
  const summary = fileSummary(fileName, lint);
  if (!summary) return null;
  const key = JSON.stringify([method ?? null, path]);
  let step = summary.get(key) as SummaryStep | undefined;
  if (step === undefined) {
    // TypeScript's own tree answers a plain declaration without the ESTree conversion (typescript-exports).
    const source = typescriptSource(fileName);
    const plain = source ? typescriptExportReturns(source, path, method) : undefined;
    if (plain !== undefined) {
      step = { kind: 'local', returns: plain };
      summary.set(key, step);
    }
  }
  if (step === undefined) {
    const module = moduleProgram(fileName);
    const found = module ? exportStep(module.program, path) : null;
    const returns = (node: TSESTree.Node, rest: readonly string[]): ReturnsSummary => {
      const value = memberNode(node, rest);
      return method === undefined ? syntacticReturns(value) : instanceMethodReturns(value, method);
    };
    if (found?.kind === 'local') step = { kind: 'local', returns: returns(found.node, found.rest) };
    else if (found?.kind === 'star') step = { ...found, fallback: found.fallback ? returns(found.fallback, found.path) : null };
    else step = found;
    summary.set(key, step);
  }
  const follow = (specifier: string, followed: readonly string[]): ReturnsSummary | null => {
    const next = resolveRelativeModule(fileName, specifier);
    return next ? exportReturns(next, followed, method, lint, hops + 1) : null;
  };
  if (step === null) return null;
  if (step.kind === 'local') return step.returns;
  if (step.kind === 'module') return follow(step.specifier, step.path);
  for (const source of step.sources) {
    const reexported = follow(source, step.path);
    if (reexported !== null) return reexported;
  }
  return step.fallback;
}

/** Where a file's summary keeps `namesReturningNoPromiseByTokens`. */
const NO_PROMISE_BY_TOKENS = 'exports returning no promise, by tokens';
const NONE_BY_TOKENS: NamesReturningNoPromise = { functions: new Set(), methods: new Map() };

/**
 * typescript-exports' `namesReturningNoPromiseByTokens` for the current version of the project file
 * `fileName`, kept in its summary apart from `exportReturns`' answers: those also serve a question
 * that follows a re-export, where an export not found (a file that does not parse) is not 'other'.
 */
function exportsReturningNoPromiseByTokens(fileName: string, lint: LintOfFile | undefined): NamesReturningNoPromise {
  return summaryAnswer(
    fileName,
    NO_PROMISE_BY_TOKENS,
    NONE_BY_TOKENS,
    () => {
      const text = projectFileText(fileName);
      return text === null ? NONE_BY_TOKENS : namesReturningNoPromiseByTokens(fileName, text);
    },
    lint,
  );
}

/** What calling `method` on an instance of the class `value` returns: its own method's syntax; a base class, or no class, is for the file's analysis to say. */
function instanceMethodReturns(value: TSESTree.Node | null, method: string): ReturnsSummary {
  if (value?.type !== AST_NODE_TYPES.ClassDeclaration && value?.type !== AST_NODE_TYPES.ClassExpression) return 'ask';
  const member = memberValue(value.body, method);
  if (member) return syntacticReturns(member);
  return value.superClass ? 'ask' : 'other';
}

/** `path` read off an object literal or class (its static or prototype members); null when one is missing. */
function memberNode(start: TSESTree.Node, path: readonly string[]): TSESTree.Node | null {
  let node = skipTransparentWrappers(start);
  for (const name of path) {
    const container = node.type === AST_NODE_TYPES.ObjectExpression ? node : classBodyOf(node);
    const value = container ? memberValue(container, name) : null;
    if (!value) return null;
    node = skipTransparentWrappers(value);
  }
  return node;
}

/** `path` read off a located object literal or class (its static or prototype members). */
function memberOf(start: Located, path: readonly string[]): Located | null {
  const node = memberNode(start.node, path);
  return node ? { analysis: start.analysis, node } : null;
}

/**
 * The class a type names, resolved in `analysis`'s file: `Connection`, `Promise<Connection>`; with
 * `element`, the class of an array's elements (`Connection[]`, `Array<Connection>`).
 */
function classOfType(analysis: FileAnalysis, type: TSESTree.TypeNode | undefined, element: boolean): Located<ClassNode> | null {
  if (!type) return null;
  if (type.type === AST_NODE_TYPES.TSArrayType) return element ? classOfType(analysis, type.elementType, false) : null;
  if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  const [argument] = type.typeArguments?.params ?? [];
  const name = type.typeName.name;
  if (name === 'Promise') return classOfType(analysis, argument, element);
  if (name === 'Array' || name === 'ReadonlyArray') return element ? classOfType(analysis, argument, false) : null;
  return element ? null : analysis.classReferenced(type.typeName);
}

/** The class a field of `owner` (or of a base class) is declared as: annotated, `= new C()`, or a constructor parameter property. */
function fieldClass(owner: Located<ClassNode>, name: string, element: boolean): Located<ClassNode> | null {
  let current: Located<ClassNode> | null = owner;
  for (let hop = 0; current && hop < MAX_FILE_HOPS; hop++) {
    const analysis: FileAnalysis = current.analysis;
    const node: ClassNode = current.node;
    for (const member of node.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name) {
        const value = member.value ? skipTransparentWrappers(member.value) : null;
        const constructed = !element && value?.type === AST_NODE_TYPES.NewExpression ? analysis.classReferenced(value.callee) : null;
        return classOfType(analysis, member.typeAnnotation?.typeAnnotation, element) ?? constructed;
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const parameter of member.value.params) {
          if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === name) {
            return classOfType(analysis, parameter.parameter.typeAnnotation?.typeAnnotation, element);
          }
        }
      }
    }
    const base: TSESTree.Node | null = node.superClass;
    current = base ? acrossFiles(() => analysis.classReferenced(base), null) : null;
  }
  return null;
}

/** The method `name` of a class, or of the nearest base class that has one (in whichever project file declares it). */
function classMember(owner: Located<ClassNode>, name: string, hops: number): Located | null {
  let current: Located<ClassNode> | null = owner;
  for (let hop = hops; current && hop < MAX_FILE_HOPS; hop++) {
    const value = memberValue(current.node.body, name);
    if (value) return { analysis: current.analysis, node: value };
    const base: TSESTree.Node | null = current.node.superClass;
    const analysis: FileAnalysis = current.analysis;
    current = base ? acrossFiles(() => analysis.classReferenced(base), null) : null;
  }
  return null;
}

/**
 * The function a dependency file's export gives (`node`, then the members `rest` read off it, then
 * `method` of an instance): a function, a member of an object or class, an ES class's method (inherited
 * ones included), or a method ES5 output puts on a prototype, with that file's analysis.
 */
function dependencyMember(file: ProjectFile, node: TSESTree.Node, rest: readonly string[], method: string | undefined, like: Readonly<TSESLint.SourceCode>): { analysis: FileAnalysis; fn: FunctionNode } | null {
  const analysis = projectFileAnalysis(file, like);
  const value = memberNode(node, rest);
  if (!analysis || !value) return null;
  let found: Located | null = { analysis, node: value };
  if (method !== undefined) {
    const prototyped = prototypeMethod(file.program, value, method);
    found =
      value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression
        ? classMember({ analysis, node: value }, method, 1)
        : prototyped && { analysis, node: prototyped };
  }
  const fn = found ? skipTransparentWrappers(found.node) : null;
  return found && fn && isFunctionNode(fn) ? { analysis: found.analysis, fn } : null;
}

const declaredFileAnalyses = new WeakMap<object, FileAnalysis | null>();

/**
 * The syntactic analysis of another project file, where a callee is declared: built once per
 * version of that file in the program, judged on its syntax, with its checker asked only which package
 * declares a method (`buildAnalysis`'s `packageTypes`: the never-rejecting table). typescript-eslint's
 * parser (already loaded with the checker) converts the SourceFile the program holds (`programs`)
 * instead of having TypeScript parse the text again. A file it cannot convert is unknown.
 */
function declaredFileAnalysis(declared: DeclaredFunction, sourceCode: Readonly<TSESLint.SourceCode>): FileAnalysis | null {
  const cached = declaredFileAnalyses.get(declared.version);
  if (cached !== undefined) return cached;
  let analysis: FileAnalysis | null = null;
  try {
    const parsed = parseProjectText(declared.text, declared.fileName, declared.program);
    analysis = analysisOfParsed(declared.text, declared.fileName, parsed, sourceCode, typeInfoOfParse(parsed.services, declared.fileName));
  } catch {
    analysis = null;
  }
  declaredFileAnalyses.set(declared.version, analysis);
  return analysis;
}

const requireModule = createRequire(import.meta.url);

/**
 * Another file's syntactic analysis, built on its parse (project-files) with the linter's own
 * SourceCode class (`like`'s), so scopes and tokens are as the rules see them in every file.
 */
function analysisOfParsed(text: string, fileName: string, parsed: ParseResult, like: Readonly<TSESLint.SourceCode>, packageTypes: TypeInfo | null = null): FileAnalysis {
  const config = { text, ast: parsed.ast, scopeManager: parsed.scopeManager, visitorKeys: parsed.visitorKeys, parserServices: parsed.services };
  type SourceCodeClass = new (options: object) => TSESLint.SourceCode;
  let foreign = new (like.constructor as SourceCodeClass)(config);
  // Under oxlint the linted file's SourceCode is oxlint's own, which cannot be built from a parse:
  // ESLint's class then, so both engines judge another file alike.
  if (typeof foreign.getScope !== 'function') foreign = new ((requireModule('eslint') as { SourceCode: SourceCodeClass }).SourceCode)(config);
  return buildAnalysis(foreign, null, fileName, packageTypes);
}

/** The outermost function node of `program` that ends where `range` ends, inside the node spanning `range`. */
function functionAt(program: TSESTree.Program, range: readonly [number, number]): FunctionNode | null {
  const path = pathTo(program, range);
  let found: FunctionNode | null = null;
  walk(path[path.length - 1]!, (node) => {
    if (isFunctionNode(node) && node.range[1] === range[1]) {
      found = node;
      return 'stop';
    }
    return undefined;
  });
  return found;
}

/**
 * `node` runs whenever `owner` runs to its end: no branch, loop, `catch` or nested function
 * lies between them. `if (callback) promise.then(ok, callback)` handles the rejection only for callers
 * that pass a callback.
 */
function runsOnEveryCall(node: TSESTree.Node, owner: FunctionNode): boolean {
  for (let current = node; current !== owner && current.parent; current = current.parent) {
    const parent = current.parent;
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.CatchClause:
        if (parent.type !== AST_NODE_TYPES.IfStatement || parent.test !== current) return false;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === current) return false;
        break;
      default:
        if (parent !== owner && isFunctionNode(parent)) return false;
    }
  }
  return true;
}

/** Where callers give the parameter `name` of `fn`: its position, and the property it is destructured from (`{ done }: Options`). */
interface ParameterSlot {
  index: number;
  key: string | null;
}

function parameterSlot(fn: FunctionNode, name: TSESTree.Node): ParameterSlot | null {
  for (const [index, parameter] of fn.params.entries()) {
    if (parameter === name) return { index, key: null };
    if (parameter.type !== AST_NODE_TYPES.ObjectPattern) continue;
    for (const property of parameter.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.value === name) return { index, key: keyName(property) };
    }
  }
  return null;
}

/** The value a call passes at `slot` (the property of an object literal for a destructured one); null when it passes none, or a spread hides it. */
function valuePassed(call: TSESTree.CallExpression, slot: ParameterSlot): TSESTree.Node | null {
  const spreadAt = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
  if (spreadAt !== -1 && spreadAt <= slot.index) return null;
  const argument = call.arguments[slot.index];
  if (!argument || slot.key === null) return argument ?? null;
  const object = skipTransparentWrappers(argument);
  if (object.type !== AST_NODE_TYPES.ObjectExpression || object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
  const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate) === slot.key);
  return property?.type === AST_NODE_TYPES.Property ? property.value : null;
}

/**
 * A plain function that gives back one of its parameters on every `return` (a promise its caller made)
 * and does nothing else with it but hand its rejection to another parameter, a callback
 * (`if (cb) p.then((v) => cb(null, v), (e) => cb(e)); return p;`): where the two sit (`callback` null
 * for a function that only gives the promise back). Null for any other use of the parameter (stored,
 * passed on, handled by the function itself): the function's own judgement (`cannotReject`) decides.
 */
function passedThroughSlots(fn: FunctionNode): CallbackAdapter | null {
  if (fn.async || fn.generator) return null;
  const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(fn) : [fn.body];
  if (!returned || returned.length === 0) return null;
  const names = new Set(returned.map((value) => {
    const node = skipTransparentWrappers(value);
    return node.type === AST_NODE_TYPES.Identifier ? node.name : null;
  }));
  const [name] = names;
  if (names.size !== 1 || !name) return null;
  const promise = fn.params.findIndex((parameter) => parameter.type === AST_NODE_TYPES.Identifier && parameter.name === name);
  if (promise === -1) return null;
  const returnedNodes = new Set(returned.map((value) => skipTransparentWrappers(value)));
  let callback: number | null = null;
  let otherUse = false;
  walk(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name || returnedNodes.has(node)) return;
    const member = node.parent;
    const call = member?.type === AST_NODE_TYPES.MemberExpression && member.object === node ? member.parent : null;
    const chain = call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? parsePromiseChainCall(call) : null;
    const handler = chain?.onRejected ?? null;
    const called = handler
      ? fn.params.findIndex(
          (parameter, index) =>
            index !== promise && parameter.type === AST_NODE_TYPES.Identifier && someNode(handler, (inner) => inner.type === AST_NODE_TYPES.Identifier && inner.name === parameter.name),
        )
      : -1;
    if (called === -1) {
      otherUse = true;
      return 'stop';
    }
    callback = called;
  });
  return otherUse ? null : { promise, callback };
}

/** `throw` inside the `try` block of a statement that has a `catch`, below `root`. */
function insideTryBlock(node: TSESTree.Node, root: TSESTree.Node): boolean {
  for (let current = node; current !== root && current.parent; current = current.parent) {
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current && parent.handler !== null) return true;
  }
  return false;
}

function isTypeAssertion(node: TSESTree.Node): node is TSESTree.TSAsExpression | TSESTree.TSTypeAssertion {
  return node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSTypeAssertion;
}

/** `x as Promise<T>`, `<Promise<T>>x`, `y as Promise<T> & U`: the outermost assertion to a Promise type, or null. */
function promiseAssertion(expression: TSESTree.Node): TSESTree.Node | null {
  for (let node = expression; ; node = (node as TSESTree.TSAsExpression).expression) {
    if (isTypeAssertion(node)) {
      if (isPromiseType(node.typeAnnotation)) return node;
    } else if (node.type !== AST_NODE_TYPES.TSNonNullExpression && node.type !== AST_NODE_TYPES.TSSatisfiesExpression) {
      return null;
    }
  }
}

function isPromiseType(type: TSESTree.TypeNode): boolean {
  if (type.type === AST_NODE_TYPES.TSIntersectionType) return type.types.some(isPromiseType);
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && type.typeName.name === 'Promise';
}

/** `await f()` / `f()`: the call either way (`async () => await this.poll()`). */
function skipAwait(expression: TSESTree.Node): TSESTree.Node {
  const node = skipTransparentWrappers(expression);
  return node.type === AST_NODE_TYPES.AwaitExpression ? skipTransparentWrappers(node.argument) : node;
}

/** The callee reads a member of `require('./relative')`, directly or through a binding. */
function isRequireOfProjectFile(callee: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  let root = skipTransparentWrappers(callee);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTransparentWrappers(root.object);
  if (requiredModule(root, scope)?.startsWith('.')) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = ASTUtils.findVariable(scope, root.name)?.defs[0];
  return definition?.type === 'Variable' && definition.node.init !== null && requiredModule(definition.node.init, scope)?.startsWith('.') === true;
}

/** `send` for `send(x)`, the expression itself otherwise: the short name messages use. */
function calleeOrSelf(expression: TSESTree.Node): TSESTree.Node {
  const node = skipTransparentWrappers(expression);
  return node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
}

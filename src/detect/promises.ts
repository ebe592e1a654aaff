import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { knownAsyncApi, PROMISIFY_APIS } from './known-async-apis.js';
import { matchApi, memberPropertyName, resolveCallee, resolveValueOrigin, skipTransparentWrappers } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { typeInfo, type TypeInfo } from './type-info.js';
import { isFunctionNode } from './ast.js';

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
  const kind = memberPropertyName(callee);
  if (kind !== 'then' && kind !== 'catch' && kind !== 'finally') return null;
  const [first = null, second = null] = call.arguments;
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
  | 'thenable-type';

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
  /** An async function, or one whose every `return` is promise-valued (or declared `: Promise<...>`). */
  returnsPromise(fn: TSESTree.FunctionLike): boolean;
  /**
   * A value that, called, returns a promise: a function expression as above, a reference to such a
   * function (identifier, `this.method`, `obj.method`), `fn.bind(...)`, a `promisify(...)` result, a
   * known async API; with types, anything whose call signature returns a thenable.
   */
  callbackReturnsPromise(expression: TSESTree.Node): boolean;
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

const perFile = new WeakMap<object, PromiseAnalysis>();

/** The analysis of the file `context` is linting; built once per file and shared by every rule. */
export function promiseAnalysis<M extends string, O extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<M, O>>,
): PromiseAnalysis {
  const cached = perFile.get(context.sourceCode);
  if (cached) return cached;
  const analysis = buildAnalysis(context.sourceCode, typeInfo(context));
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
      if (owner?.type === AST_NODE_TYPES.Property && owner.parent.type === AST_NODE_TYPES.ObjectExpression) return owner.parent;
      return null;
    }
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
    current = current.parent;
  }
  return null;
}

function keyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : null;
}

/** The value bound to `name` in a class body or object literal (a method, a field's initialiser). */
function memberValue(container: TSESTree.ClassBody | TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  if (container.type === AST_NODE_TYPES.ClassBody) {
    for (const member of container.body) {
      if (
        (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'method') ||
        member.type === AST_NODE_TYPES.PropertyDefinition
      ) {
        if (keyName(member.key, member.computed) === name) return member.value;
      }
    }
    return null;
  }
  for (const property of container.properties) {
    if (property.type === AST_NODE_TYPES.Property && keyName(property.key, property.computed) === name) return property.value;
  }
  return null;
}

function classBodyOf(node: TSESTree.Node | null | undefined): TSESTree.ClassBody | null {
  return node && (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) ? node.body : null;
}

function buildAnalysis(sourceCode: Readonly<TSESLint.SourceCode>, types: TypeInfo | null): PromiseAnalysis {
  const returnsPromiseMemo = new WeakMap<TSESTree.FunctionLike, boolean>();
  const inProgress = new Set<TSESTree.FunctionLike>();

  /** Every `return` argument of `fn` (not of nested functions); undefined when one returns nothing. */
  function returnedExpressions(fn: TSESTree.FunctionLike): TSESTree.Expression[] | undefined {
    const found: TSESTree.Expression[] = [];
    let bare = false;
    const visit = (node: TSESTree.Node): void => {
      if (node !== fn && (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody)) return;
      if (node.type === AST_NODE_TYPES.ReturnStatement) {
        if (node.argument) found.push(node.argument);
        else bare = true;
      }
      for (const key of sourceCode.visitorKeys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (const item of child) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
        } else if (child && typeof child === 'object' && 'type' in child) {
          visit(child as TSESTree.Node);
        }
      }
    };
    if (fn.body) visit(fn.body);
    return bare ? undefined : found;
  }

  function returnsPromise(fn: TSESTree.FunctionLike): boolean {
    const memo = returnsPromiseMemo.get(fn);
    if (memo !== undefined) return memo;
    if (inProgress.has(fn)) return false;
    inProgress.add(fn);
    let result: boolean;
    if (fn.generator) result = false;
    else if (fn.async || isPromiseTypeAnnotation(fn)) result = true;
    else if (fn.body?.type !== AST_NODE_TYPES.BlockStatement) result = fn.body ? syntacticSource(fn.body, 0) !== null : false;
    else {
      const returned = returnedExpressions(fn);
      result = returned !== undefined && returned.length > 0 && returned.every((value) => syntacticSource(value, 0) !== null);
    }
    inProgress.delete(fn);
    returnsPromiseMemo.set(fn, result);
    return result;
  }

  /** Whether calling the value of `expression` returns a promise, by syntax alone. */
  function valueReturnsPromise(expression: TSESTree.Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const node = skipTransparentWrappers(expression);
    if (isFunctionNode(node)) return returnsPromise(node);
    const scope = sourceCode.getScope(node);
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `fn.bind(this)` calls `fn`; `promisify(fn)` returns a promise-returning function.
      const callee = skipTransparentWrappers(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberPropertyName(callee) === 'bind') {
        return valueReturnsPromise(callee.object, depth + 1);
      }
      return matchApi(resolveCallee(node, scope), PROMISIFY_APIS) !== null;
    }
    if (node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.MemberExpression) return false;
    if (knownAsyncApi(resolveValueOrigin(node, scope)) !== null) return true;
    if (node.type === AST_NODE_TYPES.Identifier) return variableReturnsPromise(node, scope, depth);
    const name = memberPropertyName(node);
    if (name === null) return false;
    const container = memberContainer(node.object, scope);
    const value = container ? memberValue(container, name) : null;
    return value !== null && valueReturnsPromise(value, depth + 1);
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
    return valueReturnsPromise(callee, 0) ? { kind: 'promise-function-call', name: sourceCode.getText(callee) } : null;
  }

  function isRuntimeCall(node: TSESTree.Node): boolean {
    const inner = skipTransparentWrappers(node);
    return inner.type === AST_NODE_TYPES.CallExpression && runtimeApiOf(inner, sourceCode.getScope(inner)) !== null;
  }

  function promiseSource(expression: TSESTree.Node): PromiseSource | null {
    const found = syntacticSource(expression, 0);
    if (found || !types || !TYPED_CANDIDATES.has(skipTransparentWrappers(expression).type) || isRuntimeCall(expression)) return found;
    return types.isThenable(expression) ? { kind: 'thenable-type', name: sourceCode.getText(calleeOrSelf(expression)) } : null;
  }

  function unhandledPromise(expression: TSESTree.Node): PromiseSource | null {
    const chain = parsePromiseChainCall(expression);
    if (chain) return rejectionHandlingCall(chain.call) ? null : { kind: chain.kind, name: `.${chain.kind}()` };
    return promiseSource(expression);
  }

  function callbackReturnsPromise(expression: TSESTree.Node): boolean {
    if (valueReturnsPromise(expression, 0)) return true;
    const node = skipTransparentWrappers(expression);
    // A function literal is judged by its body: its declared type may be wider than what it returns.
    if (!types || isFunctionNode(node) || isRuntimeCall(node)) return false;
    return types.returnsThenable(node);
  }

  return {
    promiseSource,
    isPromiseValued: (expression) => promiseSource(expression) !== null,
    unhandledPromise,
    returnsPromise,
    callbackReturnsPromise,
    types,
  };
}

/** `send` for `send(x)`, the expression itself otherwise: the short name messages use. */
function calleeOrSelf(expression: TSESTree.Node): TSESTree.Node {
  const node = skipTransparentWrappers(expression);
  return node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { matchApi, resolveCallee, resolveValueOrigin } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { isMemberOfGlobal, skipTransparentWrappers } from '../ast/wrappers.js';
import { exportsUnderItsOwnName, functionName, isExportingReference, keyName } from '../ast/names.js';
import { enclosingFunction, enclosingFunctions, isFunctionNode } from '../ast/functions.js';
import { someNode } from '../ast/walk.js';
import { ARRAY_ITERATION_METHODS, INTERVAL_APIS } from './api-shapes.js';
import { projectCallSites } from './project-callers.js';
import { isLoggingCall, resolveLocalFunction } from './error-handling.js';

/**
 * Module-scope mutable state and who changes it. A container created at module top level (a Map, a
 * Set, an LRU cache, an object or array literal) belongs to no owner: it lives as long as the process,
 * survives the restart of whatever uses it, and cannot be reset in tests. It matters when functions
 * change it (a cache, a session table) or when top-level statements fill it once at start-up and
 * functions read it (a registry nothing rebuilds after a restart). Constants never changed, frozen
 * objects, `as const` literals, function-scoped containers and state on class instances are not
 * module state. `supervise.cache(...)` is a runtime call, never a container, so supervised state is
 * quiet by construction.
 */

export type ContainerKind = 'Map' | 'Set' | 'LRU cache' | 'object' | 'array' | 'WeakMap' | 'WeakSet' | 'WeakRef';

const WEAK_KINDS: ReadonlySet<ContainerKind> = new Set(['WeakMap', 'WeakSet', 'WeakRef']);
/** Containers whose only purpose is to be changed: exporting one hands its mutation to other modules. */
const COLLECTION_KINDS: ReadonlySet<ContainerKind> = new Set(['Map', 'Set', 'LRU cache', 'WeakMap', 'WeakSet']);

const GLOBAL_CONTAINERS: Readonly<Record<string, ContainerKind>> = {
  Map: 'Map',
  Set: 'Set',
  WeakMap: 'WeakMap',
  WeakSet: 'WeakSet',
  WeakRef: 'WeakRef',
};
const LRU_MODULES = new Set(['lru-cache', 'quick-lru', 'lru_map', 'tiny-lru', 'lru.min', 'mnemonist/lru-cache', 'mnemonist/lru-map']);
const LRU_CLASS_NAMES = /^(LRU|LRUCache|LruCache|QuickLRU|LRUMap)$/;

/** Method calls that change the container they are called on (Map, Set, Array, LRU caches). */
const MUTATING_METHODS = new Set([
  'set',
  'add',
  'delete',
  'clear',
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
]);

const OBJECT_MUTATORS = new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf']);

export function isWeakKind(kind: ContainerKind): boolean {
  return WEAK_KINDS.has(kind);
}

function isConstAssertion(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression &&
    node.typeAnnotation.type === AST_NODE_TYPES.TSTypeReference &&
    node.typeAnnotation.typeName.type === AST_NODE_TYPES.Identifier &&
    node.typeAnnotation.typeName.name === 'const'
  );
}

/** What kind of mutable container an initialiser creates, or null when it creates none. */
export function containerKindOf(init: TSESTree.Expression, scope: TSESLint.Scope.Scope): ContainerKind | null {
  if (isConstAssertion(init)) return null;
  const value = skipTransparentWrappers(init);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return 'object';
  if (value.type === AST_NODE_TYPES.ArrayExpression) return 'array';
  if (value.type === AST_NODE_TYPES.CallExpression) {
    // `Object.create(null)`: the usual prototype-free registry
    const origin = resolveCallee(value, scope);
    const [argument] = value.arguments;
    return origin?.module === null && origin.path.join('.') === 'Object.create' && argument?.type === AST_NODE_TYPES.Literal && argument.value === null
      ? 'object'
      : null;
  }
  if (value.type !== AST_NODE_TYPES.NewExpression) return null;
  const origin = resolveCallee(value, scope);
  if (origin && origin.module !== null && LRU_MODULES.has(origin.module)) return 'LRU cache';
  if (origin?.module === null && origin.path.length === 1) {
    const name = origin.path[0] ?? '';
    return GLOBAL_CONTAINERS[name] ?? (LRU_CLASS_NAMES.test(name) ? 'LRU cache' : null);
  }
  const callee = skipTransparentWrappers(value.callee);
  return callee.type === AST_NODE_TYPES.Identifier && LRU_CLASS_NAMES.test(callee.name) ? 'LRU cache' : null;
}

/**
 * The function runs where it is defined, before the code after it: an IIFE, or the callback of an
 * array iteration (`Object.keys(table).forEach((key) => ...)`), which is called once per element
 * before the iteration returns.
 */
export function isInvokedWhereDefined(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.CallExpression) return false;
  if (parent.callee === fn) return true;
  const callee = parent.callee;
  return parent.arguments[0] === fn && callee.type === AST_NODE_TYPES.MemberExpression && ARRAY_ITERATION_METHODS.has(keyName(callee) ?? '');
}

/**
 * Whether code at `node` runs later than module load: inside a function (a method, a callback, a class
 * field initialiser) rather than at top level. A function invoked where it is defined (an IIFE at top
 * level, async or not, or a top-level `forEach` callback) runs at load, so its body counts as top level.
 */
export function runsAfterModuleLoad(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        if (!isInvokedWhereDefined(current)) return true;
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
        return true;
      case AST_NODE_TYPES.PropertyDefinition:
        if (!current.static) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** The reference changes the container: `c.set(...)`, `c[k] = v`, `delete c[k]`, `c.items.push(x)`, `c.n++`, `Object.assign(c, ...)`. */
export function isMutatingReference(identifier: TSESTree.Identifier): boolean {
  let node: TSESTree.Node = identifier;
  let depth = 0;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) {
      depth++;
    } else if (
      parent.type !== AST_NODE_TYPES.TSNonNullExpression &&
      parent.type !== AST_NODE_TYPES.TSAsExpression &&
      parent.type !== AST_NODE_TYPES.ChainExpression
    ) {
      break;
    }
    node = parent;
  }
  const parent = node.parent;
  if (!parent) return false;
  if (depth > 0) {
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return true;
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) {
      const member = skipTransparentWrappers(node);
      const method = member.type === AST_NODE_TYPES.MemberExpression ? keyName(member) : null;
      return method !== null && MUTATING_METHODS.has(method);
    }
    return false;
  }
  // `Object.assign(c, ...)`, `Object.defineProperty(c, ...)`: read syntactically, `Object` is never shadowed in practice
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
    return isMemberOfGlobal(parent.callee, 'Object', OBJECT_MUTATORS);
  }
  return false;
}

export interface ModuleContainer {
  name: string;
  kind: ContainerKind;
  declarator: TSESTree.VariableDeclarator;
  /** The initialiser: the node reported and the expression `supervise.cache(id, () => init)` wraps. */
  init: TSESTree.Expression;
  exported: boolean;
  /** Changed after the modules load, other than on a registration path (settled when read: see `moduleContainers`). */
  readonly mutatedAfterLoad: boolean;
  readonly mutatedAtLoad: boolean;
  /** Some top-level filling runs asynchronously (in an async IIFE nobody awaits): readers can see it half-filled. */
  filledAsynchronouslyAtLoad: boolean;
  readAfterLoad: boolean;
  /**
   * Something already owns its lifetime: declared read-only, an LRU bounded by `max`/`ttl`, entries
   * deleted when their connection closes, or reset by the module's own start / stop / reset function.
   */
  owned: boolean;
}

/** `ReadonlySet<T>`, `ReadonlyMap<K, V>`, `ReadonlyArray<T>`, `Readonly<T>`, `readonly T[]`. */
function isReadonlyType(type: TSESTree.TypeNode | undefined): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSTypeOperator) return type.operator === 'readonly';
  return (
    type.type === AST_NODE_TYPES.TSTypeReference &&
    type.typeName.type === AST_NODE_TYPES.Identifier &&
    /^Readonly(Set|Map|Array)?$/.test(type.typeName.name)
  );
}

/** `const x: ReadonlySet<string> = ...` or `... as ReadonlySet<string>`: the compiler forbids changes. */
function isDeclaredReadonly(declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type === AST_NODE_TYPES.Identifier && isReadonlyType(declarator.id.typeAnnotation?.typeAnnotation)) return true;
  const init = declarator.init;
  return (init?.type === AST_NODE_TYPES.TSAsExpression || init?.type === AST_NODE_TYPES.TSSatisfiesExpression) && isReadonlyType(init.typeAnnotation);
}

/** Options that bound an LRU cache: lru-cache's `max`/`maxSize`/`ttl`, quick-lru's `maxSize`, or a size argument (`new LRU(500)`). */
const LRU_BOUNDS = new Set(['max', 'maxSize', 'ttl', 'maxAge', 'maxEntrySize', 'stdTTL']);

function isBoundedCache(kind: ContainerKind, init: TSESTree.Expression): boolean {
  const value = skipTransparentWrappers(init);
  if (kind !== 'LRU cache' || value.type !== AST_NODE_TYPES.NewExpression) return false;
  const [options] = value.arguments;
  if (options?.type === AST_NODE_TYPES.Literal && typeof options.value === 'number') return true;
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && LRU_BOUNDS.has(property.key.name),
    )
  );
}

/** Functions that start, restart, reset or stop what the module serves: state they reset is theirs. */
const LIFECYCLE_FUNCTION = /^_?#?(re)?(start|init|initiali[sz]e|setup|setUp|boot|listen|open|connect|reset|clear|clearAll|close|closeAll|stop|shutdown|dispose|destroy|teardown|tearDown|removeAll)([A-Z0-9_].*)?$/;
/**
 * Functions that (re)load what the module serves from its source (`reloadSettings`, `loadAll`): a
 * field they replace (`settings.skinName = ...`) or a container they empty is reset on every reload.
 * A computed key (`cache[id] = ...` in `loadUser`) adds an entry instead: not a reset.
 */
const RELOAD_FUNCTION = /^_?#?(re)?load([A-Z0-9_].*)?$/;
/** Functions that put what the module serves back to its empty state: every change they make is a reset. */
const RESET_FUNCTION = /^_?#?(reset|clear|clearAll|removeAll|teardown|tearDown|dispose|destroy)([A-Z0-9_].*)?$/;

/**
 * The reference resets the container: in a start / stop / reset function it empties or replaces it
 * (`c.clear()`, `c = new Map()`) or reassigns one of its fields (`config.dirs = []`); in a reset
 * function (`reset`, `removeAllListeners`, `teardown`) any change it makes counts, at any depth of
 * callbacks (`Object.keys(handlers).forEach((e) => handlers[e].splice(...))`).
 */
function resetByLifecycle(identifier: TSESTree.Identifier): boolean {
  const functions = [...enclosingFunctions(identifier)].map((fn) => functionName(fn));
  if (isMutatingReference(identifier) && functions.some((name) => name !== null && RESET_FUNCTION.test(name))) return true;
  const own = enclosingFunction(identifier);
  const name = own ? functionName(own) : null;
  if (name !== null && RELOAD_FUNCTION.test(name) && (resetsContainer(identifier) || (reassignsField(identifier) && !(identifier.parent as TSESTree.MemberExpression).computed))) return true;
  return name !== null && LIFECYCLE_FUNCTION.test(name) && (resetsContainer(identifier) || reassignsField(identifier));
}

/**
 * `c[k] = value` where `k` walks the container's own keys (`Object.keys(c).forEach((k) => ...)`,
 * `for (const k in c)`, `for (const k of Object.keys(c))`): every entry is replaced by one derived
 * anew (feathers' `setDebug` re-creates each debugger with the new initializer). No key is added and
 * no old value survives, so nothing grows or goes stale.
 */
function replacesAnExistingEntry(identifier: TSESTree.Identifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || !member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return false;
  const assignment = member.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== member || assignment.operator !== '=') return false;
  const key = member.property.name;
  const keysOfContainer = (node: TSESTree.Node | null | undefined): boolean =>
    node?.type === AST_NODE_TYPES.CallExpression &&
    isMemberOfGlobal(node.callee, 'Object', new Set(['keys'])) &&
    node.arguments[0]?.type === AST_NODE_TYPES.Identifier &&
    node.arguments[0].name === identifier.name;
  for (let current: TSESTree.Node | undefined = assignment.parent; current; current = current.parent) {
    if (isFunctionNode(current)) {
      const [parameter] = current.params;
      const call = current.parent;
      if (
        parameter?.type === AST_NODE_TYPES.Identifier &&
        parameter.name === key &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === current &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        keyName(call.callee) === 'forEach' &&
        keysOfContainer(call.callee.object)
      ) {
        return true;
      }
      return false;
    }
    if ((current.type === AST_NODE_TYPES.ForInStatement || current.type === AST_NODE_TYPES.ForOfStatement) && current.left.type === AST_NODE_TYPES.VariableDeclaration) {
      const declared = current.left.declarations[0]?.id;
      if (declared?.type === AST_NODE_TYPES.Identifier && declared.name === key) {
        if (current.type === AST_NODE_TYPES.ForInStatement) return current.right.type === AST_NODE_TYPES.Identifier && current.right.name === identifier.name;
        return keysOfContainer(current.right);
      }
    }
  }
  return false;
}

/** `c.field = value`: a field of the container replaced whole. */
function reassignsField(identifier: TSESTree.Identifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const assignment = member.parent;
  return assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === member && assignment.operator === '=';
}

/**
 * Names from the program's own vocabulary: event and command names, `moduleName`-like names, time
 * zones, locales, levels, and its configuration's database URLs and schemas. A bare `name` is not one: templates, users and rooms have names too. A table keyed only by them is bounded by what the program (and its
 * plugins) call things; it cannot grow with traffic the way one keyed by ids, users or URLs does
 * (`userName`, `hostName`, `fileName` and the like name data, not the program's vocabulary).
 */
const VOCABULARY_KEY = /^(?!(?:user|host|file|path|client|session|account|device|display)Name$)([a-z][A-Za-z]*Name|event|command|type|kind|locale|lang|language|timezone|timeZone|tz|level|schema|dbUrl|databaseUrl|connectionString|dsn)$/;

/** The key expression names only vocabulary: `name`, `theme.name`, `timezone + '|' + timeZoneName`, a local bound once to such. */
function isVocabularyKey(key: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): boolean {
  const value = skipTransparentWrappers(key);
  // A key written in the source (`mapping.set('GET', {})`, or through `const GET = 'GET'`): the source bounds it.
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' || typeof value.value === 'number';
  if (value.type === AST_NODE_TYPES.MemberExpression) return VOCABULARY_KEY.test(keyName(value) ?? '');
  // In a composed key, literal separators are part of the vocabulary (`timezone + '|' + timeZoneName`).
  const part = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Literal || isVocabularyKey(node, scope, depth);
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') return part(value.left) && part(value.right);
  // `timezone ?? ''`: vocabulary with a default.
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') return part(value.left) && part(value.right);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.expressions.length > 0 && value.expressions.every(part);
  // `getCacheKey(dbUrl, schema)`: a local function that only composes its parameters keys by its arguments.
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const fn = resolveLocalFunction(value.callee, scope);
    return depth <= 2 && fn !== null && composesOnlyItsParameters(fn) && value.arguments.length > 0 && value.arguments.every((argument) => isVocabularyKey(argument, scope, depth + 1));
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (VOCABULARY_KEY.test(value.name)) return true;
  // `let key = timezone + '|' + timeZoneName;` bound once.
  const variable = ASTUtils.findVariable(scope, value.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (depth > 2 || definition?.type !== 'Variable' || !definition.node.init) return false;
  if (variable!.references.some((reference) => reference.isWrite() && reference.init !== true)) return false;
  return isVocabularyKey(definition.node.init, scope, depth + 1);
}

/** `(a, b) => \`${a}::${b}\``, `function key(a, b) { return a + '|' + b; }`: the result is built from the parameters and literals alone. */
function composesOnlyItsParameters(fn: TSESTree.FunctionLike): boolean {
  const parameters = new Set(fn.params.map((parameter) => (parameter.type === AST_NODE_TYPES.Identifier ? parameter.name : '')));
  const body = fn.body;
  const statement = body?.type === AST_NODE_TYPES.BlockStatement && body.body.length === 1 ? body.body[0] : undefined;
  const returned = body?.type === AST_NODE_TYPES.BlockStatement ? (statement?.type === AST_NODE_TYPES.ReturnStatement ? statement.argument : null) : body;
  const composed = (node: TSESTree.Node): boolean => {
    if (node.type === AST_NODE_TYPES.Literal) return true;
    if (node.type === AST_NODE_TYPES.Identifier) return parameters.has(node.name);
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') return composed(node.left) && composed(node.right);
    if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.every(composed);
    return false;
  };
  return returned !== null && returned !== undefined && composed(returned);
}

/**
 * How the reference adds an entry: `c.set(k, v)`, `c.add(k)`, `c[k] = v` give their key; other
 * changes that add (`c.push(x)`, `c[k].push(x)`) give 'unkeyed'; removals and reads give null.
 */
function addedKey(identifier: TSESTree.Identifier): TSESTree.Node | 'unkeyed' | null {
  if (!isMutatingReference(identifier) || isDeletion(identifier) || resetsContainer(identifier)) return null;
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return 'unkeyed';
  const parent = member.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member && ['set', 'add'].includes(keyName(member) ?? '')) {
    return parent.arguments[0] ?? 'unkeyed';
  }
  if (member.computed && parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) return member.property;
  return 'unkeyed';
}

/** Events that end a connection or a client: its entries leave with it. */
const END_EVENTS = new Set(['close', 'disconnect', 'disconnected', 'end', 'exit', 'finish', 'leave', 'unsubscribe', 'destroy']);
const LISTENING_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
const DISCONNECT_FUNCTION = /(close|disconnect|leave|remove|unsubscribe|unregister|cleanup|cleanUp|dispose|destroy|onEnd|handleEnd)/i;

/** The function `node` runs in is a listener for an end event (`socket.on('close', ...)`) or named for one. */
function runsOnDisconnect(node: TSESTree.Node): boolean {
  for (const fn of enclosingFunctions(node)) {
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const callee = skipTransparentWrappers(call.callee);
      const event = call.arguments[0];
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        LISTENING_METHODS.has(keyName(callee) ?? '') &&
        event?.type === AST_NODE_TYPES.Literal &&
        typeof event.value === 'string' &&
        END_EVENTS.has(event.value)
      ) {
        return true;
      }
    }
    const name = functionName(fn);
    if (name !== null && DISCONNECT_FUNCTION.test(name)) return true;
  }
  return false;
}

/** Functions that fill registries while the program starts: `registerTheme`, `loadPackages`, `addStylesheet`. */
const REGISTRATION_FUNCTION = /^_?#?(register|load|init|initiali[sz]e|setup|setUp|install|define|bootstrap|configure|mount|seed|populate|preload|warm)([A-Z0-9_].*)?$/;

/** How many module functions deep `runsInRegistration` follows a helper's callers. */
const REGISTRATION_CALLER_DEPTH = 3;

/** The scope facts `runsInRegistration` reads: the linted file's SourceCode, or another project file's scope manager. */
type DeclaredVariables = (node: TSESTree.Node) => readonly TSESLint.Scope.Variable[];

/**
 * The reference runs on the program's registration paths: inside a function named for registration
 * or loading (at any depth of callbacks), or inside a module function whose every use is on such a
 * path or runs while modules load: `addStylesheet`, handed to plugins through the API object that
 * `loadPackage` builds, is called while packages load, never for a request. A module function the
 * module exports is judged by its callers in the whole repository too (project-callers.ts): thelounge's
 * `addTheme`, exported, is called only from `loadPackage` in another module. With `filename` absent
 * (another file's call site being judged), an exported function is not followed further.
 */
function runsInRegistration(
  node: TSESTree.Node,
  declaredVariables: DeclaredVariables,
  filename: string | null,
  depth = 0,
  following = new Set<TSESTree.Node>(),
): boolean {
  let outermost: TSESTree.Node | undefined;
  for (const fn of enclosingFunctions(node)) {
    const name = functionName(fn);
    if (name !== null && REGISTRATION_FUNCTION.test(name)) return true;
    outermost = fn;
  }
  const declaration = outermost && moduleFunctionDeclaration(outermost);
  if (!declaration || depth >= REGISTRATION_CALLER_DEPTH || following.has(declaration)) return false;
  following.add(declaration);
  const variable = declaredVariables(declaration)[0];
  // Its callers, less its own recursive or self-binding uses (`addFile.bind(packageApis, ...)` inside packageApis).
  const uses = (variable?.references ?? []).filter((reference) => !reference.init && !isWithin(reference.identifier, outermost!));
  const exporting = uses.filter(({ identifier }) => isExportingReference(identifier as TSESTree.Identifier));
  const calledHere = uses.filter((use) => !exporting.includes(use));
  const exportedAsDeclared = isExportDeclaration(declaration.type === AST_NODE_TYPES.VariableDeclarator ? declaration.parent?.parent : declaration.parent);
  const onRegistrationPath = (use: TSESTree.Node, declared: DeclaredVariables, file: string | null): boolean =>
    runsAfterModuleLoad(use) && runsInRegistration(use, declared, file, depth + 1, following);
  // A construction while the module loads (`module.exports = new ApiCache()`) makes the instances
  // that register themselves at start-up. A plain call there is not enough: a lookup called at top
  // level is called later too (a memo of prices stays stale across a reload), and a reference that
  // is not a call hands the function to something that calls it later.
  const constructedAtLoad = (use: TSESTree.Node): boolean => !runsAfterModuleLoad(use) && isConstructed(use);
  if (!calledHere.every(({ identifier }) => constructedAtLoad(identifier) || onRegistrationPath(identifier, declaredVariables, filename))) return false;
  if (exporting.length === 0 && !exportedAsDeclared) return calledHere.length > 0;
  // Exported under its own name only (`export function f`, `export { f }`, `export default { f }`): its callers elsewhere call that name.
  if (filename === null || variable === undefined || !exporting.every(({ identifier }) => exportsUnderItsOwnName(identifier as TSESTree.Identifier))) return false;
  // Other modules must call it: an export nobody in the repository calls is API for callers this
  // reading cannot see.
  const elsewhere = projectCallSites(filename, variable.name);
  if (elsewhere === null || elsewhere.length === 0) return false;
  return elsewhere.every(({ call, declaredVariables: theirs }) => !runsAfterModuleLoad(call) || onRegistrationPath(call, theirs, null));
}

/** `new F(...)`: the identifier is the constructed class or function. */
function isConstructed(identifier: TSESTree.Node): boolean {
  const construction = identifier.parent;
  return construction?.type === AST_NODE_TYPES.NewExpression && construction.callee === identifier;
}

/** The declaration that makes `fn` a module function the module keeps to itself: `function f() {}` or `const f = () => {}` at top level, not exported there. */
function moduleFunctionDeclaration(fn: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.VariableDeclarator | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.parent?.type === AST_NODE_TYPES.Program || isExportDeclaration(fn.parent) ? fn : undefined;
  const declarator = fn.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== fn) return undefined;
  return declarator.parent?.parent?.type === AST_NODE_TYPES.Program || isExportDeclaration(declarator.parent?.parent) ? declarator : undefined;
}

/** `export function f` / `export const f = ...` at top level. */
function isExportDeclaration(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ExportNamedDeclaration && node.parent?.type === AST_NODE_TYPES.Program;
}

function isWithin(node: TSESTree.Node, ancestor: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/**
 * `c.value = e; return c;`: a result carrier (bluebird's `errorObject`), whose field is replaced right
 * before the function hands it back: what it held before is never read again, so nothing goes stale.
 */
function refillsReturnedCarrier(identifier: TSESTree.Identifier): boolean {
  if (!reassignsField(identifier) || (identifier.parent as TSESTree.MemberExpression).computed) return false;
  const statement = identifier.parent!.parent!.parent;
  const block = statement?.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program)) return false;
  for (const next of block.body.slice(block.body.indexOf(statement) + 1)) {
    if (next.type === AST_NODE_TYPES.ReturnStatement) return next.argument?.type === AST_NODE_TYPES.Identifier && next.argument.name === identifier.name;
    const assigned = next.type === AST_NODE_TYPES.ExpressionStatement && next.expression.type === AST_NODE_TYPES.AssignmentExpression ? next.expression.left : null;
    if (assigned?.type !== AST_NODE_TYPES.MemberExpression || assigned.object.type !== AST_NODE_TYPES.Identifier || assigned.object.name !== identifier.name) return false;
  }
  return false;
}

/** Fields that date a record: compared with the clock before use, they make it a one-entry TTL cache. */
const EXPIRY_FIELD = /^(expires|expiresAt|expiry|expiryTime|expiration|expirationTime|expireAt|validUntil|staleAt)$/i;
const ORDERING_OPERATORS = new Set(['<', '<=', '>', '>=']);

/** `if (versions.expiresAt > now)`: the reference compares the container's expiry field. */
function comparesExpiry(identifier: TSESTree.Identifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || !EXPIRY_FIELD.test(keyName(member) ?? '')) return false;
  const comparison = member.parent;
  return comparison?.type === AST_NODE_TYPES.BinaryExpression && ORDERING_OPERATORS.has(comparison.operator);
}

/** Methods that take entries out of an array, Map or Set. */
const EVICTING_METHODS = new Set(['shift', 'pop', 'splice', 'delete']);
const SIZE_FIELDS = new Set(['length', 'size']);

/**
 * `if (c.size >= max) c.delete(c.keys().next().value)`, `while (c.length > limit) c.shift()`: the
 * reference takes entries out under a test of the container's own size, so it never holds more than
 * the limit: an LRU or a ring buffer written by hand.
 */
function evictsBySize(identifier: TSESTree.Identifier): boolean {
  const member = identifier.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const call = member.parent;
  const removes =
    (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && EVICTING_METHODS.has(keyName(member) ?? '')) ||
    (call?.type === AST_NODE_TYPES.UnaryExpression && call.operator === 'delete');
  // An eviction drops what it takes out; a consumer (`write(lines.shift())`) drains a queue instead.
  if (!removes || call.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  for (let current: TSESTree.Node | undefined = call; current && !isFunctionNode(current); current = current.parent) {
    const guard = current.parent;
    const guarded =
      (guard?.type === AST_NODE_TYPES.IfStatement && guard.consequent === current) ||
      ((guard?.type === AST_NODE_TYPES.WhileStatement || guard?.type === AST_NODE_TYPES.DoWhileStatement) && guard.body === current);
    if (guarded && comparesOwnSize(guard.test, identifier.name)) return true;
  }
  return false;
}

/** `c.length > max`, `limit <= c.size`: the test compares the container's size with a limit (anywhere in a compound test); `c.length > 0` only asks whether it is empty. */
function comparesOwnSize(test: TSESTree.Node, name: string): boolean {
  const isOwnSize = (side: TSESTree.Node): boolean =>
    side.type === AST_NODE_TYPES.MemberExpression && side.object.type === AST_NODE_TYPES.Identifier && side.object.name === name && SIZE_FIELDS.has(keyName(side) ?? '');
  const isEmptiness = (side: TSESTree.Node): boolean => side.type === AST_NODE_TYPES.Literal && (side.value === 0 || side.value === 1);
  return someNode(
    test,
    (node) =>
      node.type === AST_NODE_TYPES.BinaryExpression &&
      ORDERING_OPERATORS.has(node.operator) &&
      ((isOwnSize(node.left) && !isEmptiness(node.right)) || (isOwnSize(node.right) && !isEmptiness(node.left))),
    isFunctionNode,
  );
}

/** `c = c.slice(0, MAX)`, `c = c.slice(-MAX)`: the container is cut back to a length each time. */
function truncates(identifier: TSESTree.Identifier): boolean {
  const assignment = identifier.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== identifier || assignment.operator !== '=') return false;
  const call = assignment.right;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || keyName(call.callee) !== 'slice') return false;
  const receiver = call.callee.object;
  if (receiver.type !== AST_NODE_TYPES.Identifier || receiver.name !== identifier.name) return false;
  const [start, end] = call.arguments;
  const fromTheEnd = start?.type === AST_NODE_TYPES.UnaryExpression && start.operator === '-';
  return end !== undefined || (call.arguments.length === 1 && fromTheEnd);
}

/**
 * The reference runs in the callback of a `setInterval` started while the module loads: a reset there
 * empties the table every period for as long as the module is loaded. An interval some function
 * starts (`startFlushing()`) bounds nothing until, and unless, that function is called.
 */
function inIntervalCallback(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (const fn of enclosingFunctions(identifier)) {
    const call = fn.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) continue;
    if (matchApi(resolveCallee(call, sourceCode.getScope(call)), INTERVAL_APIS) !== null) return !runsAfterModuleLoad(call);
  }
  return false;
}

/** `c.clear()` / `c = new Map()`: the reference empties or replaces the container. */
function resetsContainer(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === identifier) return true;
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
  const call = parent.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent && keyName(parent) === 'clear';
}

/**
 * The reference takes one entry out: a Map's or Set's `delete`, `delete c[k]`, or an array's
 * `splice(i, 1)` (the entry that leaves, as a pool removing itself on release). Draining a queue
 * (`splice(0)`, `shift()`) is its consumer's work, not an entry leaving with what it tracked.
 */
function isDeletion(identifier: TSESTree.Identifier): boolean {
  // `delete handlers[context][path]`, `listeners[event].delete(f)`: an entry of an entry leaves (an unregister path).
  for (let object: TSESTree.Node = identifier; object.parent?.type === AST_NODE_TYPES.MemberExpression && object.parent.object === object; object = object.parent) {
    if (removesAnEntry(object.parent)) return true;
  }
  return false;
}

/** `member` (`c.delete`, `c.splice`, `c[k]`) takes one entry out of its object. */
function removesAnEntry(member: TSESTree.MemberExpression): boolean {
  const call = member.parent;
  const method = keyName(member);
  if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && method === 'delete') return true;
  if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && method === 'splice') {
    const count = call.arguments[1];
    return count?.type === AST_NODE_TYPES.Literal && count.value === 1;
  }
  return call?.type === AST_NODE_TYPES.UnaryExpression && call.operator === 'delete';
}

/**
 * `c.prop.method(...)` on an object literal whose `prop` is not itself a container (a prom-client
 * `Gauge`, a client): the call changes that object, not the module's state.
 */
function changesOnlyAPropertyObject(identifier: TSESTree.Identifier, container: TSESTree.Expression, scope: TSESLint.Scope.Scope): boolean {
  const literal = skipTransparentWrappers(container);
  const member = identifier.parent;
  if (literal.type !== AST_NODE_TYPES.ObjectExpression || member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier) return false;
  const inner = member.parent;
  if (inner?.type !== AST_NODE_TYPES.MemberExpression || inner.object !== member || inner.parent?.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = keyName(member);
  const property = literal.properties.find(
    (candidate): candidate is TSESTree.Property =>
      candidate.type === AST_NODE_TYPES.Property && !candidate.computed && candidate.key.type === AST_NODE_TYPES.Identifier && candidate.key.name === name,
  );
  if (!property) return false;
  const value = property.value as TSESTree.Expression;
  return containerKindOf(value, scope) === null && skipTransparentWrappers(value).type === AST_NODE_TYPES.NewExpression;
}

function inAsyncFunctionRunAtLoad(node: TSESTree.Node): boolean {
  for (const fn of enclosingFunctions(node)) {
    if ((fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.async) return true;
  }
  return false;
}

/** `new Map()`, `new Set()`, `new Map<K, V>()`: a container created without contents. */
function isBornEmpty(init: TSESTree.Expression): boolean {
  const value = skipTransparentWrappers(init);
  if (value.type === AST_NODE_TYPES.NewExpression) return value.arguments.length === 0;
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.length === 0;
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  return true;
}

/** Every module-scope container (see `containerKindOf`) with who reads and changes it, in source order. */
export function moduleContainers(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>, filename: string | null = null): ModuleContainer[] {
  const containers: ModuleContainer[] = [];
  for (const statement of program.body) {
    const exportedDeclaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration;
    const declaration = exportedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const kind = containerKindOf(declarator.init, sourceCode.getScope(declarator));
      const variable = sourceCode.getDeclaredVariables(declarator)[0];
      if (!kind || !variable) continue;
      // Whether a change after load runs on a registration path can ask the repository for the
      // callers of an exported function (project-callers reads every file), so it is settled only when
      // read: most containers are decided before it matters (owned, weak, an exported collection).
      const changedAfterLoad: TSESTree.Identifier[] = [];
      const onRegistrationPath = new Map<TSESTree.Identifier, boolean>();
      const registers = (identifier: TSESTree.Identifier): boolean => {
        let answer = onRegistrationPath.get(identifier);
        if (answer === undefined) {
          answer = runsInRegistration(identifier, (node) => sourceCode.getDeclaredVariables(node), filename);
          onRegistrationPath.set(identifier, answer);
        }
        return answer;
      };
      let mutatedWhileLoading = false;
      const container: ModuleContainer = {
        name: declarator.id.name,
        kind,
        declarator,
        init: declarator.init,
        exported: exportedDeclaration,
        get mutatedAfterLoad() {
          return changedAfterLoad.some((identifier) => !registers(identifier));
        },
        get mutatedAtLoad() {
          return mutatedWhileLoading || changedAfterLoad.some(registers);
        },
        filledAsynchronouslyAtLoad: false,
        readAfterLoad: false,
        owned: isDeclaredReadonly(declarator) || isBoundedCache(kind, declarator.init),
      };
      const onlyDeduplicatesLogging = kind === 'Set' && deduplicatesALogLine(variable, sourceCode);
      let deletedOnDisconnect = false;
      let vocabularyKeyed: boolean | null = null;
      let removesEntries = false;
      let addsEntries = false;
      let resetsWithLifecycle = false;
      let expiresByClock = false;
      let evictsOnInsert = false;
      for (const reference of variable.references) {
        if (reference.init) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        if (isExportingReference(identifier)) container.exported = true;
        if (comparesExpiry(identifier)) expiresByClock = true;
        if (refillsReturnedCarrier(identifier) || replacesAnExistingEntry(identifier)) continue;
        const later = runsAfterModuleLoad(identifier);
        if (later && resetByLifecycle(identifier)) resetsWithLifecycle = true;
        if (later && (evictsBySize(identifier) || truncates(identifier))) evictsOnInsert = true;
        if (later && resetsContainer(identifier) && inIntervalCallback(identifier, sourceCode)) expiresByClock = true;
        const key = addedKey(identifier);
        if (key !== null) vocabularyKeyed = vocabularyKeyed !== false && key !== 'unkeyed' && isVocabularyKey(key, sourceCode.getScope(identifier));
        // Entries that leave again (on disconnect, when a timer fires, when a start settles) bound it.
        if (later && isDeletion(identifier)) {
          removesEntries = true;
          if (runsOnDisconnect(identifier)) deletedOnDisconnect = true;
        } else if (isMutatingReference(identifier)) {
          addsEntries = true;
        }
        if (isMutatingReference(identifier) && !changesOnlyAPropertyObject(identifier, declarator.init, variable.scope)) {
          // Filled by `registerX()` / `loadX()` while the program starts: a registry, read afterwards.
          if (later) changedAfterLoad.push(identifier);
          else {
            mutatedWhileLoading = true;
            if (inAsyncFunctionRunAtLoad(identifier)) container.filledAsynchronouslyAtLoad = true;
          }
        } else if (later) {
          container.readAfterLoad = true;
        }
      }
      // Entries that are added and removed again (on disconnect, when a timer fires, when a start
      // settles) come and go with what they track; only deleting, the table is filled elsewhere.
      // Keyed only by the program's vocabulary (event, command, theme names; time zones): bounded.
      // A record that carries its own expiry, checked before use, is a one-entry TTL cache (as an LRU's `ttl`);
      // a table an interval empties is a TTL cache for all its entries at once.
      // An eviction when the table is full, or a truncation to a length, bounds it (a hand-made LRU, the last N items).
      // A warn-once set: its state only decides whether a message is logged again, so a restart that
      // keeps it costs one missing log line, and what it holds is the messages the code can print.
      if (deletedOnDisconnect || resetsWithLifecycle || (removesEntries && addsEntries) || vocabularyKeyed === true || expiresByClock || evictsOnInsert || onlyDeduplicatesLogging) {
        container.owned = true;
      }
      containers.push(container);
    }
  }
  return containers;
}

/**
 * A Set used only as a warn-once guard: every read is `s.has(k)` in the test of an `if` whose branch
 * only logs and adds to it (`if (!warned.has(name)) { console.warn(...); warned.add(name); }`), and
 * every write is such an `add`.
 */
function deduplicatesALogLine(variable: TSESLint.Scope.Variable, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let adds = 0;
  for (const reference of variable.references) {
    if (reference.init) continue;
    const member = reference.identifier.parent;
    const call = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return false;
    const method = keyName(member);
    if (method === 'has') {
      if (!guardingIf(call, variable)) return false;
    } else if (method === 'add') {
      const statement = call.parent;
      const branch = statement?.parent;
      const guard = branch?.type === AST_NODE_TYPES.BlockStatement ? branch.parent : branch;
      if (statement?.type !== AST_NODE_TYPES.ExpressionStatement || guard?.type !== AST_NODE_TYPES.IfStatement || guard.consequent !== (branch?.type === AST_NODE_TYPES.BlockStatement ? branch : statement)) return false;
      if (!guardingIf(guard.test, variable)) return false;
      const others = branch?.type === AST_NODE_TYPES.BlockStatement ? branch.body.filter((other) => other !== statement) : [];
      const logs = (other: TSESTree.Statement): boolean =>
        other.type === AST_NODE_TYPES.ExpressionStatement && other.expression.type === AST_NODE_TYPES.CallExpression && isLoggingCall(other.expression, sourceCode.getScope(other));
      if (others.length === 0 || !others.every(logs)) return false;
      adds++;
    } else {
      return false;
    }
  }
  return adds > 0;
}

/** `node` is, or sits in, the test of an `if` and reads the set with `has`. */
function guardingIf(node: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  let current: TSESTree.Node | undefined = node;
  while (current && current.parent?.type !== AST_NODE_TYPES.IfStatement) {
    if (current.parent?.type !== AST_NODE_TYPES.LogicalExpression && current.parent?.type !== AST_NODE_TYPES.UnaryExpression && current.parent?.type !== AST_NODE_TYPES.CallExpression && current.parent?.type !== AST_NODE_TYPES.MemberExpression) return false;
    current = current.parent;
  }
  const test = current?.parent?.type === AST_NODE_TYPES.IfStatement && current.parent.test === current ? current : null;
  return (
    test !== null &&
    someNode(
      test,
      (inner) =>
        inner.type === AST_NODE_TYPES.CallExpression &&
        inner.callee.type === AST_NODE_TYPES.MemberExpression &&
        inner.callee.object.type === AST_NODE_TYPES.Identifier &&
        inner.callee.object.name === variable.name &&
        keyName(inner.callee) === 'has',
    )
  );
}

export type StateFinding = 'mutated-by-functions' | 'filled-at-start-up';

/**
 * Why a module container is unowned state, or null when it is not: functions change it (or it is a
 * collection handed to other modules, which exist to change it); or top-level code fills it and
 * functions read it. Weak containers (memo tables keyed by objects) count only when `includeWeak`.
 */
export function unownedStateOf(container: ModuleContainer, includeWeak: boolean): StateFinding | null {
  if ((isWeakKind(container.kind) && !includeWeak) || container.owned) return null;
  // An exported collection born empty exists to be filled by other modules; one born full is a table.
  // The exported collection first: `mutatedAfterLoad` may ask the whole repository.
  if ((container.exported && COLLECTION_KINDS.has(container.kind) && isBornEmpty(container.init)) || container.mutatedAfterLoad) return 'mutated-by-functions';
  // A table filled synchronously while the module loads and only read afterwards is a lookup table:
  // every importer sees it complete. Filled by an async IIFE nobody awaits, a reader can see it half-filled.
  if (container.filledAsynchronouslyAtLoad && container.readAfterLoad) return 'filled-at-start-up';
  return null;
}

/** Names of calls that set state up: `initCache`, `loadPrompts`, `registry.register`, `warmUp`, `seedDefaults`. */
const INIT_CALL_NAME = /^(init|initiali[sz]e|load|register|setup|setUp|populate|seed|warm|warmUp|prime|preload|bootstrap|hydrate|fill|refresh)([A-Z0-9_$].*)?$/;

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = skipTransparentWrappers(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparentWrappers(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/**
 * The callee is this project's code: declared in this module or imported from a relative path. A
 * package's set-up (`Sentry.init()`, `dotenv.config()`) is how that package is meant to be used and
 * holds no state of the project's own.
 */
function isProjectCode(callee: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  const root = rootIdentifier(callee);
  if (!root) return false;
  const origin = resolveValueOrigin(root, scope);
  if (origin) return origin.module !== null && origin.module.startsWith('.');
  const variable = ASTUtils.findVariable(scope, root.name);
  if (!variable || variable.defs.length === 0) return false;
  // `const registry = new OpenAPIRegistry()`: registering on a package's object is that package's use.
  const [definition] = variable.defs;
  const init = definition?.type === 'Variable' ? definition.node.init : null;
  const created = init ? skipTransparentWrappers(init) : null;
  if (created?.type === AST_NODE_TYPES.NewExpression || created?.type === AST_NODE_TYPES.CallExpression) {
    const creator = resolveCallee(created, variable.scope);
    if (creator?.module && !creator.module.startsWith('.')) return false;
  }
  return true;
}

/** A top-level statement's call: `initCache();`, `await loadPrompts();`, `void warmUp();`, `registry?.register(x);`. */
function statementCall(statement: TSESTree.ProgramStatement): TSESTree.CallExpression | null {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  let expression: TSESTree.Node = statement.expression;
  for (;;) {
    if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = expression.argument;
    else if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') expression = expression.argument;
    else if (expression.type === AST_NODE_TYPES.ChainExpression) expression = expression.expression;
    else break;
  }
  return expression.type === AST_NODE_TYPES.CallExpression ? expression : null;
}

/**
 * `BaseModel.register(ApiKey)` with `class ApiKey` declared in this module: the call hands over code,
 * as a decorator does, not data. The same class is registered on every load and holds nothing that
 * goes stale, so there is nothing to run again when an owner restarts.
 */
function registersOnlyDeclarations(call: TSESTree.CallExpression, scope: TSESLint.Scope.Scope): boolean {
  return (
    call.arguments.length > 0 &&
    call.arguments.every((argument) => {
      if (argument.type !== AST_NODE_TYPES.Identifier) return false;
      const definitions = ASTUtils.findVariable(scope, argument.name)?.defs ?? [];
      return definitions.length > 0 && definitions.every((definition) => definition.type === 'ClassName' || definition.type === 'FunctionName');
    })
  );
}

/**
 * `initLogging(defaults)` at load, and `initLogging(settings.logconfig)` again in the module's own
 * `reloadSettings()`: the set-up does run again when its owner restarts; the call at load only gives
 * the module defaults until then.
 */
function repeatedByLifecycle(callee: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = ASTUtils.findVariable(scope, callee.name);
  return (variable?.references ?? []).some(({ identifier }) => {
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) return false;
    return [...enclosingFunctions(call)].some((fn) => {
      const name = functionName(fn);
      return name !== null && (LIFECYCLE_FUNCTION.test(name) || RELOAD_FUNCTION.test(name));
    });
  });
}

/** Top-level calls that initialise state when the module loads, outside any owner; in source order. */
export function topLevelInitCalls(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const statement of program.body) {
    const call = statementCall(statement);
    if (!call) continue;
    const scope = sourceCode.getScope(call);
    if (runtimeApiOf(call, scope) !== null) continue;
    const callee = skipTransparentWrappers(call.callee);
    const name =
      callee.type === AST_NODE_TYPES.Identifier
        ? callee.name
        : callee.type === AST_NODE_TYPES.MemberExpression
          ? keyName(callee)
          : null;
    if (name !== null && INIT_CALL_NAME.test(name) && isProjectCode(callee, scope) && !registersOnlyDeclarations(call, scope) && !repeatedByLifecycle(callee, scope)) calls.push(call);
  }
  return calls;
}

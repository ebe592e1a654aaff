import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { memberPropertyName, resolveCallee, resolveValueOrigin, skipTransparentWrappers } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';

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

function isImmediatelyInvoked(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === fn;
}

/**
 * Whether code at `node` runs later than module load: inside a function (a method, a callback, a class
 * field initialiser) rather than at top level. A function invoked where it is defined (an IIFE at top
 * level, async or not) runs at load, so its body counts as top level.
 */
export function runsAfterModuleLoad(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        if (!isImmediatelyInvoked(current)) return true;
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
      const method = member.type === AST_NODE_TYPES.MemberExpression ? memberPropertyName(member) : null;
      return method !== null && MUTATING_METHODS.has(method);
    }
    return false;
  }
  // `Object.assign(c, ...)`, `Object.defineProperty(c, ...)`: read syntactically, `Object` is never shadowed in practice
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node) {
    const callee = skipTransparentWrappers(parent.callee);
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'Object' &&
      OBJECT_MUTATORS.has(memberPropertyName(callee) ?? '')
    );
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
  mutatedAfterLoad: boolean;
  mutatedAtLoad: boolean;
  readAfterLoad: boolean;
}

function isModuleExports(node: TSESTree.Node): boolean {
  const inner = skipTransparentWrappers(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'exports';
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    inner.object.type === AST_NODE_TYPES.Identifier &&
    inner.object.name === 'module' &&
    memberPropertyName(inner) === 'exports'
  );
}

/** The reference hands the container to other modules: `export { c }`, `export default c`, `module.exports = { c }`, `exports.c = c`. */
function isExportingReference(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  const value = parent?.type === AST_NODE_TYPES.Property && parent.value === identifier ? parent.parent : identifier;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value) return false;
  const target = assignment.left;
  return isModuleExports(target) || (target.type === AST_NODE_TYPES.MemberExpression && isModuleExports(target.object));
}

/** Every module-scope container (see `containerKindOf`) with who reads and changes it, in source order. */
export function moduleContainers(program: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>): ModuleContainer[] {
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
      const container: ModuleContainer = {
        name: declarator.id.name,
        kind,
        declarator,
        init: declarator.init,
        exported: exportedDeclaration,
        mutatedAfterLoad: false,
        mutatedAtLoad: false,
        readAfterLoad: false,
      };
      for (const reference of variable.references) {
        if (reference.init) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        if (isExportingReference(identifier)) container.exported = true;
        const later = runsAfterModuleLoad(identifier);
        if (isMutatingReference(identifier)) {
          if (later) container.mutatedAfterLoad = true;
          else container.mutatedAtLoad = true;
        } else if (later) {
          container.readAfterLoad = true;
        }
      }
      containers.push(container);
    }
  }
  return containers;
}

export type StateFinding = 'mutated-by-functions' | 'filled-at-start-up';

/**
 * Why a module container is unowned state, or null when it is not: functions change it (or it is a
 * collection handed to other modules, which exist to change it); or top-level code fills it and
 * functions read it. Weak containers (memo tables keyed by objects) count only when `includeWeak`.
 */
export function unownedStateOf(container: ModuleContainer, includeWeak: boolean): StateFinding | null {
  if (isWeakKind(container.kind) && !includeWeak) return null;
  if (container.mutatedAfterLoad || (container.exported && COLLECTION_KINDS.has(container.kind))) return 'mutated-by-functions';
  if (container.mutatedAtLoad && container.readAfterLoad) return 'filled-at-start-up';
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
  return variable !== null && variable.defs.length > 0;
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
          ? memberPropertyName(callee)
          : null;
    if (name !== null && INIT_CALL_NAME.test(name) && isProjectCode(callee, scope)) calls.push(call);
  }
  return calls;
}

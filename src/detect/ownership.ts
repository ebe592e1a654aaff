import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isClassNode, thisClassAt, thisFieldName } from '../ast/classes.js';
import { isFunctionNode } from '../ast/functions.js';
import { functionName, keyName } from '../ast/names.js';
import { descendants } from '../ast/walk.js';
import { outermostSameValue } from '../ast/wrappers.js';

/**
 * Handle ownership: who holds the value a spawn returns (`setInterval(...)`, `new Worker(...)`,
 * `spawn(...)`), and what that holder does with it.
 *
 * The handle is followed from the expression that creates it to its HOME:
 * - `discarded`: an expression statement (`void` included); nobody can ever stop it;
 * - `variable`: a const/let/var, owned by the module (module scope) or by the enclosing function
 *   (a closure: nested functions that see the variable are part of the owner);
 * - `field`: `this.x = ...` or a class field initialiser, owned by the class (any of its methods:
 *   `stop()`, `close()`, `[Symbol.dispose]()`, arrow-function fields...);
 * - `collection`: pushed / added into an array or set that is itself a variable or a field;
 * - `elsewhere`: returned, passed to a function, put on another object, exported: the handle has
 *   left this code, someone else owns it. Rules do not flag these by default.
 *
 * Then every USE of the handle inside its owner is listed (method calls on it, calls it is an
 * argument of, property reads, escapes), following simple aliases (`const t = ...; this.t = t`).
 * What counts as "cleared", "terminated" or "handled" is for each detector to decide.
 */

export type Owner =
  | { kind: 'module' }
  | { kind: 'class'; node: TSESTree.ClassDeclaration | TSESTree.ClassExpression }
  | { kind: 'closure'; node: TSESTree.FunctionLike };

export type HandleHome =
  | { kind: 'discarded' }
  | {
      kind: 'variable';
      variable: TSESLint.Scope.Variable;
      owner: Owner;
      /** `using` / `await using`: disposed when its block ends. */
      disposedByUsing: boolean;
      exported: boolean;
    }
  | { kind: 'field'; name: string; owner: Extract<Owner, { kind: 'class' }> }
  | { kind: 'collection'; collection: StorageHome }
  | { kind: 'elsewhere'; how: 'returned' | 'passed' | 'property' | 'unknown' };

export type StorageHome = Extract<HandleHome, { kind: 'variable' | 'field' }>;

export type HandleUse =
  /** `handle.name(...)`; `name` is '@@dispose' / '@@asyncDispose' for `handle[Symbol.dispose]()`. */
  | { kind: 'method'; name: string; call: TSESTree.CallExpression }
  /** `fn(..., handle, ...)` */
  | { kind: 'argument'; call: TSESTree.CallExpression; index: number }
  /** A collection's elements are each passed to `fn` (`timers.forEach(clearInterval)`). */
  | { kind: 'callback'; fn: TSESTree.Node; call: TSESTree.CallExpression }
  /** `handle.name` read without a call (`child.pid`, `worker.threadId`). */
  | { kind: 'property'; name: string; node: TSESTree.MemberExpression }
  /** The handle leaves the owner from here: returned, put in an object literal, exported, `new X(handle)`. */
  | { kind: 'escape'; node: TSESTree.Node };

export interface HandleOwnership {
  home: HandleHome;
  uses: HandleUse[];
}

/** Methods that return their receiver, so `spawn(...).on('exit', f)` still holds the child. */
const CHAINABLE_METHODS = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
  'setMaxListeners',
  'unref',
  'ref',
]);

/** Collection methods that store their argument: `list.push(h)`, `set.add(h)`. */
const STORING_METHODS = new Set(['push', 'unshift', 'add']);
/** Array methods that hand each element to a callback. */
const ELEMENT_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'every', 'some']);

/** Aliases are followed this deep (`const a = h; const b = a;`); a cycle stops here. */
const MAX_ALIAS_DEPTH = 4;

function variableHome(
  variable: TSESLint.Scope.Variable,
  disposedByUsing: boolean,
): Extract<HandleHome, { kind: 'variable' }> {
  const scopeType = variable.scope.type;
  let owner: Owner = { kind: 'module' };
  if (scopeType !== 'module' && scopeType !== 'global') {
    const block = variable.scope.variableScope.block;
    owner = isFunctionNode(block) ? { kind: 'closure', node: block } : { kind: 'module' };
  }
  const declaration = variable.defs[0]?.parent;
  const exported =
    declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration ||
    variable.references.some((reference) => reference.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier);
  return { kind: 'variable', variable, owner, disposedByUsing, exported };
}

/** Where `target` (the left side of an assignment, or a collection receiver) stores things. */
function storageOf(target: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): StorageHome | null {
  const inner = target.type === AST_NODE_TYPES.ChainExpression ? target.expression : target;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = ASTUtils.findVariable(sourceCode.getScope(inner), inner.name);
    return variable && variable.defs.length > 0 ? variableHome(variable, false) : null;
  }
  const field = thisFieldName(inner);
  if (field !== null) {
    const classNode = thisClassAt(inner);
    return classNode ? { kind: 'field', name: field, owner: { kind: 'class', node: classNode } } : null;
  }
  return null;
}

/**
 * Where the value of `expression` ends up, plus the uses chained onto it before it got there
 * (`spawn(...).on('error', f)` stored in `child` has one `on` use already).
 */
export function homeOf(
  expression: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { home: HandleHome; chained: HandleUse[] } {
  const chained: HandleUse[] = [];
  let current = outermostSameValue(expression);
  for (;;) {
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current) {
      const member = outermostSameValue(parent);
      const call = member.parent;
      const name = keyName(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && name && CHAINABLE_METHODS.has(name)) {
        chained.push({ kind: 'method', name, call });
        current = outermostSameValue(call);
        continue;
      }
    }
    break;
  }
  return { home: homeAt(current, sourceCode), chained };
}

function homeAt(value: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): HandleHome {
  const parent = value.parent;
  if (!parent) return { kind: 'elsewhere', how: 'unknown' };
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
      return { kind: 'discarded' };
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === 'void' && parent.parent.type === AST_NODE_TYPES.ExpressionStatement
        ? { kind: 'discarded' }
        : { kind: 'elsewhere', how: 'unknown' };
    case AST_NODE_TYPES.VariableDeclarator: {
      if (parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'elsewhere', how: 'unknown' };
      const [variable] = sourceCode.getDeclaredVariables(parent);
      if (!variable) return { kind: 'elsewhere', how: 'unknown' };
      const kind = parent.parent.kind;
      return variableHome(variable, kind === 'using' || kind === 'await using');
    }
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== value) return { kind: 'elsewhere', how: 'unknown' };
      const storage = storageOf(parent.left, sourceCode);
      if (storage) return storage;
      return parent.left.type === AST_NODE_TYPES.MemberExpression
        ? { kind: 'elsewhere', how: 'property' }
        : { kind: 'elsewhere', how: 'unknown' };
    }
    case AST_NODE_TYPES.PropertyDefinition: {
      const name = keyName(parent);
      const classNode = parent.parent.parent;
      if (parent.value !== value || name === null || parent.static || !isClassNode(classNode)) {
        return { kind: 'elsewhere', how: 'unknown' };
      }
      return { kind: 'field', name, owner: { kind: 'class', node: classNode } };
    }
    case AST_NODE_TYPES.CallExpression: {
      if (!parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return { kind: 'elsewhere', how: 'unknown' };
      const callee = parent.callee.type === AST_NODE_TYPES.ChainExpression ? parent.callee.expression : parent.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = keyName(callee);
        const collection = method && STORING_METHODS.has(method) ? storageOf(callee.object, sourceCode) : null;
        if (collection && isArrayOrSet(collection)) return { kind: 'collection', collection };
      }
      return { kind: 'elsewhere', how: 'passed' };
    }
    case AST_NODE_TYPES.NewExpression:
      return { kind: 'elsewhere', how: 'passed' };
    case AST_NODE_TYPES.ReturnStatement:
      return { kind: 'elsewhere', how: 'returned' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value ? { kind: 'elsewhere', how: 'returned' } : { kind: 'elsewhere', how: 'unknown' };
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
      return { kind: 'elsewhere', how: 'property' };
    default:
      return { kind: 'elsewhere', how: 'unknown' };
  }
}

function isArrayOrSetValue(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const value = node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression ? node.expression : node;
  return (
    value.type === AST_NODE_TYPES.ArrayExpression ||
    (value.type === AST_NODE_TYPES.NewExpression &&
      value.callee.type === AST_NODE_TYPES.Identifier &&
      (value.callee.name === 'Set' || value.callee.name === 'Array'))
  );
}

/**
 * Only an array or a Set makes a collection of handles (`timers.push(h)`, `this.workers.add(w)`);
 * `pool.add(w)` on anything else hands the handle over.
 */
function isArrayOrSet(storage: StorageHome): boolean {
  if (storage.kind === 'variable') {
    const definition = storage.variable.defs[0];
    return definition?.type === 'Variable' && isArrayOrSetValue(definition.node.init);
  }
  for (const node of descendants(storage.owner.node.body)) {
    if (node.type === AST_NODE_TYPES.PropertyDefinition && keyName(node) === storage.name && isArrayOrSetValue(node.value)) return true;
    if (node.type === AST_NODE_TYPES.AssignmentExpression && thisFieldName(node.left) === storage.name && isArrayOrSetValue(node.right)) {
      return true;
    }
  }
  return false;
}

/** The expressions that read the stored handle inside its owner (writes excluded). */
export function readsOf(home: StorageHome): TSESTree.Node[] {
  if (home.kind === 'variable') {
    return home.variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier);
  }
  const reads: TSESTree.Node[] = [];
  for (const node of descendants(home.owner.node.body)) {
    if (node.type !== AST_NODE_TYPES.MemberExpression || thisFieldName(node) !== home.name) continue;
    if (thisClassAt(node) !== home.owner.node) continue;
    const parent = node.parent;
    const isPlainWrite =
      parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node && parent.operator === '=';
    if (!isPlainWrite) reads.push(node);
  }
  return reads;
}

/**
 * One walk over what is done with a handle: the file, the storages already followed (aliases can
 * loop) and how many aliases deep it is.
 */
interface UsesWalk {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  readonly seen: Set<TSESLint.Scope.Variable | string>;
  readonly depth: number;
}

const throughAlias = (walk: UsesWalk): UsesWalk => ({ ...walk, depth: walk.depth + 1 });

/** What one read of the handle does with it. Aliases are followed into their own uses. */
function usesAt(
  read: TSESTree.Node,
  walk: UsesWalk,
): HandleUse[] {
  const value = outermostSameValue(read);
  const parent = value.parent;
  if (!parent) return [];
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (parent.object !== value) return [];
      const name = parent.computed ? symbolMethodName(parent.property) ?? keyName(parent) : keyName(parent);
      if (name === null) return [];
      const member = outermostSameValue(parent);
      const call = member.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return [{ kind: 'property', name, node: parent }];
      const use: HandleUse = { kind: 'method', name, call };
      // `child.on('error', f).on('exit', g)`: the chain goes on holding the same handle.
      return CHAINABLE_METHODS.has(name) ? [use, ...homeOf(call, walk.sourceCode).chained] : [use];
    }
    case AST_NODE_TYPES.CallExpression: {
      const index = parent.arguments.indexOf(value as TSESTree.CallExpressionArgument);
      return index >= 0 ? [{ kind: 'argument', call: parent, index }] : [];
    }
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.AssignmentExpression: {
      const stored = parent.type === AST_NODE_TYPES.VariableDeclarator ? parent.init === value : parent.right === value;
      if (!stored) return [];
      const alias = homeAt(value, walk.sourceCode);
      if (alias.kind === 'variable' || alias.kind === 'field') {
        return usesOfStorage(alias, throughAlias(walk));
      }
      return [{ kind: 'escape', node: parent }];
    }
    case AST_NODE_TYPES.ForOfStatement:
      return parent.right === value ? elementUsesOfLoop(parent, walk) : [];
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.SpreadElement:
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.YieldExpression:
    case AST_NODE_TYPES.ExportSpecifier:
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return [{ kind: 'escape', node: parent }];
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === value ? [{ kind: 'escape', node: parent }] : [];
    default:
      return [];
  }
}

/** `h[Symbol.dispose]()` / `h[Symbol.asyncDispose]()` */
function symbolMethodName(property: TSESTree.Node): string | null {
  if (
    property.type === AST_NODE_TYPES.MemberExpression &&
    property.object.type === AST_NODE_TYPES.Identifier &&
    property.object.name === 'Symbol' &&
    property.property.type === AST_NODE_TYPES.Identifier &&
    (property.property.name === 'dispose' || property.property.name === 'asyncDispose')
  ) {
    return `@@${property.property.name}`;
  }
  return null;
}

/** `for (const t of timers) clearInterval(t)`: the loop variable's uses are the elements' uses. */
function elementUsesOfLoop(
  loop: TSESTree.ForOfStatement,
  walk: UsesWalk,
): HandleUse[] {
  if (loop.left.type !== AST_NODE_TYPES.VariableDeclaration) return [];
  const [declarator] = loop.left.declarations;
  if (!declarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const [variable] = walk.sourceCode.getDeclaredVariables(declarator);
  return variable ? usesOfStorage(variableHome(variable, false), throughAlias(walk)) : [];
}

/** `timers.forEach(clearInterval)` or `workers.map((w) => w.terminate())`: uses of each element. */
function elementUsesOfCallbacks(
  read: TSESTree.Node,
  walk: UsesWalk,
): HandleUse[] {
  const member = outermostSameValue(read).parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression) return [];
  const name = keyName(member);
  const call = outermostSameValue(member).parent;
  if (!name || !ELEMENT_CALLBACK_METHODS.has(name) || call?.type !== AST_NODE_TYPES.CallExpression) return [];
  const [callback] = call.arguments;
  if (!callback) return [];
  if (!isFunctionNode(callback)) return [{ kind: 'callback', fn: callback, call }];
  const [parameter] = callback.params;
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return [];
  const [variable] = walk.sourceCode.getDeclaredVariables(callback).filter((candidate) => candidate.name === parameter.name);
  return variable ? usesOfStorage(variableHome(variable, false), throughAlias(walk)) : [];
}

function usesOfStorage(
  home: StorageHome,
  walk: UsesWalk,
): HandleUse[] {
  const key = home.kind === 'variable' ? home.variable : `${home.owner.node.range[0]}:${home.name}`;
  if (walk.depth > MAX_ALIAS_DEPTH || walk.seen.has(key)) return [];
  walk.seen.add(key);
  const uses: HandleUse[] = home.kind === 'variable' && home.exported ? [{ kind: 'escape', node: home.variable.identifiers[0] as TSESTree.Node }] : [];
  for (const read of readsOf(home)) uses.push(...usesAt(read, walk));
  return uses;
}

/** The uses of each element of a collection (loops over it, `forEach`/`map` callbacks). */
function usesOfElements(home: StorageHome, sourceCode: Readonly<TSESLint.SourceCode>): HandleUse[] {
  const walk: UsesWalk = { sourceCode, seen: new Set(), depth: 0 };
  const uses: HandleUse[] = [];
  for (const read of readsOf(home)) {
    const parent = outermostSameValue(read).parent;
    if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === outermostSameValue(read)) {
      uses.push(...elementUsesOfLoop(parent, walk));
    } else {
      uses.push(...elementUsesOfCallbacks(read, walk));
    }
  }
  return uses;
}

/** Follows the handle created by `expression` to its home and lists what its owner does with it. */
export function followHandle(expression: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): HandleOwnership {
  const { home, chained } = homeOf(expression, sourceCode);
  switch (home.kind) {
    case 'variable':
    case 'field':
      return { home, uses: [...chained, ...usesOfStorage(home, { sourceCode, seen: new Set(), depth: 0 })] };
    case 'collection':
      return { home, uses: [...chained, ...usesOfElements(home.collection, sourceCode)] };
    default:
      return { home, uses: chained };
  }
}

/** The owner that must stop the handle, for messages: "this module", "class `Poller`", "`start()`". */
export function describeOwner(home: HandleHome): string {
  const storage = home.kind === 'collection' ? home.collection : home;
  if (storage.kind !== 'variable' && storage.kind !== 'field') return 'its owner';
  const owner = storage.owner;
  switch (owner.kind) {
    case 'module':
      return 'this module';
    case 'class':
      return owner.node.id ? `class \`${owner.node.id.name}\`` : 'its class';
    case 'closure': {
      const name = functionName(owner.node);
      return name ? `\`${name}()\`` : 'the enclosing function';
    }
  }
}

/** The name of what holds the handle, for messages and codemod ids: `timer`, `this.poller`; null when discarded. */
export function describeStorage(home: HandleHome): string | null {
  const storage = home.kind === 'collection' ? home.collection : home;
  if (storage.kind === 'variable') return storage.variable.name;
  if (storage.kind === 'field') return `this.${storage.name}`;
  return null;
}

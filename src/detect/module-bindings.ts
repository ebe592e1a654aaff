import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { importedName, keyName } from '../ast/names.js';
import { thisClassAt, thisFieldName, thisFieldValues } from '../ast/classes.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';

/**
 * Where a value comes from, seen from the code that uses it: `module` is the normalised module
 * specifier it was imported or required from (`child_process` for `node:child_process`), or `null` for
 * a global; `path` is the member path inside it (`['spawn']`, `['promises', 'readFile']`,
 * `['setInterval']` for a global).
 *
 * Every rule asks "is this call `child_process.spawn` / `fetch` / `tasks.start`?" through this one
 * resolver, so import styles (named, aliased, default, namespace, `require`, destructured `require`,
 * `import x = require()`, dynamic `import()`), local aliases (`const run = spawn`) and optional
 * chaining are handled once for all of them. It resolves bottom-up from the use (no whole-program
 * pass) and never guesses: anything it cannot follow is `null`.
 */
export interface ValueOrigin {
  module: string | null;
  path: readonly string[];
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
/** Deep enough for real alias chains, shallow enough that a cycle (`let a = b; b = a`) stops fast. */
const MAX_ALIAS_DEPTH = 8;

export function normaliseModuleName(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
}

/** `require('m')` with `require` not shadowed by a local binding. */
export function requiredModule(node: TSESTree.Node, scope: TSESLint.Scope.Scope): string | null {
  const call = skipTransparentWrappers(node);
  if (
    call.type !== AST_NODE_TYPES.CallExpression ||
    call.callee.type !== AST_NODE_TYPES.Identifier ||
    call.callee.name !== 'require' ||
    call.arguments.length !== 1
  ) {
    return null;
  }
  const variable = ASTUtils.findVariable(scope, 'require');
  if (variable && variable.defs.length > 0) return null;
  const [argument] = call.arguments;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string'
    ? normaliseModuleName(argument.value)
    : null;
}

function importedModule(node: TSESTree.Node): string | null {
  // `await import('m')`
  const inner = skipTransparentWrappers(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
  if (inner.type !== AST_NODE_TYPES.ImportExpression) return null;
  return inner.source.type === AST_NODE_TYPES.Literal && typeof inner.source.value === 'string'
    ? normaliseModuleName(inner.source.value)
    : null;
}

/**
 * Where the value of `expression` comes from, or null when it is not something imported, required
 * or global (a local function, a parameter, a computed member...).
 */
export function resolveValueOrigin(
  expression: TSESTree.Node,
  scope: TSESLint.Scope.Scope,
  depth = 0,
): ValueOrigin | null {
  if (depth > MAX_ALIAS_DEPTH) return null;
  const path: string[] = [];
  let current = skipTransparentWrappers(expression);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = keyName(current);
    if (name === null) return null;
    path.unshift(name);
    current = skipTransparentWrappers(current.object);
  }

  const required = requiredModule(current, scope) ?? importedModule(current);
  if (required !== null) return { module: required, path };
  // `(secure ? https : http).request`: two modules chosen at run time, the same member of each. The
  // first stands for both when both resolve to the same path (`http` and `https` share their API).
  if (current.type === AST_NODE_TYPES.ConditionalExpression) {
    const consequent = resolveValueOrigin(current.consequent, scope, depth + 1);
    const alternate = resolveValueOrigin(current.alternate, scope, depth + 1);
    if (!consequent || !alternate || consequent.path.join('.') !== alternate.path.join('.')) return null;
    return { module: consequent.module, path: [...consequent.path, ...path] };
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return null;

  const variable = ASTUtils.findVariable(scope, current.name);
  if (!variable || variable.defs.length === 0) {
    // An implicit global (no config declares Node's globals in a bare eslint.config.js).
    return GLOBAL_OBJECTS.has(current.name) ? { module: null, path } : { module: null, path: [current.name, ...path] };
  }
  const origin = originOfVariable(variable, depth);
  return origin ? { module: origin.module, path: [...origin.path, ...path] } : null;
}

/**
 * The package class `receiver` is an instance of, as this file imports or requires it, where the file
 * shows how the receiver was made: `const pool = new Pool()`, `this.limiter = new RateLimiter(opts)`
 * (every value its class gives the field is that one construction), or an annotation with the class
 * (`pool: Pool`, `private limiter: RateLimiter`). `{ module: 'limiter', path: ['RateLimiter'] }`;
 * null for a project file's class, a factory's result, a reassigned binding, or anything else.
 */
export function constructedClassOrigin(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): ValueOrigin | null {
  const node = skipTransparentWrappers(receiver);
  const field = thisFieldName(node);
  if (field !== null) {
    const owner = thisClassAt(node);
    const values = owner ? thisFieldValues(owner, field) : null;
    if (!owner || values === null) return null;
    if (values.length > 0) return sameClassConstructed(values, scope);
    for (const member of owner.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && keyName(member) === field) return annotatedClass(member.typeAnnotation?.typeAnnotation, scope);
      if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
      for (const parameter of member.value.params) {
        if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && parameter.parameter.name === field) {
          return annotatedClass(parameter.parameter.typeAnnotation?.typeAnnotation, scope);
        }
      }
    }
    return null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(scope, node.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition || !isNeverReassigned(variable)) return null;
  if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier) {
    const init = definition.node.init;
    return init ? sameClassConstructed([init], variable.scope) : annotatedClass(definition.node.id.typeAnnotation?.typeAnnotation, variable.scope);
  }
  if (definition.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) return annotatedClass(definition.name.typeAnnotation?.typeAnnotation, variable.scope);
  return null;
}

/** A class of a package: imported or required from a module that is not a relative path, and named (not the module itself). */
function packageClass(origin: ValueOrigin | null): ValueOrigin | null {
  if (!origin?.module || origin.module.startsWith('.') || origin.path.length === 0) return null;
  return origin.path[origin.path.length - 1] === 'default' ? null : origin;
}

/** Every value is `new C(...)` of one package class C. */
function sameClassConstructed(values: readonly TSESTree.Node[], scope: TSESLint.Scope.Scope): ValueOrigin | null {
  let found: ValueOrigin | null = null;
  for (const value of values) {
    const node = skipTransparentWrappers(value);
    if (node.type !== AST_NODE_TYPES.NewExpression) return null;
    const origin = packageClass(resolveValueOrigin(node.callee, scope));
    if (!origin || (found && (found.module !== origin.module || found.path.join('.') !== origin.path.join('.')))) return null;
    found = origin;
  }
  return found;
}

/** `RateLimiter` in `limiter: RateLimiter`: the package class the annotation names. */
function annotatedClass(type: TSESTree.TypeNode | undefined, scope: TSESLint.Scope.Scope): ValueOrigin | null {
  if (type?.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return null;
  return packageClass(resolveValueOrigin(type.typeName, scope));
}

/** Nothing writes `variable` but its declaration's own initialiser (a default value and a `for...of` binding included). */
export function isNeverReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

function originOfVariable(variable: TSESLint.Scope.Variable, depth: number): ValueOrigin | null {
  if (variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (!definition) return null;
  switch (definition.type) {
    case 'ImportBinding': {
      const declaration = definition.parent;
      if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) {
        // `import cp = require('child_process')`
        const reference = declaration.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          reference.expression.type === AST_NODE_TYPES.Literal &&
          typeof reference.expression.value === 'string'
          ? { module: normaliseModuleName(reference.expression.value), path: [] }
          : null;
      }
      const module = normaliseModuleName(declaration.source.value);
      const specifier = definition.node;
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        return { module, path: [importedName(specifier)] };
      }
      // A default import of a CommonJS module (every node: builtin) is the module object itself,
      // like a namespace import.
      return { module, path: [] };
    }
    case 'Variable': {
      if (!isNeverReassigned(variable)) return null;
      const declarator = definition.node;
      if (!declarator.init) return null;
      const scope = variable.scope;
      if (declarator.id.type === AST_NODE_TYPES.Identifier) {
        return resolveValueOrigin(declarator.init, scope, depth + 1);
      }
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
        const key = destructuredKey(declarator.id, variable.name);
        if (key === null) return null;
        const source = resolveValueOrigin(declarator.init, scope, depth + 1);
        return source ? { module: source.module, path: [...source.path, key] } : null;
      }
      return null;
    }
    case 'Parameter': {
      // `function get(url, fetchFn = fetch)`: the default names the API the body calls.
      const pattern = definition.name.parent;
      if (!isNeverReassigned(variable) || pattern?.type !== AST_NODE_TYPES.AssignmentPattern || pattern.left !== definition.name) return null;
      return resolveValueOrigin(pattern.right, variable.scope, depth + 1);
    }
    default:
      return null;
  }
}

/** In `const { spawn: run } = ...`, the key bound to `run` (`spawn`), one level deep. */
function destructuredKey(pattern: TSESTree.ObjectPattern, boundName: string): string | null {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value.type !== AST_NODE_TYPES.Identifier || value.name !== boundName) continue;
    return keyName(property);
  }
  return null;
}

/**
 * What each call's callee resolved to, from the scope it was asked from: every rule that visits
 * CallExpression asks about the same calls (about three times per call on the bench corpus). Kept
 * with the node, so it lives as long as the file's tree; the origins are never mutated.
 */
const calleeOrigins = new WeakMap<TSESTree.Node, { scope: TSESLint.Scope.Scope; origin: ValueOrigin | null }>();

/** The origin of what a call or `new` calls. */
export function resolveCallee(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  scope: TSESLint.Scope.Scope,
): ValueOrigin | null {
  const known = calleeOrigins.get(node);
  if (known?.scope === scope) return known.origin;
  const origin = resolveValueOrigin(node.callee, scope);
  calleeOrigins.set(node, { scope, origin });
  return origin;
}

/**
 * A table of APIs by module: `{ child_process: ['spawn', 'fork'], fs: ['promises.readFile'] }`;
 * the key `null` is not allowed in object keys, so globals go under `GLOBALS`.
 */
export const GLOBALS = '<global>';
export type ApiTable = Readonly<Record<string, readonly string[]>>;

/** The `module.path` of an origin that is in `table`, e.g. `child_process.spawn` or `fetch`; else null. */
export function matchApi(origin: ValueOrigin | null, table: ApiTable): string | null {
  if (!origin || origin.path.length === 0) return null;
  const key = origin.module ?? GLOBALS;
  const names = table[key];
  if (!names) return null;
  const dotted = origin.path.join('.');
  if (!names.includes(dotted)) return null;
  return origin.module === null ? dotted : `${origin.module}.${dotted}`;
}

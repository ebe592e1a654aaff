import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { installedManifests, manifestsAbove, nearestValidManifest } from './nearest-manifest.js';
import { resolveCallee, resolveValueOrigin } from './module-bindings.js';
import { resolveLocalFunction } from './error-handling.js';
import { isFunctionNode, returnedExpressions } from '../ast/functions.js';
import { thisClassAt, thisFieldName } from '../ast/classes.js';
import { keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';

/**
 * Which web framework a route receiver belongs to, and which Express the project runs. A route
 * handler's returned promise is dropped only by Express 4: Koa, Fastify, Hono and NestJS await their
 * handlers, and Express 5 forwards a rejected handler to its error middleware. The receiver's own
 * creation decides (`new Router()` from `@koa/router`, `fastify()`, `express.Router()`), then what the
 * project depends on; the variable's name only when nothing else is known.
 */

/** Modules whose apps and routers await the handlers they are given (`hono/tiny` counts as `hono`). */
const AWAITING_FRAMEWORKS = ['koa', 'koa-router', '@koa/router', 'fastify', 'hono', '@nestjs/core', '@nestjs/common', '@hapi/hapi'];

export function isAwaitingFramework(module: string): boolean {
  return AWAITING_FRAMEWORKS.some((name) => module === name || module.startsWith(`${name}/`));
}

/**
 * The module that created the value `receiver` denotes: `express` for `const app = express()`,
 * `@koa/router` for `const router = new Router()` or a parameter typed `Router` from it, the module
 * of a class field or constructor assignment for `this.router`. `null` for something local or
 * global; undefined when this file does not say.
 */
export function creatorModule(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): string | null | undefined {
  const node = skipTransparentWrappers(receiver);
  const field = thisFieldName(node);
  if (field !== null) {
    const name = field;
    const value = thisPropertyValue(node, name);
    return value ? moduleOfCreation(value, scope) : undefined;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(scope, node.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !definition) return undefined;
  if (definition.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
    return moduleOfCreation(definition.node.init, variable.scope);
  }
  if (definition.type === 'Parameter') {
    const annotation = definition.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let typeName: TSESTree.EntityName = annotation.typeName;
    while (typeName.type === AST_NODE_TYPES.TSQualifiedName) typeName = typeName.left;
    if (typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const origin = resolveValueOrigin(typeName, variable.scope);
    return origin ? origin.module : undefined;
  }
  return undefined;
}

/** How many hops (a lazily assigned class, a factory's return) the creation is followed through. */
const MAX_CREATION_DEPTH = 4;

/**
 * `new X(...)`, `x(...)`, `await X.create(...)`, `x.Router()`: the module of what is called. Also a
 * local factory (`const router = await createRouter()`) whose every return creates from one module.
 */
function moduleOfCreation(init: TSESTree.Node, scope: TSESLint.Scope.Scope, depth = 0): string | null | undefined {
  if (depth > MAX_CREATION_DEPTH) return undefined;
  let value = skipTransparentWrappers(init);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipTransparentWrappers(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return undefined;
  const origin = resolveCallee(value, scope);
  if (origin) return origin.module;
  if (value.type === AST_NODE_TYPES.NewExpression) return moduleOfClass(value.callee, scope, depth + 1);
  const factory = resolveLocalFunction(value.callee, scope);
  if (!factory || !isFunctionNode(factory)) return undefined;
  const inside = functionScope(factory, scope);
  const created = (returnedExpressions(factory) ?? []).map((returned) => moduleOfCreation(returned, inside, depth + 1));
  const [first] = created;
  return first !== undefined && created.every((module) => module === first) ? first : undefined;
}

/** The scope of `fn`'s body, found from a scope it is visible in (`scope` itself when not found). */
function functionScope(fn: TSESTree.Node, scope: TSESLint.Scope.Scope): TSESLint.Scope.Scope {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const child = current.childScopes.find((candidate) => candidate.block === fn);
    if (child) return child;
  }
  return scope;
}

/**
 * The module a class comes from where the import is dynamic and the value is picked at run time:
 * `mod.default ?? mod` (ES/CommonJS interop), `await import('m').then((m) => m.default)`, a `let`
 * given its class once later (`Router = (await import('koa-router')).default`).
 */
function moduleOfClass(node: TSESTree.Node, scope: TSESLint.Scope.Scope, depth: number): string | null | undefined {
  if (depth > MAX_CREATION_DEPTH) return undefined;
  let value = skipTransparentWrappers(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = skipTransparentWrappers(value.argument);
  const origin = resolveValueOrigin(value, scope);
  if (origin) return origin.module;
  if (value.type === AST_NODE_TYPES.LogicalExpression && (value.operator === '??' || value.operator === '||')) {
    const left = moduleOfClass(value.left, scope, depth + 1);
    return left !== undefined && left === moduleOfClass(value.right, scope, depth + 1) ? left : undefined;
  }
  if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.MemberExpression && keyName(value.callee) === 'then') {
    // The callback picks something out of the module the promise resolves to.
    const source = skipTransparentWrappers(value.callee.object);
    return source.type === AST_NODE_TYPES.ImportExpression ? (resolveValueOrigin(source, scope)?.module ?? undefined) : undefined;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = ASTUtils.findVariable(scope, value.name);
  const writes = variable?.references.filter((reference) => reference.isWrite() && reference.writeExpr) ?? [];
  const [only] = writes;
  return writes.length === 1 && only?.writeExpr ? moduleOfClass(only.writeExpr, only.from, depth + 1) : undefined;
}

/** What `this.name` is set to in its class: a field initialiser, or an assignment in the constructor. */
function thisPropertyValue(node: TSESTree.Node, name: string): TSESTree.Expression | null {
  const classBody = thisClassAt(node)?.body;
  if (!classBody) return null;
  for (const member of classBody.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && keyName(member) === name && member.value) {
      return member.value;
    }
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'constructor') continue;
    for (const statement of member.value.body?.body ?? []) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
      const target = statement.expression.left;
      if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && keyName(target) === name) {
        return statement.expression.right;
      }
    }
  }
  return null;
}

/** Names in dependencies, devDependencies, peerDependencies and optionalDependencies, with their ranges. */
export function dependenciesOf(manifest: Record<string, unknown>): Map<string, string> {
  const dependencies = new Map<string, string>();
  for (const field of ['peerDependencies', 'optionalDependencies', 'devDependencies', 'dependencies']) {
    const table = manifest[field];
    if (table && typeof table === 'object') {
      for (const [name, range] of Object.entries(table)) if (typeof range === 'string') dependencies.set(name, range);
    }
  }
  return dependencies;
}

/** The major and minor version in `5.1.0`, `^4.21.2`, `~5.0`, `>=5` (minor 0), `5.x`; null for a tag or a URL. */
function versionOf(versionOrRange: string): { major: number; minor: number } | null {
  const match = /^\s*(?:[\^~]|>=?|=)?\s*v?(\d+)(?:\.(\d+))?/.exec(versionOrRange);
  return match ? { major: Number(match[1]), minor: match[2] === undefined ? 0 : Number(match[2]) } : null;
}

/**
 * The version of `packageName` the file's project runs: the installed one nearest the file, else the
 * range the nearest package.json that names it declares (its lowest version); null when neither says.
 */
export function dependencyVersion(filename: string, packageName: string): { major: number; minor: number } | null {
  for (const installed of installedManifests(filename, packageName)) {
    const version = installed.json?.version;
    if (typeof version === 'string') return versionOf(version);
  }
  for (const manifest of manifestsAbove(filename)) {
    const range = manifest.json ? dependenciesOf(manifest.json).get(packageName) : undefined;
    if (range !== undefined) return versionOf(range);
  }
  return null;
}

/** The Express major the file's project runs (`dependencyVersion`); null when nothing says. */
export function expressMajor(filename: string): number | null {
  return dependencyVersion(filename, 'express')?.major ?? null;
}

/**
 * The nearest package.json declares a framework that awaits its handlers and not Express: a receiver
 * nobody can trace (a parameter, `declare const router`) is not an Express 4 router there.
 */
export function projectUsesOnlyAwaitingFrameworks(filename: string): boolean {
  const manifest = nearestValidManifest(filename)?.json;
  if (!manifest) return false;
  const names = [...dependenciesOf(manifest).keys()];
  return !names.includes('express') && names.some(isAwaitingFramework);
}

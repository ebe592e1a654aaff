import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isExportsObject, isModuleExports, keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { isFunctionNode, type FunctionNode } from '../ast/functions.js';
import { installedManifests, manifestsAbove } from './nearest-manifest.js';
import { dependencyFile, type ProjectFile } from './project-files.js';
import { exportedNode, MAX_EXPORT_HOPS, resolveRelativeModule, type ExportedNode } from './project-modules.js';
import { requiredSpecifier } from '../ast/module-specifiers.js';

/**
 * A dependency's own JavaScript, read where the project's code calls into it: the file an import of an
 * installed package names (its `exports` or `main` entry, resolved from the importing file as Node
 * would), or the JavaScript beside the `.d.ts` the checker found a declaration in. Its `.d.ts` says
 * what a method returns, never what its body does: "this method catches every error itself" (quirrel's
 * telemetry, `plausible-telemetry`'s `record`) is only in the JavaScript.
 *
 * Trust: a body read here stands for the call only when it is the code every install of this checkout
 * runs: the package is declared by the manifest that governs the importing file (not hoisted there
 * for another package), and the installed version is the one the project pins (an exact version in
 * the manifest, or the version its lockfile records for that very folder). A range without a lockfile
 * may install another body tomorrow; then nothing is read and the call is judged as before.
 */

const DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;
const EXACT_VERSION = /^=?v?(\d+\.\d+\.\d+(?:[-+][\w.+-]*)?)$/;
const JAVASCRIPT = /\.(?:c|m)?js$/;
const BUILTINS = new Set(builtinModules);

/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`; null for relative, absolute, `node:` and built-in specifiers. */
export function packageNameOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('#')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  if (name === '' || (specifier.startsWith('@') && parts.length < 2) || BUILTINS.has(name)) return null;
  return name;
}

interface InstalledPackage {
  name: string;
  directory: string;
  json: Record<string, unknown>;
}

/** The package `name` as the file `fromFile` would load it (the nearest node_modules that has it). */
function installedPackage(fromFile: string, name: string): InstalledPackage | null {
  const [nearest] = installedManifests(fromFile, name);
  return nearest?.json ? { name, directory: dirname(nearest.path), json: nearest.json } : null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** A lockfile's text (or JSON), read once per version of the file. */
const lockfiles = new Map<string, { mtimeMs: number; size: number; text: string }>();

function lockfileText(path: string): string | null {
  let stat;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (!stat?.isFile()) return null;
  const known = lockfiles.get(path);
  if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  lockfiles.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return text;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lockfile in `directory` records `installed` at its folder with the installed version. */
function lockfileRecords(directory: string, installed: InstalledPackage, version: string): boolean | null {
  for (const name of ['package-lock.json', 'npm-shrinkwrap.json']) {
    const text = lockfileText(join(directory, name));
    if (text === null) continue;
    try {
      const lock = JSON.parse(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
      const key = relative(directory, installed.directory).split(sep).join('/');
      const recorded = lock.packages?.[key]?.version ?? (key === `node_modules/${installed.name}` ? lock.dependencies?.[installed.name]?.version : undefined);
      return recorded === version;
    } catch {
      return false;
    }
  }
  const yarn = lockfileText(join(directory, 'yarn.lock'));
  if (yarn !== null) {
    // `"name@^1.0.0", name@~1.0:` then `  version "1.0.3"` (classic) or `  version: 1.0.3` (berry) in the same block.
    const block = new RegExp(`^"?${escapeRegExp(installed.name)}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:? "?${escapeRegExp(version)}"?$`, 'm');
    return block.test(yarn);
  }
  const pnpm = lockfileText(join(directory, 'pnpm-lock.yaml'));
  if (pnpm !== null) {
    const name = escapeRegExp(installed.name);
    const at = escapeRegExp(version);
    return new RegExp(`(?:^|[\\s/'"])${name}(?:@|/)${at}(?:[('":\\s]|$)`, 'm').test(pnpm);
  }
  return null;
}

/**
 * The installed package is the code every install of this checkout runs: the manifest governing
 * `fromFile` declares it, pinned exactly to the installed version, or a lockfile at or above that
 * manifest records the installed version for its folder.
 */
function isPinned(fromFile: string, installed: InstalledPackage): boolean {
  const version = typeof installed.json.version === 'string' ? installed.json.version : null;
  if (version === null) return false;
  for (const manifest of manifestsAbove(fromFile)) {
    const json = manifest.json;
    if (!json) continue;
    const declared = DEPENDENCY_FIELDS.map((field) => (json[field] as Record<string, unknown> | undefined)?.[installed.name]).find((range) => typeof range === 'string') as string | undefined;
    if (declared === undefined) continue;
    if (EXACT_VERSION.exec(declared.trim())?.[1] === version) return true;
    for (let directory = dirname(manifest.path); ; ) {
      const recorded = lockfileRecords(directory, installed, version);
      if (recorded !== null) return recorded;
      const parent = dirname(directory);
      if (parent === directory) return false;
      directory = parent;
    }
  }
  return false;
}

type Conditions = readonly string[];

/** Node's conditional exports: the first key of `target` (in its own order) that is an active condition. */
function conditionalTarget(target: unknown, conditions: Conditions, depth = 0): string | null {
  if (depth > 4) return null;
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const entry of target) {
      const found = conditionalTarget(entry, conditions, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (!target || typeof target !== 'object') return null;
  for (const [key, value] of Object.entries(target)) {
    if (conditions.includes(key)) return conditionalTarget(value, conditions, depth + 1);
  }
  return null;
}

/** The file `subpath` ('' or '/sub') of the installed package names, by its `exports`, else its `main` and Node's file extensions. */
function entryFile(installed: InstalledPackage, subpath: string, conditions: Conditions): string | null {
  const exports = installed.json.exports;
  let target: string | null = null;
  if (exports !== undefined && exports !== null) {
    const keyed = typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((key) => key.startsWith('.'));
    const entry = keyed ? (exports as Record<string, unknown>)[`.${subpath}`] : subpath === '' ? exports : undefined;
    target = conditionalTarget(entry, conditions);
    if (target === null || !target.startsWith('./')) return null;
    const file = resolve(installed.directory, target);
    return isFile(file) ? file : null;
  }
  const base = subpath === '' ? resolve(installed.directory, typeof installed.json.main === 'string' ? installed.json.main : 'index.js') : resolve(installed.directory, `.${subpath}`);
  return [base, `${base}.js`, `${base}.cjs`, join(base, 'index.js')].find(isFile) ?? null;
}

/**
 * The JavaScript file the bare specifier `specifier` loads from `fromFile` (`import` or `require`,
 * Node's conditions for each), when the installed package is pinned (see above); null otherwise.
 */
export function dependencyModuleFile(fromFile: string, specifier: string, loadedBy: 'import' | 'require'): string | null {
  const name = packageNameOf(specifier);
  const installed = name ? installedPackage(fromFile, name) : null;
  if (!name || !installed || !isPinned(fromFile, installed)) return null;
  const file = entryFile(installed, specifier.slice(name.length), [loadedBy === 'import' ? 'import' : 'require', 'node', 'default']);
  return file && JAVASCRIPT.test(file) ? file : null;
}

/** `.../node_modules/pkg/dist/index.d.ts` -> `pkg` (the last package folder of the path), its folder, and the JavaScript beside the declaration file. */
export function dependencyJavaScriptOf(declarationFile: string, fromFile: string): string | null {
  const match = /^(.*[\\/]node_modules[\\/])((?:@[^\\/]+[\\/])?[^\\/@][^\\/]*)[\\/](.*)\.d\.([cm]?)ts$/.exec(declarationFile);
  if (!match) return null;
  const [, root, name, rest, flavour] = match;
  const directory = `${root}${name}`;
  if (name!.startsWith('@types')) return null;
  const installed = installedPackage(fromFile, name!.split(sep).join('/'));
  // The declaration must be of the very folder `fromFile` loads the package from.
  if (!installed || resolve(installed.directory) !== resolve(directory) || !isPinned(fromFile, installed)) return null;
  const file = resolve(directory, `${rest}.${flavour}js`);
  return isFile(file) ? file : null;
}

/**
 * What `path` names in the module `file` exports, followed through its re-exports (project-modules),
 * or, as compilers write CommonJS, a top-level `var` the exports object is given (`var Client = ...;
 * exports.default = Client;`), which project code would reassign but emitted code does not.
 */
export function dependencyExport(file: ProjectFile, path: readonly string[], hops = 0): ExportedNode | null {
  const found = exportedNode(file, path, dependencyFile);
  if (found || hops >= MAX_EXPORT_HOPS) return found;
  const [name = 'default', ...rest] = path;
  for (const statement of file.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    // `module.exports = require('./lib/client')`: the whole module is another file's, every name included.
    const relayed = isModuleExports(left) ? requiredSpecifier(right) : null;
    const next = relayed ? resolveRelativeModule(file.fileName, relayed) : null;
    const nextFile = next ? dependencyFile(next) : null;
    if (nextFile) return dependencyExport(nextFile, path, hops + 1);
    const exported =
      (name === 'default' && isModuleExports(left)) ||
      (left.type === AST_NODE_TYPES.MemberExpression && keyName(left) === name && (isExportsObject(left.object) || isModuleExports(left.object)));
    const value = skipTransparentWrappers(right);
    if (!exported || value.type !== AST_NODE_TYPES.Identifier) continue;
    const bound = dependencyTopLevelValue(file.program, value.name);
    if (bound) return { file, node: bound, rest };
  }
  return null;
}

/** The value the top level of `program` binds `name` to once (exported or not): a function, a class, or a declared variable's initialiser. */
export function dependencyTopLevelValue(program: TSESTree.Program, name: string): TSESTree.Node | null {
  const found: TSESTree.Node[] = [];
  for (const entry of program.body) {
    const statement = (entry.type === AST_NODE_TYPES.ExportNamedDeclaration || entry.type === AST_NODE_TYPES.ExportDefaultDeclaration) && entry.declaration ? entry.declaration : entry;
    if ((statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.ClassDeclaration) && statement.id?.name === name) found.push(statement);
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) found.push(declarator.init);
    }
  }
  return found.length === 1 ? found[0]! : null;
}

/**
 * The method `name` of a class as ES5 output writes it: `var C = (function () { function C() {}
 * C.prototype.name = function () {...}; return C; }())`, or a constructor function whose prototype
 * the module's top level fills (`C.prototype.name = function`). Null for anything else.
 */
export function prototypeMethod(program: TSESTree.Program, value: TSESTree.Node, name: string): FunctionNode | null {
  const node = skipTransparentWrappers(value);
  let statements: readonly TSESTree.Statement[] = program.body;
  let className: string | null = null;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const factory = skipTransparentWrappers(node.callee);
    if (!isFunctionNode(factory) || factory.body.type !== AST_NODE_TYPES.BlockStatement || node.arguments.length > 1) return null;
    statements = factory.body.body;
    const returned = statements.find((statement) => statement.type === AST_NODE_TYPES.ReturnStatement);
    const argument = returned?.type === AST_NODE_TYPES.ReturnStatement && returned.argument ? skipTransparentWrappers(returned.argument) : null;
    className = argument?.type === AST_NODE_TYPES.Identifier ? argument.name : null;
  } else if (node.type === AST_NODE_TYPES.FunctionDeclaration) {
    className = node.id?.name ?? null;
  }
  if (className === null) return null;
  const methods: FunctionNode[] = [];
  for (const statement of statements) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    if (left.type !== AST_NODE_TYPES.MemberExpression || keyName(left) !== name) continue;
    const prototype = skipTransparentWrappers(left.object);
    const owner = prototype.type === AST_NODE_TYPES.MemberExpression && keyName(prototype) === 'prototype' ? skipTransparentWrappers(prototype.object) : null;
    const fn = skipTransparentWrappers(right);
    if (owner?.type === AST_NODE_TYPES.Identifier && owner.name === className && isFunctionNode(fn)) methods.push(fn);
  }
  return methods.length === 1 ? methods[0]! : null;
}

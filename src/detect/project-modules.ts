import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { isExportsObject, isModuleExports, keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { requiredSpecifier } from '../ast/module-specifiers.js';
import { projectFile, type ModuleProgram, type ProjectFile } from './project-files.js';

/**
 * Another file of the project, seen without a type checker: where a relative import or `require`
 * lands (Node's and TypeScript's resolution of relative specifiers), and what a file exports under a
 * name (ES exports, re-exports, CommonJS `module.exports` / `exports.x`). The syntactic mode asks it
 * what an imported function or class is, so a call of another file's async function is seen as one.
 */

/** Code files a relative specifier may name, in TypeScript's order (sources before JavaScript). */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** `./x.js` in TypeScript source names `./x.ts` (NodeNext and bundler resolution). */
const SOURCE_OF_OUTPUT: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.jsx': ['.tsx', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
};

function isFile(path: string): boolean {
  try {
    // Most candidates of a specifier are missing: no exception for them.
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/.test(path);
}

/**
 * The code file a relative specifier (`./x`, `../lib/x.js`, `./dir`) names from `fromFile`, or null:
 * bare package names (node_modules is not the project's code), declaration files and anything that is
 * not a code file are unknown.
 */
export function resolveRelativeModule(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return null;
  const base = resolve(dirname(fromFile), specifier);
  const extension = extname(base);
  const mapped = SOURCE_OF_OUTPUT[extension];
  const candidates = mapped
    ? mapped.map((source) => base.slice(0, -extension.length) + source)
    : [...EXTENSIONS.map((candidate) => base + candidate), ...EXTENSIONS.map((candidate) => resolve(base, `index${candidate}`))];
  if (EXTENSIONS.includes(extension) && !mapped) candidates.unshift(base);
  return candidates.find((candidate) => !isDeclarationFile(candidate) && isFile(candidate)) ?? null;
}

/** What a module exports under a name: a node of its own file, or the name another module exports. */
export type ExportTarget =
  | { kind: 'local'; node: TSESTree.Node }
  | { kind: 'module'; specifier: string; path: readonly string[] };

function exportedName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

/**
 * The top-level binding `name` of `program`: a function, a class, a `const`'s value, or an import
 * (another module's export). Null when the file does not bind it at the top level, or binds it more
 * than once (a `let` that is reassigned is not followed: its value is not known).
 */
export function topLevelBinding(program: TSESTree.Program, name: string): ExportTarget | null {
  for (const entry of program.body) {
    const statement =
      (entry.type === AST_NODE_TYPES.ExportNamedDeclaration || entry.type === AST_NODE_TYPES.ExportDefaultDeclaration) && entry.declaration
        ? entry.declaration
        : entry;
    switch (statement.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
        if (statement.id?.name === name) return { kind: 'local', node: statement };
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of statement.declarations) {
          const bound = declaredBinding(declarator, statement.kind, name);
          if (bound !== undefined) return bound;
        }
        break;
      case AST_NODE_TYPES.ImportDeclaration:
        if (statement.importKind === 'type') break;
        for (const specifier of statement.specifiers) {
          if (specifier.local.name !== name) continue;
          const path = specifier.type === AST_NODE_TYPES.ImportSpecifier ? [exportedName(specifier.imported)] : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? ['default'] : [];
          return { kind: 'module', specifier: statement.source.value, path };
        }
        break;
      default:
        break;
    }
  }
  return null;
}

/**
 * What `declarator` binds `name` to, or undefined when it does not declare `name`: a `require` (in
 * any declaration: `var x = require('./x')` is how CommonJS names a module, and is not reassigned),
 * a member of one (`require('./x').X`), a destructured member (`const { X: Y } = require('./x')`),
 * or a `const`'s value (a reassignable `let` or `var` value is not known: null).
 */
function declaredBinding(declarator: TSESTree.VariableDeclarator, kind: TSESTree.VariableDeclaration['kind'], name: string): ExportTarget | null | undefined {
  const init = declarator.init ? skipTransparentWrappers(declarator.init) : null;
  if (declarator.id.type === AST_NODE_TYPES.Identifier) {
    if (declarator.id.name !== name) return undefined;
    if (!init) return null;
    const specifier = requiredSpecifier(init);
    if (specifier !== null) return { kind: 'module', specifier, path: [] };
    if (init.type === AST_NODE_TYPES.MemberExpression) {
      const member = requiredSpecifier(init.object);
      const key = keyName(init);
      if (member !== null) return key !== null ? { kind: 'module', specifier: member, path: [key] } : null;
    }
    return kind === 'const' && declarator.init ? { kind: 'local', node: declarator.init } : null;
  }
  if (declarator.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of declarator.id.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier || property.value.name !== name) continue;
    const specifier = init ? requiredSpecifier(init) : null;
    const key = keyName(property);
    return specifier !== null && key !== null ? { kind: 'module', specifier, path: [key] } : null;
  }
  return undefined;
}

/**
 * What `program` exports as `name` (`'default'` for the default export; CommonJS `module.exports = x`
 * is the default too), not counting `export * from` (`starExportSources`, tried after).
 */
function exportTarget(program: TSESTree.Program, name: string): ExportTarget | null {
  let commonJs: ExportTarget | null = null;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (statement.exportKind === 'type') continue;
      const declaration = statement.declaration;
      if (declaration) {
        const declared = declarationNamed(declaration, name);
        if (declared) return declared;
        continue;
      }
      for (const specifier of statement.specifiers) {
        if (specifier.exportKind === 'type' || exportedName(specifier.exported) !== name) continue;
        const local = exportedName(specifier.local);
        return statement.source ? { kind: 'module', specifier: statement.source.value, path: [local] } : topLevelBinding(program, local);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) return topLevelBinding(program, declaration.name);
      return { kind: 'local', node: declaration };
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      commonJs = commonJsExport(program, statement.expression, name) ?? commonJs;
    }
  }
  return commonJs;
}

/** How many files one export is followed through (re-exports, `export * from`, imports). */
export const MAX_EXPORT_HOPS = 4;

/** A node of another project file that an import names, and the member path still to read off it. */
export interface ExportedNode<F extends ModuleProgram = ProjectFile> {
  file: F;
  node: TSESTree.Node;
  /** Members of `node` the import reads (`['create']` for `Foo.create`); empty for the node itself. */
  rest: readonly string[];
}

/** The project file a relative specifier names from `fromFile`, parsed (project-files), or null. */
export function moduleFile(fromFile: string, specifier: string): ProjectFile | null {
  const fileName = resolveRelativeModule(fromFile, specifier);
  return fileName ? projectFile(fileName) : null;
}

/**
 * One step of following `path` through `program`'s exports: a node of this file (and the members
 * still to read off it), the name another module exports (a re-export or an import), or, for a name
 * this file does not export itself, the `export * from` sources to try in turn and the member of its
 * default export to fall back on. Null when nothing can be found.
 */
export type ExportStep =
  | { kind: 'local'; node: TSESTree.Node; rest: readonly string[] }
  | { kind: 'module'; specifier: string; path: readonly string[] }
  | { kind: 'star'; sources: readonly string[]; path: readonly string[]; fallback: TSESTree.Node | null };

export function exportStep(program: TSESTree.Program, path: readonly string[]): ExportStep | null {
  const [name = 'default', ...rest] = path;
  const found = exportTarget(program, name);
  if (found?.kind === 'module') return { kind: 'module', specifier: found.specifier, path: [...found.path, ...rest] };
  if (found) return { kind: 'local', node: found.node, rest };
  if (name === 'default') return null;
  const fallback = exportTarget(program, 'default');
  return { kind: 'star', sources: starExportSources(program), path, fallback: fallback?.kind === 'local' ? fallback.node : null };
}

/**
 * What `path` names in what the module `file` exports: `[]` its default (or `module.exports`),
 * `['f']` an export, `['Foo', 'create']` a member of one. Followed through re-exports,
 * `export * from` and imports, within MAX_EXPORT_HOPS files, each read with `load` (a full parse by
 * default); a name a module does not export is read off its default export
 * (`import svc from './svc'; svc.start()`, CommonJS interop).
 */
export function exportedNode(file: ProjectFile, path: readonly string[]): ExportedNode | null;
export function exportedNode<F extends ModuleProgram>(file: F, path: readonly string[], load: (fileName: string) => F | null): ExportedNode<F> | null;
export function exportedNode(file: ModuleProgram, path: readonly string[], load: (fileName: string) => ModuleProgram | null = projectFile): ExportedNode<ModuleProgram> | null {
  return followExport(file, path, load, 0);
}

function followExport(file: ModuleProgram, path: readonly string[], load: (fileName: string) => ModuleProgram | null, hops: number): ExportedNode<ModuleProgram> | null {
  if (hops >= MAX_EXPORT_HOPS) return null;
  const follow = (specifier: string, followed: readonly string[]): ExportedNode<ModuleProgram> | null => {
    const fileName = resolveRelativeModule(file.fileName, specifier);
    const next = fileName ? load(fileName) : null;
    return next ? followExport(next, followed, load, hops + 1) : null;
  };
  const step = exportStep(file.program, path);
  if (step === null) return null;
  if (step.kind === 'module') return follow(step.specifier, step.path);
  if (step.kind === 'local') return { file, node: step.node, rest: step.rest };
  for (const source of step.sources) {
    const reexported = follow(source, step.path);
    if (reexported) return reexported;
  }
  return step.fallback ? { file, node: step.fallback, rest: step.path } : null;
}

/** Every `export * from` source of `program`, to try in turn for a name it does not export itself (never `default`). */
function starExportSources(program: TSESTree.Program): string[] {
  return program.body.flatMap((statement) =>
    statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null && statement.exportKind !== 'type' ? [statement.source.value] : [],
  );
}

function declarationNamed(declaration: TSESTree.NamedExportDeclarations, name: string): ExportTarget | null {
  if ((declaration.type === AST_NODE_TYPES.FunctionDeclaration || declaration.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id?.name === name) {
    return { kind: 'local', node: declaration };
  }
  if (declaration.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) return { kind: 'local', node: declarator.init };
    }
  }
  return null;
}

/** `module.exports = x` (the default), `module.exports = { name }`, `exports.name = x`, `module.exports.name = x`. */
function commonJsExport(program: TSESTree.Program, expression: TSESTree.Expression, name: string): ExportTarget | null {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') return null;
  const target = expression.left;
  const value = expression.right;
  if (isModuleExports(target)) {
    if (name === 'default') return valueTarget(program, value);
    const object = skipTransparentWrappers(value);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
    for (const property of object.properties) {
      if (property.type === AST_NODE_TYPES.Property && keyName(property) === name) return valueTarget(program, property.value);
    }
    return null;
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && (isExportsObject(target.object) || isExportsAlias(program, target.object)) && keyName(target) === name) return valueTarget(program, value);
  return null;
}

/** A top-level `const logger = exports` (or `= module.exports`): members set on it are the module's exports (Haraka's logger). */
function isExportsAlias(program: TSESTree.Program, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const binding = topLevelBinding(program, node.name);
  return binding?.kind === 'local' && isExportsObject(skipTransparentWrappers(binding.node));
}

/** A value an export is given: a top-level name is followed to its binding. */
function valueTarget(program: TSESTree.Program, value: TSESTree.Node): ExportTarget | null {
  const node = skipTransparentWrappers(value);
  if (node.type === AST_NODE_TYPES.Identifier) return topLevelBinding(program, node.name);
  const specifier = requiredSpecifier(node);
  return specifier !== null ? { kind: 'module', specifier, path: [] } : { kind: 'local', node };
}

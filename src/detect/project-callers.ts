/**
 * Who calls a function of this project, across its files: every place in the repository (the
 * outermost package.json within the git repository, so a monorepo's other packages count) where a
 * function of that name is called or constructed. Name-based on purpose: a use this reading cannot
 * tell apart from a call (the name handed on as a value, a same-named function of another module)
 * makes the answer unknown rather than wrong in the permissive direction.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { isDefinedName } from '../ast/names.js';
import { walk } from '../ast/walk.js';
import { moduleSpecifiers } from '../ast/module-specifiers.js';
import { manifestsAbove, nearestManifest, repositoryRootOf } from './nearest-manifest.js';
import { resolveRelativeModule } from './project-modules.js';
import { projectFile, type ProjectFile } from './project-files.js';
import { isSkippedDirectory, sourceFilesUnder } from './source-files.js';

/** A call of the function in another file, with what that file's scopes say about its declarations. */
export interface ProjectCallSite {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  declaredVariables: (node: TSESTree.Node) => readonly TSESLint.Scope.Variable[];
  /** The file the call is in, as project-files parsed it. */
  file: ProjectFile;
}

/** A lint process in an editor sees the project change: the answer is looked at again after this. */
const FRESH_FOR_MS = 30_000;
const MAX_FILE_BYTES = 512 * 1024;
/** Files that name the function: past this, the question costs more than a finding is worth. */
const MAX_NAMING_FILES = 40;

/**
 * Which files of a repository name each identifier, read once per walk root. A question then reads
 * only the files that name the function, not every file of the repository once per question. After
 * FRESH_FOR_MS the repository is walked again and each file's modification time and size compared:
 * the index is read again only when a file was added, removed or changed (an editor), not every
 * FRESH_FOR_MS of a long lint run. Null when a file cannot be read or the walk was cut short.
 */
interface RepositoryNames {
  at: number;
  filesNaming: Map<string, string[]> | null;
  /** Each file's modification time and size when it was read; null when the index could not be made. */
  versions: Map<string, string> | null;
}
const repositoryNames = new Map<string, RepositoryNames>();
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

function namesOf(root: string): Map<string, string[]> | null {
  const now = Date.now();
  const known = repositoryNames.get(root);
  if (known && now >= known.at && now - known.at < FRESH_FOR_MS) return known.filesNaming;
  if (known?.versions && unchanged(root, known.versions)) {
    known.at = now;
    return known.filesNaming;
  }
  const index = indexNames(root);
  repositoryNames.set(root, { at: now, ...index });
  return index.filesNaming;
}

function versionOf(stat: { mtimeMs: number; size: number }): string {
  return `${stat.mtimeMs}:${stat.size}`;
}

/** The walk finds the same files, each with the modification time and size it was read with. */
function unchanged(root: string, versions: ReadonlyMap<string, string>): boolean {
  const walked = sourceFilesUnder(root, false);
  if (walked.truncated || walked.files.length !== versions.size) return false;
  return walked.files.every((file) => {
    try {
      return versions.get(file) === versionOf(statSync(file));
    } catch {
      return false;
    }
  });
}

let filesIndexed = 0;

/** How many files this process has read into a callers index: what `npm run bench -- lint` prints beside its figures. */
export function filesReadForCallers(): number {
  return filesIndexed;
}

function indexNames(root: string): Pick<RepositoryNames, 'filesNaming' | 'versions'> {
  const unknown = { filesNaming: null, versions: null };
  const walked = sourceFilesUnder(root, false);
  if (walked.truncated) return unknown;
  const filesNaming = new Map<string, string[]>();
  const versions = new Map<string, string>();
  for (const file of walked.files) {
    let text: string;
    try {
      const stat = statSync(file);
      versions.set(file, versionOf(stat));
      if (stat.size > MAX_FILE_BYTES) continue;
      text = readFileSync(file, 'utf8');
      filesIndexed++;
    } catch {
      return unknown;
    }
    for (const name of new Set(text.match(IDENTIFIER))) {
      const files = filesNaming.get(name);
      if (files) files.push(file);
      else filesNaming.set(ownCopy(name), [file]);
    }
  }
  return { filesNaming, versions };
}

/**
 * `name` as a string of its own. `text.match` returns slices of the file's text, and V8 keeps a slice
 * of 13 characters or more as a view that holds the whole text alive: kept as a key, it would make
 * the index hold the text of most files of the repository for as long as the index lives (the
 * syntactic audit's bench corpus: 6.0 MB for the index instead of 2.7 MB). IDENTIFIER matches ASCII
 * only, so latin1 copies it exactly.
 */
function ownCopy(name: string): string {
  return Buffer.from(name, 'latin1').toString('latin1');
}

/** `name(...)`, `x.name(...)`, `new name(...)`, `new x.name(...)`: the call whose callee names `identifier`. */
function callNaming(identifier: TSESTree.Identifier): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let callee: TSESTree.Node = identifier;
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) callee = parent;
  const call = callee.parent;
  return (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) && call.callee === callee ? call : null;
}

const MODULE_SPECIFIER_TYPES: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.ImportSpecifier,
  AST_NODE_TYPES.ImportDefaultSpecifier,
  AST_NODE_TYPES.ImportNamespaceSpecifier,
  AST_NODE_TYPES.ExportSpecifier,
]);

/** Uses of the name that are not calls but say nothing about when it runs: imports, exports, declarations, a key of an object the module exports. */
function isBookkeeping(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (!parent) return false;
  if (MODULE_SPECIFIER_TYPES.has(parent.type) || isDefinedName(identifier)) return true;
  // `export default { addTheme }`, `module.exports = { addTheme }`: the value of a shorthand key.
  if (parent.type === AST_NODE_TYPES.Property) return parent.shorthand && parent.value === identifier;
  // `exports.addTheme = addTheme`, `this.newInstance = function ...`: the name being defined.
  return (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.property === identifier &&
    parent.parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.parent.left === parent
  );
}

/**
 * Where the walk for `file`'s callers starts: its repository's root (repositoryRootOf), unless the
 * file sits in a folder the walk never enters (a fixture project under `test/`): then the outermost
 * package.json below that folder.
 */
function walkRootOf(file: string): string | null {
  const repository = repositoryRootOf(file);
  if (repository === null) return null;
  const packages = manifestsAbove(file)
    .filter((manifest) => manifest.json !== null)
    .map((manifest) => dirname(manifest.path))
    .filter((folder) => !relative(repository, folder).startsWith('..'));
  // Outermost first: the first package folder whose path down to the file the walk can follow.
  for (const folder of packages.reverse()) {
    if (!relative(folder, dirname(file)).split(/[\\/]/).some((segment) => segment !== '' && isSkippedDirectory(segment))) return folder;
  }
  return null;
}

/** `program` imports or requires `target`: a relative specifier that resolves to it, or its package by name (a monorepo's other package). */
function loadsModule(program: TSESTree.Program, fromFile: string, target: string, packageName: string | null): boolean {
  return moduleSpecifiers(program).some((specifier) =>
    specifier.startsWith('.') ? resolveRelativeModule(fromFile, specifier) === target : packageName !== null && (specifier === packageName || specifier.startsWith(`${packageName}/`)),
  );
}

/**
 * The identifiers that name a parameter called `name` (`(socket) => socket.id`) and its uses: another
 * binding, whatever the caller hands in, not the function. Handing the function itself in is a use of
 * its own binding at the caller, which the walk sees.
 */
function parameterUsesNamed(scopes: readonly TSESLint.Scope.Scope[], name: string): Set<TSESTree.Node> {
  const uses = new Set<TSESTree.Node>();
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      if (variable.name !== name || variable.defs.length === 0 || !variable.defs.every((definition) => definition.type === 'Parameter')) continue;
      for (const identifier of variable.identifiers) uses.add(identifier);
      for (const reference of variable.references) uses.add(reference.identifier);
    }
  }
  return uses;
}

/**
 * Every call of a function named `name` in the repository `filename` belongs to, other than in
 * `filename` itself; null when that is not known: the name is also used otherwise (handed on as a
 * value), too many files name it, the repository is larger than the walk, or a file cannot be read.
 */
export function projectCallSites(filename: string, name: string): ProjectCallSite[] | null {
  const root = walkRootOf(resolve(filename));
  if (root === null) return null;
  const filesNaming = namesOf(root);
  if (filesNaming === null) return null;
  const own = resolve(filename);
  const manifest = nearestManifest(own);
  const packageName = typeof manifest?.json.name === 'string' ? manifest.json.name : null;
  const naming = (filesNaming.get(name) ?? []).filter((file) => file !== own);
  if (naming.length > MAX_NAMING_FILES) return null;
  const sites: ProjectCallSite[] = [];
  for (const file of naming) {
    const parsed = projectFile(file);
    if (!parsed) return null;
    // Only a file that loads the function's module calls it; a same-named function elsewhere is another.
    if (!loadsModule(parsed.parsed.ast, file, own, packageName)) continue;
    const scopeManager = parsed.parsed.scopeManager;
    if (!scopeManager) return null;
    const declaredVariables = (node: TSESTree.Node): readonly TSESLint.Scope.Variable[] =>
      scopeManager.getDeclaredVariables(node) as unknown as readonly TSESLint.Scope.Variable[];
    let unknownUse = false;
    const parameterUses = parameterUsesNamed(scopeManager.scopes as unknown as readonly TSESLint.Scope.Scope[], name);
    walk(parsed.parsed.ast, (node) => {
      if (unknownUse) return 'stop';
      if (node.type !== AST_NODE_TYPES.Identifier || node.name !== name || parameterUses.has(node)) return undefined;
      const call = callNaming(node);
      if (call) sites.push({ call, declaredVariables, file: parsed });
      else if (!isBookkeeping(node)) unknownUse = true;
      return undefined;
    });
    if (unknownUse) return null;
  }
  return sites;
}

/** The file's package is never published (`"private": true` in its nearest package.json): every user of its code is in the repository. */
export function isUnpublished(filename: string): boolean {
  return nearestManifest(resolve(filename))?.json.private === true;
}

/**
 * `projectCallSites` when they are every call the exported function can have: its package is never
 * published (`"private": true` in the nearest package.json, as an application or a monorepo's
 * internal package says), so no caller outside the repository exists. A published package's export
 * has callers this reading cannot see: null then, as when the sites are not known.
 */
export function everyCallSite(filename: string, name: string): ProjectCallSite[] | null {
  if (!isUnpublished(filename)) return null;
  return projectCallSites(filename, name);
}

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type * as TsMorph from 'ts-morph';
import type * as TypeScript from 'typescript';
import { typescript } from '../detect/typescript.js';
import { isAuditableSource, isDeclarationFile, isExcludedByDefault, isExcludedFolder, isTestSuiteSource, isTypeScriptFile } from './file-set.js';
import { findGitRoot, GitignoreRules } from './gitignore.js';
import { readSource } from './source-reader.js';

const ts = typescript();

/** A problem with how the audit was asked to run (bad path, bad tsconfig): the CLI exits 2. */
export class AuditSetupError extends Error {
  override name = 'AuditSetupError';
}

export interface ProjectOptions {
  /** Folder relative paths are resolved against. */
  cwd: string;
  /**
   * Files, folders and globs to audit; empty: the tsconfig's files (every referenced project's for
   * a solution-style tsconfig), or every source file under `cwd` when there is no tsconfig or `cwd`
   * is the root of an npm, yarn or pnpm workspace.
   */
  paths: readonly string[];
  /** `--project`: a tsconfig file, or a folder holding tsconfig.json. */
  tsconfig?: string;
  includeTests: boolean;
  /** Build the TypeScript programs (type-aware linting); false: read the files only. */
  typeInfo: boolean;
  /**
   * `--max-file-size`: a file found by walking that is larger (bytes) or minified is skipped with
   * a notice (ESLint would spend minutes and gigabytes on a one-line bundle); 0: no limit.
   */
  maxFileSize?: number;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface UnreadableFile {
  file: string;
  reason: string;
}

/** The files the options name, before anything is read. */
export interface FileSelection {
  /** Absolute folder the result's paths are relative to. */
  root: string;
  /** The tsconfig named with --project, or the nearest one to the root. */
  tsconfigPath: string | undefined;
  /** Absolute paths, sorted, each real file once (symbolic links are followed). */
  files: string[];
  /** Files named on the command line: audited whatever the defaults or the size limit say. */
  named: ReadonlySet<string>;
  /** Folders that cannot be listed, broken symbolic links. */
  unreadable: UnreadableFile[];
  notices: string[];
}

export interface LoadedProject {
  root: string;
  tsconfigPath: string | undefined;
  /** Absolute paths of the files to lint, sorted, with their text. */
  sources: Map<string, string>;
  /** Files in the set that cannot be audited (binary, not UTF-8, unreadable, too deep for TypeScript). */
  unreadable: UnreadableFile[];
  /** Files left out on purpose (oversized, minified), with why. */
  skipped: UnreadableFile[];
  notices: string[];
  /**
   * The compiler-API program of a TypeScript file: one per tsconfig (ts-morph builds it; the
   * typescript-eslint parser reuses it), none for a file no tsconfig includes or without type info.
   */
  programFor(file: string): TypeScript.Program | undefined;
  /** The one program, when a single program holds every TypeScript file of the set. */
  program: TypeScript.Program | undefined;
}

/**
 * Options used when there is no tsconfig: any JS/TS file is accepted, module resolution is the most
 * forgiving one (extensionless and `.js` specifiers both resolve), nothing is emitted.
 */
const DEFAULT_COMPILER_OPTIONS: TypeScript.CompilerOptions = {
  allowJs: true,
  checkJs: false,
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

export function loadProject(options: ProjectOptions): LoadedProject {
  return loadSelection(selectFiles(options), options);
}

const GLOB_CHARACTERS = /[*?[\]{}]/;

export function selectFiles(options: ProjectOptions): FileSelection {
  const tsconfigs = new TsconfigCache();
  const notices: string[] = [];
  const walker = new Walker(options.includeTests, (message) => notices.push(message));
  const named = new Set<string>();
  const explicit = options.tsconfig === undefined ? undefined : explicitTsconfig(options);
  if (explicit) tsconfigs.parse(explicit);

  if (options.paths.length === 0) {
    const cwd = resolve(options.cwd);
    const tsconfigPath = explicit ?? nearestTsconfig(cwd);
    const root = tsconfigPath ? dirname(tsconfigPath) : cwd;
    if (!tsconfigPath || (!explicit && isWorkspaceRoot(cwd))) {
      walker.walk(cwd);
    } else {
      for (const config of tsconfigs.tree(tsconfigPath)) {
        const own = dirname(config.path);
        const gitignore = new GitignoreRules(findGitRoot(own) ?? own, (message) => notices.push(message));
        for (const file of config.parsed.fileNames.map((name) => resolve(name))) {
          if (isAuditableSource(file) && !isExcludedByDefault(relative(own, file), options) && !gitignore.isIgnored(file)) walker.add(file);
        }
      }
    }
    return { root, tsconfigPath, files: walker.files(), named, unreadable: walker.unreadable, notices };
  }

  const unitRoots: string[] = explicit ? [dirname(explicit)] : [];
  for (const path of options.paths) {
    const target = resolve(options.cwd, path);
    if (!existsSync(target)) {
      if (!GLOB_CHARACTERS.test(path)) throw new AuditSetupError(`no such file or folder: ${path}`);
      walker.walkGlob(resolve(options.cwd), path);
      unitRoots.push(globBase(resolve(options.cwd), path));
      continue;
    }
    const folder = folderOf(target);
    if (statSync(target).isDirectory()) walker.walk(target);
    else if (isAuditableSource(target)) named.add(walker.add(target));
    unitRoots.push(explicit ? folder : dirname(nearestTsconfig(folder) ?? join(folder, 'x')));
  }
  // Several projects (a monorepo's packages): paths are shown from where the command was run.
  const root = new Set(unitRoots).size > 1 ? commonAncestor([resolve(options.cwd), ...unitRoots]) : unitRoots[0]!;
  return { root, tsconfigPath: explicit ?? nearestTsconfig(unitRoots[0]!), files: walker.files(), named, unreadable: walker.unreadable, notices };
}

/**
 * Reads the selected files (or the subset `files`, what the ESLint config leaves) and, in
 * type-aware mode, builds one program per tsconfig: a TypeScript file belongs to the nearest
 * tsconfig above it, or to one of the projects it references, that includes it; a file that none
 * includes is linted without a program (syntactically); a file with no tsconfig above it at all
 * goes into one program with default options.
 */
export function loadSelection(selection: FileSelection, options: ProjectOptions, files: readonly string[] = selection.files): LoadedProject {
  const sources = new Map<string, string>();
  const unreadable = [...selection.unreadable];
  const skipped: UnreadableFile[] = [];
  const notices = [...selection.notices];
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // Test files are left out by default; these are suites outside the test folders, known by their text.
  let suitesOutsideTestFolders = 0;
  for (const file of files) {
    if (maxFileSize > 0 && !selection.named.has(file)) {
      const size = sizeOf(file);
      if (size !== undefined && size > maxFileSize) {
        skipped.push({ file, reason: `larger than --max-file-size (${size} > ${maxFileSize} bytes)` });
        continue;
      }
    }
    const read = readSource(file);
    if (!read.ok) {
      unreadable.push({ file, reason: read.reason });
    } else if (maxFileSize > 0 && !selection.named.has(file) && looksMinified(read.text)) {
      skipped.push({ file, reason: 'minified (very long lines); --max-file-size 0 audits it' });
    } else if (!options.includeTests && !selection.named.has(file) && isTestSuiteSource(read.text)) {
      suitesOutsideTestFolders++;
    } else {
      sources.set(file, read.text);
    }
  }

  if (suitesOutsideTestFolders > 0) {
    notices.push(`${suitesOutsideTestFolders} test suite${suitesOutsideTestFolders === 1 ? '' : 's'} outside the test folders left out (--include-tests audits them)`);
  }

  const programs = new Map<string, TypeScript.Program | undefined>();
  if (options.typeInfo) {
    const tsconfigs = new TsconfigCache((message) => notices.push(message));
    const explicit = options.tsconfig === undefined ? undefined : explicitTsconfig(options);
    const groups = new Map<string, { config: ParsedTsconfig | undefined; files: string[] }>();
    for (const file of sources.keys()) {
      if (!isTypeScriptFile(file)) continue;
      const owner = tsconfigs.ownerOf(file, explicit, selection.tsconfigPath);
      if (owner === null) continue;
      const key = owner?.path ?? '';
      const group = groups.get(key) ?? { config: owner, files: [] };
      group.files.push(file);
      groups.set(key, group);
    }
    for (const { config, files: groupFiles } of groups.values()) {
      const built = buildProgram(config?.parsed.options ?? DEFAULT_COMPILER_OPTIONS, groupFiles, sources, unreadable, config?.parsed.fileNames.filter(isDeclarationFile) ?? []);
      if (!built) notices.push(`${config?.path ?? 'the files outside any tsconfig'}: TypeScript could not bind the program; its files are audited without type information`);
      for (const file of groupFiles) if (sources.has(file)) programs.set(file, built);
    }
  }
  const distinct = new Set(programs.values());
  const typeScriptSources = [...sources.keys()].filter(isTypeScriptFile);
  const only = distinct.size === 1 && programs.size === typeScriptSources.length ? [...distinct][0] : undefined;
  unreadable.sort((a, b) => a.file.localeCompare(b.file));
  return { root: selection.root, tsconfigPath: selection.tsconfigPath, sources, unreadable, skipped, notices, programFor: (file) => programs.get(file), program: only };
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/** Bundler output: long enough to matter and lines far longer than anyone writes by hand. */
function looksMinified(text: string): boolean {
  if (text.length < 4096) return false;
  let lines = 1;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return text.length / lines > 250;
}

function folderOf(path: string): string {
  return statSync(path).isDirectory() ? path : dirname(path);
}

function commonAncestor(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (common !== dirname(common) && folder !== common && !folder.startsWith(common.endsWith(sep) ? common : `${common}${sep}`)) common = dirname(common);
  }
  return common;
}

/** The folder a glob's first magic segment sits in: the walk starts there. */
function globBase(cwd: string, pattern: string): string {
  const segments = pattern.split('/');
  const firstMagic = segments.findIndex((segment) => GLOB_CHARACTERS.test(segment));
  return resolve(cwd, segments.slice(0, firstMagic).join('/') || '.');
}

function explicitTsconfig(options: ProjectOptions): string {
  const given = resolve(options.cwd, options.tsconfig!);
  const file = existsSync(given) && statSync(given).isDirectory() ? join(given, 'tsconfig.json') : given;
  if (!existsSync(file)) throw new AuditSetupError(`--project: no tsconfig at ${options.tsconfig}`);
  return file;
}

function nearestTsconfig(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** An npm or yarn (`workspaces` in package.json) or pnpm (pnpm-workspace.yaml) workspace root. */
function isWorkspaceRoot(folder: string): boolean {
  if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return true;
  try {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { workspaces?: unknown };
    return manifest.workspaces !== undefined;
  } catch {
    return false;
  }
}

interface ParsedTsconfig {
  path: string;
  parsed: TypeScript.ParsedCommandLine;
  fileSet: Set<string>;
}

/**
 * Compiler diagnostics that do not make a tsconfig unusable: it includes no file, either found by its
 * patterns (TS18003, "no inputs") or written as an empty `files` list (TS18002: a tsconfig kept for
 * editor settings, as uptime-kuma has). Its folder's TypeScript files are then linted syntactically.
 */
const BENIGN_TSCONFIG_DIAGNOSTICS = new Set([18002, 18003]);

/**
 * Every tsconfig read once; a broken one (bad JSON, missing extends, invalid option) stops the run,
 * unless it is a side project's (an example's, a website's) met while finding a file's program: see
 * `ownerOf`.
 */
class TsconfigCache {
  readonly #parsed = new Map<string, ParsedTsconfig>();
  readonly #nearest = new Map<string, string | undefined>();
  readonly #unusable = new Set<string>();
  readonly #warn: (message: string) => void;

  constructor(warn: (message: string) => void = () => {}) {
    this.#warn = warn;
  }

  parse(path: string): ParsedTsconfig {
    let entry = this.#parsed.get(path);
    if (!entry) {
      const problems: string[] = [];
      const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(formatDiagnostic(diagnostic)),
      });
      for (const diagnostic of parsed?.errors ?? []) if (!BENIGN_TSCONFIG_DIAGNOSTICS.has(diagnostic.code)) problems.push(formatDiagnostic(diagnostic));
      if (!parsed || problems.length > 0) throw new AuditSetupError(`cannot use ${path}: ${problems.join('; ') || 'unknown error'}`);
      entry = { path, parsed, fileSet: new Set(parsed.fileNames.map((name) => resolve(name))) };
      this.#parsed.set(path, entry);
    }
    return entry;
  }

  /** The tsconfig and every project it references, transitively, each once. */
  tree(path: string): ParsedTsconfig[] {
    const seen = new Set<string>();
    const out: ParsedTsconfig[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const config = this.parse(file);
      out.push(config);
      for (const reference of config.parsed.projectReferences ?? []) {
        const target = existsSync(reference.path) && statSync(reference.path).isDirectory() ? join(reference.path, 'tsconfig.json') : reference.path;
        if (!existsSync(target)) throw new AuditSetupError(`cannot use ${file}: the referenced project ${reference.path} does not exist`);
        visit(target);
      }
    };
    visit(path);
    return out;
  }

  /**
   * The tsconfig whose program a TypeScript file belongs to; `null` when tsconfigs exist above it
   * but none includes it (linted syntactically); `undefined` when there is no tsconfig above it.
   * A tsconfig other than the project's own (`main`) that cannot be used, say an example's that
   * extends a package not installed, is passed over with a one-line warning: its files go to the
   * tsconfig above that includes them, or are linted syntactically, and the rest of the audit stands.
   */
  ownerOf(file: string, explicit: string | undefined, main: string | undefined): ParsedTsconfig | null | undefined {
    if (explicit) return this.tree(explicit).find((config) => config.fileSet.has(file)) ?? null;
    let sawOne = false;
    for (let tsconfig = this.#nearestFrom(dirname(file)); tsconfig; tsconfig = this.#nearestFrom(dirname(dirname(tsconfig)))) {
      sawOne = true;
      const owner = this.#usableTree(tsconfig, main)?.find((config) => config.fileSet.has(file));
      if (owner) return owner;
      if (dirname(dirname(tsconfig)) === dirname(tsconfig)) break;
    }
    return sawOne ? null : undefined;
  }

  #usableTree(tsconfig: string, main: string | undefined): ParsedTsconfig[] | undefined {
    if (this.#unusable.has(tsconfig)) return undefined;
    try {
      return this.tree(tsconfig);
    } catch (error) {
      if (!(error instanceof AuditSetupError) || tsconfig === main) throw error;
      this.#unusable.add(tsconfig);
      this.#warn(`${error.message.replace(/\.$/, '')}; its files are audited with the tsconfig above them that includes them, or without type information`);
      return undefined;
    }
  }

  #nearestFrom(folder: string): string | undefined {
    if (!this.#nearest.has(folder)) this.#nearest.set(folder, nearestTsconfig(folder));
    return this.#nearest.get(folder);
  }
}

function formatDiagnostic(diagnostic: TypeScript.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${text}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1} error TS${diagnostic.code}: ${text}`;
}

/**
 * Collects auditable files under folders, as the defaults and `.gitignore` files allow: symbolic
 * links are followed (each real file and folder once, so a link loop ends), a folder that cannot
 * be listed or a broken link is recorded and the walk goes on.
 */
class Walker {
  readonly unreadable: UnreadableFile[] = [];
  readonly #found = new Map<string, string>();
  readonly #visitedFolders = new Set<string>();

  constructor(
    private readonly includeTests: boolean,
    private readonly notice: (message: string) => void,
  ) {}

  /** Adds one file (by the first path it was met under); returns that path. */
  add(path: string): string {
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // Unreadable files are reported when read.
    }
    if (!this.#found.has(real)) this.#found.set(real, path);
    return this.#found.get(real)!;
  }

  files(): string[] {
    return [...this.#found.values()].sort();
  }

  walk(top: string, accept: (path: string) => boolean = () => true): void {
    const gitignore = new GitignoreRules(findGitRoot(top) ?? top, this.notice);
    const options = { includeTests: this.includeTests };
    const visit = (folder: string): void => {
      let real: string;
      let entries: import('node:fs').Dirent[];
      try {
        real = realpathSync(folder);
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        this.unreadable.push({ file: folder, reason: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
        return;
      }
      if (this.#visitedFolders.has(real)) return;
      this.#visitedFolders.add(real);
      const folders: string[] = [];
      // Files before subfolders: a file reached through a link deeper down keeps its shallower name.
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(folder, entry.name);
        let isFolder = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const target = statSync(path);
            isFolder = target.isDirectory();
            isFile = target.isFile();
          } catch {
            if (isAuditableSource(entry.name)) this.unreadable.push({ file: path, reason: 'broken symbolic link' });
            continue;
          }
        }
        if (isFolder) {
          if (!isExcludedFolder(entry.name, options) && !gitignore.isIgnored(path, true)) folders.push(path);
        } else if (isFile && !isExcludedByDefault(relative(top, path), options) && !gitignore.isIgnored(path) && accept(path)) {
          this.add(path);
        }
      }
      for (const child of folders) visit(child);
    };
    visit(top);
  }

  /** The files under the glob's base folder that the glob (relative to `cwd`) matches. */
  walkGlob(cwd: string, pattern: string): void {
    const base = globBase(cwd, pattern);
    if (!existsSync(base)) return;
    const absolute = resolve(cwd, pattern).split(sep).join('/');
    this.walk(base, (path) => minimatch(path.split(sep).join('/'), absolute, { dot: false }));
  }
}

/**
 * ts-morph, loaded on first use (a --no-type-info run never needs it). ts-morph requires its own copy
 * of the compiler (docs/architecture.md, "The one compiler"); that require is pointed at the `typescript` package the
 * user installed (a peer dependency, the one typescript-eslint reads the program with), whatever its
 * version: one compiler in the process instead of two (44 MB and 0.15 s less), and the program
 * typescript-eslint receives is built by the very module it reads it with (the syntax kinds and
 * flags of two versions differ). ts-morph only builds the program here, which every TypeScript the
 * peer range allows can do (test/package/packed.test.ts audits with TypeScript 5.9).
 */
function loadTsMorph(): typeof TsMorph {
  const require = createRequire(import.meta.url);
  const tsMorphEntry = require.resolve('ts-morph');
  const bundledCompiler = join(dirname(createRequire(tsMorphEntry).resolve('@ts-morph/common')), 'typescript.js');
  // Loaded at this module's start (`ts`), so it is in the cache.
  const typescriptEntry = require.resolve('typescript');
  if (require.cache[bundledCompiler] === undefined) {
    require.cache[bundledCompiler] = require.cache[typescriptEntry];
  }
  return require(tsMorphEntry) as typeof TsMorph;
}

/**
 * One program per tsconfig, so the type check is done once and shared by every file. Only the
 * audited TypeScript files are roots (JavaScript is linted by espree, as a user's eslint would);
 * what they import is pulled in by module resolution, and the tsconfig's declaration files come
 * along for their global types. The program is bound here, where it is built: typescript-estree
 * would otherwise ask for the checker while parsing the first file, and a file too deep for the
 * recursive binder would fail that unrelated file. Such files are found, reported and left out.
 * Returns undefined when the program still cannot be bound (its files are then linted syntactically).
 */
function buildProgram(
  compilerOptions: TypeScript.CompilerOptions,
  files: readonly string[],
  sources: Map<string, string>,
  unreadable: UnreadableFile[],
  declarationFiles: readonly string[],
): TypeScript.Program | undefined {
  const { Project } = loadTsMorph();
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
  const roots: string[] = [];
  for (const file of files) {
    try {
      project.createSourceFile(file, sources.get(file)!, { overwrite: true });
      roots.push(file);
    } catch (error) {
      // The TypeScript parser recurses: absurdly deep nesting overflows the stack. Such a file
      // cannot be in the program, so it is reported instead of linted.
      sources.delete(file);
      unreadable.push({ file, reason: `the TypeScript parser gave up on this file: ${(error as Error).message}` });
    }
  }
  for (const file of declarationFiles) project.addSourceFileAtPathIfExists(file);
  const program = project.getProgram().compilerObject;
  if (bindsCleanly(program)) return program;

  const tooDeep = roots.filter((file) => !bindsAlone(file, sources.get(file)!, compilerOptions));
  // Bound alone, from a shallower stack, a file near the limit can pass: the binder still overflowed
  // in the program, and the file it recursed through is the one with the deepest syntax tree.
  if (tooDeep.length === 0) {
    const deepest = deepestFile(roots, (file) => project.getSourceFile(file)?.compilerNode);
    if (deepest !== undefined) tooDeep.push(deepest);
  }
  for (const file of tooDeep) {
    sources.delete(file);
    unreadable.push({ file, reason: 'too deeply nested for the TypeScript binder (Maximum call stack size exceeded); not audited' });
    const sourceFile = project.getSourceFile(file);
    if (sourceFile) project.removeSourceFile(sourceFile);
  }
  if (tooDeep.length === 0) return undefined;
  const rebuilt = project.getProgram().compilerObject;
  return bindsCleanly(rebuilt) ? rebuilt : undefined;
}

function bindsCleanly(program: TypeScript.Program): boolean {
  try {
    program.getTypeChecker();
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The file whose syntax tree nests deepest (measured without recursion, so it cannot overflow itself). */
export function deepestFile(files: readonly string[], sourceFileOf: (file: string) => TypeScript.SourceFile | undefined): string | undefined {
  let deepest: string | undefined;
  let deepestDepth = -1;
  for (const file of files) {
    const sourceFile = sourceFileOf(file);
    if (!sourceFile) continue;
    let depth = 0;
    const pending: [TypeScript.Node, number][] = [[sourceFile, 0]];
    while (pending.length > 0) {
      const [node, level] = pending.pop()!;
      if (level > depth) depth = level;
      node.forEachChild((child) => {
        pending.push([child, level + 1]);
      });
    }
    if (depth > deepestDepth) {
      deepest = file;
      deepestDepth = depth;
    }
  }
  return deepest;
}

/** Binds a fresh parse of one file on its own: whether this very file overflows the binder. */
function bindsAlone(file: string, text: string, compilerOptions: TypeScript.CompilerOptions): boolean {
  const internal = ts as unknown as { bindSourceFile?: (file: TypeScript.SourceFile, options: TypeScript.CompilerOptions) => void };
  if (typeof internal.bindSourceFile !== 'function') return true;
  try {
    internal.bindSourceFile(ts.createSourceFile(file, text, compilerOptions.target ?? ts.ScriptTarget.ESNext, true), compilerOptions);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

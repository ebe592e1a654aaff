import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type * as TsMorph from 'ts-morph';
import type * as TypeScript from 'typescript';
import { ts } from '../detect/typescript.js';
import { isAuditableSource, isDeclarationFile, isExcludedByDefault, isExcludedFolder, isTypeScriptFile } from './file-set.js';
import { findGitRoot, GitignoreRules } from './gitignore.js';
import { readSource } from './source-reader.js';

/** A problem with how the audit was asked to run (bad path, bad tsconfig): the CLI exits 2. */
export class AuditSetupError extends Error {
  override name = 'AuditSetupError';
}

export interface ProjectOptions {
  /** Folder relative paths are resolved against. */
  cwd: string;
  /** Files and folders to audit; empty: the tsconfig's files, or every source file under `cwd`. */
  paths: readonly string[];
  /** `--project`: a tsconfig file, or a folder holding tsconfig.json. */
  tsconfig?: string;
  includeTests: boolean;
  /** Build the TypeScript program (type-aware linting); false: read the files only. */
  typeInfo: boolean;
}

export interface UnreadableFile {
  file: string;
  reason: string;
}

export interface LoadedProject {
  /** Absolute folder the result's paths are relative to. */
  root: string;
  tsconfigPath: string | undefined;
  /** Absolute paths of the files to lint, sorted, with their text. */
  sources: Map<string, string>;
  /** Files in the set that cannot be audited (binary, not UTF-8, unreadable). */
  unreadable: UnreadableFile[];
  /**
   * The compiler-API program of the whole set (ts-morph builds it; the typescript-eslint parser
   * reuses it for every TS file), when type information was asked for.
   */
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
  const targets = options.paths.map((path) => resolve(options.cwd, path));
  for (const target of targets) {
    if (!existsSync(target)) throw new AuditSetupError(`no such file or folder: ${relative(options.cwd, target) || target}`);
  }
  const tsconfigPath = findTsconfig(options, targets[0]);
  const config = tsconfigPath ? parseTsconfig(tsconfigPath) : undefined;
  const root = tsconfigPath ? dirname(tsconfigPath) : targets[0] ? folderOf(targets[0]) : resolve(options.cwd);

  const files =
    targets.length > 0
      ? walkTargets(targets, options.includeTests)
      : config
        ? filterConfigFiles(config.fileNames, root, options.includeTests)
        : walkTargets([root], options.includeTests);

  const sources = new Map<string, string>();
  const unreadable: UnreadableFile[] = [];
  for (const file of files) {
    const read = readSource(file);
    if (read.ok) sources.set(file, read.text);
    else unreadable.push({ file, reason: read.reason });
  }

  const program = options.typeInfo
    ? buildProgram(config?.options ?? DEFAULT_COMPILER_OPTIONS, sources, unreadable, config?.fileNames.filter(isDeclarationFile) ?? [])
    : undefined;
  return { root, tsconfigPath, sources, unreadable, program };
}

function folderOf(path: string): string {
  return statSync(path).isDirectory() ? path : dirname(path);
}

function findTsconfig(options: ProjectOptions, firstTarget: string | undefined): string | undefined {
  if (options.tsconfig !== undefined) {
    const given = resolve(options.cwd, options.tsconfig);
    const file = existsSync(given) && statSync(given).isDirectory() ? join(given, 'tsconfig.json') : given;
    if (!existsSync(file)) throw new AuditSetupError(`--project: no tsconfig at ${options.tsconfig}`);
    return file;
  }
  for (let dir = firstTarget ? folderOf(firstTarget) : resolve(options.cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function parseTsconfig(path: string): TypeScript.ParsedCommandLine {
  const problems: string[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
  });
  if (!parsed || problems.length > 0) throw new AuditSetupError(`cannot read ${path}: ${problems.join('; ') || 'unknown error'}`);
  return parsed;
}

/** The tsconfig's own file list, less what the audit skips by default and what git ignores. */
function filterConfigFiles(fileNames: readonly string[], root: string, includeTests: boolean): string[] {
  const gitignore = new GitignoreRules(findGitRoot(root) ?? root);
  return fileNames
    .map((file) => resolve(file))
    .filter((file) => !isExcludedByDefault(relative(root, file), { includeTests }) && !gitignore.isIgnored(file))
    .sort();
}

/**
 * Every auditable file under the given files and folders. A file named explicitly is audited even
 * when the defaults would skip it; inside a folder, the defaults apply relative to that folder and
 * `.gitignore` files apply as git would apply them.
 */
function walkTargets(targets: readonly string[], includeTests: boolean): string[] {
  const found = new Set<string>();
  for (const target of targets) {
    if (!statSync(target).isDirectory()) {
      if (isAuditableSource(target)) found.add(target);
      continue;
    }
    const gitignore = new GitignoreRules(findGitRoot(target) ?? target);
    const visit = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!isExcludedFolder(entry.name, { includeTests }) && !gitignore.isIgnored(path, true)) visit(path);
        } else if (entry.isFile() && !isExcludedByDefault(relative(target, path), { includeTests }) && !gitignore.isIgnored(path)) {
          found.add(path);
        }
      }
    };
    visit(target);
  }
  return [...found].sort();
}

/**
 * ts-morph, loaded on first use (a --no-type-info run never needs it). ts-morph requires its own copy
 * of the compiler, which for the pinned version is byte for byte the `typescript` package
 * (docs/architecture.md, "The one compiler"). When the versions agree, that require is pointed at the package already loaded: one
 * compiler in the process instead of two (44 MB and 0.15 s less), and the program typescript-eslint
 * receives is built by the very module it reads it with. Another version is left alone.
 */
function loadTsMorph(): typeof TsMorph {
  const require = createRequire(import.meta.url);
  const tsMorphEntry = require.resolve('ts-morph');
  const bundledCompiler = join(dirname(createRequire(tsMorphEntry).resolve('@ts-morph/common')), 'typescript.js');
  const typescriptEntry = require.resolve('typescript');
  if (require.cache[bundledCompiler] === undefined && bundledVersion(bundledCompiler) === ts.version) {
    require.cache[bundledCompiler] = require.cache[typescriptEntry];
  }
  return require(tsMorphEntry) as typeof TsMorph;
}

/** The `version` a bundled copy of the compiler declares near its top, without loading it. */
function bundledVersion(file: string): string | undefined {
  let head = '';
  try {
    const descriptor = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(256 * 1024);
      head = buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return undefined;
  }
  return /\bvar version = "([^"]+)";/.exec(head)?.[1];
}

/**
 * One program for the whole set, so the type check is done once and shared by every file. Only
 * TypeScript files are roots (JavaScript is linted by espree, as a user's eslint would); what they
 * import is pulled in by module resolution, and the tsconfig's declaration files come along for
 * their global types.
 */
function buildProgram(
  compilerOptions: TypeScript.CompilerOptions,
  sources: Map<string, string>,
  unreadable: UnreadableFile[],
  declarationFiles: readonly string[],
): TypeScript.Program {
  const { Project } = loadTsMorph();
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
  for (const [file, text] of sources) {
    if (!isTypeScriptFile(file)) continue;
    try {
      project.createSourceFile(file, text, { overwrite: true });
    } catch (error) {
      // The TypeScript parser recurses: absurdly deep nesting overflows the stack. Such a file
      // cannot be in the program, so it is reported instead of linted.
      sources.delete(file);
      unreadable.push({ file, reason: `the TypeScript parser gave up on this file: ${(error as Error).message}` });
    }
  }
  for (const file of declarationFiles) project.addSourceFileAtPathIfExists(file);
  return project.getProgram().compilerObject;
}

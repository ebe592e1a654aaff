import type { TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import { readFileSync, statSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { linkParents } from '../ast/walk.js';
import { parseTypeScriptSource } from './typescript-exports.js';

/**
 * Another file of the project, read from disk without types: the one cache every cross-file question
 * of the syntactic mode reads (project-modules' export following, promises' per-file analysis,
 * project-functions' helpers). It is never linted here, only read. Three things are kept per version
 * of a file (its modification time and size):
 * - its summary (`fileSummary`): answers about its exports, small and kept for many files, so a
 *   question asked again costs no parse;
 * - its bare program (`moduleProgram`): typescript-estree's AST without tokens, comments, scopes or
 *   parents, what a summary is computed from, kept for a few files;
 * - its full parse (`projectFile`): for the questions only the file's own analysis answers (scopes,
 *   parents), kept for a few files.
 */

type Parser = typeof import('@typescript-eslint/parser');
export type ParseResult = ReturnType<Parser['parseForESLint']>;

/** A module's program and the file it was read from: what following its exports needs. */
export interface ModuleProgram {
  fileName: string;
  program: TSESTree.Program;
}

/** A parsed project file: its text and what typescript-eslint's parser made of it (`ast` has parents set). */
export interface ProjectFile extends ModuleProgram {
  text: string;
  parsed: ParseResult;
}

/**
 * How many fully parsed files are kept (the least recently used goes first). Each holds its tokens,
 * scopes and analysis: 256 made the syntactic lint's peak RSS in `npm run bench -- lint` nearly three
 * times the baseline's. Most questions are answered by summaries, so few files need their full parse,
 * and those are asked about by the files near the one being linted.
 */
const MAX_PROJECT_FILES = 16;
/** How many bare programs are kept: a summary is filled while the files near the linted one are asked about. */
const MAX_MODULE_PROGRAMS = 16;
/** How many files' summaries are kept: each holds a few answers, no AST. */
const MAX_FILE_SUMMARIES = 8192;
/** Generated bundles are not the project's hand-written code, and parsing them costs more than it tells. */
const MAX_PROJECT_FILE_SIZE = 512 * 1024;

const requireModule = createRequire(import.meta.url);

/** What is kept of one version of a file, least recently used first. */
class VersionedCache<T> {
  private readonly entries = new Map<string, { mtimeMs: number; size: number; value: T }>();
  private valuesMade = 0;
  constructor(private readonly limit: number) {}

  /** How many values it made (for a parse cache: how many files it read and parsed). */
  get made(): number {
    return this.valuesMade;
  }

  /**
   * The value kept for the current version of `fileName`, or made by `make` (null when the file cannot
   * be read). With `lint`, the version is the one this lint has seen (see `versionIn`).
   */
  get(fileName: string, make: (size: number) => T, lint?: LintOfFile): T | null {
    const stat = lint === undefined ? versionOnDisk(fileName) : versionIn(lint, fileName);
    if (stat === null) return null;
    const cached = this.entries.get(fileName);
    this.entries.delete(fileName);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      // Least recently used goes first: a module every file imports (a logger, a config) stays kept.
      this.entries.set(fileName, cached);
      return cached.value;
    }
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    const value = make(stat.size);
    if (value !== null) this.valuesMade++;
    this.entries.set(fileName, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  }
}

type Version = Pick<Stats, 'mtimeMs' | 'size'>;

function versionOnDisk(fileName: string): Version | null {
  try {
    return statSync(fileName);
  } catch {
    return null;
  }
}

/**
 * The lint of one file, named by that file's Program (a new one per lint: ESLint parses each time). Its
 * questions about other files ask the same few of them again and again (each import's summary, for
 * every call of it); within one lint each other file is seen at one version, stat'ed once.
 */
export type LintOfFile = TSESTree.Program;
const versionsSeen = new WeakMap<LintOfFile, Map<string, Version | null>>();

function versionIn(lint: LintOfFile, fileName: string): Version | null {
  let seen = versionsSeen.get(lint);
  if (!seen) {
    seen = new Map();
    versionsSeen.set(lint, seen);
  }
  let version = seen.get(fileName);
  if (version === undefined) {
    version = versionOnDisk(fileName);
    seen.set(fileName, version);
  }
  return version;
}

const projectFiles = new VersionedCache<ProjectFile | null>(MAX_PROJECT_FILES);
const modulePrograms = new VersionedCache<ModuleProgram | null>(MAX_MODULE_PROGRAMS);
const fileSummaries = new VersionedCache<Map<string, unknown>>(MAX_FILE_SUMMARIES);
const typescriptSources = new VersionedCache<TypeScript.SourceFile | null>(MAX_MODULE_PROGRAMS);
/** How many parsed dependency files are kept: a question reads one or two, and the same few packages are asked about again. */
const MAX_DEPENDENCY_FILES = 8;
const dependencyFiles = new VersionedCache<ProjectFile | null>(MAX_DEPENDENCY_FILES);

/** How many other files this process has parsed (project files fully and bare, and dependencies' JavaScript): what `npm run bench -- lint` prints beside its figures. */
export function crossFileParses(): { full: number; bare: number; typescript: number; dependency: number } {
  return { full: projectFiles.made, bare: modulePrograms.made, typescript: typescriptSources.made, dependency: dependencyFiles.made };
}

/** The project file `fileName` (of `size` bytes) parsed by `parse`; null when it is too large to be hand-written, cannot be read, or does not parse. */
function parsedFile<T>(fileName: string, size: number, parse: (text: string) => T): T | null {
  if (size > MAX_PROJECT_FILE_SIZE) return null;
  try {
    return parse(readFileSync(fileName, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * `text` parsed as the file `fileName` with typescript-eslint's parser (already loaded by the linter
 * that runs the rules), tokens, comments and scopes included, parents set. With `program` (the
 * TypeScript program that holds the file) its SourceFile is converted instead of parsed again.
 * Throws when the text does not parse.
 */
export function parseProjectText(text: string, fileName: string, program?: TypeScript.Program): ParseResult {
  const parser = requireModule('@typescript-eslint/parser') as Parser;
  const parsed = parser.parseForESLint(text, {
    ...(program === undefined ? {} : { programs: [program] }),
    filePath: fileName,
    range: true,
    loc: true,
    tokens: true,
    comment: true,
    ecmaVersion: 'latest',
    sourceType: fileName.endsWith('.cjs') ? 'script' : 'module',
    ecmaFeatures: { jsx: /x$/.test(fileName) },
  });
  linkParents(parsed.ast);
  return parsed;
}

/** The project file at the absolute path `fileName`, parsed; null when it cannot be read or parsed, or is too large to be hand-written. */
export function projectFile(fileName: string, lint?: LintOfFile): ProjectFile | null {
  return projectFiles.get(
    fileName,
    (size) =>
      parsedFile(fileName, size, (text) => {
        const parsed = parseProjectText(text, fileName);
        return { fileName, text, parsed, program: parsed.ast };
      }),
    lint,
  );
}

/**
 * A dependency's JavaScript file (dependency-code finds and trusts it), parsed as `projectFile` parses
 * a project file, in a cache of its own (its own count); null when it cannot be read, does not parse,
 * or is larger than MAX_DEPENDENCY_FILE_SIZE (a bundle).
 */
export function dependencyFile(fileName: string): ProjectFile | null {
  return dependencyFiles.get(fileName, (size) =>
    size > MAX_DEPENDENCY_FILE_SIZE
      ? null
      : parsedFile(fileName, size, (text) => {
          const parsed = parseProjectText(text, fileName);
          return { fileName, text, parsed, program: parsed.ast };
        }),
  );
}
/** A dependency file larger than this is a bundle: reading it costs more than it tells. */
export const MAX_DEPENDENCY_FILE_SIZE = 256 * 1024;

type Estree = typeof import('@typescript-eslint/typescript-estree');

/**
 * The program of the project file `fileName` as typescript-estree parses it bare (ranges only: no
 * tokens, comments, locations, scopes or parents): cheaper to make and to keep than a full parse. Null as for `projectFile`.
 */
export function moduleProgram(fileName: string): ModuleProgram | null {
  return modulePrograms.get(fileName, (size) =>
    parsedFile(fileName, size, (text) => {
      const estree = requireModule('@typescript-eslint/typescript-estree') as Estree;
      return { fileName, program: estree.parse(text, { filePath: fileName, range: true, loc: false, jsx: /x$/.test(fileName) }) as TSESTree.Program };
    }),
  );
}

/**
 * The project file `fileName` as TypeScript itself parses it (no ESTree conversion, no JSDoc, no
 * parents): what typescript-exports reads a plain export from. Null as for `projectFile`, and when it
 * has syntax errors.
 */
export function typescriptSource(fileName: string): TypeScript.SourceFile | null {
  return typescriptSources.get(fileName, (size) => parsedFile(fileName, size, (text) => parseTypeScriptSource(fileName, text)));
}

/**
 * The text of the project file `fileName`, read from disk each time (what is learnt from it belongs in
 * its summary); null when it cannot be read or is too large to be hand-written. Enough for a text
 * screen that spares a parse.
 */
export function projectFileText(fileName: string): string | null {
  try {
    const bytes = readFileSync(fileName);
    return bytes.length > MAX_PROJECT_FILE_SIZE ? null : bytes.toString('utf8');
  } catch {
    return null;
  }
}

/**
 * The summary of the current version of the project file `fileName`: small answers about it, keyed by
 * the question (promises' `exportReturns`, keep-alive's handler and module specifiers), kept without
 * any AST; null when the file cannot be read.
 */
export function fileSummary(fileName: string, lint?: LintOfFile): Map<string, unknown> | null {
  return fileSummaries.get(fileName, () => new Map(), lint);
}

/**
 * The answer to one question about the current version of the project file `fileName`, computed once
 * per version and kept in its summary under `key`; `unreadable` when the file cannot be read.
 */
export function summaryAnswer<T>(fileName: string, key: string, unreadable: T, answer: () => T, lint?: LintOfFile): T {
  const summary = fileSummary(fileName, lint);
  if (!summary) return unreadable;
  if (!summary.has(key)) summary.set(key, answer());
  return summary.get(key) as T;
}

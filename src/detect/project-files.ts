import type { TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { childNodes, walk } from '../ast/walk.js';

/**
 * Another file of the project, read from disk without types and parsed once per version (its
 * modification time and size): the one cache every cross-file question of the syntactic mode reads
 * (project-modules' export following, promises' per-file analysis, project-functions' helpers). It is
 * never linted here, only read.
 */

type Parser = typeof import('@typescript-eslint/parser');
export type ParseResult = ReturnType<Parser['parseForESLint']>;

/** A parsed project file: its text and what typescript-eslint's parser made of it (`ast` has parents set). */
export interface ProjectFile {
  fileName: string;
  text: string;
  parsed: ParseResult;
}

/**
 * How many parsed files are kept (the least recently used goes first). Linting visits a project's
 * files in order and imports are mostly local, so a small cache keeps nearly every hit, and each kept
 * file holds its tokens, scopes and analysis: 256 made the syntactic lint's peak RSS in
 * `npm run bench -- lint` nearly three times the baseline's.
 */
const MAX_PROJECT_FILES = 64;
/** Generated bundles are not the project's hand-written code, and parsing them costs more than it tells. */
const MAX_PROJECT_FILE_SIZE = 512 * 1024;

const requireModule = createRequire(import.meta.url);
const projectFiles = new Map<string, { mtimeMs: number; size: number; file: ProjectFile | null }>();

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
  // ESLint sets `parent` while it traverses a file it lints; this file is not linted here.
  walk(parsed.ast, (node) => {
    for (const child of childNodes(node)) (child as { parent?: TSESTree.Node }).parent = node;
  });
  return parsed;
}

/** The project file at the absolute path `fileName`, parsed; null when it cannot be read or parsed, or is too large to be hand-written. */
export function projectFile(fileName: string): ProjectFile | null {
  let stat;
  try {
    stat = statSync(fileName);
  } catch {
    return null;
  }
  const cached = projectFiles.get(fileName);
  projectFiles.delete(fileName);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
    // Least recently used goes first: a module every file imports (a logger, a config) stays parsed.
    projectFiles.set(fileName, cached);
    return cached.file;
  }
  if (projectFiles.size >= MAX_PROJECT_FILES) projectFiles.delete(projectFiles.keys().next().value!);
  let file: ProjectFile | null = null;
  if (stat.size <= MAX_PROJECT_FILE_SIZE) {
    try {
      const text = readFileSync(fileName, 'utf8');
      file = { fileName, text, parsed: parseProjectText(text, fileName) };
    } catch {
      file = null;
    }
  }
  projectFiles.set(fileName, { mtimeMs: stat.mtimeMs, size: stat.size, file });
  return file;
}

import { relative, sep } from 'node:path';
import type { FileOutcome } from './cache.js';
import type { RuleSettings } from './eslint-config.js';
import { runOnThreads, threadEntry } from './thread-pool.js';

/** A file to lint on a thread: absolute path, text, and its rules from the project's ESLint config. */
export type ThreadFile = [file: string, text: string, rules: RuleSettings];

/** What each thread starts with: the project's root, and how many files the audit lints on threads (its heap policy's run size). */
export interface LintWorkerData {
  root: string;
  files: number;
}

/** Files sent to a thread at once: absolute path, path relative to the root, text, rules. */
export type LintBatch = [file: string, relativeFile: string, text: string, rules: RuleSettings][];

/**
 * Lints the files on `threads` worker threads (src/audit/lint-worker.ts) and passes each outcome to
 * `record` as it comes. A thread that dies (out of memory, say) costs only its batch: those files
 * become errors saying so, and the others go on. Returns the files no thread was left to lint (every
 * thread died), for the caller to lint itself: nothing is lost.
 */
export async function lintOnThreads(
  files: readonly ThreadFile[],
  threads: number,
  root: string,
  record: (file: string, outcome: FileOutcome) => void,
): Promise<ThreadFile[]> {
  const left = await runOnThreads<LintBatch[number], [string, FileOutcome]>({
    entry: threadEntry(import.meta.url, 'audit/lint-worker.js'),
    workerData: { root, files: files.length } satisfies LintWorkerData,
    items: files.map(([file, text, rules]) => [file, relative(root, file).split(sep).join('/'), text, rules]),
    threads,
    batchSize: 16,
    onResult: ([file, outcome]) => record(file, outcome),
    onLost: ([file], reason) => record(file, { ok: false, line: 1, column: 1, message: `internal error while auditing: the lint thread stopped (${reason})` }),
  });
  return left.map(([file, , text, rules]) => [file, text, rules]);
}

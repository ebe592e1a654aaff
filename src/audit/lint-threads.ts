import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-info.js';
import type { FileOutcome } from './cache.js';
import type { RuleSettings } from './eslint-config.js';

/** A file to lint on a thread: absolute path, text, and its rules from the project's ESLint config. */
export type ThreadFile = [file: string, text: string, rules: RuleSettings];

/** Files sent to a thread at once: absolute path, path relative to the root, text, rules. */
export type LintBatch = [file: string, relativeFile: string, text: string, rules: RuleSettings][];

/** Small enough to keep every thread busy to the end, large enough that messaging costs nothing. */
const FILES_PER_BATCH = 16;

/**
 * The thread's entry module. Built, it sits beside this one; run from source (the tests), the built
 * copy is used, since a worker thread cannot load TypeScript.
 */
function workerEntry(): URL {
  const beside = new URL('./lint-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(packageRoot, 'dist', 'src', 'audit', 'lint-worker.js'));
}

/**
 * Lints the files on `threads` worker threads, handing out batches as threads become free, and
 * passes each outcome to `record` as it comes. A thread that dies (out of memory, say) costs only its
 * batch: those files become errors saying so, and the others go on. Returns the files no thread was
 * left to lint (every thread died), for the caller to lint itself: nothing is lost.
 */
export async function lintOnThreads(
  files: readonly ThreadFile[],
  threads: number,
  root: string,
  record: (file: string, outcome: FileOutcome) => void,
): Promise<ThreadFile[]> {
  const queue: LintBatch[] = [];
  for (let i = 0; i < files.length; i += FILES_PER_BATCH) {
    queue.push(files.slice(i, i + FILES_PER_BATCH).map(([file, text, rules]) => [file, relative(root, file).split(sep).join('/'), text, rules]));
  }
  const workerCount = Math.min(threads, queue.length);
  await Promise.all(Array.from({ length: workerCount }, () => runThread(queue, root, record)));
  return queue.flat().map(([file, , text, rules]) => [file, text, rules]);
}

function runThread(queue: LintBatch[], root: string, record: (file: string, outcome: FileOutcome) => void): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(workerEntry(), { workerData: { root } });
    let current: LintBatch | undefined;
    const next = (): void => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else worker.terminate().then(() => resolve(), () => resolve());
    };
    worker.on('message', (outcomes: [string, FileOutcome][]) => {
      for (const [file, outcome] of outcomes) record(file, outcome);
      next();
    });
    const lose = (reason: string): void => {
      for (const [file] of current ?? []) {
        record(file, { ok: false, line: 1, column: 1, message: `internal error while auditing: the lint thread stopped (${reason})` });
      }
      current = undefined;
      resolve();
    };
    worker.on('error', (error) => lose(error.message.split('\n')[0] ?? 'error'));
    worker.on('exit', (code) => {
      if (current) lose(`exit code ${code}`);
    });
    next();
  });
}

import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-info.js';
import type { FileOutcome } from './cache.js';
import type { ConfigName } from './linting.js';

export interface LintThreadSetup {
  root: string;
  config: ConfigName;
}

/** Files sent to a thread at once: absolute path, path relative to the root, text. */
export type LintBatch = [string, string, string][];

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
  files: readonly [string, string][],
  threads: number,
  setup: LintThreadSetup,
  record: (file: string, outcome: FileOutcome) => void,
): Promise<[string, string][]> {
  const queue: LintBatch[] = [];
  for (let i = 0; i < files.length; i += FILES_PER_BATCH) {
    queue.push(files.slice(i, i + FILES_PER_BATCH).map(([file, text]) => [file, relative(setup.root, file).split(sep).join('/'), text]));
  }
  const workerCount = Math.min(threads, queue.length);
  await Promise.all(Array.from({ length: workerCount }, () => runThread(queue, setup, record)));
  return queue.flat().map(([file, , text]) => [file, text]);
}

function runThread(queue: LintBatch[], setup: LintThreadSetup, record: (file: string, outcome: FileOutcome) => void): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(workerEntry(), { workerData: setup });
    let current: LintBatch | undefined;
    const next = (): void => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else void worker.terminate().then(() => resolve(), () => resolve());
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

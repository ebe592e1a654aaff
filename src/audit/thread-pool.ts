import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-info.js';

/**
 * A thread's entry module, `dist/src/<path>` (say `audit/lint-worker.js`). Built, the caller sits
 * beside it; run from source (the tests), the built copy is used, since a worker thread cannot load
 * TypeScript.
 */
export function threadEntry(callerUrl: string, path: string): URL {
  const beside = new URL(`./${path.split('/').at(-1)}`, callerUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(packageRoot, 'dist', 'src', ...path.split('/')));
}

export interface ThreadPoolRun<Item, Result> {
  /** The thread's entry module (`threadEntry`); it answers each batch of items with one result per item. */
  entry: URL;
  workerData: unknown;
  items: readonly Item[];
  threads: number;
  /** Small enough to keep every thread busy to the end, large enough that messaging costs nothing. */
  batchSize: number;
  onResult: (result: Result) => void;
  /** An item whose thread died before answering (out of memory, say), with why. */
  onLost: (item: Item, reason: string) => void;
}

/**
 * Runs the items on worker threads, handing out batches as threads become free, and passes each
 * result to `onResult` as it comes. A thread that dies costs only its batch (`onLost`), and the
 * others go on. Returns the items no thread was left to run (every thread died), for the caller to
 * run itself: nothing is lost.
 */
export async function runOnThreads<Item, Result>(run: ThreadPoolRun<Item, Result>): Promise<Item[]> {
  const queue: Item[][] = [];
  for (let i = 0; i < run.items.length; i += run.batchSize) queue.push(run.items.slice(i, i + run.batchSize));
  const workerCount = Math.min(run.threads, queue.length);
  await Promise.all(Array.from({ length: workerCount }, () => runThread(queue, run)));
  return queue.flat();
}

function runThread<Item, Result>(queue: Item[][], run: ThreadPoolRun<Item, Result>): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(run.entry, { workerData: run.workerData });
    let current: Item[] | undefined;
    const next = (): void => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else worker.terminate().then(() => resolve(), () => resolve());
    };
    worker.on('message', (results: Result[]) => {
      for (const result of results) run.onResult(result);
      next();
    });
    const lose = (reason: string): void => {
      for (const item of current ?? []) run.onLost(item, reason);
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

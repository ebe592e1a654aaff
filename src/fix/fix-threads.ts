import { runOnThreads, threadEntry } from '../audit/thread-pool.js';
import type { RuleId } from '../catalogue/rules.js';
import type { ConfigName } from '../audit/linting.js';
import type { FileFixResult } from './transform.js';

/** What every thread needs to rewrite a file as the main thread would (`fixSource`'s options, without a program). */
export interface FixThreadSettings {
  root: string;
  rules: readonly RuleId[] | undefined;
  config: ConfigName | undefined;
  runtimeImport: string | undefined;
}

/** A file's rewrite, or the error `fixSource` threw on it. */
export type FixOutcome = { ok: true; fixed: FileFixResult } | { ok: false; message: string };

/**
 * `fix --concurrency n`: computes each file's rewrite (`fixSource`, syntactic) on n worker threads
 * (src/fix/fix-worker.ts) and passes it to `record`; the caller writes nothing until every file is
 * back, and then in its own order, so the result and the writes are those of one thread. A thread
 * that dies costs only its batch (an error per file). Returns the files no thread was left to do.
 */
export function fixOnThreads(
  files: readonly [string, string][],
  threads: number,
  settings: FixThreadSettings,
  record: (path: string, outcome: FixOutcome) => void,
): Promise<[string, string][]> {
  return runOnThreads<[string, string], [string, FixOutcome]>({
    entry: threadEntry(import.meta.url, 'fix/fix-worker.js'),
    workerData: settings,
    items: files,
    threads,
    // A rewrite costs more than a lint (up to four passes, recast's printing): smaller batches.
    batchSize: 8,
    onResult: ([path, outcome]) => record(path, outcome),
    onLost: ([path], reason) => record(path, { ok: false, message: `internal error while fixing: the fix thread stopped (${reason})` }),
  });
}

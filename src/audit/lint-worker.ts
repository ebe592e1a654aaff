// One lint thread of `--concurrency`: lints the batches of files lint-threads.ts sends, each with its
// rules from the project's ESLint config and the audit's risk model, and posts each outcome back. Each
// thread has a heap of its own, kept by the audit's heap policy as the main thread's is.
import { parentPort, workerData } from 'node:worker_threads';
import { riskModel } from '../risk/model.js';
import { lintFile } from './lint-file.js';
import type { LintBatch, LintWorkerData } from './lint-threads.js';
import { collectorAfterEachFile } from './heap.js';
import { auditConfig, FileLinter } from './linting.js';

/** Serves batches until the audit ends the thread; one linter per distinct rule settings, as the main thread keeps. */
function serve(root: string, files: number): void {
  const linters = new Map<string, FileLinter>();
  const afterEachFile = collectorAfterEachFile(files);
  parentPort!.on('message', (batch: LintBatch) => {
    parentPort!.postMessage(
      batch.map(([file, relativeFile, text, rules]) => {
        const key = JSON.stringify(rules);
        let linter = linters.get(key);
        if (!linter) {
          linter = new FileLinter(root, auditConfig(rules, undefined));
          linters.set(key, linter);
        }
        const outcome = lintFile(linter, { riskModel }, file, text, relativeFile);
        afterEachFile?.();
        return [file, outcome];
      }),
    );
  });
}

const { root, files } = workerData as LintWorkerData;
serve(root, files);

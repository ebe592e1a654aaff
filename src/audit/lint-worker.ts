// One lint thread of `--concurrency`: lints the batches of files lint-threads.ts sends, with the same
// config and risk model as the main thread, and posts each file's outcome back.
import { parentPort, workerData } from 'node:worker_threads';
import { riskModel } from '../risk/model.js';
import { lintFile } from './lint-file.js';
import { auditConfig, FileLinter } from './linting.js';
import type { LintBatch, LintThreadSetup } from './lint-threads.js';

const setup = workerData as LintThreadSetup;
const linter = new FileLinter(setup.root, auditConfig(setup.config, undefined));

parentPort!.on('message', (batch: LintBatch) => {
  parentPort!.postMessage(batch.map(([file, relativeFile, text]) => [file, lintFile(linter, { riskModel }, file, text, relativeFile)]));
});

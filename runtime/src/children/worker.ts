import type { Worker } from 'node:worker_threads';
import type { ChildSpec, RestartType, Shutdown } from '../types.js';

/**
 * `supervise.worker(id, () => new Worker(...))`: a worker thread with an owner.
 *
 * Every `'exit'` ends the child, code 0 included (a worker that returns is done, as OTP's normal
 * exit). Exit code 0 with no `'error'` is a normal exit; a non-zero code or an `'error'` event is a
 * crash, restarted or not according to the restart type. Stopping calls `terminate()`, which really
 * ends the thread; the exit it causes is the stop, not a crash. The factory runs on every (re)start.
 *
 * Only the `Worker` type is imported: the runtime never loads `node:worker_threads` by itself.
 */
export interface WorkerOptions {
  /**
   * Default 'transient': restarted after a crash, but a worker that finishes its job (exit 0) is done,
   * not started again (a rewritten one-shot `new Worker(...)` must not loop).
   */
  restart?: RestartType;
  shutdown?: Shutdown;
}

export interface WorkerState {
  readonly id: string;
  /** The running Worker, or undefined between an exit and the next start. */
  readonly worker: Worker | undefined;
}

export function workerChild(
  id: string,
  create: () => Worker,
  options: WorkerOptions = {},
): { spec: ChildSpec; state: WorkerState } {
  let current: Worker | undefined;
  const spec: ChildSpec = {
    id,
    restart: options.restart ?? 'transient',
    shutdown: options.shutdown ?? 5000,
    start() {
      const worker = create();
      current = worker;
      let stopping = false;
      let failure: unknown;
      const done = new Promise<void>((resolve, reject) => {
        // The listener stays for the worker's life: an 'error' with no listener would be thrown.
        worker.on('error', (error) => {
          failure ??= error;
        });
        worker.once('exit', (code) => {
          if (current === worker) current = undefined;
          if (stopping || (code === 0 && failure === undefined)) resolve();
          else reject(failure ?? new Error(`worker '${id}' exited with code ${code}`));
        });
      });
      return {
        done,
        stop: async () => {
          stopping = true;
          await worker.terminate();
        },
      };
    },
  };
  const state: WorkerState = {
    id,
    get worker() {
      return current;
    },
  };
  return { spec, state };
}

/**
 * `supervise.worker(id, () => new Worker(...))`: a worker thread with an owner.
 *
 * Every `'exit'` ends the child, code 0 included (a worker that returns is done, as OTP's normal
 * exit). Exit code 0 with no `'error'` is a normal exit; a non-zero code or an `'error'` event is a
 * crash, restarted or not according to the restart type. Stopping calls `terminate()`, which really
 * ends the thread; the exit it causes is the stop, not a crash. The factory runs on every (re)start.
 *
 * Only the `Worker` type is imported: the runtime never loads `node:worker_threads` by itself.
 *
 * @module children/worker
 */

import type { Readable, Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { activeChaos } from '../chaos.js';
import type { ChildSpec, RestartType, Shutdown } from '../types.js';

export interface WorkerOptions {
  /**
   * Default 'transient': restarted after a crash, but a worker that finishes its job (exit 0) is done,
   * not started again (a rewritten one-shot `new Worker(...)` must not loop).
   */
  restart?: RestartType;
  shutdown?: Shutdown;
}

type Listener = (...args: any[]) => void;

/**
 * The handle stands in for the Worker it supervises, so code rewritten from `const w = new Worker(...)`
 * to `const w = supervise.worker(id, () => new Worker(...))` keeps working: messages go to the worker
 * running now, and listeners added on the handle are attached to every worker the child starts, so
 * they survive restarts. `terminate()` stops the child (no restart) and resolves the exit code, as
 * `Worker.terminate()` does. As on a Worker, `postMessage` never throws: a message sent before the
 * first worker runs is delivered to it, one sent while no worker runs (after the child ended, or
 * between a crash and its restart) is dropped, as a Worker that exited drops it.
 */
export interface WorkerState {
  readonly id: string;
  /** The running Worker, or undefined between an exit and the next start. */
  readonly worker: Worker | undefined;
  /** The running worker's thread id, -1 when none runs (as a terminated Worker reports). */
  readonly threadId: number;
  /** Sends to the running worker (see above for when none runs). */
  postMessage(value: unknown, transferList?: readonly any[]): void;
  /** The running worker's streams (undefined while none runs); a restarted worker has new ones. */
  readonly stdout: Readable | undefined;
  readonly stderr: Readable | undefined;
  readonly stdin: Writable | null | undefined;
  /** Calls the listeners added on the handle (through the running worker, if any). */
  emit(event: string, ...args: unknown[]): boolean;
  /** Listeners added on the handle for `event`. */
  listenerCount(event: string): number;
  removeAllListeners(event?: string): WorkerState;
  on(event: string, listener: Listener): WorkerState;
  addListener(event: string, listener: Listener): WorkerState;
  once(event: string, listener: Listener): WorkerState;
  off(event: string, listener: Listener): WorkerState;
  removeListener(event: string, listener: Listener): WorkerState;
  ref(): void;
  unref(): void;
}

export function workerChild(
  id: string,
  create: () => Worker,
  options: WorkerOptions = {},
): { spec: ChildSpec; state: WorkerState; lastExitCode(): number | undefined } {
  let current: Worker | undefined;
  let exitCode: number | undefined;
  /** Messages sent before the first worker runs; undefined once it did. */
  let beforeFirstStart: { value: unknown; transferList: readonly any[] | undefined }[] | undefined = [];
  let keepsProcessAlive = true;
  /** Listeners added on the handle: `once` ones are dropped after their first call, on any worker. */
  const listeners: { event: string; listener: Listener; attached: Listener; once: boolean }[] = [];
  const attach = (worker: Worker, entry: (typeof listeners)[number]): void => {
    worker.on(entry.event, entry.attached);
  };
  const spec: ChildSpec = {
    id,
    restart: options.restart ?? 'transient',
    shutdown: options.shutdown ?? 5000,
    start() {
      const worker = create();
      current = worker;
      for (const entry of listeners) attach(worker, entry);
      const early = beforeFirstStart ?? [];
      beforeFirstStart = undefined;
      for (const message of early) worker.postMessage(message.value, message.transferList as any);
      if (!keepsProcessAlive) worker.unref();
      let stopping = false;
      let failure: unknown;
      const done = new Promise<void>((resolve, reject) => {
        // The listener stays for the worker's life: an 'error' with no listener would be thrown.
        worker.on('error', (error) => {
          failure ??= error;
        });
        worker.once('exit', (code) => {
          exitCode = code;
          if (current === worker) current = undefined;
          if (stopping || (code === 0 && failure === undefined)) resolve();
          else reject(failure ?? new Error(`worker '${id}' exited with code ${code}`));
        });
      });
      activeChaos?.started('worker', id, (error) => {
        failure ??= error;
        void worker.terminate();
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
  const addListener = (event: string, listener: Listener, once: boolean): WorkerState => {
    const entry = { event, listener, once, attached: listener };
    if (once) {
      entry.attached = (...args: unknown[]) => {
        removeListener(event, listener);
        listener(...args);
      };
    }
    listeners.push(entry);
    if (current) attach(current, entry);
    return state;
  };
  const removeListener = (event: string, listener: Listener): WorkerState => {
    const index = listeners.findIndex((entry) => entry.event === event && entry.listener === listener);
    if (index !== -1) {
      const [entry] = listeners.splice(index, 1);
      current?.off(event, entry!.attached);
    }
    return state;
  };
  const state: WorkerState = {
    id,
    get worker() {
      return current;
    },
    get threadId() {
      return current?.threadId ?? -1;
    },
    postMessage(value, transferList) {
      if (current) current.postMessage(value, transferList as any);
      else beforeFirstStart?.push({ value, transferList });
    },
    get stdout() {
      return current?.stdout;
    },
    get stderr() {
      return current?.stderr;
    },
    get stdin() {
      return current?.stdin;
    },
    emit(event, ...args) {
      if (current) return current.emit(event, ...args);
      const matching = listeners.filter((entry) => entry.event === event);
      for (const entry of matching) entry.attached(...args);
      return matching.length > 0;
    },
    listenerCount(event) {
      return listeners.filter((entry) => entry.event === event).length;
    },
    removeAllListeners(event) {
      for (const entry of listeners.filter((candidate) => event === undefined || candidate.event === event)) {
        removeListener(entry.event, entry.listener);
      }
      return state;
    },
    on: (event, listener) => addListener(event, listener, false),
    addListener: (event, listener) => addListener(event, listener, false),
    once: (event, listener) => addListener(event, listener, true),
    off: removeListener,
    removeListener,
    ref() {
      keepsProcessAlive = true;
      current?.ref();
    },
    unref() {
      keepsProcessAlive = false;
      current?.unref();
    },
  };
  return { spec, state, lastExitCode: () => exitCode };
}

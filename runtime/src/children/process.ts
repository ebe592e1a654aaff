/**
 * `supervise.process(id, () => spawn(...))`: a child process with an owner.
 *
 * Every `'exit'` ends the child: code 0 is a normal exit; any other code, a signal, or a spawn
 * failure (`'error'` with no pid, after which Node may never emit `'exit'`) is a crash, restarted or
 * not according to the restart type. Stopping sends SIGTERM, then SIGKILL if the process is still
 * there after `grace` ms, and resolves when it has exited: no zombie outlives its owner. The default
 * `shutdown` leaves the supervisor time to see the SIGKILL through. With `shutdown: 'brutal_kill'`
 * the stop sends SIGKILL at once, as OTP's brutal_kill does.
 *
 * @module children/process
 */

import type { ChildProcess } from 'node:child_process';
import { activeChaos } from '../chaos.js';
import type { ChildSpec, RestartType, Shutdown } from '../types.js';

export interface ProcessOptions {
  /**
   * Default 'transient': restarted after a crash, but a process that finishes its job (exit 0) is done,
   * not started again (a rewritten one-shot `spawn(...)` must not loop).
   */
  restart?: RestartType;
  shutdown?: Shutdown;
  /** ms between SIGTERM and SIGKILL on stop (default 2000). */
  grace?: number;
}

export interface ProcessState {
  readonly id: string;
  /** The running process, or undefined between an exit and the next start. */
  readonly process: ChildProcess | undefined;
}

/** Unrefs a process and its pipes, so that they no longer keep the event loop alive. */
function unrefAll(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as { unref?: () => void } | null)?.unref?.();
  }
}

const DEFAULT_GRACE_MS = 2000;
/** Time allowed for the SIGKILLed process to be reaped, on top of the grace period. */
const REAP_MS = 1000;

export function processChild(
  id: string,
  create: () => ChildProcess,
  options: ProcessOptions = {},
): { spec: ChildSpec; state: ProcessState; letGo(): void } {
  const grace = options.grace ?? DEFAULT_GRACE_MS;
  let lettingGo = false;
  const brutal = options.shutdown === 'brutal_kill';
  let current: ChildProcess | undefined;
  const spec: ChildSpec = {
    id,
    restart: options.restart ?? 'transient',
    shutdown: options.shutdown ?? grace + REAP_MS,
    start() {
      const child = create();
      current = child;
      if (lettingGo) unrefAll(child);
      let stopping = false;
      let ended = false;
      let failure: unknown;
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      let markEnded!: () => void;
      const exited = new Promise<void>((resolve) => {
        markEnded = resolve;
      });
      const done = new Promise<void>((resolve, reject) => {
        const end = (crash: unknown): void => {
          if (ended) return;
          ended = true;
          if (killTimer !== undefined) clearTimeout(killTimer);
          if (current === child) current = undefined;
          markEnded();
          if (stopping || crash === undefined) resolve();
          else reject(crash);
        };
        child.on('error', (error) => {
          failure ??= error;
          if (child.pid === undefined) end(error);
        });
        child.once('exit', (code, signal) => {
          if (code === 0 && failure === undefined) end(undefined);
          else end(failure ?? new Error(`process '${id}' exited with ${signal ? `signal ${signal}` : `code ${code}`}`));
        });
      });
      activeChaos?.started('process', id, () => child.kill('SIGKILL'));
      return {
        done,
        stop: () => {
          stopping = true;
          if (ended) return;
          if (brutal) {
            child.kill('SIGKILL');
            return exited;
          }
          child.kill('SIGTERM');
          killTimer = setTimeout(() => child.kill('SIGKILL'), grace);
          return exited;
        },
      };
    },
  };
  const state: ProcessState = {
    id,
    get process() {
      return current;
    },
  };
  /**
   * The program is shutting down by itself: stop holding the event loop, and end the process when
   * the program exits, so that no supervised process outlives it.
   */
  const letGo = (): void => {
    if (lettingGo) return;
    lettingGo = true;
    if (current) unrefAll(current);
    process.once('exit', () => current?.kill('SIGTERM'));
  };
  return { spec, state, letGo };
}

/**
 * Stopping a running child under its `shutdown` value (OTP's shutdown, in promise terms).
 *
 * A promise cannot be killed, so "shutdown" here means: abort the child's signal, call its
 * `stop(reason)`, and wait for what `stop` returned to settle (a child with no `stop` is waited for
 * through its `done`; `done` is for ending on its own, so a child need not settle it when stopped):
 * - a number of ms: wait at most that long, then abandon the child and report it on
 *   `spawnguard:error` (whatever it still does runs on, unowned; that is the honest outcome);
 * - `'brutal_kill'`: abort and call `stop`, but do not wait at all;
 * - `'infinity'`: wait as long as it takes (the default for supervisors, whose own children carry
 *   the real deadlines).
 *
 * A `done` that rejects or a `stop` that throws while the child is being stopped is not a crash: the
 * child was asked to end. A throwing `stop` is still reported, because it may have left work behind.
 * Every promise the child hands over gets a handler here, so nothing escapes as an unhandled rejection.
 *
 * @module child-shutdown
 */

import { channels, publishError, type ErrorEvent } from './telemetry.js';
import type { ChildInstance, Shutdown } from './types.js';

export type ShutdownOutcome = 'stopped' | 'abandoned' | 'killed';

export interface StoppableChild {
  /** The child's id, for the report. */
  readonly id: string;
  /** The running instance, if its start got that far. */
  readonly instance: ChildInstance | undefined;
  /** Aborts the child's signal (lazy callers may create the AbortController only when asked). */
  abort(reason: unknown): void;
}

export interface ShutdownOptions {
  shutdown: Shutdown;
  reason?: unknown;
  /** Who is stopping the child (a supervisor's name), for the report. */
  owner: string;
}

const ignore = (): void => {};

export function shutdownChild(child: StoppableChild, options: ShutdownOptions): Promise<ShutdownOutcome> {
  const { shutdown, owner } = options;
  const reason = options.reason ?? 'shutdown';
  child.abort(reason);
  const settled = settleStop(child, reason, owner);
  if (shutdown === 'brutal_kill') return Promise.resolve('killed');
  if (shutdown === 'infinity') return settled.then(() => 'stopped');
  return new Promise<ShutdownOutcome>((resolve) => {
    const timer = setTimeout(() => {
      reportAbandoned(child.id, shutdown, owner);
      resolve('abandoned');
    }, shutdown);
    void settled.then(() => {
      clearTimeout(timer);
      resolve('stopped');
    });
  });
}

/** Resolves (never rejects) once the child's `stop` has settled, or, when it has none, its `done`. */
function settleStop(child: StoppableChild, reason: unknown, owner: string): Promise<void> {
  const instance = child.instance;
  if (!instance) return Promise.resolve();
  if (instance.done !== undefined) instance.done.then(ignore, ignore);
  if (instance.stop === undefined) return instance.done === undefined ? Promise.resolve() : instance.done.then(ignore, ignore);
  let stopped: Promise<unknown>;
  try {
    stopped = Promise.resolve(instance.stop(reason));
  } catch (error) {
    stopped = Promise.reject(error);
  }
  return stopped.then(ignore, (error: unknown) => reportStopFailure(child.id, error, owner));
}

function reportAbandoned(id: string, ms: number, owner: string): void {
  const error = new Error(`child '${id}' of '${owner}' did not stop within ${ms} ms and was abandoned`);
  const event: ErrorEvent = { component: `${owner}/${id}`, error };
  publishError(channels.error, event, `shutdown of ${owner}/${id}`);
}

function reportStopFailure(id: string, error: unknown, owner: string): void {
  const event: ErrorEvent = { component: `${owner}/${id}`, error };
  publishError(channels.error, event, `stop() of ${owner}/${id} failed`);
}

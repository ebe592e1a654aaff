/**
 * `supervise.interval(id, fn, ms)`: a `setInterval` with an owner.
 *
 * - Ticks never overlap: while a tick's promise is pending, the ticks that fall due are skipped (and
 *   counted), so a slow tick cannot pile up work behind itself.
 * - A tick that throws or rejects is reported on `spawnguard:task:error`; the interval goes on.
 * - Each tick gets the child's signal, which aborts when the child is stopped.
 * - Stopping clears the timer and waits (under the child's `shutdown`) for the tick in flight, unless
 *   the stop was asked by that very tick (it then ends when it returns).
 * - A restarted interval does not tick while a tick of the previous incarnation is still in flight
 *   (one that ignored its signal): ticks never overlap, across restarts either.
 *
 * The timer keeps the event loop alive like the `setInterval` it replaces; `unref: true` opts out.
 * It is made with the global `setInterval` of the moment the interval starts (fake timers a test
 * installed drive it), and the handle stands in for the `Timeout` (see {@link IntervalState}).
 *
 * @module children/interval
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { channels, publishError, type TaskErrorEvent } from '../telemetry.js';
import { settlementOf } from '../thenable.js';
import type { ChildSpec, RestartType, Shutdown } from '../types.js';
import { chaosInTicks } from '../chaos.js';

export interface IntervalOptions {
  restart?: RestartType;
  shutdown?: Shutdown;
  /** Let the process exit while this interval is the only thing left (default false). */
  unref?: boolean;
}

export type IntervalFn = (signal: AbortSignal) => unknown;

/** What the handle shows of the running interval. */
export interface IntervalState {
  readonly id: string;
  /** Ticks that ran. */
  readonly ticks: number;
  /** Ticks skipped because the previous one was still running. */
  readonly skipped: number;
  /** Ticks that threw or rejected. */
  readonly failures: number;
  /**
   * As on the `Timeout` a `setInterval` returns, so that the handle is accepted wherever that
   * `Timeout` was (by the type checker too: it is assignable to `NodeJS.Timeout`): `unref()` lets the
   * process exit while this interval is the only thing left, `ref()` undoes it, `hasRef()` tells which;
   * the choice carries over to the timer of a restarted interval. `refresh()` restarts the running
   * timer's period. `close()`, `[Symbol.dispose]()` and `clearInterval(handle)` stop the child, as
   * `handle.stop()` does.
   */
  unref(): this;
  ref(): this;
  hasRef(): boolean;
  refresh(): this;
  close(): this;
  [Symbol.dispose](): void;
  /**
   * The number of the timer running now, which `clearInterval` also takes (it then clears that
   * timer; the child stays in the tree until it is stopped); NaN before the interval first started.
   */
  [Symbol.toPrimitive](): number;
  /** What Node's `clearInterval` looks for on a timer (and `NodeJS.Timeout` declares): it stops the child. */
  _onTimeout(...args: unknown[]): void;
}

interface Counters {
  ticks: number;
  skipped: number;
  failures: number;
}

/**
 * Which interval's tick the code running now belongs to, so that a tick awaiting its own handle's
 * `stop()` is not waited for by that stop (it would wait for itself until the shutdown timeout).
 * An enabled AsyncLocalStorage makes every promise of the program dearer on Node < 24 (the runtime
 * bench measures it), so it is enabled only while some tick is in flight, and disabled again when
 * none is: a program pays for it during its ticks, never between them.
 */
let tickScope: AsyncLocalStorage<object> | undefined;
let ticksInFlight = 0;

function runTick(owner: object, tick: () => Promise<unknown> | undefined): Promise<unknown> | undefined {
  tickScope ??= new AsyncLocalStorage<object>();
  ticksInFlight += 1;
  let settlement: Promise<unknown> | undefined;
  try {
    settlement = tickScope.run(owner, tick);
  } finally {
    if (settlement === undefined) tickEnded();
  }
  return settlement?.finally(tickEnded);
}

function tickEnded(): void {
  ticksInFlight -= 1;
  if (ticksInFlight === 0) tickScope?.disable();
}

export function intervalChild(
  id: string,
  fn: IntervalFn,
  ms: number,
  options: IntervalOptions = {},
): { spec: ChildSpec; state: IntervalState } {
  if (!(ms > 0)) throw new RangeError(`interval '${id}': ms must be positive, got ${ms}`);
  fn = chaosInTicks(id, fn);
  const counters: Counters = { ticks: 0, skipped: 0, failures: 0 };
  let keepsProcessAlive = !options.unref;
  let currentTimer: ReturnType<typeof setInterval> | undefined;
  /** The tick in flight, of whichever incarnation ran it. */
  let inFlight: Promise<void> | undefined;
  /** This interval's mark in {@link tickScope}. */
  const owner = {};
  const spec: ChildSpec = {
    id,
    restart: options.restart ?? 'permanent',
    shutdown: options.shutdown ?? 5000,
    start({ signal }) {
      const fail = (error: unknown): void => {
        // A tick that ends because its signal aborted is the stop we asked for, not a failure.
        if (signal.aborted && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'))) return;
        counters.failures += 1;
        const event: TaskErrorEvent = { supervisor: id, task: `${id} tick`, error };
        publishError(channels.taskError, event, `interval ${id} tick failed`);
      };
      const tick = (): void => {
        if (inFlight !== undefined) {
          counters.skipped += 1;
          return;
        }
        counters.ticks += 1;
        let settlement: Promise<unknown> | undefined;
        try {
          settlement = runTick(owner, () => settlementOf(fn(signal)));
        } catch (error) {
          fail(error);
          return;
        }
        if (settlement !== undefined) {
          const ticking: Promise<void> = settlement.then(undefined, fail).then(() => {
            if (inFlight === ticking) inFlight = undefined;
          });
          inFlight = ticking;
        }
      };
      const timer = setInterval(tick, ms);
      if (!keepsProcessAlive) timer.unref();
      currentTimer = timer;
      return {
        stop: () => {
          clearInterval(timer);
          if (currentTimer === timer) currentTimer = undefined;
          if (tickScope?.getStore() === owner) return undefined;
          return inFlight;
        },
      };
    },
  };
  const stopChild = (): void => {
    const { stop } = state as { stop?: () => Promise<void> };
    if (stop) void stop();
    else if (currentTimer !== undefined) clearInterval(currentTimer);
  };
  const state: IntervalState = {
    id,
    get ticks() {
      return counters.ticks;
    },
    get skipped() {
      return counters.skipped;
    },
    get failures() {
      return counters.failures;
    },
    unref() {
      keepsProcessAlive = false;
      currentTimer?.unref();
      return state;
    },
    ref() {
      keepsProcessAlive = true;
      currentTimer?.ref();
      return state;
    },
    hasRef() {
      return keepsProcessAlive;
    },
    refresh() {
      currentTimer?.refresh();
      return state;
    },
    close() {
      stopChild();
      return state;
    },
    [Symbol.toPrimitive]() {
      return currentTimer === undefined ? Number.NaN : Number(currentTimer);
    },
  } as IntervalState;
  if (typeof Symbol.dispose === 'symbol') Object.defineProperty(state, Symbol.dispose, { value: stopChild, enumerable: false });
  // clearInterval(handle): Node takes an object with a truthy `_onTimeout` for a timer, sets it to null
  // and writes the fields below (fake clocks read the handle's number instead).
  Object.defineProperties(state, {
    _onTimeout: {
      get: () => stopChild,
      set: (value: unknown) => {
        if (value === null) stopChild();
      },
      enumerable: false,
    },
    _destroyed: { value: false, writable: true, enumerable: false },
    _idleNext: { value: null, writable: true, enumerable: false },
    _idlePrev: { value: null, writable: true, enumerable: false },
    _idleTimeout: { value: -1, writable: true, enumerable: false },
  });
  return { spec, state };
}

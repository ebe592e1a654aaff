import { monotonicClock, type Clock } from './restart-intensity.js';
import { channels, publish, type BreakerBlownEvent, type BreakerResetEvent } from './telemetry.js';

/** What {@link Breaker} takes; its documentation is the specification. */
export interface BreakerOptions {
  /** Melts tolerated within `windowMs`; one more blows the breaker. */
  threshold: number;
  /** The window, in ms, over which melts are counted. */
  windowMs: number;
  /** ms a blown breaker refuses every call before it lets one probe through. */
  resetMs: number;
  /** Which failures of `run(fn)` melt the breaker (default: all of them). */
  isFailure?: (error: unknown) => boolean;
  /** Milliseconds clock (monotonic by default); tests inject one. */
  clock?: Clock;
}

export type BreakerState = 'closed' | 'blown' | 'half-open';

/** What `run(fn)` rejects with while the breaker is blown. */
export class BreakerBlownError extends Error {
  override readonly name = 'BreakerBlownError';
  constructor(readonly breaker: string) {
    super(`breaker '${breaker}' is blown`);
  }
}

/** The probe a half-open breaker handed out; only its own outcome may close or re-blow the breaker. */
interface Probe {
  readonly since: number;
}

/**
 * A circuit breaker after Erlang's `fuse` (github.com/jlouis/fuse): a named fuse that calls melt when
 * the thing behind it fails, and that blows when it melted too often, so that callers fail fast
 * instead of each waiting for the same timeout.
 *
 * - `threshold` melts are tolerated within any `windowMs`; one more blows the breaker (fuse's
 *   `{standard, MaxR, MaxT}`). Only the last `threshold + 1` melt times are kept.
 * - `ask()` is 'ok' or 'blown' (fuse's `ask/2`); `melt()` records a failure (fuse's `melt/1`);
 *   `reset()` closes it by hand (fuse's `reset/1`).
 * - `run(fn)` asks, runs `fn`, and melts when it throws or rejects (fuse's `run/3`, where the function
 *   says `{melt, Result}`); a blown breaker rejects at once with {@link BreakerBlownError}.
 * - Half-open probe: `resetMs` after blowing, the next caller is let through alone while everyone else
 *   is still told 'blown'. The probe's success closes the breaker (with a fresh melt history); its
 *   failure blows it for another `resetMs`. Under `run` the outcome is known; a probe handed out by a
 *   bare `ask()` is failed by a `melt()`, and one that nobody melts within `resetMs` counts as a
 *   success (fuse itself heals outright once its reset time is over).
 *
 * Differences from fuse, on purpose: `threshold: 0` blows at the first melt (fuse starts such a fuse
 * blown); no timer runs, the state moves on when someone asks, so a breaker never holds the event
 * loop and costs nothing while idle; under `run`, a failure counts only if the breaker has neither
 * blown nor closed since the call started (a call from before the blow that fails late says nothing
 * new, and must not re-blow a breaker its probe just closed).
 *
 * Telemetry: `spawnguard:breaker:blown` when it blows, `spawnguard:breaker:reset` when it closes again.
 */
export class Breaker {
  readonly id: string;
  readonly threshold: number;
  readonly windowMs: number;
  readonly resetMs: number;
  readonly #isFailure: (error: unknown) => boolean;
  readonly #clock: Clock;
  /** Melt times within the window, oldest first; never more than `threshold + 1`. */
  readonly #melts: number[] = [];
  #state: BreakerState = 'closed';
  #blownAt = 0;
  #probe: Probe | undefined = undefined;
  /** Bumped whenever the breaker blows or closes: a call's failure counts only in the epoch it started in. */
  #epoch = 0;

  constructor(id: string, options: BreakerOptions) {
    const { threshold, windowMs, resetMs } = options;
    if (!Number.isInteger(threshold) || threshold < 0) throw new RangeError(`breaker '${id}': threshold must be a non-negative integer, got ${threshold}`);
    if (!(windowMs > 0)) throw new RangeError(`breaker '${id}': windowMs must be positive, got ${windowMs}`);
    if (!(resetMs > 0)) throw new RangeError(`breaker '${id}': resetMs must be positive, got ${resetMs}`);
    this.id = id;
    this.threshold = threshold;
    this.windowMs = windowMs;
    this.resetMs = resetMs;
    this.#isFailure = options.isFailure ?? (() => true);
    this.#clock = options.clock ?? monotonicClock;
  }

  /** 'closed', 'blown', or 'half-open' (a probe is out); reading it moves a blown breaker on in time. */
  get state(): BreakerState {
    if (this.#state !== 'closed') this.#advance(this.#clock(), false);
    return this.#state;
  }

  /** 'ok' to go ahead, 'blown' to fail fast. While half-open, only the probe gets 'ok'. */
  ask(): 'ok' | 'blown' {
    if (this.#state === 'closed') return 'ok';
    return this.#advance(this.#clock(), true) === undefined ? 'blown' : 'ok';
  }

  /** Records a failure; blows the breaker past its threshold, or when the half-open probe failed. */
  melt(error?: unknown): void {
    const now = this.#clock();
    if (this.#state === 'closed') {
      this.#recordMelt(now, error);
      return;
    }
    this.#advance(now, false);
    if (this.#state === 'half-open') this.#blow(now, true, error);
  }

  /** Closes the breaker by hand and forgets its melts. */
  reset(): void {
    if (this.#state === 'closed') {
      this.#melts.length = 0;
      return;
    }
    this.#close(this.#clock(), true);
  }

  /**
   * Runs `fn` if the breaker lets it, melting on a throw or rejection that `isFailure` accepts. Rejects
   * with {@link BreakerBlownError} without calling `fn` while blown.
   */
  run<T>(fn: () => T | PromiseLike<T>): Promise<Awaited<T>> {
    let probe: Probe | undefined;
    if (this.#state !== 'closed') {
      probe = this.#advance(this.#clock(), true);
      if (probe === undefined) return Promise.reject(new BreakerBlownError(this.id));
      if ((this.#state as BreakerState) === 'closed') probe = undefined;
    }
    const epoch = this.#epoch;
    let result: T | PromiseLike<T>;
    try {
      result = fn();
    } catch (error) {
      this.#failed(error, probe, epoch);
      return Promise.reject(error);
    }
    return Promise.resolve(result).then(
      (value) => {
        if (probe !== undefined && this.#probe === probe) this.#close(this.#clock(), false);
        return value;
      },
      (error: unknown) => {
        this.#failed(error, probe, epoch);
        throw error;
      },
    ) as Promise<Awaited<T>>;
  }

  #failed(error: unknown, probe: Probe | undefined, epoch: number): void {
    if (!this.#isFailure(error)) {
      // A failure that does not count still ends the probe: the thing behind the breaker answered.
      if (probe !== undefined && this.#probe === probe) this.#close(this.#clock(), false);
      return;
    }
    const now = this.#clock();
    if (probe !== undefined) {
      if (this.#probe === probe) this.#blow(now, true, error);
    } else if (this.#state === 'closed' && epoch === this.#epoch) this.#recordMelt(now, error);
  }

  /**
   * Moves a blown or half-open breaker on to `now`. With `takeProbe`, returns the probe this caller
   * may run as (a closed breaker hands out a placeholder), or undefined when it must be refused.
   */
  #advance(now: number, takeProbe: boolean): Probe | undefined {
    if (this.#state === 'blown') {
      if (now - this.#blownAt < this.resetMs) return undefined;
      this.#state = 'half-open';
      this.#probe = undefined;
    }
    if (this.#state === 'half-open') {
      const out = this.#probe;
      if (out !== undefined && now - out.since >= this.resetMs) this.#close(now, false);
      else if (out !== undefined || !takeProbe) return undefined;
      else {
        this.#probe = { since: now };
        return this.#probe;
      }
    }
    return closedPass;
  }

  #recordMelt(now: number, error: unknown): void {
    const melts = this.#melts;
    melts.push(now);
    while (melts.length > 0 && now - melts[0]! >= this.windowMs) melts.shift();
    if (melts.length > this.threshold) this.#blow(now, false, error);
  }

  #blow(now: number, probe: boolean, error: unknown): void {
    const event: BreakerBlownEvent = { breaker: this.id, melts: this.#melts.length, probe, error };
    this.#state = 'blown';
    this.#epoch += 1;
    this.#blownAt = now;
    this.#probe = undefined;
    this.#melts.length = 0;
    publish(channels.breakerBlown, event);
  }

  #close(now: number, manual: boolean): void {
    const event: BreakerResetEvent = { breaker: this.id, blownForMs: now - this.#blownAt, manual };
    this.#state = 'closed';
    this.#epoch += 1;
    this.#probe = undefined;
    this.#melts.length = 0;
    publish(channels.breakerReset, event);
  }
}

/** Handed out by `#advance` when the breaker is (or just became) closed. */
const closedPass: Probe = { since: Number.NEGATIVE_INFINITY };

const breakers = new Map<string, Breaker>();

/**
 * The breaker named `id`, created on first use (as fuse's `install`), so every call site that names
 * it shares its state. Asking again with other numbers is an error rather than a silent reset.
 */
export function breaker(id: string, options: BreakerOptions): Breaker {
  const existing = breakers.get(id);
  if (existing !== undefined) {
    if (existing.threshold !== options.threshold || existing.windowMs !== options.windowMs || existing.resetMs !== options.resetMs) {
      throw new TypeError(
        `breaker '${id}' already exists with threshold ${existing.threshold}, windowMs ${existing.windowMs}, resetMs ${existing.resetMs}`,
      );
    }
    return existing;
  }
  const created = new Breaker(id, options);
  breakers.set(id, created);
  return created;
}

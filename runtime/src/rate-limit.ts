/**
 * A rate limiter after Elixir's `hammer` (`Hammer.check_rate(id, scale_ms, limit)`): fixed windows of
 * `windowMs`, aligned to the clock so that every process sharing a store agrees on them; each call
 * counts one hit in the key's current window and is allowed while the count is at most `limit`.
 * Denied calls count too, as in hammer: a client that keeps hammering stays denied until the window
 * ends.
 *
 * Memory is bounded: the default {@link MemoryRateLimitStore} keeps one entry per key and window
 * size, overwritten when a new window starts, and reclaims the entries of windows that are over
 * (hammer's cleanup) while it counts, at most once per `sweepEveryMs`: no timer runs, so it never
 * holds the event loop. It holds at most the keys hit within the last window and one sweep period.
 *
 * A store is one method, `hit(key, windowStart, windowMs)`, so a shared one (Redis `INCR` + `PEXPIRE`,
 * say) can be plugged in later; when it answers with a promise, `rateLimit` does too.
 *
 * @module rate-limit
 */

export interface RateLimitOptions {
  /** Length of a window in ms. */
  windowMs: number;
  /** Hits allowed per key and window. */
  limit: number;
  /** Where counts live (default: one in-memory store shared by the process). */
  store?: RateLimitStore;
  /** Wall-clock ms (default `Date.now`): windows must line up across the processes sharing a store. */
  clock?: () => number;
}

export interface RateLimitDecision {
  /** Whether this call may go ahead. */
  readonly allowed: boolean;
  /** Hits counted in the key's current window, this one included. */
  readonly count: number;
  readonly limit: number;
  /** ms until the current window ends and the count starts again. */
  readonly resetInMs: number;
}

/**
 * Counts one hit for `key` in the window starting at `windowStart` (a multiple of `windowMs`) and
 * returns the window's count including it. The entry may be dropped once `windowStart + windowMs`
 * has passed.
 */
export interface RateLimitStore<Count extends number | PromiseLike<number> = number | PromiseLike<number>> {
  hit(key: string, windowStart: number, windowMs: number): Count;
}

interface Bucket {
  windowStart: number;
  windowEnd: number;
  count: number;
}

export interface MemoryRateLimitStoreOptions {
  /** Reclaim ended windows at most this often, in ms (default 1000). */
  sweepEveryMs?: number;
  clock?: () => number;
}

export class MemoryRateLimitStore implements RateLimitStore<number> {
  readonly #buckets = new Map<string, Bucket>();
  readonly #sweepEveryMs: number;
  readonly #clock: () => number;
  #nextSweep = 0;

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#sweepEveryMs = options.sweepEveryMs ?? 1000;
    this.#clock = options.clock ?? Date.now;
  }

  /** Keys (per window size) held now. */
  get size(): number {
    return this.#buckets.size;
  }

  hit(key: string, windowStart: number, windowMs: number): number {
    const now = this.#clock();
    if (now >= this.#nextSweep) this.sweep(now);
    // One entry per key and window size: a new window overwrites the old one in place.
    const bucketKey = `${windowMs}\u0000${key}`;
    const bucket = this.#buckets.get(bucketKey);
    if (bucket === undefined) {
      this.#buckets.set(bucketKey, { windowStart, windowEnd: windowStart + windowMs, count: 1 });
      return 1;
    }
    if (bucket.windowStart !== windowStart) {
      bucket.windowStart = windowStart;
      bucket.windowEnd = windowStart + windowMs;
      bucket.count = 1;
      return 1;
    }
    bucket.count += 1;
    return bucket.count;
  }

  /** Drops every entry whose window ended by `now`. */
  sweep(now: number = this.#clock()): void {
    this.#nextSweep = now + this.#sweepEveryMs;
    for (const [bucketKey, bucket] of this.#buckets) {
      if (bucket.windowEnd <= now) this.#buckets.delete(bucketKey);
    }
  }

  clear(): void {
    this.#buckets.clear();
  }
}

/** The store `rateLimit` uses when given none. */
export const defaultRateLimitStore = new MemoryRateLimitStore();

function checkOptions(key: string, windowMs: number, limit: number): void {
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) throw new RangeError(`rateLimit('${key}'): windowMs must be a positive number, got ${windowMs}`);
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`rateLimit('${key}'): limit must be a non-negative integer, got ${limit}`);
}

function decide(count: number, limit: number, windowEnd: number, now: number): RateLimitDecision {
  return { allowed: count <= limit, count, limit, resetInMs: windowEnd - now };
}

/**
 * Counts a hit for `key` and says whether it is allowed: `{ allowed, count, limit, resetInMs }`.
 * Synchronous with the default store; a promise when the store answers with one.
 */
export function rateLimit(key: string, options: RateLimitOptions & { store?: RateLimitStore<number> }): RateLimitDecision;
export function rateLimit(key: string, options: RateLimitOptions & { store: RateLimitStore<PromiseLike<number>> }): Promise<RateLimitDecision>;
export function rateLimit(key: string, options: RateLimitOptions): RateLimitDecision | Promise<RateLimitDecision>;
export function rateLimit(key: string, options: RateLimitOptions): RateLimitDecision | Promise<RateLimitDecision> {
  const { windowMs, limit } = options;
  checkOptions(key, windowMs, limit);
  const now = (options.clock ?? Date.now)();
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  const count = (options.store ?? defaultRateLimitStore).hit(key, windowStart, windowMs);
  if (typeof count === 'number') return decide(count, limit, windowEnd, now);
  return Promise.resolve(count).then((counted) => decide(counted, limit, windowEnd, now));
}

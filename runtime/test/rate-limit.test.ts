import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, rateLimit, type RateLimitStore } from '../src/rate-limit.js';

function lab(sweepEveryMs = 1000): { store: MemoryRateLimitStore; clock: { now: number }; now: () => number } {
  const clock = { now: 10_000 };
  const now = (): number => clock.now;
  return { store: new MemoryRateLimitStore({ sweepEveryMs, clock: now }), clock, now };
}

describe('rateLimit, as hammer', () => {
  it('allows `limit` hits per key and window, then denies, with the count and the time to the next window', () => {
    const { store, clock, now } = lab();
    const options = { windowMs: 1000, limit: 2, store, clock: now };
    clock.now = 10_250;
    expect(rateLimit('upload:ann', options)).toEqual({ allowed: true, count: 1, limit: 2, resetInMs: 750 });
    expect(rateLimit('upload:ann', options)).toEqual({ allowed: true, count: 2, limit: 2, resetInMs: 750 });
    expect(rateLimit('upload:ann', options)).toEqual({ allowed: false, count: 3, limit: 2, resetInMs: 750 });
    // Another key has its own count.
    expect(rateLimit('upload:bob', options).allowed).toBe(true);
    // Windows are aligned to the clock: 10_999 is still the same window, 11_000 a new one.
    clock.now = 10_999;
    expect(rateLimit('upload:ann', options)).toMatchObject({ allowed: false, count: 4, resetInMs: 1 });
    clock.now = 11_000;
    expect(rateLimit('upload:ann', options)).toEqual({ allowed: true, count: 1, limit: 2, resetInMs: 1000 });
  });

  it('keeps windows of different sizes for the same key apart', () => {
    const { store, now } = lab();
    expect(rateLimit('k', { windowMs: 1000, limit: 1, store, clock: now }).count).toBe(1);
    expect(rateLimit('k', { windowMs: 60_000, limit: 1, store, clock: now }).count).toBe(1);
    expect(rateLimit('k', { windowMs: 1000, limit: 1, store, clock: now }).count).toBe(2);
  });

  it('reclaims the buckets of ended windows, so memory follows the keys of the last window only', () => {
    const { store, clock, now } = lab(100);
    for (let i = 0; i < 10_000; i++) rateLimit(`client:${i}`, { windowMs: 1000, limit: 5, store, clock: now });
    expect(store.size).toBe(10_000);
    clock.now += 1000; // every one of those windows has ended
    rateLimit('client:late', { windowMs: 1000, limit: 5, store, clock: now });
    expect(store.size).toBe(1);
  });

  it('sweeps at most once per sweepEveryMs', () => {
    const { store, clock, now } = lab(5000);
    rateLimit('a', { windowMs: 10, limit: 5, store, clock: now }); // sweeps (first hit), then counts 'a'
    clock.now += 20;
    rateLimit('b', { windowMs: 10, limit: 5, store, clock: now });
    expect(store.size).toBe(2); // 'a' ended, but the next sweep is not due yet
    clock.now += 5000;
    rateLimit('c', { windowMs: 10, limit: 5, store, clock: now });
    expect(store.size).toBe(1);
  });

  it('answers with a promise when the store does (a shared store plugged in)', async () => {
    const counts = new Map<string, number>();
    const hits: string[] = [];
    const shared: RateLimitStore<Promise<number>> = {
      hit: async (key, windowStart, windowMs) => {
        hits.push(`${key}@${windowStart}/${windowMs}`);
        const bucket = `${key}:${windowStart}`;
        counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
        return counts.get(bucket)!;
      },
    };
    const options = { windowMs: 1000, limit: 1, store: shared, clock: () => 5_500 };
    await expect(rateLimit('api', options)).resolves.toEqual({ allowed: true, count: 1, limit: 1, resetInMs: 500 });
    await expect(rateLimit('api', options)).resolves.toEqual({ allowed: false, count: 2, limit: 1, resetInMs: 500 });
    expect(hits).toEqual(['api@5000/1000', 'api@5000/1000']);
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => rateLimit('x', { windowMs: 0, limit: 1 })).toThrow("rateLimit('x'): windowMs must be a positive number, got 0");
    expect(() => rateLimit('x', { windowMs: 10, limit: 1.5 })).toThrow("rateLimit('x'): limit must be a non-negative integer, got 1.5");
  });
});

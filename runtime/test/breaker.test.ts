import { afterEach, describe, expect, it } from 'vitest';
import { Breaker, BreakerBlownError, breaker, type BreakerOptions } from '../src/breaker.js';
import { channels } from '../src/telemetry.js';
import { collect } from './helpers/telemetry.js';

/** A breaker on a clock the test moves by hand. */
function manual(options: Partial<BreakerOptions> = {}): { fuse: Breaker; clock: { now: number } } {
  const clock = { now: 1000 };
  const fuse = new Breaker('db', { threshold: 2, windowMs: 100, resetMs: 50, clock: () => clock.now, ...options });
  return { fuse, clock };
}

const failing = (): Promise<never> => Promise.reject(new Error('upstream down'));

describe('Breaker, as fuse', () => {
  const subscriptions: { stop(): void }[] = [];
  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.stop();
  });

  it('tolerates `threshold` melts within the window and blows on the next one', () => {
    const { fuse, clock } = manual();
    fuse.melt();
    clock.now += 10;
    fuse.melt();
    expect(fuse.ask()).toBe('ok');
    clock.now += 10;
    fuse.melt();
    expect(fuse.ask()).toBe('blown');
    expect(fuse.state).toBe('blown');
  });

  it('forgets melts older than the window', () => {
    const { fuse, clock } = manual();
    fuse.melt();
    fuse.melt();
    clock.now += 100; // both are now a full window old
    fuse.melt();
    expect(fuse.ask()).toBe('ok');
    fuse.melt();
    expect(fuse.ask()).toBe('ok');
    fuse.melt();
    expect(fuse.ask()).toBe('blown');
  });

  it('threshold 0 blows at the first melt', () => {
    const { fuse } = manual({ threshold: 0 });
    expect(fuse.ask()).toBe('ok');
    fuse.melt();
    expect(fuse.ask()).toBe('blown');
  });

  it('lets one probe through after resetMs; a successful run closes it with a fresh history', async () => {
    const blown = collect(channels.breakerBlown);
    const reset = collect(channels.breakerReset);
    subscriptions.push(blown, reset);
    const { fuse, clock } = manual();
    for (let i = 0; i < 3; i++) await fuse.run(failing).catch(() => undefined);
    expect(blown.events).toEqual([{ breaker: 'db', melts: 3, probe: false, error: expect.any(Error) }]);
    clock.now += 49;
    await expect(fuse.run(() => 'never called')).rejects.toBeInstanceOf(BreakerBlownError);
    clock.now += 1;
    let release!: (value: string) => void;
    const probe = fuse.run(() => new Promise<string>((resolve) => (release = resolve)));
    expect(fuse.state).toBe('half-open');
    // Everyone else still fails fast while the probe is out.
    expect(fuse.ask()).toBe('blown');
    await expect(fuse.run(() => 'second caller')).rejects.toThrow("breaker 'db' is blown");
    release('pong');
    await expect(probe).resolves.toBe('pong');
    expect(fuse.state).toBe('closed');
    expect(reset.events).toEqual([{ breaker: 'db', blownForMs: 50, manual: false }]);
    // The melts from before the blow are gone: two more are tolerated again.
    fuse.melt();
    fuse.melt();
    expect(fuse.ask()).toBe('ok');
  });

  it('a failed probe blows it for another resetMs', async () => {
    const blown = collect(channels.breakerBlown);
    subscriptions.push(blown);
    const { fuse, clock } = manual({ threshold: 0 });
    fuse.melt();
    clock.now += 50;
    await expect(fuse.run(failing)).rejects.toThrow('upstream down');
    expect(blown.events.map((event) => event['probe'])).toEqual([false, true]);
    expect(fuse.ask()).toBe('blown');
    clock.now += 49;
    expect(fuse.ask()).toBe('blown');
    clock.now += 1;
    expect(fuse.ask()).toBe('ok');
  });

  it('a probe handed out by ask() is failed by melt(), and counts as a success when nobody melts it within resetMs', () => {
    const { fuse, clock } = manual({ threshold: 0 });
    fuse.melt();
    clock.now += 50;
    expect(fuse.ask()).toBe('ok'); // the probe
    expect(fuse.ask()).toBe('blown');
    fuse.melt(); // the probe failed
    expect(fuse.state).toBe('blown');
    clock.now += 50;
    expect(fuse.ask()).toBe('ok'); // a new probe
    clock.now += 50; // nobody melted it
    expect(fuse.ask()).toBe('ok');
    expect(fuse.state).toBe('closed');
  });

  it('a call that started before the blow and fails late does not re-blow the half-open breaker', async () => {
    const { fuse, clock } = manual({ threshold: 0 });
    let failLate!: (error: Error) => void;
    const late = fuse.run(() => new Promise((_, reject) => (failLate = reject)));
    fuse.melt(); // blows
    clock.now += 50;
    const probe = fuse.run(() => Promise.resolve('ok'));
    failLate(new Error('late'));
    await expect(late).rejects.toThrow('late');
    await expect(probe).resolves.toBe('ok');
    expect(fuse.state).toBe('closed');
  });

  it('run melts on a synchronous throw too, and rethrows it; isFailure decides what counts', async () => {
    const { fuse } = manual({ threshold: 0, isFailure: (error) => (error as Error).message !== 'not found' });
    await expect(fuse.run(() => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
    expect(fuse.ask()).toBe('ok');
    await expect(
      fuse.run(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fuse.ask()).toBe('blown');
  });

  it('reset() closes a blown breaker by hand and says so', () => {
    const reset = collect(channels.breakerReset);
    subscriptions.push(reset);
    const { fuse } = manual({ threshold: 0 });
    fuse.melt();
    fuse.reset();
    expect(fuse.ask()).toBe('ok');
    expect(reset.events).toEqual([{ breaker: 'db', blownForMs: 0, manual: true }]);
  });

  it('breaker(id) is one breaker per name, and refuses other numbers for the same name', () => {
    const options = { threshold: 1, windowMs: 1000, resetMs: 1000 };
    const first = breaker('breaker-test:shared', options);
    expect(breaker('breaker-test:shared', options)).toBe(first);
    first.melt();
    first.melt();
    expect(breaker('breaker-test:shared', options).ask()).toBe('blown');
    expect(() => breaker('breaker-test:shared', { ...options, threshold: 5 })).toThrow(
      "breaker 'breaker-test:shared' already exists with threshold 1, windowMs 1000, resetMs 1000",
    );
  });

  it('rejects nonsense options with a clear message', () => {
    expect(() => new Breaker('x', { threshold: -1, windowMs: 1, resetMs: 1 })).toThrow("breaker 'x': threshold must be a non-negative integer, got -1");
    expect(() => new Breaker('x', { threshold: 1, windowMs: 0, resetMs: 1 })).toThrow('windowMs must be positive');
    expect(() => new Breaker('x', { threshold: 1, windowMs: 1, resetMs: Number.NaN })).toThrow('resetMs must be positive');
  });
});

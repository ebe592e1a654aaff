import { afterEach, describe, expect, it } from 'vitest';
import { intervalChild } from '../src/children/interval.js';
import { Supervisor } from '../src/supervisor.js';
import { channels, type TaskErrorEvent } from '../src/telemetry.js';
import { collect, delay, until } from './helpers/telemetry.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function run(...specs: Parameters<typeof intervalChild>) {
  const { spec, state } = intervalChild(...specs);
  const supervisor = new Supervisor({ name: 'timers', children: [spec] });
  await supervisor.start();
  cleanups.push(() => supervisor.stop());
  return { supervisor, state };
}

describe('supervise.interval', () => {
  it('never overlaps ticks: a tick still running makes the next ones skip', async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    const { state } = await run(
      'slow',
      async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await delay(35);
        concurrent -= 1;
      },
      5,
    );
    await until(() => state.ticks >= 3);
    expect(maxConcurrent).toBe(1);
    expect(state.skipped).toBeGreaterThan(0);
  });

  it('reports a throwing or rejecting tick and keeps ticking', async () => {
    const errors = collect<TaskErrorEvent>(channels.taskError);
    cleanups.push(errors.stop);
    let n = 0;
    const { state } = await run(
      'flaky',
      () => {
        n += 1;
        if (n === 1) throw new Error('sync tick failure');
        if (n === 2) return Promise.reject(new Error('async tick failure'));
        return undefined;
      },
      5,
    );
    await until(() => state.ticks >= 4);
    expect(errors.events.slice(0, 2).map((e) => (e.error as Error).message)).toEqual([
      'sync tick failure',
      'async tick failure',
    ]);
    expect(errors.events[0]?.supervisor).toBe('flaky');
    expect(state.failures).toBe(2);
  });

  it('is cleared on stop: no tick after stop, no timer left, the running tick sees its signal abort', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    let tickSignal: AbortSignal | undefined;
    const { spec, state } = intervalChild(
      'stoppable',
      (signal) => {
        tickSignal = signal;
        return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      },
      5,
    );
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await until(() => state.ticks === 1);
    await supervisor.stop();
    expect(tickSignal?.aborted).toBe(true);
    // No Timeout left holds the loop, so no tick can come: that, rather than a sleep without ticks,
    // which a loaded machine can pass by not running the timer in time.
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
    expect(state.ticks).toBe(1);
  });

  it('unref/ref/hasRef act on the timer like a Timeout handle, and carry over to a restarted interval', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();
    const { supervisor, state } = await run('refs', () => {}, 1000);
    expect(state.hasRef()).toBe(true);
    expect(timers()).toBe(before + 1);
    expect(state.unref()).toBe(state);
    expect(state.hasRef()).toBe(false);
    // An unref'd timer is no longer an active resource: it does not hold the event loop.
    expect(timers()).toBe(before);
    await supervisor.terminateChild('refs');
    await supervisor.restartChild('refs');
    expect(state.ticks).toBe(0);
    expect(timers()).toBe(before);
    state.ref();
    expect(state.hasRef()).toBe(true);
    expect(timers()).toBe(before + 1);
  });

  it('rejects a non-positive period', () => {
    expect(() => intervalChild('bad', () => {}, 0)).toThrow(RangeError);
  });
});

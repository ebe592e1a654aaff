import { afterEach, describe, expect, it, vi } from 'vitest';
import { Application } from '../src/application.js';
import { until } from './helpers/telemetry.js';

/**
 * The handle `supervise.interval` returns replaces the `Timeout` a `setInterval` returned in code the
 * codemod rewrote: it must be accepted wherever that `Timeout` was, by the type checker and at run
 * time, and the interval must run on whatever timer functions are installed when it starts (fake
 * timers in a project's own tests).
 */
const apps: Application[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const app of apps.splice(0)) await app.stop();
});

function application(): Application {
  const app = new Application({ name: 'handles' });
  apps.push(app);
  return app;
}

/**
 * Timers that hold the event loop. A cleared interval is no longer one, so no tick can follow: the
 * tests assert that instead of sleeping and counting no ticks, which a loaded machine can pass by
 * not running the timer within the sleep.
 */
const activeTimers = (): number => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('the interval handle in place of a NodeJS.Timeout', () => {
  it('type-checks where a Timeout was declared, and clearInterval(handle) stops the child', async () => {
    const app = application();
    let ticks = 0;
    const before = activeTimers();
    const timer: NodeJS.Timeout = app.supervise.interval('poll', () => void (ticks += 1), 5);
    await until(() => ticks >= 2);
    clearInterval(timer);
    await until(() => app.whichChildren().every((child) => !child.id.startsWith('poll')));
    expect(activeTimers()).toBe(before);
  });

  it('converts to the number of its timer, which clearInterval also takes', async () => {
    const app = application();
    const before = activeTimers();
    const handle = app.supervise.interval('numbered', () => undefined, 5);
    await handle.started;
    expect(typeof +handle).toBe('number');
    expect(`${handle}`).toBe(String(+handle));
    expect(activeTimers()).toBe(before + 1);
    clearInterval(+handle);
    expect(activeTimers()).toBe(before);
  });

  it('offers ref/unref/hasRef/refresh/close and Symbol.dispose, each returning the handle as a Timeout does', async () => {
    const app = application();
    const handle = app.supervise.interval('methods', () => undefined, 1000);
    await handle.started;
    expect(handle.unref()).toBe(handle);
    expect(handle.hasRef()).toBe(false);
    expect(handle.ref()).toBe(handle);
    expect(handle.hasRef()).toBe(true);
    expect(handle.refresh()).toBe(handle);
    expect(handle.close()).toBe(handle);
    await until(() => app.whichChildren().every((child) => !child.id.startsWith('methods')));
    const disposed = app.supervise.interval('disposed', () => undefined, 1000);
    await disposed.started;
    disposed[Symbol.dispose]();
    await until(() => app.whichChildren().every((child) => !child.id.startsWith('disposed')));
  });
});

describe('fake timers', () => {
  it('drive a supervised interval installed after the runtime was loaded (vi.useFakeTimers)', async () => {
    vi.useFakeTimers();
    const app = application();
    let ticks = 0;
    const handle = app.supervise.interval('faked', () => void (ticks += 1), 1000);
    await handle.started;
    expect(ticks).toBe(0);
    await vi.advanceTimersByTimeAsync(3000);
    expect(ticks).toBe(3);
    // refresh() restarts the period, as on a Timeout
    await vi.advanceTimersByTimeAsync(600);
    handle.refresh();
    await vi.advanceTimersByTimeAsync(600);
    expect(ticks).toBe(3);
    await vi.advanceTimersByTimeAsync(400);
    expect(ticks).toBe(4);
    clearInterval(handle);
    await vi.advanceTimersByTimeAsync(5000);
    expect(ticks).toBe(4);
  });
});

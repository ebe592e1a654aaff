import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Supervisor } from '../src/supervisor.js';
import type { ChildContext } from '../src/types.js';
import { channels } from '../src/telemetry.js';
import { Lab, manualClock, recordTelemetry, settle, stoppedAt } from './fake-children.js';

let telemetry: ReturnType<typeof recordTelemetry>;
beforeEach(() => {
  telemetry = recordTelemetry();
});
afterEach(() => {
  vi.useRealTimers();
  telemetry.close();
});

describe('start and stop order', () => {
  it('starts children in order and stops them in reverse', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: ['a', 'b', 'c'].map((id) => lab.spec(id)) });
    await sup.start();
    expect(lab.take()).toEqual(['start:a', 'start:b', 'start:c']);
    expect(telemetry.on(channels.childStart).map((event) => event.id)).toEqual(['a', 'b', 'c']);
    await sup.stop();
    expect(lab.take()).toEqual(['stop:c', 'stop:b', 'stop:a']);
    expect(telemetry.on(channels.childExit).map((event) => [event.id, event.reason])).toEqual([
      ['c', 'shutdown'],
      ['b', 'shutdown'],
      ['a', 'shutdown'],
    ]);
    await expect(sup.done).resolves.toBeUndefined();
    expect(sup.whichChildren().map((c) => c.status)).toEqual(['stopped', 'stopped', 'stopped']);
  });

  it('a failed start stops the started children in reverse, rejects start() and done', async () => {
    const lab = new Lab();
    const sup = new Supervisor({
      children: [lab.spec('a'), lab.spec('b'), lab.spec('c', { failStart: () => true }), lab.spec('d')],
    });
    await expect(sup.start()).rejects.toThrow(/failed to start child 'c'/);
    expect(lab.take()).toEqual(['start:a', 'start:b', 'failstart:c', 'stop:b', 'stop:a']);
    await expect(sup.done).rejects.toThrow(/failed to start/);
    expect(lab.attempts.get('d')).toBeUndefined();
  });

  it('stop() twice is harmless and the supervisor can start again', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a')] });
    await sup.start();
    await Promise.all([sup.stop(), sup.stop()]);
    expect(lab.take()).toEqual(['start:a', 'stop:a']);
    await sup.start();
    expect(lab.take()).toEqual(['start:a']);
    expect(sup.countChildren().active).toBe(1);
    await sup.stop();
  });
});

describe('strategies', () => {
  it('one_for_one restarts only the crashed child', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ strategy: 'one_for_one', children: ['a', 'b', 'c'].map((id) => lab.spec(id)) });
    await sup.start();
    lab.take();
    const before = lab.current.get('b');
    lab.crash('b');
    await settle();
    expect(lab.take()).toEqual(['start:b']);
    expect(lab.current.get('b')).not.toBe(before);
    expect(sup.whichChildren()).toEqual([
      { id: 'a', type: 'worker', status: 'running', restarts: 0 },
      { id: 'b', type: 'worker', status: 'running', restarts: 1 },
      { id: 'c', type: 'worker', status: 'running', restarts: 0 },
    ]);
    expect(telemetry.on(channels.childRestart)).toEqual([
      expect.objectContaining({ id: 'b', restarts: 1, error: expect.any(Error) }),
    ]);
    await sup.stop();
  });

  it('one_for_all stops the others in reverse and restarts all in order, aborting their signals', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ strategy: 'one_for_all', children: ['a', 'b', 'c'].map((id) => lab.spec(id)) });
    await sup.start();
    lab.take();
    const oldA = lab.current.get('a')!;
    const oldC = lab.current.get('c')!;
    lab.crash('b');
    await settle();
    expect(lab.take()).toEqual(['stop:c', 'stop:a', 'start:a', 'start:b', 'start:c']);
    expect(oldA.signal.aborted).toBe(true);
    expect(oldC.signal.aborted).toBe(true);
    expect(lab.current.get('a')!.signal.aborted).toBe(false);
    expect(sup.whichChildren().map((c) => [c.id, c.status, c.restarts])).toEqual([
      ['a', 'running', 1],
      ['b', 'running', 1],
      ['c', 'running', 1],
    ]);
    await sup.stop();
  });

  it('rest_for_one stops the later children in reverse and restarts them with the crashed one', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ strategy: 'rest_for_one', children: ['a', 'b', 'c', 'd'].map((id) => lab.spec(id)) });
    await sup.start();
    lab.take();
    const oldA = lab.current.get('a')!;
    lab.crash('b');
    await settle();
    expect(lab.take()).toEqual(['stop:d', 'stop:c', 'start:b', 'start:c', 'start:d']);
    expect(oldA.signal.aborted).toBe(false);
    expect(lab.current.get('a')).toBe(oldA);
    await sup.stop();
  });
});

describe('restart types', () => {
  it('permanent: restarted after a normal exit and after a crash', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('p', { restart: 'permanent' })] });
    await sup.start();
    lab.exit('p');
    await settle();
    lab.crash('p');
    await settle();
    expect(lab.take()).toEqual(['start:p', 'start:p', 'start:p']);
    expect(sup.whichChildren()[0]).toMatchObject({ status: 'running', restarts: 2 });
    await sup.stop();
  });

  it('transient: a normal exit is not restarted and its spec is kept; a crash is restarted', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('t', { restart: 'transient' }), lab.spec('u', { restart: 'transient' })] });
    await sup.start();
    lab.take();
    lab.exit('t');
    lab.crash('u');
    await settle();
    expect(lab.take()).toEqual(['start:u']);
    expect(sup.whichChildren().map((c) => [c.id, c.status])).toEqual([
      ['t', 'stopped'],
      ['u', 'running'],
    ]);
    expect(telemetry.on(channels.childExit)).toEqual([
      expect.objectContaining({ id: 't', reason: 'normal' }),
      expect.objectContaining({ id: 'u', reason: 'crash' }),
    ]);
    await sup.stop();
  });

  it('temporary: never restarted and dropped when it ends, normally or not', async () => {
    const lab = new Lab();
    const sup = new Supervisor({
      children: [lab.spec('keep'), lab.spec('t1', { restart: 'temporary' }), lab.spec('t2', { restart: 'temporary' })],
    });
    await sup.start();
    lab.take();
    lab.crash('t1');
    lab.exit('t2');
    await settle();
    expect(lab.take()).toEqual([]);
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['keep']);
    expect(telemetry.on(channels.childRestart)).toEqual([]);
    await sup.stop();
  });

  it.each(['one_for_all', 'rest_for_one'] as const)(
    'temporary: dropped when a sibling crash stops it under %s',
    async (strategy) => {
      const lab = new Lab();
      const sup = new Supervisor({ strategy, children: [lab.spec('a'), lab.spec('t', { restart: 'temporary' }), lab.spec('c')] });
      await sup.start();
      lab.take();
      lab.crash('a');
      await settle();
      expect(lab.take()).toEqual(['stop:c', 'stop:t', 'start:a', 'start:c']);
      expect(sup.whichChildren().map((c) => c.id)).toEqual(['a', 'c']);
      await sup.stop();
    },
  );

  it('a crash of a temporary child does not disturb its siblings under one_for_all', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ strategy: 'one_for_all', children: [lab.spec('a'), lab.spec('t', { restart: 'temporary' })] });
    await sup.start();
    lab.take();
    lab.crash('t');
    await settle();
    expect(lab.take()).toEqual([]);
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['a']);
    await sup.stop();
  });
});

describe('restart intensity', () => {
  it('escalates when restarts exceed maxRestarts within maxSeconds: stops all in reverse, rejects done, publishes', async () => {
    const lab = new Lab();
    const clock = manualClock();
    const sup = new Supervisor({
      name: 'limited',
      maxRestarts: 2,
      maxSeconds: 5,
      clock: clock.now,
      children: [lab.spec('a'), lab.spec('b'), lab.spec('c')],
    });
    await sup.start();
    lab.take();
    lab.crash('b');
    await settle();
    clock.advance(2000);
    lab.crash('b');
    await settle();
    clock.advance(2000);
    expect(sup.whichChildren().every((c) => c.status === 'running')).toBe(true);
    const last = new Error('third');
    lab.crash('b', last);
    await settle();
    expect(lab.take()).toEqual(['start:b', 'start:b', 'stop:c', 'stop:a']);
    await expect(sup.done).rejects.toMatchObject({ message: expect.stringMatching(/gave up/), cause: last });
    expect(telemetry.on(channels.supervisorEscalate)).toEqual([
      { supervisor: 'limited', restarts: 3, maxRestarts: 2, maxSeconds: 5, error: last },
    ]);
    expect(sup.countChildren().active).toBe(0);
    await expect(sup.startChild(lab.spec('late'))).rejects.toThrow(/not running/);
  });

  it('forgets restarts older than maxSeconds', async () => {
    const lab = new Lab();
    const clock = manualClock();
    const sup = new Supervisor({ maxRestarts: 1, maxSeconds: 1, clock: clock.now, children: [lab.spec('a')] });
    await sup.start();
    for (let i = 0; i < 5; i++) {
      lab.crash('a');
      await settle();
      clock.advance(1001);
    }
    expect(telemetry.on(channels.supervisorEscalate)).toEqual([]);
    expect(sup.whichChildren()[0]).toMatchObject({ status: 'running', restarts: 5 });
    await sup.stop();
    await expect(sup.done).resolves.toBeUndefined();
  });

  it('maxRestarts 0 escalates on the first crash', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ maxRestarts: 0, children: [lab.spec('a'), lab.spec('b')] });
    await sup.start();
    lab.take();
    lab.crash('a');
    await settle();
    expect(lab.take()).toEqual(['stop:b']);
    await expect(sup.done).rejects.toThrow(/exceeded 0 restarts/);
  });

  it('a restart whose start fails is retried at once and every try counts', async () => {
    const lab = new Lab();
    const sup = new Supervisor({
      maxRestarts: 3,
      children: [lab.spec('ok'), lab.spec('broken', { failStart: (attempt) => attempt > 1 })],
    });
    await sup.start();
    lab.take();
    lab.crash('broken');
    await settle();
    // crash -> restart 1 fails -> retry 2 fails -> retry 3 fails -> 4th restart exceeds 3: give up.
    expect(lab.take()).toEqual(['failstart:broken', 'failstart:broken', 'failstart:broken', 'stop:ok']);
    await expect(sup.done).rejects.toMatchObject({ cause: { message: 'broken cannot start (attempt 4)' } });
  });

  it('a restart that fails once and then succeeds holds', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('flaky', { failStart: (attempt) => attempt === 2 })] });
    await sup.start();
    lab.crash('flaky');
    await settle();
    expect(lab.take()).toEqual(['start:flaky', 'failstart:flaky', 'start:flaky']);
    expect(sup.whichChildren()[0]).toMatchObject({ status: 'running' });
    await sup.stop();
  });

  it('escalation climbs two levels: the parent restarts the child supervisor, then gives up itself', async () => {
    const lab = new Lab();
    const clock = manualClock();
    const inner = new Supervisor({ name: 'inner', maxRestarts: 0, clock: clock.now, children: [lab.spec('w1'), lab.spec('w2')] });
    const outer = new Supervisor({
      name: 'outer',
      maxRestarts: 1,
      clock: clock.now,
      children: [lab.spec('sibling'), inner.asChild()],
    });
    await outer.start();
    expect(lab.take()).toEqual(['start:sibling', 'start:w1', 'start:w2']);
    expect(outer.countChildren()).toEqual({ specs: 2, active: 2, supervisors: 1, workers: 1 });

    lab.crash('w1');
    await settle();
    // inner gives up (stops w2), outer restarts inner (one_for_one: sibling untouched).
    expect(lab.take()).toEqual(['stop:w2', 'start:w1', 'start:w2']);
    expect(outer.whichChildren()[1]).toMatchObject({ id: 'inner', type: 'supervisor', status: 'running', restarts: 1 });

    lab.crash('w2');
    await settle();
    expect(lab.take()).toEqual(['stop:w1', 'stop:sibling']);
    await expect(outer.done).rejects.toThrow(/'outer' exceeded 1 restarts/);
    expect(telemetry.on(channels.supervisorEscalate).map((e) => e.supervisor)).toEqual(['inner', 'inner', 'outer']);
  });

  it('a parent with room in its intensity holds a child supervisor that keeps escalating', async () => {
    const lab = new Lab();
    const clock = manualClock();
    const inner = new Supervisor({ name: 'inner', maxRestarts: 0, clock: clock.now, children: [lab.spec('w')] });
    const outer = new Supervisor({ name: 'outer', maxRestarts: 1, maxSeconds: 1, clock: clock.now, children: [inner.asChild()] });
    await outer.start();
    for (let i = 0; i < 4; i++) {
      lab.crash('w');
      await settle();
      clock.advance(1500);
    }
    expect(outer.whichChildren()[0]).toMatchObject({ status: 'running', restarts: 4 });
    expect(telemetry.on(channels.supervisorEscalate).map((e) => e.supervisor)).toEqual(['inner', 'inner', 'inner', 'inner']);
    await outer.stop();
    await expect(outer.done).resolves.toBeUndefined();
    await expect(inner.done).resolves.toBeUndefined();
  });
});

describe('shutdown', () => {
  it('a child whose stop hangs is abandoned after its shutdown ms and reported', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ name: 'sd', children: [lab.spec('slow', { stop: 'hang', shutdown: 40 }), lab.spec('quick')] });
    await sup.start();
    const signal = lab.current.get('slow')!.signal;
    // Not given up at 39 ms, given up at 40.
    expect(await stoppedAt(() => sup.stop(), [39, 40])).toEqual([false, true]);
    expect(signal.aborted).toBe(true);
    expect(telemetry.on(channels.error)).toEqual([
      { component: 'sd/slow', error: expect.objectContaining({ message: expect.stringMatching(/did not stop within 40 ms/) }) },
    ]);
  });

  it("brutal_kill does not wait for a stop that hangs", async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('k', { stop: 'hang', shutdown: 'brutal_kill' })] });
    await sup.start();
    const signal = lab.current.get('k')!.signal;
    // With the clock faked and never advanced, a stop that waited for any timer would never end.
    expect(await stoppedAt(() => sup.stop(), [0])).toEqual([true]);
    expect(lab.log).toContain('stop:k');
    expect(signal.aborted).toBe(true);
    expect(telemetry.on(channels.error)).toEqual([]);
  });

  it("'infinity' waits for a slow stop to finish, however long it takes", async () => {
    const lab = new Lab();
    // A minute: far past the 5 s a worker's default shutdown would give it.
    const sup = new Supervisor({ children: [lab.spec('s', { stop: 60_000, shutdown: 'infinity' })] });
    await sup.start();
    const slow = lab.current.get('s')!;
    expect(await stoppedAt(() => sup.stop(), [59_999, 60_000])).toEqual([false, true]);
    expect(slow.ended).toBe(true);
    expect(telemetry.on(channels.error)).toEqual([]);
  });

  it('a child that ends by rejecting on abort is stopped, not crashed; a throwing stop is reported', async () => {
    const untilAborted = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const sup = new Supervisor({
      name: 'sig',
      children: [
        { id: 'signal-only', start: (ctx) => ({ done: untilAborted(ctx.signal) }) },
        {
          id: 'bad-stop',
          start: (ctx) => ({
            done: untilAborted(ctx.signal),
            stop: () => {
              throw new Error('stop exploded');
            },
          }),
        },
      ],
    });
    await sup.start();
    await sup.terminateChild('signal-only');
    await sup.stop();
    await settle();
    expect(telemetry.on(channels.childExit)).toEqual([
      { supervisor: 'sig', id: 'signal-only', reason: 'shutdown' },
      { supervisor: 'sig', id: 'bad-stop', reason: 'shutdown' },
    ]);
    expect(telemetry.on(channels.childRestart)).toEqual([]);
    expect(telemetry.on(channels.error)).toEqual([
      { component: 'sig/bad-stop', error: expect.objectContaining({ message: 'stop exploded' }) },
    ]);
  });

  it("makes a child's AbortController only when the child reads ctx.signal", async () => {
    const controllers = vi.spyOn(globalThis, 'AbortController');
    try {
      const sup = new Supervisor({ children: [{ id: 'quiet', start: () => ({}) }] });
      await sup.start();
      await sup.terminateChild('quiet');
      await sup.restartChild('quiet');
      await sup.stop();
      expect(controllers).not.toHaveBeenCalled();
    } finally {
      controllers.mockRestore();
    }
  });

  it('a signal first read after its incarnation was stopped is already aborted, with the reason of the stop', async () => {
    const contexts: ChildContext[] = [];
    const sup = new Supervisor({
      children: [
        {
          id: 'late-reader',
          start: (ctx) => {
            contexts.push(ctx);
            return {};
          },
        },
      ],
    });
    await sup.start();
    const reason = new Error('going down');
    await sup.stop(reason);
    const [ctx] = contexts;
    expect(ctx!.signal.aborted).toBe(true);
    expect(ctx!.signal.reason).toBe(reason);
    expect(ctx!.signal).toBe(ctx!.signal);
  });

  it('a signal read while running aborts once, with the first reason, when the incarnation is stopped', async () => {
    let signal!: AbortSignal;
    const sup = new Supervisor({
      children: [
        {
          id: 'reader',
          start: (ctx) => {
            signal = ctx.signal;
            return {};
          },
        },
      ],
    });
    await sup.start();
    const aborts: unknown[] = [];
    signal.addEventListener('abort', () => aborts.push(signal.reason));
    expect(signal.aborted).toBe(false);
    await sup.terminateChild('reader');
    await sup.stop(new Error('later'));
    expect(aborts).toEqual(['shutdown']);
  });

  it('a stop requested during a restart runs after it, and nothing is left running', async () => {
    const lab = new Lab();
    let release!: () => void;
    let gated = false;
    const gate = () => (gated ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve());
    const sup = new Supervisor({ children: [lab.spec('a'), lab.spec('slowstart', { startGate: gate })] });
    await sup.start();
    lab.take();
    gated = true;
    lab.crash('slowstart');
    await settle();
    expect(sup.whichChildren()[1]!.status).toBe('restarting');
    const stopped = sup.stop();
    await settle();
    expect(lab.take()).toEqual([]);
    release();
    await stopped;
    expect(lab.take()).toEqual(['start:slowstart', 'stop:slowstart', 'stop:a']);
    expect(sup.countChildren().active).toBe(0);
  });
});

describe('auto shutdown (significant children)', () => {
  it('any_significant: a significant child that ends for good stops the supervisor normally, siblings in reverse', async () => {
    const lab = new Lab();
    const sup = new Supervisor({
      autoShutdown: 'any_significant',
      children: [lab.spec('a'), { ...lab.spec('job', { restart: 'transient' }), significant: true }, lab.spec('z')],
    });
    await sup.start();
    lab.take();
    lab.exit('job');
    await settle();
    await expect(sup.done).resolves.toBeUndefined();
    expect(lab.take()).toEqual(['stop:z', 'stop:a']);
  });

  it('a significant child that crashes is restarted: only ending for good counts', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ autoShutdown: 'any_significant', children: [{ ...lab.spec('job', { restart: 'transient' }), significant: true }] });
    await sup.start();
    lab.take();
    lab.crash('job');
    await settle();
    expect(lab.take()).toEqual(['start:job']);
    expect(sup.whichChildren().map((child) => child.status)).toEqual(['running']);
    await sup.stop();
  });

  it('all_significant: the supervisor stops once every significant child has ended', async () => {
    const lab = new Lab();
    let stopped = false;
    const sup = new Supervisor({
      autoShutdown: 'all_significant',
      children: [{ ...lab.spec('one', { restart: 'temporary' }), significant: true }, { ...lab.spec('two', { restart: 'transient' }), significant: true }, lab.spec('keep')],
    });
    await sup.start();
    void sup.done.then(() => (stopped = true));
    lab.exit('one');
    await settle();
    expect(stopped).toBe(false);
    lab.exit('two');
    await settle();
    expect(stopped).toBe(true);
    expect(sup.whichChildren().every((child) => child.status === 'stopped')).toBe(true);
  });

  it('terminating a significant child through the supervisor does not stop the supervisor', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ autoShutdown: 'any_significant', children: [{ ...lab.spec('job', { restart: 'transient' }), significant: true }, lab.spec('other')] });
    await sup.start();
    await sup.terminateChild('job');
    await settle();
    expect(sup.whichChildren().map((child) => [child.id, child.status])).toEqual([
      ['job', 'stopped'],
      ['other', 'running'],
    ]);
    await sup.stop();
  });

  it('refuses a significant child that could never end for good, or that nothing would act on', async () => {
    const lab = new Lab();
    await expect(new Supervisor({ autoShutdown: 'any_significant', children: [{ ...lab.spec('p'), significant: true }] }).start()).rejects.toThrow(/must be transient or temporary/);
    await expect(new Supervisor({ children: [{ ...lab.spec('t', { restart: 'transient' }), significant: true }] }).start()).rejects.toThrow(/autoShutdown is 'never'/);
  });
});

describe('child operations', () => {
  it('terminateChild stops it (aborting its signal) and does not restart it; restartChild starts it again', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a'), lab.spec('b')] });
    await sup.start();
    lab.take();
    const b = lab.current.get('b')!;
    await sup.terminateChild('b');
    await settle();
    expect(b.signal.aborted).toBe(true);
    expect(lab.take()).toEqual(['stop:b']);
    expect(sup.whichChildren()[1]).toMatchObject({ id: 'b', status: 'stopped' });
    expect(sup.countChildren()).toEqual({ specs: 2, active: 1, supervisors: 0, workers: 2 });
    await expect(sup.restartChild('a')).rejects.toThrow(/is running/);
    await expect(sup.restartChild('b')).resolves.toMatchObject({ id: 'b', status: 'running' });
    expect(lab.take()).toEqual(['start:b']);
    await sup.stop();
  });

  it('deleteChild forgets a stopped child and refuses a running one', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a'), lab.spec('b')] });
    await sup.start();
    await expect(sup.deleteChild('a')).rejects.toThrow(/is running/);
    await sup.terminateChild('a');
    await sup.deleteChild('a');
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['b']);
    await expect(sup.terminateChild('a')).rejects.toThrow(/no child 'a'/);
    await sup.stop();
  });

  it('startChild appends a child at the end of the start order; duplicates and failed starts are refused', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a')] });
    await sup.start();
    await expect(sup.startChild(lab.spec('b'))).resolves.toEqual({ id: 'b', type: 'worker', status: 'running', restarts: 0 });
    await expect(sup.startChild(lab.spec('a'))).rejects.toThrow(/already has a child 'a'/);
    await expect(sup.startChild(lab.spec('bad', { failStart: () => true }))).rejects.toThrow(/bad cannot start/);
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['a', 'b']);
    lab.take();
    await sup.stop();
    expect(lab.take()).toEqual(['stop:b', 'stop:a']);
  });

  it('terminating a temporary child deletes it', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('t', { restart: 'temporary' })] });
    await sup.start();
    await sup.terminateChild('t');
    expect(sup.whichChildren()).toEqual([]);
    await sup.stop();
  });

  it('a restarted supervisor begins again from its configured children', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a')] });
    await sup.start();
    await sup.startChild(lab.spec('extra'));
    await sup.stop();
    await sup.start();
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['a']);
    await sup.stop();
  });

  it('asChild defaults to a permanent supervisor with infinite shutdown, named after the supervisor', () => {
    const spec = new Supervisor({ name: 'tree' }).asChild();
    expect(spec).toMatchObject({ id: 'tree', type: 'supervisor', restart: 'permanent', shutdown: 'infinity' });
    expect(new Supervisor({ name: 'tree' }).asChild('other').id).toBe('other');
  });

  it('rejects invalid intensity settings', () => {
    expect(() => new Supervisor({ maxRestarts: -1 })).toThrow(RangeError);
    expect(() => new Supervisor({ maxSeconds: 0 })).toThrow(RangeError);
  });
});

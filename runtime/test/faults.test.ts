import { afterEach, describe, expect, it, vi } from 'vitest';
import { Application } from '../src/application.js';
import { DynamicSupervisor } from '../src/dynamic-supervisor.js';
import { Supervisor } from '../src/supervisor.js';
import { TaskSupervisor } from '../src/task-supervisor.js';
import { channels, type ChildExitEvent, type ErrorEvent, type TaskErrorEvent } from '../src/telemetry.js';
import type { ChildInstance, ChildSpec } from '../src/types.js';
import { Lab, settle } from './fake-children.js';
import { collect, until } from './helpers/telemetry.js';

// The faults issue #10 found by running the runtime beside Erlang/OTP and under fault injection.
// Each test failed on the runtime as it was before the fix named in its title.

const subscriptions: { stop(): void }[] = [];
function events<T>(channel: (typeof channels)[keyof typeof channels]): T[] {
  const sub = collect<T>(channel);
  subscriptions.push(sub);
  return sub.events;
}
afterEach(() => {
  for (const sub of subscriptions.splice(0)) sub.stop();
  vi.restoreAllMocks();
});

/**
 * A child whose first start succeeds and whose later start attempts each wait for the test, then
 * fail: a dependency that went away and times out on every reconnect.
 */
function gatedStarts(id: string): { spec: ChildSpec; readonly attempts: number; crash(): void; release(): void } {
  const gates: (() => void)[] = [];
  let attempts = 0;
  let crashFirst: ((error: unknown) => void) | undefined;
  return {
    get attempts() {
      return attempts;
    },
    crash: () => crashFirst?.(new Error(`${id} crashed`)),
    release: () => gates.shift()?.(),
    spec: {
      id,
      start: async (): Promise<ChildInstance> => {
        attempts += 1;
        if (attempts === 1) return { done: new Promise((_, reject) => (crashFirst = reject)) };
        await new Promise<void>((resolve) => gates.push(resolve));
        throw new Error(`${id}: connect timed out`);
      },
    },
  };
}

describe('High 1: stop() interrupts a restart loop whose attempts fail slowly', () => {
  it('stop() resolves after the attempt in flight instead of waiting behind the whole loop', async () => {
    events(channels.childExit);
    events(channels.error);
    const child = gatedStarts('db');
    const sup = new Supervisor({ name: 'slow', maxRestarts: 1000, maxSeconds: 1, children: [child.spec] });
    await sup.start();
    child.crash();
    await until(() => child.attempts === 2);
    let stopped = false;
    const stopping = sup.stop().then(() => (stopped = true));
    // Let the attempts fail one by one, as a 400 ms connect timeout would, and see stop() through.
    for (let released = 0; released < 5 && !stopped; released++) {
      child.release();
      await settle();
    }
    expect(stopped).toBe(true);
    await stopping;
    expect(child.attempts).toBe(2);
    await expect(sup.done).resolves.toBeUndefined();
  });

  it('terminateChild and startChild are not queued behind the loop either', async () => {
    events(channels.childExit);
    events(channels.error);
    const lab = new Lab();
    const child = gatedStarts('db');
    const sup = new Supervisor({ maxRestarts: 1000, children: [child.spec] });
    await sup.start();
    child.crash();
    await until(() => child.attempts === 2);
    let added = false;
    const adding = sup.startChild(lab.spec('cache')).then(() => (added = true));
    child.release();
    await until(() => added);
    await adding;
    // The next attempt is in flight now: terminateChild waits for it (as OTP waits for a start_link
    // in progress), then the loop is over.
    await until(() => child.attempts === 3);
    const terminating = sup.terminateChild('db');
    child.release();
    await terminating;
    for (let i = 0; i < 3; i++) {
      child.release();
      await settle();
    }
    expect(child.attempts).toBe(3);
    expect(sup.whichChildren().map((c) => [c.id, c.status])).toEqual([
      ['db', 'stopped'],
      ['cache', 'running'],
    ]);
    await sup.stop();
  });
});

describe('High 1, a corner: terminateChild between two attempts of a one_for_all group restart', () => {
  it('does not strand the members of the group that never got their start', async () => {
    events(channels.childExit);
    events(channels.error);
    const lab = new Lab();
    let attemptsOfB = 0;
    let failSecond!: () => void;
    const b: ChildSpec = {
      id: 'b',
      start: async () => {
        attemptsOfB += 1;
        if (attemptsOfB === 2) {
          await new Promise<void>((resolve) => (failSecond = resolve));
          throw new Error('b: connect timed out');
        }
        return {};
      },
    };
    const sup = new Supervisor({ strategy: 'one_for_all', maxRestarts: 10, children: [lab.spec('a'), b, lab.spec('c')] });
    await sup.start();
    lab.crash('a');
    await until(() => attemptsOfB === 2);
    const terminating = sup.terminateChild('b');
    failSecond();
    await terminating;
    await until(() => sup.whichChildren().every((child) => child.status === 'running'));
    // As OTP's one_for_all, the group restart starts every non-temporary member, b included.
    expect(attemptsOfB).toBe(3);
    await sup.stop();
  });
});

describe('High 2: stopping twice is harmless', () => {
  it('a second handle.stop() or worker.terminate() before the first finished resolves too', async () => {
    const app = new Application({ name: 'twice' });
    const flush = app.supervise.interval('flush', () => {}, 60_000);
    await flush.started;
    const rejections: unknown[] = [];
    await Promise.all([flush.stop(), flush.stop()].map((stop) => stop.catch((error: unknown) => rejections.push(error))));
    expect(rejections).toEqual([]);
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks']);
    await app.stop();
  });
});

describe('High 3: a failure reason that cannot be turned into a string', () => {
  const odd = (): object => Object.assign(Object.create(null) as object, { code: 'EODD' });

  it('is printed, not thrown, when nobody subscribes (sync throw and rejection)', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    const tasks = new TaskSupervisor({ name: 'odd' });
    expect(() =>
      tasks.start(() => {
        throw odd();
      }),
    ).not.toThrow();
    tasks.start(async () => {
      await null;
      throw odd();
    });
    await until(() => printed.length === 2);
    expect(printed.every((line) => line.includes('EODD'))).toBe(true);
  });

  it('does not stop a permanent child that crashed with it from being restarted', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const lab = new Lab();
    const sup = new Supervisor({ children: [lab.spec('a')] });
    await sup.start();
    lab.crash('a', odd());
    await until(() => lab.attempts.get('a') === 2);
    expect(sup.whichChildren()[0]?.status).toBe('running');
    await sup.stop();
  });
});

describe('Medium 4: a handle reaches only its own incarnation', () => {
  it("an old handle's stop() does not stop a newer child that took the freed id", async () => {
    const app = new Application({ name: 'reuse' });
    const first = app.supervise.interval('poll', () => {}, 60_000);
    await first.stop();
    const second = app.supervise.interval('poll', () => {}, 60_000);
    await second.started;
    expect(second.id).toBe('poll');
    await first.stop();
    expect(app.whichChildren().map((child) => [child.id, child.status])).toEqual([
      ['tasks', 'running'],
      ['poll', 'running'],
    ]);
    await app.stop();
  });
});

describe('Medium 5: concurrent stops share one shutdown', () => {
  it('two TaskSupervisor.stop() calls both end when the tasks do, with no false abandonment', async () => {
    const errors = events<ErrorEvent>(channels.error);
    const taskErrors = events<TaskErrorEvent>(channels.taskError);
    const tasks = new TaskSupervisor({ shutdown: 1000 });
    tasks.start((signal) => new Promise((resolve) => signal.addEventListener('abort', () => setImmediate(resolve))));
    await Promise.all([tasks.stop(), tasks.stop()]);
    expect(tasks.size).toBe(0);
    expect(errors).toEqual([]);
    expect(taskErrors).toEqual([]);
  });

  it('two app.stop() calls both end when the tree has stopped', async () => {
    const errors = events<ErrorEvent>(channels.error);
    const app = new Application({ name: 'twice-app', tasks: { shutdown: 1000 } });
    app.tasks.start((signal) => new Promise((resolve) => signal.addEventListener('abort', () => setImmediate(resolve))));
    const tick = app.supervise.interval('tick', () => {}, 60_000);
    await tick.started;
    await Promise.all([app.stop(), app.stop()]);
    expect(app.tasks.size).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('Medium 6: a tick that awaits its own handle.stop()', () => {
  it('does not deadlock, and does not hold up the rest of the tree', async () => {
    const app = new Application({ name: 'self-stop' });
    let stoppedItself = false;
    const poller = app.supervise.interval(
      'poller',
      async () => {
        await poller.stop();
        stoppedItself = true;
      },
      5,
      { shutdown: 60_000 },
    );
    await until(() => poller.ticks === 1);
    const unrelated = app.supervise.interval('unrelated', () => {}, 60_000);
    await until(() => stoppedItself);
    await expect(unrelated.started).resolves.toBe(true);
    expect(poller.ticks).toBe(1);
    await app.stop();
  });
});

describe('Medium 7: a transient child supervisor that gives up', () => {
  it('exits with reason shutdown and is not restarted by its parent', async () => {
    const exits = events<ChildExitEvent>(channels.childExit);
    events(channels.supervisorEscalate);
    const lab = new Lab();
    const inner = new Supervisor({ name: 'inner', maxRestarts: 0, children: [lab.spec('w')] });
    const outer = new Supervisor({ name: 'outer', children: [{ ...inner.asChild(), restart: 'transient' }, lab.spec('other')] });
    await outer.start();
    lab.crash('w');
    await until(() => exits.some((exit) => exit.supervisor === 'outer'));
    await settle();
    expect(lab.attempts.get('w')).toBe(1);
    expect(exits.filter((exit) => exit.supervisor === 'outer').map((exit) => [exit.id, exit.reason])).toEqual([['inner', 'shutdown']]);
    expect(outer.whichChildren().map((child) => [child.id, child.status])).toEqual([
      ['inner', 'stopped'],
      ['other', 'running'],
    ]);
    await outer.stop();
    await expect(outer.done).resolves.toBeUndefined();
  });
});

describe('Medium 8: abandoned tasks do not corrupt the next stop', () => {
  it('a late settlement of an abandoned task does not end the next stop() early', async () => {
    const taskErrors = events<TaskErrorEvent>(channels.taskError);
    events(channels.error);
    const tasks = new TaskSupervisor({ shutdown: 20 });
    let finishFirst!: () => void;
    tasks.start(function first() {
      return new Promise<void>((resolve) => (finishFirst = resolve));
    });
    await tasks.stop();
    expect(taskErrors.map((event) => event.task)).toEqual(['first']);
    tasks.start(function second() {
      return new Promise<void>(() => {});
    });
    const stopping = tasks.stop();
    finishFirst();
    await stopping;
    expect(taskErrors.map((event) => event.task)).toEqual(['first', 'second']);
  });
});

describe('Medium 9: dynamic and run-time children stop concurrently', () => {
  /** A child whose stop waits for the test; logs when its stop was asked. */
  function heldStop(id: string, asked: string[], release: Promise<void>): ChildSpec {
    return { id, start: () => ({ stop: () => (asked.push(id), release) }) };
  }

  it('a DynamicSupervisor asks every child to stop before any has finished', async () => {
    const asked: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const sup = new DynamicSupervisor();
    await sup.start();
    for (const id of ['a', 'b', 'c']) await sup.startChild(heldStop(id, asked, released));
    const stopping = sup.stop();
    await until(() => asked.length === 3);
    expect(asked).toEqual(['c', 'b', 'a']);
    release();
    await stopping;
  });

  it("an application's run-time children are asked to stop together, then its configured ones in reverse", async () => {
    const asked: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const app = new Application({ name: 'many', children: [heldStop('config', asked, Promise.resolve())] });
    const aborted: string[] = [];
    const handles = ['x', 'y', 'z'].map((id) =>
      app.supervise.interval(
        id,
        (signal) => {
          signal.addEventListener('abort', () => aborted.push(id));
          return released; // the tick stays in flight until released, so each stop waits for it
        },
        1,
        { shutdown: 60_000 },
      ),
    );
    await until(() => handles.every((handle) => handle.ticks === 1));
    const stopping = app.stop();
    await until(() => aborted.length === 3);
    expect(asked).toEqual([]);
    release();
    await stopping;
    expect(asked).toEqual(['config']);
  });
});

describe('Medium 10: `done` settles only when the child ends on its own', () => {
  it('a child whose stop resolves is stopped, even though its done never settles', async () => {
    const errors = events<ErrorEvent>(channels.error);
    const sup = new Supervisor({
      children: [{ id: 'server', shutdown: 200, start: () => ({ done: new Promise(() => {}), stop: () => Promise.resolve() }) }],
    });
    await sup.start();
    await sup.stop();
    expect(errors).toEqual([]);
  });
});

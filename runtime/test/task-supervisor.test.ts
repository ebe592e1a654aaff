import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskSupervisor } from '../src/task-supervisor.js';
import { channels, type ErrorEvent, type TaskErrorEvent } from '../src/telemetry.js';
import { afterDeferredReports, collect, delay, unhandledRejections, until } from './helpers/telemetry.js';

const subscriptions: { stop(): void }[] = [];
function taskErrors() {
  const sub = collect<TaskErrorEvent>(channels.taskError);
  subscriptions.push(sub);
  return sub.events;
}
afterEach(() => {
  vi.useRealTimers();
  for (const sub of subscriptions.splice(0)) sub.stop();
});

describe('TaskSupervisor.start', () => {
  it('runs the function synchronously, so effects before the first await keep their order', () => {
    const order: string[] = [];
    const tasks = new TaskSupervisor();
    tasks.start(async () => {
      order.push('task');
      await null;
      order.push('after await');
    });
    order.push('caller');
    expect(order).toEqual(['task', 'caller']);
  });

  it('reports a synchronous throw and a rejection instead of letting them escape', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor({ name: 'usage' });
    expect(() =>
      tasks.start(function track() {
        throw new Error('sync');
      }),
    ).not.toThrow();
    tasks.start(async function record() {
      await null;
      throw new Error('async');
    });
    await until(() => errors.length === 2);
    expect(errors.map((e) => [e.supervisor, e.task, (e.error as Error).message])).toEqual([
      ['usage', 'track', 'sync'],
      ['usage', 'record', 'async'],
    ]);
  });

  it('tracks a pending task until it settles and releases it afterwards', async () => {
    const tasks = new TaskSupervisor();
    let finish!: () => void;
    tasks.start(() => new Promise<void>((resolve) => (finish = resolve)));
    tasks.start(() => 42); // synchronous: never tracked
    expect(tasks.size).toBe(1);
    finish();
    await delay(0);
    expect(tasks.size).toBe(0);
  });

  it('passes a signal only to a function that declares a parameter', () => {
    const tasks = new TaskSupervisor();
    let received: unknown = 'unset';
    tasks.start((...args: unknown[]) => {
      received = args[0];
    });
    expect(received).toBeUndefined();
    tasks.start((signal) => {
      received = signal;
    });
    expect(received).toBeInstanceOf(AbortSignal);
  });

  it('aborts the signal when the timeout passes and reports the timeout', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    let seen: AbortSignal | undefined;
    tasks.start(
      (signal) => {
        seen = signal;
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      },
      { name: 'slow', timeout: 20 },
    );
    await until(() => errors.length === 1);
    expect(seen?.aborted).toBe(true);
    expect((errors[0]?.error as Error).name).toBe('TimeoutError');
    await until(() => tasks.size === 0);
    expect(errors).toHaveLength(1); // the AbortError echo of the timeout is not a second failure
  });

  it('cancels a task whose owner signal aborts, without reporting the cancellation', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    const owner = new AbortController();
    let aborted = false;
    tasks.start(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason);
          }),
        ),
      { signal: owner.signal },
    );
    owner.abort(new DOMException('owner gone', 'AbortError'));
    await until(() => tasks.size === 0);
    expect(aborted).toBe(true);
    expect(errors).toHaveLength(0);
  });

  it('does not run a task whose owner has already aborted', () => {
    const tasks = new TaskSupervisor();
    let ran = false;
    tasks.start(
      () => {
        ran = true;
      },
      { signal: AbortSignal.abort() },
    );
    expect(ran).toBe(false);
  });
});

describe('TaskSupervisor.async', () => {
  it('resolves with the result and rejects to the caller, who then sees the error instead of a report', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    await expect(tasks.async(async () => 7)).resolves.toBe(7);
    await expect(tasks.async(() => 'sync value')).resolves.toBe('sync value');
    await expect(
      tasks.async(async () => {
        throw new Error('mine');
      }),
    ).rejects.toThrow('mine');
    expect(errors).toHaveLength(0);
  });

  it('reports the failure of a task nobody awaits instead of raising an unhandled rejection', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    tasks.async(async function forgotten() {
      throw new Error('nobody listens');
    });
    await until(() => errors.length === 1);
    expect(errors[0]?.task).toBe('forgotten');
  });

  it('cancel() rejects the task at once and aborts its fetch-like work synchronously', async () => {
    const tasks = new TaskSupervisor();
    let workAborted = false;
    const fetchLike = (signal: AbortSignal) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => resolve('response'), 10_000);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          workAborted = true;
          reject(signal.reason);
        });
      });
    const task = tasks.async((signal) => fetchLike(signal));
    expect(workAborted).toBe(false);
    task.cancel();
    // Within cancel() itself, not at the next shutdown: the work's abort listener has already run.
    expect(workAborted).toBe(true);
    await expect(task).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => tasks.size === 0);
    expect(task.signal.aborted).toBe(true);
  });

  it('a signal first read after cancel() is already aborted, with the cancellation as its reason', async () => {
    const tasks = new TaskSupervisor();
    // A function that declares no parameter never makes the controller: the signal is first read after cancel().
    const task = tasks.async(() => new Promise(() => {}));
    const reason = new Error('shutting down');
    task.cancel(reason);
    await expect(task).rejects.toBe(reason);
    expect(task.signal.aborted).toBe(true);
    expect(task.signal.reason).toBe(reason);
  });

  it('a timeout rejects the task with a TimeoutError', async () => {
    const tasks = new TaskSupervisor();
    const task = tasks.async(() => new Promise(() => {}), { timeout: 15 });
    await expect(task).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(task.signal.aborted).toBe(true);
  });
});

describe('TaskSupervisor.callback', () => {
  it('turns each call of an async callback into a supervised task, keeping this and the arguments', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    const seen: unknown[] = [];
    const handler = tasks.callback(async function onMessage(this: unknown, message: string) {
      seen.push([this, message]);
      if (message === 'bad') throw new Error('handler failed');
    });
    const context = { emitter: true };
    void handler.call(context, 'good');
    void handler.call(context, 'bad');
    await until(() => errors.length === 1);
    expect(seen).toEqual([
      [context, 'good'],
      [context, 'bad'],
    ]);
    expect(errors[0]?.task).toBe('onMessage');
  });
});

describe('TaskSupervisor.callback: what the handler returns', () => {
  const rejections = unhandledRejections();

  it('returns a synchronous return value as it is', () => {
    const tasks = new TaskSupervisor();
    const handler = tasks.callback((a: number, b: number) => a + b);
    const sum: number = handler(2, 3);
    expect(sum).toBe(5);
  });

  it("returns a promise of the handler's value", async () => {
    const tasks = new TaskSupervisor();
    const handler = tasks.callback(async function run(job: { id: number }) {
      await null;
      return { done: job.id };
    });
    const result: Promise<{ done: number }> = handler({ id: 7 });
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toEqual({ done: 7 });
  });

  it('hands a rejection to a caller that awaits it, and does not report it', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    const handler = tasks.callback(async function execute() {
      throw new Error('job failed');
    });
    await expect(handler()).rejects.toThrow('job failed');
    await afterDeferredReports();
    expect(errors).toEqual([]);
    expect(rejections).toEqual([]);
  });

  it('reports a rejection nobody awaits (an emitter drops the promise), never as an unhandled rejection', async () => {
    const errors = taskErrors();
    const tasks = new TaskSupervisor();
    const handler = tasks.callback(async function onMessage() {
      throw new Error('dropped');
    });
    void handler();
    await until(() => errors.length === 1);
    expect(errors[0]).toMatchObject({ task: 'onMessage', error: { message: 'dropped' } });
    await afterDeferredReports();
    expect(errors).toHaveLength(1);
    expect(rejections).toEqual([]);
  });

  it('waits for the returned promise on stop, as for any task', async () => {
    const tasks = new TaskSupervisor();
    let release!: () => void;
    const handler = tasks.callback(() => new Promise<void>((resolve) => (release = resolve)));
    void handler();
    expect(tasks.size).toBe(1);
    const stopped = tasks.stop();
    release();
    await stopped;
    expect(tasks.size).toBe(0);
  });
});

describe('TaskSupervisor.stop', () => {
  it('aborts every task and resolves once they have settled', async () => {
    const tasks = new TaskSupervisor();
    const settled: number[] = [];
    for (let i = 0; i < 5; i++) {
      tasks.start(
        (signal) =>
          new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => {
              settled.push(i);
              resolve();
            }),
          ),
      );
    }
    await tasks.stop();
    expect(settled).toEqual([0, 1, 2, 3, 4]);
    expect(tasks.size).toBe(0);
  });

  it('gives up on tasks that ignore their signal after `shutdown` ms and reports them', async () => {
    const errors = taskErrors();
    const general = collect<ErrorEvent>(channels.error);
    subscriptions.push(general);
    vi.useFakeTimers();
    const tasks = new TaskSupervisor({ name: 'stubborn', shutdown: 30 });
    let release!: () => void;
    tasks.start(function ignoresSignal() {
      return new Promise<void>((resolve) => (release = resolve));
    });
    let stopped = false;
    const stopping = tasks.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(29);
    expect(stopped).toBe(false);
    expect(errors).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(tasks.size).toBe(0);
    expect(errors).toHaveLength(1);
    expect((errors[0]?.error as Error).message).toMatch(/1 task\(s\) did not stop within 30 ms.*ignoresSignal/);
    release();
  });

  it('stays usable after stop, as a restarted Task.Supervisor does', async () => {
    const tasks = new TaskSupervisor();
    await tasks.stop();
    await expect(tasks.async(async () => 'again')).resolves.toBe('again');
  });
});

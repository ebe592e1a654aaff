import { spawn, type ChildProcess } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Application } from '../src/application.js';
import { intervalChild } from '../src/children/interval.js';
import { processChild } from '../src/children/process.js';
import { queueChild } from '../src/children/queue.js';
import { Supervisor } from '../src/supervisor.js';
import { TaskSupervisor } from '../src/task-supervisor.js';
import { channels } from '../src/telemetry.js';
import { Lab, recordTelemetry, settle } from './fake-children.js';
import { until } from './helpers/telemetry.js';

// The Low items of issue #10: each failed on the runtime before its fix.

let telemetry: ReturnType<typeof recordTelemetry>;
beforeEach(() => {
  telemetry = recordTelemetry();
});
afterEach(() => {
  telemetry.close();
});

describe('telemetry: no child exit without a start before it', () => {
  it('after failed restart attempts, every exit event follows a start event of the same child', async () => {
    const lab = new Lab();
    const sup = new Supervisor({ maxRestarts: 10, children: [lab.spec('db', { failStart: (attempt) => attempt === 2 || attempt === 3 })] });
    await sup.start();
    lab.crash('db');
    await until(() => lab.attempts.get('db') === 4 && sup.whichChildren()[0]?.status === 'running');
    await sup.stop();
    const lifecycle = telemetry.events
      .filter((event) => event.channel === channels.childStart || event.channel === channels.childExit)
      .map((event) => (event.channel === channels.childStart ? 'start' : `exit:${String(event.message.reason)}`));
    expect(lifecycle).toEqual(['start', 'exit:crash', 'start', 'exit:shutdown']);
    // The failed attempts are still reported, as errors of the child.
    expect(telemetry.on(channels.error).map((event) => event.component)).toEqual([`${sup.name}/db`, `${sup.name}/db`]);
  });

  it("a run-time child whose own supervisor gives up publishes no exit for the supervisor around it", async () => {
    const app = new Application({ name: 'gives-up', maxRestarts: 0 });
    const worker = app.supervise.worker('crasher', () => new Worker('process.exit(1)', { eval: true }));
    await until(() => telemetry.on(channels.supervisorEscalate).length === 1);
    await settle();
    const rootExits = telemetry.on(channels.childExit).filter((event) => event.supervisor === 'gives-up');
    expect(rootExits).toEqual([]);
    expect(worker.worker).toBeUndefined();
    await app.stop();
  });
});

describe('a result whose then getter throws', () => {
  const poisoned = (): object => ({
    get then(): never {
      throw new Error('then getter');
    },
  });

  it('is a failure of the task, reported, not thrown from tasks.start', async () => {
    const tasks = new TaskSupervisor({ name: 'poison' });
    expect(() => tasks.start(() => poisoned())).not.toThrow();
    expect(() => tasks.start((_signal) => poisoned())).not.toThrow();
    await until(() => telemetry.on(channels.taskError).length === 2);
    expect(telemetry.on(channels.taskError).map((event) => (event.error as Error).message)).toEqual(['then getter', 'then getter']);
  });

  it("is a failed tick, reported, and does not escape from the interval's timer", async () => {
    const { spec, state } = intervalChild('poison', () => poisoned(), 2);
    const sup = new Supervisor({ children: [spec] });
    await sup.start();
    await until(() => state.failures >= 2);
    await sup.stop();
  });
});

describe('owner signals', () => {
  it('link any number of tasks to one owner through one abort listener, released when they settle', async () => {
    const tasks = new TaskSupervisor();
    const owner = new AbortController();
    const finishers: (() => void)[] = [];
    for (let i = 0; i < 30; i++) {
      tasks.start(() => new Promise<void>((resolve) => finishers.push(resolve)), { signal: owner.signal });
    }
    expect(getEventListeners(owner.signal, 'abort')).toHaveLength(1);
    for (const finish of finishers.splice(0, 29)) finish();
    await settle();
    expect(getEventListeners(owner.signal, 'abort')).toHaveLength(1);
    finishers[0]?.();
    await settle();
    expect(getEventListeners(owner.signal, 'abort')).toHaveLength(0);
  });

  it('cancel every linked task when the owner aborts', async () => {
    const tasks = new TaskSupervisor();
    const owner = new AbortController();
    const cancelled: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      tasks.start(
        (signal) =>
          new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => {
              cancelled.push(signal.reason);
              resolve();
            }),
          ),
        { signal: owner.signal },
      );
    }
    owner.abort('owner gone');
    expect(cancelled).toEqual(Array.from({ length: 12 }, () => 'owner gone'));
    await settle();
    expect(tasks.size).toBe(0);
    expect(getEventListeners(owner.signal, 'abort')).toHaveLength(0);
  });
});

describe("brutal_kill on a process child", () => {
  it('sends SIGKILL at once instead of SIGTERM and a grace period', async () => {
    const spawned: ChildProcess[] = [];
    const { spec, state } = processChild(
      'stubborn',
      () => {
        const child = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        spawned.push(child);
        return child;
      },
      { shutdown: 'brutal_kill', grace: 60_000 },
    );
    const sup = new Supervisor({ children: [spec] });
    await sup.start();
    await new Promise((resolve) => state.process?.stdout?.once('data', resolve));
    const exited = new Promise((resolve) => spawned[0]?.once('exit', (_code, signal) => resolve(signal)));
    await sup.stop();
    await expect(exited).resolves.toBe('SIGKILL');
  });
});

describe('a queue whose owner restarts', () => {
  it('keeps its for-await consumers, which get the items pushed after the restart', async () => {
    const lab = new Lab();
    const { spec, queue } = queueChild<string>('events', { max: 10 });
    const sup = new Supervisor({ strategy: 'one_for_all', children: [spec, lab.spec('sibling')] });
    await sup.start();
    const received: string[] = [];
    const consumer = (async () => {
      for await (const item of queue) received.push(item);
      return 'ended';
    })();
    queue.push('before');
    await until(() => received.length === 1);
    lab.crash('sibling');
    await until(() => lab.attempts.get('sibling') === 2);
    expect(queue.push('after')).toBe(true);
    await until(() => received.length === 2);
    expect(received).toEqual(['before', 'after']);
    await sup.stop();
    await expect(consumer).resolves.toBe('ended');
  });
});

describe('ticks across a restart', () => {
  it('a restarted interval does not tick while a tick of the previous incarnation still runs', async () => {
    const lab = new Lab();
    let release!: () => void;
    let running = 0;
    let overlapped = false;
    const { spec, state } = intervalChild(
      'slow',
      () => {
        running += 1;
        if (running > 1) overlapped = true;
        // The first tick ignores its signal and runs on until released.
        const ends = state.ticks === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
        return ends.then(() => {
          running -= 1;
        });
      },
      2,
      { shutdown: 'brutal_kill' },
    );
    const sup = new Supervisor({ strategy: 'one_for_all', children: [spec, lab.spec('sibling')] });
    await sup.start();
    await until(() => state.ticks === 1);
    lab.crash('sibling');
    await until(() => lab.attempts.get('sibling') === 2);
    await until(() => state.skipped >= 2);
    expect(state.ticks).toBe(1);
    release();
    await until(() => state.ticks >= 3);
    expect(overlapped).toBe(false);
    await sup.stop();
  });
});

describe('the worker handle as a drop-in Worker', () => {
  const echoScript = `
    const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (m) => parentPort.postMessage('echo ' + m));
  `;

  it('delivers a message posted before the worker runs, and drops one posted after it exited', async () => {
    const app = new Application({ name: 'drop-in' });
    const echo = app.supervise.worker('echo', () => new Worker(echoScript, { eval: true }));
    const replies: string[] = [];
    echo.on('message', (reply: string) => replies.push(reply));
    echo.postMessage('early');
    await until(() => replies.length === 1);
    expect(replies).toEqual(['echo early']);
    const code = await echo.terminate();
    expect(code).toBe(1); // what Worker.terminate() resolves for a thread it ended
    expect(() => echo.postMessage('late')).not.toThrow();
    await app.stop();
  });

  it('has stdout, stderr, stdin, emit, listenerCount and removeAllListeners', async () => {
    const app = new Application({ name: 'drop-in-2' });
    const printer = app.supervise.worker('printer', () => new Worker("console.log('hello from the worker'); setInterval(() => {}, 1000)", { eval: true, stdout: true }));
    await printer.started;
    const printed = await new Promise<string>((resolve) => printer.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    expect(printed).toContain('hello from the worker');
    expect(printer.stderr).toBeDefined();
    expect(printer.stdin).toBeNull(); // as on a Worker created without stdin: true
    const seen: unknown[] = [];
    printer.on('custom', (value: unknown) => seen.push(value));
    printer.on('custom', (value: unknown) => seen.push(`again ${String(value)}`));
    expect(printer.listenerCount('custom')).toBe(2);
    expect(printer.emit('custom', 7)).toBe(true);
    expect(seen).toEqual([7, 'again 7']);
    printer.removeAllListeners('custom');
    expect(printer.listenerCount('custom')).toBe(0);
    expect(printer.emit('custom', 8)).toBe(false);
    expect(seen).toEqual([7, 'again 7']);
    await app.stop();
  });
});

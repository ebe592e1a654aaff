import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chaos, ChaosError, parseChaosSetting } from '../src/chaos.js';
import { intervalChild } from '../src/children/interval.js';
import { processChild } from '../src/children/process.js';
import { workerChild } from '../src/children/worker.js';
import { Supervisor } from '../src/supervisor.js';
import { TaskSupervisor } from '../src/task-supervisor.js';
import { channels, type ChaosInjectEvent, type ChildExitEvent, type TaskErrorEvent } from '../src/telemetry.js';
import { buildRuntime, runScript } from './helpers/built-runtime.js';
import { collect, until } from './helpers/telemetry.js';

const subscriptions: { stop(): void }[] = [];
function watch<T>(name: Parameters<typeof collect>[0]): T[] {
  const subscription = collect<T>(name);
  subscriptions.push(subscription);
  return subscription.events;
}
afterEach(() => {
  chaos.disable();
  for (const subscription of subscriptions.splice(0)) subscription.stop();
});

/** Which of `count` tasks chaos strikes under `seed` (every task runs; the struck ones are reported failed). */
function struckTasks(seed: number, count: number): number[] {
  const failures = collect<TaskErrorEvent>(channels.taskError);
  chaos.enable({ rate: 0.3, seed, faults: ['task'] });
  const tasks = new TaskSupervisor({ name: 'chaos-determinism' });
  let ran = 0;
  for (let i = 0; i < count; i++) tasks.start(() => void (ran += 1), { name: `t${i}` });
  chaos.disable();
  failures.stop();
  expect(ran).toBe(count);
  return failures.events.map((event) => Number(event.task.slice(1)));
}

describe('chaos mode', () => {
  it('is seeded: the same seed strikes the same tasks, another seed others', () => {
    watch(channels.taskError);
    const first = struckTasks(42, 200);
    expect(first.length).toBeGreaterThan(30);
    expect(first.length).toBeLessThan(90);
    expect(struckTasks(42, 200)).toEqual(first);
    expect(struckTasks(7, 200)).not.toEqual(first);
  });

  it('a struck task runs, and then its outcome fails with a ChaosError: reported and published like a real failure', async () => {
    const injections = watch<ChaosInjectEvent>(channels.chaosInject);
    const failures = watch<TaskErrorEvent>(channels.taskError);
    chaos.enable({ rate: 1, seed: 1, faults: ['task'] });
    const tasks = new TaskSupervisor({ name: 'chaos-tasks' });
    let ran = false;
    tasks.start(() => {
      ran = true;
    }, { name: 'trackUsage' });
    let rendered = false;
    await expect(
      tasks.async(async () => {
        await Promise.resolve();
        rendered = true;
        return 'result';
      }, { name: 'render' }),
    ).rejects.toBeInstanceOf(ChaosError);
    await until(() => failures.length === 1);
    expect([ran, rendered]).toEqual([true, true]);
    expect(failures[0]).toMatchObject({ supervisor: 'chaos-tasks', task: 'trackUsage', error: { kind: 'task', target: 'trackUsage' } });
    expect(injections).toEqual([
      { kind: 'task', target: 'trackUsage', sequence: 1 },
      { kind: 'task', target: 'render', sequence: 2 },
    ]);
    expect(chaos.disable()).toMatchObject({ injected: 2, byKind: { task: 2, tick: 0, worker: 0, process: 0 } });
  });

  it('never creates a state the program cannot reach: a constructor that starts its own connection is ready under chaos', async () => {
    // bee-queue's Queue, as `spawnguard fix` rewrote it: `tasks.start(() => this.connect())` in the
    // constructor. Chaos used to skip connect(), so the queue had no client and the next call threw.
    const failures = watch<TaskErrorEvent>(channels.taskError);
    chaos.enable({ rate: 1, seed: 5, faults: ['task'] });
    const tasks = new TaskSupervisor({ name: 'queue' });
    class Queue {
      client: { ping(): string } | undefined;
      constructor() {
        tasks.start(() => this.connect(), { name: 'queue.connect' });
      }
      async connect(): Promise<void> {
        await Promise.resolve();
        this.client = { ping: () => 'PONG' };
      }
    }
    const queue = new Queue();
    await until(() => queue.client !== undefined);
    expect(queue.client?.ping()).toBe('PONG');
    await until(() => failures.length === 1);
    expect(failures[0]!.error).toMatchObject({ kind: 'task', target: 'queue.connect' });
  });

  it('keeps what a struck task is given and gives back: its signal, its own error, a callback\'s return value', async () => {
    const failures = watch<TaskErrorEvent>(channels.taskError);
    chaos.enable({ rate: 1, seed: 2, faults: ['task'] });
    const tasks = new TaskSupervisor({ name: 'chaos-shapes' });
    let signal: unknown;
    tasks.start((given) => {
      signal = given;
    }, { name: 'withSignal' });
    expect(signal).toBeInstanceOf(AbortSignal);
    const ownError = new Error('the task\'s own failure');
    tasks.start(async () => {
      throw ownError;
    }, { name: 'failsItself' });
    const onMessage = tasks.callback((text: string) => text.toUpperCase(), { name: 'server.message' });
    expect(onMessage('hello')).toBe('HELLO');
    await until(() => failures.length === 3);
    const byTask = Object.fromEntries(failures.map((event) => [event.task, event.error]));
    expect(byTask['withSignal']).toBeInstanceOf(ChaosError);
    // A task that fails by itself keeps its own error: chaos never hides a real one.
    expect(byTask['failsItself']).toBe(ownError);
    expect(byTask['server.message']).toMatchObject({ kind: 'task', target: 'server.message' });
  });

  it('a struck tick runs, then fails; the interval reports it and goes on ticking', async () => {
    const failures = watch<TaskErrorEvent>(channels.taskError);
    chaos.enable({ rate: 0.5, seed: 3, faults: ['tick'] });
    let ran = 0;
    const { spec, state } = intervalChild('flush', () => void (ran += 1), 5);
    const tree = new Supervisor({ name: 'chaos-ticks', children: [spec] });
    await tree.start();
    await until(() => state.failures >= 3 && ran >= 3);
    await tree.stop();
    const summary = chaos.disable()!;
    expect(state.failures).toBe(summary.byKind.tick);
    expect(state.ticks).toBe(ran);
    expect(failures.every((event) => event.error instanceof ChaosError)).toBe(true);
  });

  it('a struck async tick fails only once its work is done, and never overlaps the next tick', async () => {
    const failures = watch<TaskErrorEvent>(channels.taskError);
    chaos.enable({ rate: 1, seed: 4, faults: ['tick'] });
    const done: number[] = [];
    let running = 0;
    let overlapped = false;
    const { spec, state } = intervalChild(
      'renewLock',
      async () => {
        overlapped ||= running > 0;
        running += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
        running -= 1;
        done.push(state.ticks);
      },
      1,
    );
    const tree = new Supervisor({ name: 'chaos-async-ticks', children: [spec] });
    await tree.start();
    await until(() => failures.length >= 3);
    await tree.stop();
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(overlapped).toBe(false);
    expect(failures.every((event) => event.error instanceof ChaosError && event.task === 'renewLock tick')).toBe(true);
  });

  it('a struck worker exits with an error right after it started, and is restarted; the summary counts both', async () => {
    const exits = watch<ChildExitEvent>(channels.childExit);
    chaos.enable({ rate: 0.5, seed: 5, faults: ['worker'] });
    const created: Worker[] = [];
    const { spec, state } = workerChild('thumbnails', () => {
      const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
      created.push(worker);
      return worker;
    });
    const tree = new Supervisor({ name: 'chaos-workers', maxRestarts: 20, children: [spec] });
    await tree.start();
    // Restarts go on until a start is not struck; the seed is fixed, so is the number of them.
    await until(() => created.length === chaos.summary()!.byKind.worker + 1 && chaos.summary()!.restarted === created.length - 1);
    const summary = chaos.summary()!;
    expect(summary.byKind.worker).toBeGreaterThan(0);
    expect(state.worker).toBe(created.at(-1));
    expect(exits.filter((exit) => exit.reason === 'crash').map((exit) => (exit.error as Error).message)).toEqual(
      Array(summary.byKind.worker).fill('chaos: injected worker fault into thumbnails'),
    );
    await tree.stop();
    expect(created.every((worker) => worker.threadId === -1)).toBe(true);
  });

  it('a struck child process gets SIGKILL within processDelayMs and is restarted', async () => {
    const exits = watch<ChildExitEvent>(channels.childExit);
    chaos.enable({ rate: 1, seed: 9, faults: ['process'], lifetimeMs: 20 });
    const { spec } = processChild('ffmpeg', () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }));
    const tree = new Supervisor({ name: 'chaos-processes', maxRestarts: 100, maxSeconds: 60, children: [spec] });
    await tree.start();
    await until(() => chaos.summary()!.restarted >= 2);
    chaos.disable();
    await tree.stop();
    const crashes = exits.filter((exit) => exit.reason === 'crash');
    expect(crashes.length).toBeGreaterThanOrEqual(2);
    expect((crashes[0]!.error as Error).message).toBe("process 'ffmpeg' exited with signal SIGKILL");
  });

  it.each<[string, { rate: number; seed?: number } | string]>([
    ['0.25', { rate: 0.25 }],
    ['0.1,42', { rate: 0.1, seed: 42 }],
    [' 1 , 7 ', { rate: 1, seed: 7 }],
    ['1.5', 'SPAWNGUARD_CHAOS must be <rate>[,<seed>] with a rate in [0, 1], got \'1.5\''],
    ['often', 'SPAWNGUARD_CHAOS must be <rate>[,<seed>] with a rate in [0, 1], got \'often\''],
    ['0.1,x', "SPAWNGUARD_CHAOS: the seed must be an integer, got 'x'"],
    ['0.1,2,3', "SPAWNGUARD_CHAOS must be <rate>[,<seed>] with a rate in [0, 1], got '0.1,2,3'"],
  ])('reads SPAWNGUARD_CHAOS=%j', (setting, expected) => {
    if (typeof expected === 'string') expect(() => parseChaosSetting(setting)).toThrow(expected);
    else expect(parseChaosSetting(setting)).toEqual(expected);
  });

  it('rejects a rate outside [0, 1] through the API too', () => {
    expect(() => chaos.enable({ rate: 2 })).toThrow('chaos rate must be in [0, 1], got 2');
    expect(chaos.enabled).toBe(false);
  });
});

describe('chaos mode from the environment', () => {
  beforeAll(() => {
    buildRuntime();
  });

  const script = `
    import { tasks } from '@spawnguard/runtime';
    for (let i = 0; i < 50; i++) tasks.start(() => {}, { name: 'job' + i });
  `;

  function run(setting: string) {
    return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
        cwd: new URL('../../', import.meta.url),
        env: { ...process.env, SPAWNGUARD_CHAOS: setting },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr }));
    });
  }

  it('prints the summary at exit, with the seed that replays the run', async () => {
    const [first, again] = await Promise.all([run('0.2,11'), run('0.2,11')]);
    const summary = /\[spawnguard\] chaos \(rate 0\.2, seed 11\): injected (\d+) \(task (\d+), tick 0, worker 0, process 0\), restarted 0, escalated 0\n/.exec(first.stderr);
    expect(summary, first.stderr).not.toBeNull();
    const [, injected, task] = summary!;
    expect(Number(injected)).toBeGreaterThan(0);
    expect(task).toBe(injected);
    // Every struck task was reported as a failure, and the same seed struck the same tasks.
    expect(first.stderr.match(/ChaosError: chaos: injected task fault into job\d+/g)).toHaveLength(Number(injected));
    expect(again.stderr).toBe(first.stderr);
    expect(first.code).toBe(0);
  });

  it('says in one line that a bad setting leaves chaos off', async () => {
    const outcome = await run('lots');
    expect(outcome.stderr).toBe("[spawnguard] SPAWNGUARD_CHAOS must be <rate>[,<seed>] with a rate in [0, 1], got 'lots'; chaos mode is off\n");
    expect(outcome.code).toBe(0);
  });

  it('leaves the runtime untouched when unset', async () => {
    const outcome = await runScript(`import { chaos } from '@spawnguard/runtime'; console.log(chaos.enabled);`);
    expect(outcome.stdout.trim()).toBe('false');
  });
});



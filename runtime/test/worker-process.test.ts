import { spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processChild } from '../src/children/process.js';
import { workerChild } from '../src/children/worker.js';
import { Supervisor } from '../src/supervisor.js';
import { channels, type ChildExitEvent, type ChildRestartEvent } from '../src/telemetry.js';
import { collect, until } from './helpers/telemetry.js';

// Real worker threads and child processes, kept tiny: each runs a one-line script.

const IDLE = 'setInterval(() => {}, 1000)';
const subscriptions: { stop(): void }[] = [];
function watch() {
  const exits = collect<ChildExitEvent>(channels.childExit);
  const restarts = collect<ChildRestartEvent>(channels.childRestart);
  subscriptions.push(exits, restarts);
  return { exits: exits.events, restarts: restarts.events };
}
afterEach(() => {
  for (const sub of subscriptions.splice(0)) sub.stop();
});

function processResources(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'ProcessWrap' || name === 'PipeWrap').length;
}

describe('supervise.worker', () => {
  it('restarts a worker that exits with a non-zero code and terminates it on stop', async () => {
    const { exits, restarts } = watch();
    const created: Worker[] = [];
    const { spec, state } = workerChild('thumbnails', () => {
      const worker = new Worker(created.length === 0 ? 'process.exit(3)' : IDLE, { eval: true });
      created.push(worker);
      return worker;
    });
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await until(() => restarts.length === 1);
    expect((exits[0]?.error as Error).message).toBe("worker 'thumbnails' exited with code 3");
    expect(state.worker).toBe(created[1]);
    await supervisor.stop();
    expect(created).toHaveLength(2);
    expect(created.map((worker) => worker.threadId)).toEqual([-1, -1]); // both threads are gone
    expect(state.worker).toBeUndefined();
    expect(exits.at(-1)?.reason).toBe('shutdown');
  });

  it('is transient by default: a worker that finishes its job (exit 0) is not started again', async () => {
    const { exits } = watch();
    let starts = 0;
    const { spec } = workerChild('batch', () => {
      starts += 1;
      return new Worker('1 + 1', { eval: true });
    });
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await until(() => exits.length === 1);
    expect(exits[0]?.reason).toBe('normal');
    expect(supervisor.whichChildren()).toEqual([{ id: 'batch', type: 'worker', status: 'stopped', restarts: 0 }]);
    expect(starts).toBe(1);
    await supervisor.stop();
  });

  it("reports a worker's uncaught error as the crash reason", async () => {
    const { exits, restarts } = watch();
    let starts = 0;
    const { spec } = workerChild('parser', () => {
      starts += 1;
      return new Worker(starts === 1 ? "throw new Error('bad input')" : IDLE, { eval: true });
    });
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await until(() => restarts.length === 1);
    expect((exits[0]?.error as Error).message).toBe('bad input');
    await supervisor.stop();
  });
});

describe('supervise.process', () => {
  it('restarts a process that exits abnormally and SIGTERMs it on stop, leaving no process behind', async () => {
    const before = processResources();
    const { exits, restarts } = watch();
    const spawned: ChildProcess[] = [];
    const { spec, state } = processChild('ffmpeg', () => {
      const child = spawn(process.execPath, ['-e', spawned.length === 0 ? 'process.exit(2)' : IDLE], { stdio: 'ignore' });
      spawned.push(child);
      return child;
    });
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await until(() => restarts.length === 1);
    expect((exits[0]?.error as Error).message).toBe("process 'ffmpeg' exited with code 2");
    expect(state.process).toBe(spawned[1]);
    await supervisor.stop();
    expect(spawned[1]?.signalCode).toBe('SIGTERM');
    expect(state.process).toBeUndefined();
    await until(() => processResources() === before); // the handle closes just after 'exit'
  });

  it('SIGKILLs a process that ignores SIGTERM once the grace period is over', async () => {
    const before = processResources();
    let child!: ChildProcess;
    let ready!: () => void;
    const listening = new Promise<void>((resolve) => (ready = resolve));
    const { spec } = processChild(
      'stubborn',
      () => {
        child = spawn(process.execPath, ['-e', `process.on('SIGTERM', () => {}); console.log('ready'); ${IDLE}`], {
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        child.stdout?.once('data', () => ready());
        return child;
      },
      { grace: 100 },
    );
    const supervisor = new Supervisor({ children: [spec] });
    await supervisor.start();
    await listening;
    const sent: (NodeJS.Signals | number | undefined)[] = [];
    const kill = child.kill.bind(child);
    child.kill = (signal) => {
      sent.push(signal);
      return kill(signal);
    };
    // The grace period runs on a faked clock: the SIGKILL comes when it is over, not before, however
    // slowly the machine runs. The process and its exit stay real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stopping = supervisor.stop();
      await vi.advanceTimersByTimeAsync(99);
      expect(sent).toEqual(['SIGTERM']);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toEqual(['SIGTERM', 'SIGKILL']);
      await stopping;
    } finally {
      vi.useRealTimers();
    }
    expect(child.signalCode).toBe('SIGKILL');
    await until(() => processResources() === before);
  });

  it('treats a spawn failure as a crash', async () => {
    const { exits } = watch();
    const escalations = collect(channels.supervisorEscalate);
    subscriptions.push(escalations);
    let starts = 0;
    const { spec } = processChild(
      'missing',
      () => {
        starts += 1;
        return spawn('/nonexistent/spawnguard-binary', [], { stdio: 'ignore' });
      },
      { restart: 'transient' },
    );
    const supervisor = new Supervisor({ children: [spec], maxRestarts: 1 });
    await supervisor.start().catch(() => undefined);
    await expect(supervisor.done).rejects.toThrow(/gave up/);
    expect(exits.some((event) => (event.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')).toBe(true);
    expect(starts).toBe(2);
    expect(escalations.events).toHaveLength(1);
  });
});

describe('the supervise.worker handle stands in for the Worker', () => {
  it('sends to the running worker, keeps its listeners across a restart, and terminate() stops it for good', async () => {
    const { Application } = await import('../src/application.js');
    const app = new Application({ name: 'echo-app' });
    // Echoes each message; exits with code 1 on 'crash' (an abnormal exit: the child is restarted).
    const script = `
      const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => (m === 'crash' ? process.exit(1) : parentPort.postMessage('echo ' + m)));
    `;
    let starts = 0;
    const echo = app.supervise.worker('echo', () => {
      starts += 1;
      return new Worker(script, { eval: true });
    });
    await echo.started;
    const replies: string[] = [];
    const onces: string[] = [];
    echo.on('message', (reply: string) => replies.push(reply));
    echo.once('message', (reply: string) => onces.push(reply));
    echo.postMessage('a');
    await until(() => replies.length === 1);
    const firstThread = echo.threadId;
    expect(firstThread).toBeGreaterThan(0);

    echo.postMessage('crash');
    await until(() => starts === 2 && echo.worker !== undefined && echo.threadId !== firstThread);
    echo.postMessage('b');
    await until(() => replies.length === 2);
    expect(replies).toEqual(['echo a', 'echo b']);
    expect(onces).toEqual(['echo a']);

    await echo.terminate();
    expect(echo.worker).toBeUndefined();
    expect(echo.threadId).toBe(-1);
    expect(() => echo.postMessage('c')).not.toThrow(); // dropped, as by a Worker that exited
    expect(starts).toBe(2);
    await app.stop();
  });
});

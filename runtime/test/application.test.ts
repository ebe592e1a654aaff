import { beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../src/application.js';
import { buildRuntime, runScript, type Outcome } from './helpers/built-runtime.js';
import { channels } from '../src/telemetry.js';
import { recordTelemetry } from './fake-children.js';
import { until } from './helpers/telemetry.js';

// Signals and exit codes are process-wide, so each scenario runs in its own `node` on the built runtime.

beforeAll(() => {
  buildRuntime();
});

/** Children that log their start and stop; `hang` names one whose stop never finishes. */
const loggingChildren = (hang = '') => `
  const child = (id) => ({
    id,
    start() {
      console.log('start ' + id);
      return {
        stop() {
          console.log('stop ' + id);
          if (id === '${hang}') return new Promise(() => setInterval(() => {}, 1000));
        },
      };
    },
  });
`;

/** Runs the script and sends `signal` each time stdout shows one of `triggers`, in order. */
function signalOn(script: string, triggers: string[], signal: NodeJS.Signals = 'SIGTERM'): Promise<Outcome> {
  let next = 0;
  return runScript(script, {
    onStdout: (stdout, child) => {
      while (next < triggers.length && stdout.includes(triggers[next] as string)) {
        next += 1;
        child.kill(signal);
      }
    },
  });
}

describe('Application.start', () => {
  it('on SIGTERM stops the tree in reverse order, sets exitCode 0 and lets the process exit', async () => {
    const outcome = await signalOn(
      `
      import { Application } from '@spawnguard/runtime';
      ${loggingChildren()}
      const app = await Application.start({ children: [child('db'), child('cache'), child('http')] });
      app.supervise.interval('poll', () => {}, 1000); // keeps the process alive until the tree stops
      console.log('ready');
      `,
      ['ready'],
    );
    expect(outcome.stdout).toBe('start db\nstart cache\nstart http\nready\nstop http\nstop cache\nstop db\n');
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toBe('');
  });

  it('a second signal forces the exit while the shutdown hangs', async () => {
    const outcome = await signalOn(
      `
      import { Application } from '@spawnguard/runtime';
      ${loggingChildren('http')}
      const app = await Application.start({
        children: [child('db'), { ...child('http'), shutdown: 'infinity' }],
        shutdownTimeout: 30000,
      });
      await app.supervise.interval('poll', () => {}, 1000).started;
      console.log('ready');
      `,
      ['ready', 'stop http'],
    );
    expect(outcome.stdout).toBe('start db\nstart http\nready\nstop http\n');
    // 128 + SIGTERM: the forced exit. Waiting out the 30 s deadline would have ended it with 1.
    expect(outcome.code).toBe(143);
  });

  it('exits with 1 when the shutdown overruns its deadline', async () => {
    const outcome = await signalOn(
      `
      import { Application } from '@spawnguard/runtime';
      ${loggingChildren('http')}
      const app = await Application.start({
        children: [child('db'), { ...child('http'), shutdown: 'infinity' }],
        shutdownTimeout: 150,
        signals: ['SIGINT'],
      });
      await app.supervise.interval('poll', () => {}, 1000).started;
      console.log('ready');
      `,
      ['ready'],
      'SIGINT',
    );
    expect(outcome.stdout).toBe('start db\nstart http\nready\nstop http\n');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/did not stop within 150 ms of SIGINT/);
  });

  it('reports every unhandled rejection when asked to, and removes its handler on stop', async () => {
    const outcome = await runScript(`
      import diagnostics_channel from 'node:diagnostics_channel';
      import { Application, channels } from '@spawnguard/runtime';
      diagnostics_channel.subscribe(channels.error, (event) => console.log('reported', event.component, event.error.message));
      const app = await Application.start({ name: 'svc', children: [], reportUnhandledRejections: true, signals: [] });
      Promise.reject(new Error('one'));
      Promise.reject(new Error('two'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      await app.stop();
      console.log('listeners', process.listenerCount('unhandledRejection'), process.listenerCount('SIGTERM'));
    `);
    expect(outcome.stdout).toBe('reported svc/unhandledRejection one\nreported svc/unhandledRejection two\nlisteners 0 0\n');
    expect(outcome.code).toBe(0);
  });

  it('sets exitCode 1 when the root supervisor gives up', async () => {
    const outcome = await runScript(`
      import { Application } from '@spawnguard/runtime';
      const app = await Application.start({
        maxRestarts: 0,
        signals: [],
        children: [{ id: 'doomed', start: () => ({ done: Promise.reject(new Error('crash')) }) }],
      });
      await app.supervisor.done.catch((error) => console.log('gave up:', error.message));
    `);
    expect(outcome.stdout).toMatch(/^gave up: supervisor 'application' exceeded 0 restarts/);
    expect(outcome.code).toBe(1);
  });
});

describe('the default root', () => {
  it('installs no rejection handler and starts nothing: an unhandled rejection still crashes the program', async () => {
    const outcome = await runScript(`
      const before = process.getActiveResourcesInfo().join();
      const { root, tasks, supervise } = await import('@spawnguard/runtime');
      await new Promise((resolve) => setImmediate(resolve)); // the loader's own file closes settle
      console.log('same resources after import', process.getActiveResourcesInfo().join() === before);
      tasks.start(async () => {});
      console.log('signal listeners with tasks only', process.listenerCount('SIGTERM'));
      const tick = supervise.interval('tick', () => {}, 1000);
      await tick.started;
      console.log('handlers', process.listenerCount('unhandledRejection'), process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'));
      await root.stop();
      console.log('signal listeners after stop', process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'));
      Promise.reject(new Error('left to Node'));
    `);
    expect(outcome.stdout).toBe(
      'same resources after import true\nsignal listeners with tasks only 0\nhandlers 0 0 0\nsignal listeners after stop 0 0\n',
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('left to Node');
  });

  it("does not take over the process: a library's supervised cache is still full when the application's own SIGTERM handler reads it", async () => {
    const outcome = await signalOn(
      `
      import { supervise } from '@spawnguard/runtime';
      // A scheduler library, rewritten to the runtime, keeps its jobs in a supervised cache.
      const jobs = supervise.cache('jobs', () => new Map());
      jobs.set('nightly', { cron: '0 3 * * *' });
      const tick = supervise.interval('scheduler', () => {}, 50);
      await tick.started;
      console.log('signal listeners', process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'));
      // The application's graceful shutdown persists the jobs, after some I/O.
      process.on('SIGTERM', async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        console.log('jobs to persist', jobs.size);
        process.exit(0);
      });
      console.log('ready');
    `,
      ['ready'],
    );
    expect(outcome.stdout).toBe('signal listeners 0 0\nready\njobs to persist 1\n');
    expect(outcome.code).toBe(0);
  });

  it("lets go of the event loop beside the program's own SIGTERM handler, so its graceful shutdown ends the process", async () => {
    const outcome = await signalOn(
      `
      import http from 'node:http';
      import { spawn } from 'node:child_process';
      import { Worker } from 'node:worker_threads';
      import { supervise } from '@spawnguard/runtime';
      const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
      const flush = supervise.interval('flush', () => {}, 50);
      const worker = supervise.worker('thumbs', () => new Worker('setInterval(() => {}, 1000)', { eval: true }));
      const helper = supervise.process('helper', () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'pipe' }));
      await Promise.all([flush.started, worker.started, helper.started]);
      process.on('SIGTERM', () => server.close(() => console.log('server closed, cache', cache.size)));
      const cache = supervise.cache('sessions', () => new Map([['a', 1]]));
      server.on('listening', () => console.log('ready, helper ' + helper.process.pid));
    `,
      ['ready'],
    );
    const [ready, closed] = outcome.stdout.split('\n');
    expect(closed).toBe('server closed, cache 1');
    expect(outcome.code).toBe(0);
    // The supervised process did not outlive the program.
    const helperPid = Number(/helper (\d+)/.exec(ready ?? '')?.[1]);
    const alive = (): boolean => {
      try {
        process.kill(helperPid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await until(() => !alive());
  });

  it("after handleSignals(), SIGTERM stops a supervised interval, then lets the program's own graceful shutdown finish", async () => {
    const outcome = await signalOn(
      `
      import http from 'node:http';
      import { supervise, handleSignals } from '@spawnguard/runtime';
      handleSignals();
      const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
      supervise.interval('flush', () => {}, 50);
      process.on('SIGTERM', () => server.close(() => console.log('server closed')));
      server.on('listening', () => console.log('ready'));
    `,
      ['ready'],
    );
    expect(outcome.stdout).toBe('ready\nserver closed\n');
    expect(outcome.code).toBe(0);
  });

  it('after handleSignals(), SIGTERM with no handler of the program stops the tree and then exits by the signal as Node would', async () => {
    const outcome = await signalOn(
      `
      import { supervise, handleSignals } from '@spawnguard/runtime';
      handleSignals();
      const tick = supervise.interval('flush', () => {}, 50);
      await tick.started;
      supervise.cache('sessions', () => new Map()).set('a', 1);
      const { root } = await import('@spawnguard/runtime');
      const stop = root.stop.bind(root);
      root.stop = async (reason) => { await stop(reason); console.log('tree stopped by', reason); };
      console.log('ready');
    `,
      ['ready'],
    );
    expect(outcome.stdout).toBe('ready\ntree stopped by SIGTERM\n');
    expect(outcome.signal).toBe('SIGTERM');
  });

  it('does not keep the process alive: a program using only tasks.start exits when its work is done', async () => {
    const outcome = await runScript(`
      import { tasks } from '@spawnguard/runtime';
      tasks.start(async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        console.log('usage recorded');
      }, { timeout: 60_000 });
    `);
    expect(outcome.stdout).toBe('usage recorded\n');
    expect(outcome.code).toBe(0);
  });
});

describe('Application (in process)', () => {
  it('stop() waits for children still being added, so nothing added just before it is left behind', async () => {
    const app = new Application({ name: 'racing' });
    const errors: unknown[] = [];
    const cache = app.supervise.cache('prices', () => new Map<string, number>());
    cache.set('apple', 3);
    const tick = app.supervise.interval('tick', () => {}, 1000);
    // No await between the adds and the stop: the adds are still in flight.
    await app.stop().catch((error: unknown) => errors.push(error));
    expect(errors).toEqual([]);
    expect(await tick.started).toBe(true);
    expect(cache.size).toBe(0);
    expect(app.whichChildren()).toEqual([]);
  });

  it('starts its tree lazily with tasks first, and starts a fresh one after stop', async () => {
    const app = new Application({ name: 'lazy' });
    expect(app.supervisor).toBeUndefined();
    const cache = app.supervise.cache('sessions', () => new Map<string, number>());
    const queue = app.supervise.queue<number>('events', { max: 2 });
    await queue.started;
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks', 'sessions', 'events']);
    cache.set('a', 1);
    await app.stop();
    expect(app.supervisor).toBeUndefined();
    expect(cache.size).toBe(0);
    const again = app.supervise.interval('later', () => {}, 1000);
    expect(await again.started).toBe(true);
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks', 'later']);
    await again.stop();
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks']);
    await app.stop();
  });

  it('a handle stopped right after creation removes its child once started', async () => {
    const app = new Application();
    const tick = app.supervise.interval('short-lived', () => {}, 5);
    await tick.stop();
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks']);
    await app.stop();
  });

  it('runs every supervise.* call of one kind as its own child: id, id#2, id#3, with the ids of ended ones free again', async () => {
    const app = new Application({ name: 'instances' });
    const ticks: number[] = [0, 0, 0];
    // Three instances of a class whose field holds an interval: one id in the code, three timers.
    const handles = ticks.map((_, index) => app.supervise.interval('store.stats', () => void ticks[index]!++, 5));
    expect(handles.map((handle) => handle.id)).toEqual(['store.stats', 'store.stats#2', 'store.stats#3']);
    expect(await Promise.all(handles.map((handle) => handle.started))).toEqual([true, true, true]);
    await until(() => ticks.every((count) => count > 0));

    await handles[1]!.stop();
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks', 'store.stats', 'store.stats#3']);
    const next = app.supervise.interval('store.stats', () => {}, 5);
    expect(next.id).toBe('store.stats#2');
    expect(await next.started).toBe(true);
    await app.stop();
  });

  it('forgets a run-time worker that ended normally, so a worker per request neither piles up nor is refused', async () => {
    const { Worker } = await import('node:worker_threads');
    const app = new Application({ name: 'per-request' });
    let created = 0;
    for (let request = 0; request < 3; request++) {
      const worker = app.supervise.worker('thumbnail.render', () => {
        created++;
        return new Worker('process.exit(0)', { eval: true });
      });
      expect(await worker.started).toBe(true);
      // The worker exits 0 at once; until then it is the one child besides tasks, after that none is.
      await until(() => app.whichChildren().length === 1);
      expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks']);
    }
    expect(created).toBe(3);
    await app.stop();
  });

  it('keeps the ids of configured children: a run-time child of the same kind gets the next instance id', async () => {
    const app = await Application.start({ name: 'configured', signals: [], children: [{ id: 'flush', start: () => ({ stop: () => {} }) }] });
    const flush = app.supervise.interval('flush', () => {}, 1000);
    expect(flush.id).toBe('flush#2');
    expect(await flush.started).toBe(true);
    expect(app.whichChildren().map((child) => child.id)).toEqual(['tasks', 'flush', 'flush#2']);
    await app.stop();
  });

  it('gives a run-time child the next instance id when startChild already added a child with its id', async () => {
    const app = new Application({ name: 'added' });
    await app.startChild({ id: 'reaper', start: () => ({ stop: () => {} }) });
    const reaper = app.supervise.interval('reaper', () => {}, 1000);
    expect(reaper.id).toBe('reaper#2');
    expect(await reaper.started).toBe(true);
    await app.stop();
  });

  it('gives back the id of a child that could not be made', async () => {
    const app = new Application({ name: 'refused' });
    expect(() => app.supervise.interval('poll', () => {}, -1)).toThrow();
    const poll = app.supervise.interval('poll', () => {}, 1000);
    expect(poll.id).toBe('poll');
    await app.stop();
  });

  it('gives up a run-time child that keeps crashing alone: the rest of the program keeps running', async () => {
    const { Worker } = await import('node:worker_threads');
    const telemetry = recordTelemetry();
    const app = new Application({ name: 'isolated' });
    try {
      let ticks = 0;
      const flush = app.supervise.interval('metrics.flush', () => void ticks++, 5);
      const cache = app.supervise.cache('prompts', () => new Map<string, string>());
      cache.set('greeting', 'hello');
      let starts = 0;
      const crashy = app.supervise.worker('thumbnail.render', () => {
        starts++;
        return new Worker('process.exit(1)', { eval: true });
      });
      expect(await crashy.started).toBe(true);
      // Its own intensity (3 restarts in 5 s) runs out: it is given up, and only it.
      await until(() => !app.whichChildren().some((child) => child.id === 'thumbnail.render'));
      expect(starts).toBe(4);
      expect(telemetry.on(channels.supervisorEscalate)).toEqual([expect.objectContaining({ supervisor: 'isolated/thumbnail.render' })]);
      expect(app.whichChildren().map((child) => [child.id, child.status])).toEqual([
        ['tasks', 'running'],
        ['metrics.flush', 'running'],
        ['prompts', 'running'],
      ]);
      const ticksBefore = ticks;
      await until(() => ticks > ticksBefore);
      expect(cache.get('greeting')).toBe('hello');
      expect(await flush.started).toBe(true);
    } finally {
      telemetry.close();
      await app.stop();
    }
  });

  it('shows each run-time child itself in whichChildren, restarts included', async () => {
    const { Worker } = await import('node:worker_threads');
    const app = new Application({ name: 'visible', maxRestarts: 10 });
    let starts = 0;
    const flaky = app.supervise.worker('flaky', () => new Worker(starts++ === 0 ? 'process.exit(1)' : 'setInterval(() => {}, 1000)', { eval: true }));
    expect(await flaky.started).toBe(true);
    await until(() => starts === 2 && app.whichChildren().find((child) => child.id === 'flaky')?.status === 'running');
    expect(app.whichChildren().find((child) => child.id === 'flaky')).toMatchObject({ type: 'worker', status: 'running', restarts: 1 });
    await app.stop();
  });

  it('publishes a run-time child\'s start and exit once, from its own supervisor', async () => {
    const telemetry = recordTelemetry();
    const app = new Application({ name: 'announced' });
    try {
      const tick = app.supervise.interval('metrics.flush', () => {}, 1000);
      expect(await tick.started).toBe(true);
      await tick.stop();
      expect(telemetry.on(channels.childStart).filter((event) => event['id'] === 'metrics.flush')).toEqual([
        { supervisor: 'announced/metrics.flush', id: 'metrics.flush', type: 'worker' },
      ]);
      expect(telemetry.on(channels.childExit).filter((event) => event['id'] === 'metrics.flush')).toEqual([
        { supervisor: 'announced/metrics.flush', id: 'metrics.flush', reason: 'shutdown' },
      ]);
    } finally {
      telemetry.close();
      await app.stop();
    }
  });

  it('leaves run-time children running when a configured child crashes under one_for_all', async () => {
    let crash!: (error: Error) => void;
    let starts = 0;
    const configured = {
      id: 'database',
      start: () => {
        starts++;
        // stop() ends the run, as a real child's does: the final app.stop() need not sit out the 5 s shutdown.
        let end!: () => void;
        const done = new Promise<void>((resolve, reject) => ((end = resolve), (crash = reject)));
        return { done, stop: () => end() };
      },
    };
    const app = await Application.start({ name: 'grouped', strategy: 'one_for_all', signals: [], children: [configured] });
    const telemetry = recordTelemetry();
    let ticks = 0;
    const flush = app.supervise.interval('metrics.flush', () => void ticks++, 5);
    expect(await flush.started).toBe(true);
    crash(new Error('connection lost'));
    // The group's restart is done once its last member, the database, is announced restarted.
    await until(() => telemetry.on(channels.childRestart).some((event) => event['id'] === 'database'));
    telemetry.close();
    expect(starts).toBe(2);
    expect(telemetry.on(channels.childExit).filter((event) => event['id'] === 'metrics.flush')).toEqual([]);
    expect(app.whichChildren().map((child) => [child.id, child.status])).toEqual([
      ['tasks', 'running'],
      ['database', 'running'],
      ['metrics.flush', 'running'],
    ]);
    const ticksBefore = ticks;
    await until(() => ticks > ticksBefore);
    await app.stop();
  });
});

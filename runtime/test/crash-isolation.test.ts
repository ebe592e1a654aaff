import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { root, supervise, tasks } from '../src/root.js';
import { Supervisor } from '../src/supervisor.js';
import { cacheChild } from '../src/children/cache.js';
import { channels, type ChildExitEvent, type ChildRestartEvent } from '../src/telemetry.js';
import type { ChildSpec } from '../src/types.js';
import { buildRuntime, runScript } from './helpers/built-runtime.js';
import { collect, until } from './helpers/telemetry.js';

// The crash-isolation scenarios of the OTP reviews the project grew from (docs/architecture.md):
// Task.start vs Task.Supervisor, ETS cache outside the tree, registry state lost on restart,
// unbounded EventStream, no cancellation, on this runtime.

beforeAll(() => {
  buildRuntime();
});

afterEach(async () => {
  await root.stop();
});

/** A child's `done`: rejects when the test crashes it, resolves when it is stopped. */
function crashable(signal: AbortSignal, expose: (reject: (error: Error) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    expose(reject);
    signal.addEventListener('abort', () => resolve());
  });
}

const trackUsage = `
  async function doTrackUsage(model, usage) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    throw new Error('usage store unavailable for ' + model);
  }
`;

describe('a crashing usage-tracking task', () => {
  it('takes the process down when it is fire-and-forget (the failure being fixed)', async () => {
    const outcome = await runScript(`
      ${trackUsage}
      doTrackUsage('gpt', { tokens: 12 });
      setTimeout(() => console.log('still serving'), 50);
    `);
    expect(outcome.code).not.toBe(0);
    expect(outcome.stdout).not.toContain('still serving');
  });

  it('does not take the process down under tasks.start, and is reported', async () => {
    const outcome = await runScript(`
      import diagnostics_channel from 'node:diagnostics_channel';
      import { tasks, channels } from '@spawnguard/runtime';
      ${trackUsage}
      diagnostics_channel.subscribe(channels.taskError, (event) => {
        console.log('reported', event.task, event.error.message);
      });
      tasks.start(() => doTrackUsage('gpt', { tokens: 12 }), { name: 'track_usage' });
      setTimeout(() => console.log('still serving'), 50);
    `);
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('reported track_usage usage store unavailable for gpt\nstill serving\n');
  });

  it('is printed to stderr once when nobody subscribes', async () => {
    const outcome = await runScript(`
      import { tasks } from '@spawnguard/runtime';
      ${trackUsage}
      tasks.start(() => doTrackUsage('gpt', {}), { name: 'track_usage' });
    `);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr.match(/usage store unavailable/g)).toHaveLength(1);
    expect(outcome.stderr).toContain('track_usage');
  });
});

describe('a cache owned by a restarted child', () => {
  it('is empty after the restart', async () => {
    const restarts = collect<ChildRestartEvent>(channels.childRestart);
    const exits = collect<ChildExitEvent>(channels.childExit);
    let crash!: (error: Error) => void;
    const { spec: cacheSpec, cache } = cacheChild('prompt_cache', () => new Map<string, string>());
    const ai: ChildSpec = {
      id: 'ai',
      start: ({ signal }) => ({ done: crashable(signal, (reject) => (crash = reject)) }),
    };
    const owner = new Supervisor({ name: 'ai_owner', strategy: 'one_for_all', children: [cacheSpec, ai] });
    await owner.start();
    cache.set('prompt', 'cached answer');
    crash(new Error('ai crashed'));
    await until(() => restarts.events.some((event) => event.id === 'ai'));
    expect(cache.size).toBe(0);
    expect(exits.events.find((event) => event.reason === 'crash')?.id).toBe('ai');
    await owner.stop();
    restarts.stop();
    exits.stop();
  });
});

describe('a registry child', () => {
  it('re-registers its entries on restart, and what the dead incarnation held is gone', async () => {
    const restarts = collect<ChildRestartEvent>(channels.childRestart);
    const exits = collect<ChildExitEvent>(channels.childExit);
    const { spec: registrySpec, cache: registry } = cacheChild('plugin_registry', () => new Map<string, number>());
    let incarnation = 0;
    let crash!: (error: Error) => void;
    const plugin: ChildSpec = {
      id: 'fhir_validator',
      start: ({ signal }) => {
        incarnation += 1;
        registry.set('fhir_validator', incarnation);
        return { done: crashable(signal, (reject) => (crash = reject)) };
      },
    };
    // The registry first, the plugins that register in it after, restarted together.
    const host = new Supervisor({ name: 'plugin_host', strategy: 'one_for_all', children: [registrySpec, plugin] });
    await root.startChild(host.asChild());
    registry.set('session:42', 99);
    expect([...registry]).toEqual([['fhir_validator', 1], ['session:42', 99]]);
    crash(new Error('plugin OOM'));
    await until(() => restarts.events.some((event) => event.id === 'fhir_validator'));
    expect([...registry]).toEqual([['fhir_validator', 2]]);
    await root.stop();
    expect(registry.size).toBe(0);
    expect(exits.events.find((event) => event.reason === 'crash')?.id).toBe('fhir_validator');
    restarts.stop();
    exits.stop();
  });
});

describe('a bounded queue under the root', () => {
  it('never holds more than max, whatever the producer does', async () => {
    const events = supervise.queue<number>('events', { max: 100, drop: 'drop_oldest' });
    expect(await events.started).toBe(true);
    let largest = 0;
    for (let i = 0; i < 10_000; i++) {
      events.push(i);
      largest = Math.max(largest, events.size);
    }
    expect(largest).toBe(100);
    expect(events.dropped).toBe(9_900);
    await events.stop();
    expect(events.closed).toBe(true);
  });
});

describe('cancelling a task', () => {
  let server: Server;
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('aborts its fetch: the client closes the connection the server never answers', async () => {
    const hanging = new Set<{ destroy(): void }>();
    let closedByClient = 0;
    server = createServer((request) => {
      hanging.add(request.socket); // never answers
      request.socket.once('close', () => (closedByClient += 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const task = tasks.async((signal) => fetch(`http://127.0.0.1:${port}/slow`, { signal }));
    await until(() => hanging.size === 1);
    task.cancel();
    await expect(task).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => tasks.size === 0);
    // The abort reached the request itself, not only the task: only the client can close this
    // connection (the server keeps it open, and the socket is destroyed after this check).
    await until(() => closedByClient === 1);
    for (const socket of hanging) socket.destroy();
  });
});

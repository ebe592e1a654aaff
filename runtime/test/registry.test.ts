import { afterEach, describe, expect, it } from 'vitest';
import { Application } from '../src/application.js';
import { Registry } from '../src/registry.js';
import { Supervisor } from '../src/supervisor.js';
import { channels } from '../src/telemetry.js';
import type { ChildInstance, ChildSpec } from '../src/types.js';
import { collect, until } from './helpers/telemetry.js';

/** A provider as a supervised child: its instance carries its API and can be crashed by the test. */
interface Provider extends ChildInstance {
  readonly api: string;
  readonly generation: number;
  crash(error: Error): void;
}

function provider(id: string, registry: Registry<Provider>, generations: Map<string, number>): ChildSpec {
  return {
    id,
    via: registry.via(id),
    start: ({ signal }) => {
      const generation = (generations.get(id) ?? 0) + 1;
      generations.set(id, generation);
      let crash!: (error: Error) => void;
      const done = new Promise<void>((resolve, reject) => {
        crash = reject;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      return { api: `${id}-api`, generation, crash, done } satisfies Provider;
    },
  };
}

describe('Registry with via-names', () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  function quiet(): void {
    for (const name of [channels.childExit, channels.supervisorEscalate]) {
      const subscription = collect(name);
      cleanups.push(() => subscription.stop());
    }
  }

  it('registers a child under its name while it runs, re-registers every restart, removes it on exit', async () => {
    quiet();
    const providers = new Registry<Provider>('providers');
    const generations = new Map<string, number>();
    const tree = new Supervisor({ name: 'providers-sup', children: [provider('openai', providers, generations)] });
    await tree.start();
    const first = providers.whereis('openai');
    expect(first).toMatchObject({ api: 'openai-api', generation: 1 });
    expect(providers.names()).toEqual(['openai']);

    first!.crash(new Error('connection reset'));
    // Once the crash is observable (the first reaction to `done`), the dead incarnation is unreachable,
    // before the supervisor has even handled the exit; then the restart registers the new one.
    await null;
    expect(providers.whereis('openai')).toBeUndefined();
    await until(() => providers.whereis('openai') !== undefined);
    expect(providers.whereis('openai')).toMatchObject({ generation: 2 });
    expect(providers.whereis('openai')).not.toBe(first);

    await tree.stop();
    expect(providers.whereis('openai')).toBeUndefined();
    expect(providers.size).toBe(0);
  });

  it("the seeds' failure case: a provider registry whose owner crashes comes back with its providers, nobody registering them again", async () => {
    quiet();
    const providers = new Registry<Provider>('providers');
    const generations = new Map<string, number>();
    // The owner gives up at the first crash of a provider (maxRestarts 0); its parent restarts it.
    const owner = new Supervisor({
      name: 'provider-owner',
      maxRestarts: 0,
      children: ['openai', 'anthropic', 'mistral'].map((id) => provider(id, providers, generations)),
    });
    const app = await Application.start({ name: 'ai', signals: [], children: [owner.asChild('providers')] });
    cleanups.push(() => app.stop());
    expect(providers.names().sort()).toEqual(['anthropic', 'mistral', 'openai']);

    providers.whereis('anthropic')!.crash(new Error('bad gateway'));
    await until(() => providers.size === 3 && providers.whereis('openai')?.generation === 2);
    for (const id of ['openai', 'anthropic', 'mistral']) {
      expect(providers.whereis(id)).toMatchObject({ api: `${id}-api`, generation: 2 });
    }
  });

  it('a name held by a running child refuses a second child under it, as a taken via-name does', async () => {
    quiet();
    const providers = new Registry<Provider>('providers');
    const generations = new Map<string, number>();
    const tree = new Supervisor({ name: 'dupes', children: [provider('openai', providers, generations)] });
    await tree.start();
    cleanups.push(() => tree.stop());
    const impostor: ChildSpec = { ...provider('impostor', providers, generations), via: providers.via('openai') };
    await expect(tree.startChild(impostor)).rejects.toThrow("registry 'providers': 'openai' is already registered to a running child");
    expect(providers.whereis('openai')).toMatchObject({ api: 'openai-api' });
  });

  it('a start that fails gives the name back', async () => {
    quiet();
    const providers = new Registry('providers');
    const tree = new Supervisor({ name: 'failing', children: [] });
    await tree.start();
    cleanups.push(() => tree.stop());
    const broken: ChildSpec = {
      id: 'broken',
      via: providers.via('broken'),
      start: () => {
        throw new Error('no api key');
      },
    };
    await expect(tree.startChild(broken)).rejects.toThrow('no api key');
    await expect(tree.startChild({ id: 'fixed', via: providers.via('broken'), start: () => ({}) })).resolves.toMatchObject({ status: 'running' });
    expect(providers.names()).toEqual(['broken']);
  });

  it('next(name) waits for the incarnation a restart brings, and gives up when its signal aborts', async () => {
    quiet();
    const providers = new Registry<Provider>('providers');
    const generations = new Map<string, number>();
    const tree = new Supervisor({ name: 'waiting', children: [provider('openai', providers, generations)] });
    await tree.start();
    cleanups.push(() => tree.stop());
    providers.whereis('openai')!.crash(new Error('reset'));
    await null;
    await expect(providers.next('openai')).resolves.toMatchObject({ generation: 2 });
    const controller = new AbortController();
    const never = providers.next('nobody', controller.signal);
    controller.abort(new Error('gave up waiting'));
    await expect(never).rejects.toThrow('gave up waiting');
  });
});

import type { ChildInstance, ChildSpec, ViaClaim, ViaName } from './types.js';

/**
 * A registry of unique names for supervised children, after Elixir's `Registry` with via-names
 * (`name: {:via, Registry, {MyRegistry, key}}`).
 *
 * A child spec says `via: registry.via('openai')`; its supervisor then registers every incarnation
 * of the child under that name for exactly as long as it lives: the name is claimed before each
 * start (a name another live incarnation holds refuses the start), bound to the started instance
 * (what `start` returned), and released the moment the incarnation ends, crashes or starts being
 * stopped. So `whereis('openai')` always reaches the current incarnation, or nothing between a crash
 * and the restart, never a dead one; and when a whole subtree is restarted, its children come back
 * under their names without anyone registering them again (the seeds' provider registry that came
 * back empty after a crash).
 *
 * `V` is what the children's `start` returns (their instance), which is how they expose an API:
 * `start: () => ({ client, stop, done })`, then `registry.whereis('openai')?.client`.
 */
export class Registry<V extends ChildInstance = ChildInstance> {
  readonly name: string;
  /** name -> the claim holding it; a claim without an instance is a start in progress. */
  readonly #entries = new Map<string, { instance: V | undefined }>();
  readonly #waiting = new Map<string, Set<(instance: V) => void>>();

  constructor(name = 'registry') {
    this.name = name;
  }

  /** The via-name to put in a child spec. */
  via(name: string): ViaName {
    return { claim: () => this.#claim(name) };
  }

  /** The running incarnation registered under `name`, or undefined (none, or one still starting). */
  whereis(name: string): V | undefined {
    return this.#entries.get(name)?.instance;
  }

  /** Names with a running incarnation. */
  names(): string[] {
    const names: string[] = [];
    for (const [name, entry] of this.#entries) if (entry.instance !== undefined) names.push(name);
    return names;
  }

  /** How many names have a running incarnation. */
  get size(): number {
    return this.names().length;
  }

  /**
   * The incarnation registered under `name`, waiting for one to be running (across a restart, say).
   * Rejects with the signal's reason when `signal` aborts first.
   */
  next(name: string, signal?: AbortSignal): Promise<V> {
    const running = this.whereis(name);
    if (running !== undefined) return Promise.resolve(running);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<V>((resolve, reject) => {
      let waiters = this.#waiting.get(name);
      if (waiters === undefined) this.#waiting.set(name, (waiters = new Set()));
      const onAbort = (): void => {
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiting.get(name) === waiters) this.#waiting.delete(name);
        reject(signal?.reason);
      };
      const wake = (instance: V): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(instance);
      };
      waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #claim(name: string): ViaClaim {
    const held = this.#entries.get(name);
    if (held !== undefined) {
      const what = held.instance === undefined ? 'a child that is starting' : 'a running child';
      throw new Error(`registry '${this.name}': '${name}' is already registered to ${what}`);
    }
    const entry: { instance: V | undefined } = { instance: undefined };
    this.#entries.set(name, entry);
    let released = false;
    return {
      bind: (instance) => {
        if (released) return;
        entry.instance = instance as V;
        const waiters = this.#waiting.get(name);
        if (waiters === undefined) return;
        this.#waiting.delete(name);
        for (const wake of waiters) wake(entry.instance);
      },
      release: () => {
        if (released) return;
        released = true;
        if (this.#entries.get(name) === entry) this.#entries.delete(name);
      },
    };
  }
}

/**
 * The supervisor's hook (applied to every child it records): a spec with a `via` name gets a start
 * that claims the name first (a taken name fails the start), binds it to the started instance, and
 * releases it as soon as that incarnation is done for: its `done` settles, or its signal aborts
 * (the supervisor aborts it whenever it stops an instance, and when the start failed), so the name
 * never reaches an incarnation that is on its way out. Other specs are returned as they are.
 */
export function registeredUnderVia(spec: ChildSpec): ChildSpec {
  const via = spec.via;
  if (via === undefined) return spec;
  return {
    ...spec,
    async start(ctx) {
      const name = via.claim();
      const release = (): void => name.release();
      ctx.signal.addEventListener('abort', release, { once: true });
      let started: unknown;
      try {
        started = await spec.start(ctx);
      } catch (error) {
        release();
        throw error;
      }
      if (typeof started === 'string') {
        // A start that answers OTP's 'ignore' (where the contract allows it) runs nothing to name.
        release();
        return started as never;
      }
      const instance = (started ?? {}) as ChildInstance;
      if (ctx.signal.aborted) return instance;
      name.bind(instance);
      const { done } = instance;
      if (done === undefined) return instance;
      // The name reaches the instance itself; the supervisor watches a `done` that frees the name first.
      return {
        stop: instance.stop === undefined ? undefined : (reason) => instance.stop!(reason),
        done: done.then(
          (value) => {
            release();
            return value;
          },
          (error: unknown) => {
            release();
            throw error;
          },
        ),
      };
    },
  };
}

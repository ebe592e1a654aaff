/**
 * Chaos mode: an opt-in fault injector that proves supervision works by crashing supervised children
 * while the program runs. Off unless `SPAWNGUARD_CHAOS=<rate>[,<seed>]` is in the environment when
 * the runtime is imported, or `chaos.enable({ rate, seed })` is called.
 *
 * Each injection point draws from a seeded PRNG (one stream per kind of fault, so how many ticks a
 * timer happened to run does not change which worker starts fail) and strikes with probability
 * `rate`:
 * - task: a `tasks.start` / `tasks.async` / `tasks.callback` task runs, and then its outcome fails with
 *   a {@link ChaosError} (it throws, or its promise rejects once it settled); a task that failed by
 *   itself keeps its own error;
 * - tick: an interval's tick runs, and then fails likewise (the next tick runs as usual);
 * - worker: a worker is terminated and exits with the {@link ChaosError}, and is restarted under its
 *   supervisor's restart intensity;
 * - process: a child process gets SIGKILL, and is restarted likewise.
 * Tasks and ticks are struck in their outcome, never skipped: a real fault happens while code runs, so
 * skipping the code would make states the program cannot reach (a constructor's
 * `tasks.start(() => this.connect())` that never connects leaves an object with no client, where a
 * real failure of connect() is the program's own to handle). What chaos tests is the path a failure
 * takes: telemetry, the caller's rejection, the interval going on.
 * A struck worker or process dies at a random moment within `lifetimeMs` of its start. The default,
 * 0, kills it right after it started, before the program can have sent it anything, so that chaos
 * tests supervision and not the program's own message protocol: a worker that dies later in its life
 * takes the messages in flight to it along, and a program that waits for a reply without a timeout
 * waits for ever (as a `GenServer.call` with `:infinity` would).
 * Every injection is published on `spawnguard:chaos:inject`; the failures themselves travel the
 * ordinary paths (task and tick errors, child exits), which is the point. While on, chaos counts the
 * restarts and escalations it provoked; `chaos.disable()` returns the summary, and when enabled from
 * the environment it is printed to stderr at exit:
 * `[spawnguard] chaos (rate 0.2, seed 42): injected 7 (task 3, tick 2, worker 2, process 0), restarted 2, escalated 0`.
 *
 * The runtime's injection points are one call each (task-supervisor.ts, children/interval.ts,
 * children/worker.ts, children/process.ts) and cost one `undefined` check while chaos is off.
 *
 * @module chaos
 */

import diagnostics_channel from 'node:diagnostics_channel';
import { channels, publish, type ChaosInjectEvent, type EscalateEvent } from './telemetry.js';
import { prng } from './prng.js';
import { settlementOf } from './thenable.js';

export type ChaosKind = 'task' | 'tick' | 'worker' | 'process';

const kinds: readonly ChaosKind[] = ['task', 'tick', 'worker', 'process'];

export interface ChaosOptions {
  /** Probability, in [0, 1], that an injection point strikes. */
  rate: number;
  /** PRNG seed (an integer); a random one is drawn, and shown in the summary, when absent. */
  seed?: number;
  /** Which faults to inject (default all). */
  faults?: readonly ChaosKind[];
  /**
   * A struck worker or process is killed at a random moment within this many ms of its start
   * (default 0: as soon as it started, before the program can have sent it anything).
   */
  lifetimeMs?: number;
  /** Print the summary to stderr when the process exits (default false; true from the environment). */
  summaryAtExit?: boolean;
}

export interface ChaosSummary {
  rate: number;
  seed: number;
  injected: number;
  byKind: Record<ChaosKind, number>;
  /** Child restarts published while chaos was on. */
  restarted: number;
  /** Supervisors that gave up while chaos was on. */
  escalated: number;
}

/** The failure chaos injects; `kind` and `target` say where. */
export class ChaosError extends Error {
  override readonly name = 'ChaosError';
  constructor(
    readonly kind: ChaosKind,
    readonly target: string,
  ) {
    super(`chaos: injected ${kind} fault into ${target}`);
  }
}

function streamSeed(seed: number, kind: ChaosKind): number {
  let hash = seed >>> 0;
  for (let i = 0; i < kind.length; i++) hash = Math.imul(hash ^ kind.charCodeAt(i), 0x9e3779b1) >>> 0;
  return hash;
}

/** The injector while chaos is on; the runtime's injection points call it. */
export class ChaosMonkey {
  readonly rate: number;
  readonly seed: number;
  readonly #streams: Map<ChaosKind, () => number>;
  readonly #lifetimeMs: number;
  readonly #summary: ChaosSummary;
  readonly #onRestart = (): void => {
    this.#summary.restarted += 1;
  };
  readonly #onEscalate = (message: unknown): void => {
    const event = message as EscalateEvent;
    this.#summary.escalated += 1;
    // Subscribing took over the escalation's stderr line from publishError; keep it visible.
    process.stderr.write(`[spawnguard] chaos: supervisor '${event.supervisor}' gave up after ${event.restarts} restarts\n`);
  };

  constructor(options: ChaosOptions) {
    const { rate } = options;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`chaos rate must be in [0, 1], got ${rate}`);
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    if (!Number.isInteger(seed)) throw new RangeError(`chaos seed must be an integer, got ${seed}`);
    this.rate = rate;
    this.seed = seed;
    this.#lifetimeMs = options.lifetimeMs ?? 0;
    this.#streams = new Map((options.faults ?? kinds).map((kind) => [kind, prng(streamSeed(seed, kind))]));
    this.#summary = { rate, seed, injected: 0, byKind: { task: 0, tick: 0, worker: 0, process: 0 }, restarted: 0, escalated: 0 };
  }

  /** `fn` itself, or, when struck, `fn` whose outcome fails with a {@link ChaosError} (same arity: it decides whether `fn` gets a signal). */
  task<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
    if (!this.#strikes('task', name)) return fn;
    return failingOutcome(fn, new ChaosError('task', name));
  }

  /** `fn` itself, or, when this tick is struck, `fn` whose outcome fails with a {@link ChaosError}. */
  tick<F extends (...args: never[]) => unknown>(fn: F, id: string): F {
    if (!this.#strikes('tick', id)) return fn;
    return failingOutcome(fn, new ChaosError('tick', id));
  }

  /**
   * When a worker's or process's start is struck, calls `kill` (terminate, SIGKILL) with the
   * {@link ChaosError} to crash with, at a random moment within `lifetimeMs` of the start, or at once
   * when it is 0.
   */
  started(kind: 'worker' | 'process', id: string, kill: (error: ChaosError) => void): void {
    const random = this.#streams.get(kind);
    if (random === undefined || !this.#strikes(kind, id)) return;
    const error = new ChaosError(kind, id);
    const delay = Math.floor(random() * this.#lifetimeMs);
    if (delay === 0) kill(error);
    else setTimeout(() => kill(error), delay).unref();
  }

  summary(): ChaosSummary {
    return { ...this.#summary, byKind: { ...this.#summary.byKind } };
  }

  /** @internal */
  listen(on: boolean): void {
    const method = on ? diagnostics_channel.subscribe : diagnostics_channel.unsubscribe;
    method(channels.childRestart, this.#onRestart);
    method(channels.supervisorEscalate, this.#onEscalate);
  }

  #strikes(kind: ChaosKind, target: string): boolean {
    const random = this.#streams.get(kind);
    if (random === undefined || random() >= this.rate) return false;
    this.#summary.injected += 1;
    this.#summary.byKind[kind] += 1;
    const event: ChaosInjectEvent = { kind, target, sequence: this.#summary.injected };
    publish(channels.chaosInject, event);
    return true;
  }
}

/** The injector the runtime's injection points consult; undefined while chaos is off. */
export let activeChaos: ChaosMonkey | undefined;

/**
 * Runs `fn`, then fails its outcome with `error`: a value becomes a throw, a promise that fulfils a
 * rejection once it did. A throw or rejection of `fn`'s own stays as it is: chaos never hides a real
 * failure. The wrapper declares as many parameters as `fn`, since callers read `fn.length`.
 */
function failingOutcome<F extends (...args: never[]) => unknown>(fn: F, error: ChaosError): F {
  const fail = (result: unknown): never | Promise<never> => {
    const settlement = settlementOf(result);
    if (settlement === undefined) throw error;
    return settlement.then(() => {
      throw error;
    });
  };
  const struck =
    fn.length === 0
      ? function struckByChaos(this: unknown) {
          return fail(fn.apply(this, [] as never));
        }
      : function struckByChaos(this: unknown, first: unknown, ...rest: unknown[]) {
          return fail(fn.apply(this, [first, ...rest] as never));
        };
  return struck as unknown as F;
}

/** An interval's tick function; when chaos is on, each tick is drawn for a strike as it starts. */
export function chaosInTicks<A extends unknown[], R>(id: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => (activeChaos === undefined ? fn(...args) : activeChaos.tick(fn, id)(...args));
}

let printAtExit: (() => void) | undefined;

export function formatChaosSummary(summary: ChaosSummary): string {
  const parts = kinds.map((kind) => `${kind} ${summary.byKind[kind]}`).join(', ');
  return (
    `chaos (rate ${summary.rate}, seed ${summary.seed}): injected ${summary.injected} (${parts}), ` +
    `restarted ${summary.restarted}, escalated ${summary.escalated}`
  );
}

export const chaos = {
  /** Turns chaos on (replacing an earlier setting). */
  enable(options: ChaosOptions): void {
    const monkey = new ChaosMonkey(options);
    chaos.disable();
    activeChaos = monkey;
    monkey.listen(true);
    if (options.summaryAtExit) {
      printAtExit = () => process.stderr.write(`[spawnguard] ${formatChaosSummary(monkey.summary())}\n`);
      process.once('exit', printAtExit);
    }
  },
  /** Turns chaos off; returns what it did, or undefined when it was off. */
  disable(): ChaosSummary | undefined {
    const monkey = activeChaos;
    if (monkey === undefined) return undefined;
    activeChaos = undefined;
    monkey.listen(false);
    if (printAtExit !== undefined) process.removeListener('exit', printAtExit);
    printAtExit = undefined;
    return monkey.summary();
  },
  get enabled(): boolean {
    return activeChaos !== undefined;
  },
  /** What chaos did so far, or undefined when it is off. */
  summary(): ChaosSummary | undefined {
    return activeChaos?.summary();
  },
};

/** `SPAWNGUARD_CHAOS=<rate>[,<seed>]`, e.g. `0.1` or `0.1,42`. */
export function parseChaosSetting(setting: string): ChaosOptions {
  const [rateText = '', seedText, ...rest] = setting.split(',').map((part) => part.trim());
  const rate = Number(rateText);
  if (rest.length > 0 || rateText === '' || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`SPAWNGUARD_CHAOS must be <rate>[,<seed>] with a rate in [0, 1], got '${setting}'`);
  }
  if (seedText === undefined) return { rate };
  const seed = Number(seedText);
  if (seedText === '' || !Number.isInteger(seed)) throw new RangeError(`SPAWNGUARD_CHAOS: the seed must be an integer, got '${seedText}'`);
  return { rate, seed };
}

const fromEnvironment = process.env['SPAWNGUARD_CHAOS'];
if (fromEnvironment !== undefined && fromEnvironment !== '') {
  try {
    chaos.enable({ ...parseChaosSetting(fromEnvironment), summaryAtExit: true });
  } catch (error) {
    process.stderr.write(`[spawnguard] ${(error as Error).message}; chaos mode is off\n`);
  }
}

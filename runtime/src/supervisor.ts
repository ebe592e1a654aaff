import { shutdownChild } from './child-shutdown.js';
import { RestartIntensity, monotonicClock, type Clock } from './restart-intensity.js';
import { registeredUnderVia } from './registry.js';
import {
  channels,
  publish,
  publishError,
  type ChildExitEvent,
  type ChildRestartEvent,
  type ChildStartEvent,
  type ErrorEvent,
  type EscalateEvent,
} from './telemetry.js';
import type {
  ChildContext,
  ChildInfo,
  ChildInstance,
  ChildSpec,
  ChildStatus,
  ChildType,
  RestartType,
  Shutdown,
  Strategy,
} from './types.js';

/**
 * A supervisor owns an ordered list of children, starts them, watches them and restarts them when
 * they end, as Erlang's `supervisor` does. This comment is the specification.
 *
 * Children and their exits. A child is a {@link ChildSpec}; `start(ctx)` returns a
 * {@link ChildInstance} whose `done` resolving is a normal exit and rejecting is a crash. A `start`
 * that throws or rejects is a crash as well.
 *
 * Start and stop order. `start()` starts the children one after the other, in list order, each
 * after the previous one's `start` has settled. If one fails, the ones already started are stopped
 * in reverse order and `start()` rejects (and so does `done`). `stop(reason)` stops every child in
 * reverse start order and then resolves `done`. A supervisor can be started again after it stopped
 * or escalated (that is how a parent restarts it); it then starts from its configured `children`
 * again, as an Erlang supervisor re-runs its init: children added with `startChild` are not kept.
 *
 * Strategies (which children are restarted when one of them crashes):
 * - `one_for_one` (default): only the child that ended;
 * - `one_for_all`: the others are stopped (reverse order), then all are started again (in order);
 * - `rest_for_one`: the children started after it are stopped (reverse order), then it and they are
 *   started again (in order).
 * Under `one_for_all` and `rest_for_one` the restarted group includes non-temporary children that
 * were stopped at the time (as OTP does).
 *
 * Restart types (whether a child that ended is restarted):
 * - `permanent` (default): always;
 * - `transient`: only after a crash; a normal exit leaves it stopped (its spec is kept);
 * - `temporary`: never; it is dropped from the supervisor when it ends, and when a sibling's crash
 *   stops it under `one_for_all` / `rest_for_one`.
 *
 * Auto shutdown (OTP's auto_shutdown and significant children). A child marked `significant` must be
 * transient or temporary, and is only allowed when `autoShutdown` is not 'never'. When a significant
 * child ends by itself and is not restarted (a transient one's normal exit, a temporary one's any
 * exit), the supervisor stops on its own, normally, as `stop()` would: at once under
 * 'any_significant', once no significant child is left running under 'all_significant'. A child
 * stopped through `terminateChild` or a supervisor stop does not count.
 *
 * Restart intensity. Every restart, and every retry of a restart whose start failed, is recorded
 * with its time. Times older than `maxSeconds` (default 5) are forgotten; when more than
 * `maxRestarts` (default 3) remain, the supervisor gives up: it stops all its children (reverse
 * order), publishes `spawnguard:supervisor:escalate` and rejects `done`. A retry after a failed
 * start is immediate and counts, so a child that cannot start escalates at once. `maxRestarts: 0`
 * escalates on the first crash. A nested supervisor (see {@link SupervisorCore.asChild}) that
 * escalates is, for its parent, a crashed child, handled under the parent's own strategy and
 * intensity: escalation climbs until a level holds or the root gives up. `done` is marked handled
 * internally, so an escalation nobody awaits is never an unhandled rejection.
 *
 * Shutdown (how a child is stopped; see child-shutdown.ts): abort `ctx.signal`, call `stop(reason)`,
 * wait for `stop` and `done`: at most `shutdown` ms (default 5000 for workers), not at all
 * (`'brutal_kill'`), or as long as it takes (`'infinity'`, the default for supervisors). A child that
 * overruns is abandoned and reported. `ctx.signal` aborts whenever its instance is being stopped:
 * supervisor shutdown, `terminateChild`, or a sibling-driven restart.
 *
 * Operations are serialized: `start`, `stop`, the child operations and the handling of every child
 * exit run one at a time from one queue, so a stop requested during a restart runs after it. A
 * child's `start` must therefore not wait for an operation on its own supervisor (the same deadlock
 * as calling your own supervisor from an Erlang init). {@link SupervisorCore.handleExit} is the one
 * place that decides what a child exit means. No timers are involved in restarting.
 *
 * Telemetry: `spawnguard:child:start`, `spawnguard:child:exit` (crashes are printed to stderr when
 * nobody subscribes), `spawnguard:child:restart`, `spawnguard:supervisor:escalate`.
 */
export interface SupervisorOptions {
  name?: string;
  strategy?: Strategy;
  maxRestarts?: number;
  maxSeconds?: number;
  children?: ChildSpec[];
  /**
   * OTP's auto_shutdown: whether the supervisor stops on its own (normally, as `stop()` would) once
   * `any` or `all` of its `significant` children ended by themselves and were not restarted
   * (default 'never').
   */
  autoShutdown?: AutoShutdown;
  /** Milliseconds clock for the intensity window (monotonic by default); tests inject one. */
  clock?: Clock;
}

export type AutoShutdown = 'never' | 'any_significant' | 'all_significant';

/** OTP's count_children. */
export interface ChildCounts {
  /** Children known to the supervisor, running or not. */
  specs: number;
  /** Children with a running instance. */
  active: number;
  supervisors: number;
  workers: number;
}

/** How the shared core is configured by {@link Supervisor} and `DynamicSupervisor`. */
export interface CoreConfig {
  name: string;
  strategy: Strategy;
  maxRestarts: number;
  maxSeconds: number;
  clock: Clock;
  /** The children every start begins with. */
  children: readonly ChildSpec[];
  /** Upper bound on children (DynamicSupervisor's maxChildren). */
  maxChildren: number;
  /**
   * Whether a child that ended and is not restarted, or was terminated, is forgotten
   * (DynamicSupervisor) instead of kept as a stopped spec (Supervisor).
   */
  forgetsEndedChildren: boolean;
  autoShutdown: AutoShutdown;
}

type Exit = { kind: 'normal' } | { kind: 'crash'; error: unknown };

/** One incarnation of a child; exits of an incarnation that is no longer current are ignored. */
interface Incarnation {
  instance: ChildInstance | undefined;
  readonly controller: AbortController;
}

/** A supervisor's record of one child (exported for the subclasses' signatures only). */
export interface ChildRecord {
  readonly spec: ChildSpec;
  readonly id: string;
  readonly restart: RestartType;
  readonly shutdown: Shutdown;
  readonly type: ChildType;
  status: ChildStatus;
  restarts: number;
  current: Incarnation | undefined;
}

type Phase = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'escalated';

interface Run {
  readonly done: Promise<void>;
  settled: boolean;
  resolve(): void;
  reject(error: unknown): void;
}

const ignore = (): void => {};

function newRun(): Run {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The exposed promise stays rejectable for whoever awaits it; this handler only makes sure an
  // escalation nobody awaits is not an unhandled rejection.
  done.catch(ignore);
  const run: Run = {
    done,
    settled: false,
    resolve: () => {
      run.settled = true;
      resolve();
    },
    reject: (error) => {
      run.settled = true;
      reject(error);
    },
  };
  return run;
}

let unnamed = 0;

export function defaultName(kind: string): string {
  unnamed += 1;
  return `${kind}#${unnamed}`;
}

function checkIntensity(maxRestarts: number, maxSeconds: number): void {
  if (!Number.isInteger(maxRestarts) || maxRestarts < 0) {
    throw new RangeError(`maxRestarts must be a non-negative integer, got ${maxRestarts}`);
  }
  if (!(maxSeconds > 0)) throw new RangeError(`maxSeconds must be positive, got ${maxSeconds}`);
}

function shouldRestart(restart: RestartType, exit: Exit): boolean {
  if (restart === 'permanent') return true;
  if (restart === 'transient') return exit.kind === 'crash';
  return false;
}

/** The state machine shared by {@link Supervisor} and `DynamicSupervisor`. */
export abstract class SupervisorCore {
  readonly name: string;
  private readonly config: CoreConfig;
  private readonly intensity: RestartIntensity;
  private children: ChildRecord[] = [];
  private phase: Phase = 'idle';
  private run: Run = newRun();
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(config: CoreConfig) {
    checkIntensity(config.maxRestarts, config.maxSeconds);
    this.config = config;
    this.name = config.name;
    this.intensity = new RestartIntensity(config.maxRestarts, config.maxSeconds, config.clock);
  }

  /** Settles when this run of the supervisor ends: resolves on `stop()`, rejects on escalation. */
  get done(): Promise<void> {
    return this.run.done;
  }

  /** Starts the configured children in order; rejects (after stopping the started ones) if one fails. */
  start(): Promise<void> {
    return this.serialize(async () => {
      if (this.phase === 'running') throw new Error(`supervisor '${this.name}' is already running`);
      const specs = [...this.config.children];
      const ids = new Set<string>();
      for (const spec of specs) {
        if (ids.has(spec.id)) throw new Error(`supervisor '${this.name}': duplicate child id '${spec.id}'`);
        ids.add(spec.id);
      }
      if (this.run.settled) this.run = newRun();
      this.intensity.reset();
      this.children = specs.map((spec) => this.newChild(spec));
      this.phase = 'starting';
      for (const child of this.children) {
        try {
          await this.startIncarnation(child);
        } catch (error) {
          await this.stopAll('shutdown');
          this.phase = 'stopped';
          const failure = new Error(`supervisor '${this.name}' failed to start child '${child.id}'`, { cause: error });
          this.run.reject(failure);
          throw failure;
        }
      }
      this.phase = 'running';
    });
  }

  /** Stops every child in reverse start order, then resolves `done`. Stopping twice is harmless. */
  stop(reason: unknown = 'shutdown'): Promise<void> {
    return this.serialize(async () => {
      if (this.phase === 'stopped' || this.phase === 'escalated') return;
      this.phase = 'stopping';
      await this.stopAll(reason);
      this.phase = 'stopped';
      this.run.resolve();
    });
  }

  /** Adds a child at the end of the start order and starts it; rejects if its start fails. */
  startChild(spec: ChildSpec): Promise<ChildInfo> {
    return this.serialize(async () => {
      this.assertRunning('startChild');
      if (this.children.some((child) => child.id === spec.id)) {
        throw new Error(`supervisor '${this.name}' already has a child '${spec.id}'`);
      }
      if (this.children.length >= this.config.maxChildren) {
        throw new Error(`supervisor '${this.name}' has reached maxChildren (${this.config.maxChildren})`);
      }
      const child = this.newChild(spec);
      this.children.push(child);
      try {
        await this.startIncarnation(child);
      } catch (error) {
        this.forget(child);
        throw error;
      }
      return info(child);
    });
  }

  /** Stops a child under its shutdown; a Supervisor keeps its spec (temporary ones excepted). */
  terminateChild(id: string): Promise<void> {
    return this.serialize(async () => {
      const child = this.find(id);
      await this.stopIncarnation(child, 'shutdown');
      if (this.forgetsWhenEnded(child)) this.forget(child);
    });
  }

  whichChildren(): ChildInfo[] {
    return this.children.map(info);
  }

  countChildren(): ChildCounts {
    let active = 0;
    let supervisors = 0;
    for (const child of this.children) {
      if (child.current?.instance) active += 1;
      if (child.type === 'supervisor') supervisors += 1;
    }
    return { specs: this.children.length, active, supervisors, workers: this.children.length - supervisors };
  }

  /**
   * This supervisor as a child of another: starting it runs `start()`, stopping it runs `stop()`,
   * and its `done` rejects when it escalates, which its parent treats as a crash.
   */
  asChild(id: string = this.name): ChildSpec {
    return {
      id,
      type: 'supervisor',
      restart: 'permanent',
      shutdown: 'infinity',
      start: async (): Promise<ChildInstance> => {
        await this.start();
        return { stop: (reason) => this.stop(reason), done: this.done };
      },
    };
  }

  // ---- for the subclasses -------------------------------------------------------------------

  /** Runs `operation` after every operation queued before it. */
  protected serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.then(ignore, ignore);
    return result;
  }

  protected find(id: string): ChildRecord {
    const child = this.children.find((candidate) => candidate.id === id);
    if (!child) throw new Error(`supervisor '${this.name}' has no child '${id}'`);
    return child;
  }

  protected assertRunning(operation: string): void {
    if (this.phase !== 'running') {
      throw new Error(`supervisor '${this.name}' is not running (${this.phase}); cannot ${operation}`);
    }
  }

  /**
   * Whether a child that ended and is not restarted, or was terminated, is forgotten instead of kept
   * as a stopped spec: temporary children always, every child of a DynamicSupervisor.
   */
  protected forgetsWhenEnded(child: ChildRecord): boolean {
    return child.restart === 'temporary' || this.config.forgetsEndedChildren;
  }

  /**
   * Whether the child's start and its normal or shutdown exits are published. Crashes, restarts and
   * escalations always are. A subclass that wraps children in supervisors of its own (application-
   * tree.ts) leaves the wrapper's lifecycle to the child's own events.
   */
  protected announcesLifecycleOf(_child: ChildRecord): boolean {
    return true;
  }

  protected forget(child: ChildRecord): void {
    const index = this.children.indexOf(child);
    if (index >= 0) this.children.splice(index, 1);
  }

  protected async startIncarnation(child: ChildRecord): Promise<void> {
    const incarnation: Incarnation = { instance: undefined, controller: new AbortController() };
    child.current = incarnation;
    child.status = 'restarting';
    const ctx: ChildContext = { id: child.id, signal: incarnation.controller.signal };
    let instance: ChildInstance;
    try {
      instance = (await child.spec.start(ctx)) ?? {};
    } catch (error) {
      incarnation.controller.abort(error);
      if (child.current === incarnation) child.current = undefined;
      child.status = 'stopped';
      throw error;
    }
    incarnation.instance = instance;
    child.status = 'running';
    const started: ChildStartEvent = { supervisor: this.name, id: child.id, type: child.type };
    if (this.announcesLifecycleOf(child)) publish(channels.childStart, started);
    instance.done?.then(
      () => this.childEnded(child, incarnation, { kind: 'normal' }),
      (error: unknown) => this.childEnded(child, incarnation, { kind: 'crash', error }),
    );
  }

  // ---- the state machine --------------------------------------------------------------------

  private newChild(spec: ChildSpec): ChildRecord {
    if (spec.significant) {
      // As OTP: only a child that can end for good can end its supervisor, and only if asked to.
      if (this.config.autoShutdown === 'never') {
        throw new Error(`supervisor '${this.name}': child '${spec.id}' is significant, but autoShutdown is 'never'`);
      }
      if ((spec.restart ?? 'permanent') === 'permanent') {
        throw new Error(`supervisor '${this.name}': significant child '${spec.id}' must be transient or temporary`);
      }
    }
    const type = spec.type ?? 'worker';
    return {
      spec: registeredUnderVia(spec),
      id: spec.id,
      type,
      restart: spec.restart ?? 'permanent',
      shutdown: spec.shutdown ?? (type === 'supervisor' ? 'infinity' : 5000),
      status: 'stopped',
      restarts: 0,
      current: undefined,
    };
  }

  private childEnded(child: ChildRecord, incarnation: Incarnation, exit: Exit): void {
    this.serialize(() => this.handleExit(child, incarnation, exit)).catch((error: unknown) => {
      const event: ErrorEvent = { component: this.name, error };
      publishError(channels.error, event, `supervisor '${this.name}' failed to handle an exit of '${child.id}'`);
    });
  }

  /** Called once a significant child ended by itself for good. */
  private autoShutdownDue(): boolean {
    if (this.config.autoShutdown === 'any_significant') return true;
    if (this.config.autoShutdown === 'all_significant') {
      return this.children.every((other) => !other.spec.significant || other.status === 'stopped');
    }
    return false;
  }

  /** THE place that decides what a child exit means. */
  private async handleExit(child: ChildRecord, incarnation: Incarnation, exit: Exit): Promise<void> {
    // An incarnation we stopped ourselves (shutdown, terminateChild, a sibling's restart) ends
    // as asked; only the current incarnation of a running supervisor can crash or exit.
    if (child.current !== incarnation || this.phase !== 'running') return;
    child.current = undefined;
    child.status = 'stopped';
    if (exit.kind === 'crash') {
      const crashed = { supervisor: this.name, id: child.id, reason: 'crash', error: exit.error } satisfies ChildExitEvent;
      publishError(channels.childExit, crashed, `child '${child.id}' of '${this.name}' crashed`);
    } else {
      const ended: ChildExitEvent = { supervisor: this.name, id: child.id, reason: 'normal' };
      if (this.announcesLifecycleOf(child)) publish(channels.childExit, ended);
    }
    if (!shouldRestart(child.restart, exit)) {
      if (this.forgetsWhenEnded(child)) this.forget(child);
      if (child.spec.significant && this.autoShutdownDue()) {
        this.phase = 'stopping';
        await this.stopAll('shutdown');
        this.phase = 'stopped';
        this.run.resolve();
      }
      return;
    }
    await this.restart(child, exit.kind === 'crash' ? exit.error : undefined);
  }

  /**
   * Restarts `ended` and, depending on the strategy, its siblings. A start that fails during the
   * restart is a new crash of that child: it counts against the intensity and the restart is tried
   * again from that child, exactly as if it had crashed.
   */
  private async restart(ended: ChildRecord, error: unknown): Promise<void> {
    let failed = ended;
    let lastError = error;
    for (;;) {
      if (!this.intensity.recordRestart()) {
        await this.escalate(lastError);
        return;
      }
      const group = this.restartGroup(failed);
      for (const member of [...group].reverse()) {
        if (member === failed) continue;
        await this.stopIncarnation(member, 'restart');
        if (member.restart === 'temporary') this.forget(member);
      }
      const toStart = group.filter((member) => member.restart !== 'temporary');
      for (const member of toStart) member.status = 'restarting';
      const failure = await this.startGroup(toStart, lastError);
      if (!failure) return;
      failed = failure.child;
      lastError = failure.error;
      const crashed = { supervisor: this.name, id: failed.id, reason: 'crash', error: lastError } satisfies ChildExitEvent;
      publishError(channels.childExit, crashed, `child '${failed.id}' of '${this.name}' failed to restart`);
    }
  }

  /** The children a crash of `ended` restarts, per the strategy. */
  protected restartGroup(ended: ChildRecord): ChildRecord[] {
    switch (this.config.strategy) {
      case 'one_for_one':
        return [ended];
      case 'one_for_all':
        return [...this.children];
      case 'rest_for_one':
        return this.children.slice(this.children.indexOf(ended));
    }
  }

  private async startGroup(group: ChildRecord[], error: unknown): Promise<{ child: ChildRecord; error: unknown } | undefined> {
    for (const member of group) {
      member.restarts += 1;
      try {
        await this.startIncarnation(member);
      } catch (startError) {
        member.status = 'restarting';
        return { child: member, error: startError };
      }
      const restarted: ChildRestartEvent = { supervisor: this.name, id: member.id, restarts: member.restarts, error };
      publish(channels.childRestart, restarted);
    }
    return undefined;
  }

  private async escalate(error: unknown): Promise<void> {
    this.phase = 'stopping';
    await this.stopAll('shutdown');
    this.phase = 'escalated';
    const { maxRestarts, maxSeconds } = this.config;
    const event = { supervisor: this.name, restarts: this.intensity.count, maxRestarts, maxSeconds, error } satisfies EscalateEvent;
    publishError(channels.supervisorEscalate, event, `supervisor '${this.name}' gave up`);
    this.run.reject(
      new Error(`supervisor '${this.name}' exceeded ${maxRestarts} restarts in ${maxSeconds} s and gave up`, {
        cause: error,
      }),
    );
  }

  private async stopAll(reason: unknown): Promise<void> {
    for (const child of [...this.children].reverse()) {
      await this.stopIncarnation(child, reason);
      child.status = 'stopped';
    }
  }

  private async stopIncarnation(child: ChildRecord, reason: unknown): Promise<void> {
    const incarnation = child.current;
    child.status = 'stopped';
    if (!incarnation) return;
    child.current = undefined;
    await shutdownChild(
      { id: child.id, instance: incarnation.instance, abort: (why) => incarnation.controller.abort(why) },
      { shutdown: child.shutdown, reason, owner: this.name },
    );
    const ended: ChildExitEvent = { supervisor: this.name, id: child.id, reason: 'shutdown' };
    if (this.announcesLifecycleOf(child)) publish(channels.childExit, ended);
  }
}

function info(child: ChildRecord): ChildInfo {
  return { id: child.id, type: child.type, status: child.status, restarts: child.restarts };
}

/** A supervisor with a static list of children; see {@link SupervisorCore} for the specification. */
export class Supervisor extends SupervisorCore {
  constructor(options: SupervisorOptions = {}) {
    super({
      name: options.name ?? defaultName('supervisor'),
      strategy: options.strategy ?? 'one_for_one',
      maxRestarts: options.maxRestarts ?? 3,
      maxSeconds: options.maxSeconds ?? 5,
      clock: options.clock ?? monotonicClock,
      children: options.children ?? [],
      maxChildren: Number.POSITIVE_INFINITY,
      forgetsEndedChildren: false,
      autoShutdown: options.autoShutdown ?? 'never',
    });
  }

  /** Starts a stopped child again (OTP restart_child); does not count against the intensity. */
  restartChild(id: string): Promise<ChildInfo> {
    return this.serialize(async () => {
      this.assertRunning('restartChild');
      const child = this.find(id);
      if (child.status !== 'stopped') throw new Error(`child '${id}' of '${this.name}' is ${child.status}`);
      await this.startIncarnation(child);
      return info(child);
    });
  }

  /** Forgets a stopped child's spec (OTP delete_child). */
  deleteChild(id: string): Promise<void> {
    return this.serialize(async () => {
      const child = this.find(id);
      if (child.status !== 'stopped') throw new Error(`child '${id}' of '${this.name}' is ${child.status}`);
      this.forget(child);
    });
  }
}

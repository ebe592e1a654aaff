import { shutdownChild } from './child-shutdown.js';
import { ShutdownExit, isShutdownExit } from './exit.js';
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

/** What {@link Supervisor} takes; its documentation is the specification. */
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

/** How a child ended (see exit.ts): `done` resolved, rejected with a ShutdownExit, or rejected otherwise. */
type Exit = { kind: 'normal' } | { kind: 'shutdown'; error: unknown } | { kind: 'crash'; error: unknown };

function exitOf(error: unknown): Exit {
  return isShutdownExit(error) ? { kind: 'shutdown', error } : { kind: 'crash', error };
}

/** One incarnation of a child; exits of an incarnation that is no longer current are ignored. */
interface Incarnation {
  instance: ChildInstance | undefined;
  /** Made when `ctx.signal` is first read: few children read it, and it was most of a run-time child's memory. */
  controller?: AbortController;
  /** The reason it was aborted before its signal was read. */
  aborted?: [unknown];
}

function abortIncarnation(incarnation: Incarnation, reason: unknown): void {
  if (incarnation.controller) incarnation.controller.abort(reason);
  else incarnation.aborted ??= [reason];
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

/** OTP: permanent always; transient after a crash only (not after normal or shutdown exits). */
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
  /** The same children by id: thousands of run-time children must not make each add linear. */
  private readonly byId = new Map<string, ChildRecord>();
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
      this.byId.clear();
      for (const child of this.children) this.byId.set(child.id, child);
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
    // As OTP, which handles a shutdown between two restart attempts: a start still in flight is told
    // through its signal now, and the retry queued behind this stop finds the supervisor stopped.
    for (const child of this.children) {
      const starting = child.current;
      if (starting !== undefined && starting.instance === undefined) abortIncarnation(starting, reason);
    }
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
      if (this.byId.has(spec.id)) {
        throw new Error(`supervisor '${this.name}' already has a child '${spec.id}'`);
      }
      if (this.children.length >= this.config.maxChildren) {
        throw new Error(`supervisor '${this.name}' has reached maxChildren (${this.config.maxChildren})`);
      }
      const child = this.newChild(spec);
      this.children.push(child);
      this.byId.set(child.id, child);
      let started: boolean;
      try {
        started = await this.startIncarnation(child);
      } catch (error) {
        this.forget(child);
        throw error;
      }
      const result = info(child);
      if (!started && this.forgetsWhenEnded(child)) this.forget(child);
      return result;
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

  /**
   * Stops and forgets the child started from this very spec object, if it is still here: a handle's
   * stop reaches its own child only, never a newer one that took the same id.
   */
  protected terminateSpec(spec: ChildSpec): Promise<void> {
    return this.serialize(async () => {
      const child = this.byId.get(spec.id);
      if (child === undefined || child.spec !== spec) return;
      await this.stopIncarnation(child, 'shutdown');
      this.forget(child);
    });
  }

  whichChildren(): ChildInfo[] {
    return this.children.map(info);
  }

  /** Whether a child with this id is here (running or not). */
  hasChild(id: string): boolean {
    return this.byId.has(id);
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
    const child = this.byId.get(id);
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
    if (index < 0) return;
    this.children.splice(index, 1);
    this.byId.delete(child.id);
  }

  /**
   * Starts a new incarnation of `child`; resolves false when its start answered `'ignore'` (OTP's
   * ignore: the child stays stopped, a DynamicSupervisor forgets it), rejects when its start failed.
   */
  protected async startIncarnation(child: ChildRecord): Promise<boolean> {
    const incarnation: Incarnation = { instance: undefined };
    child.current = incarnation;
    child.status = 'restarting';
    const ctx: ChildContext = {
      id: child.id,
      get signal() {
        if (!incarnation.controller) {
          incarnation.controller = new AbortController();
          if (incarnation.aborted) incarnation.controller.abort(incarnation.aborted[0]);
        }
        return incarnation.controller.signal;
      },
    };
    let started: ChildInstance | 'ignore';
    try {
      started = (await this.startWithin(child, ctx, incarnation)) ?? {};
    } catch (error) {
      abortIncarnation(incarnation, error);
      if (child.current === incarnation) child.current = undefined;
      child.status = 'stopped';
      throw error;
    }
    if (started === 'ignore') {
      if (child.current === incarnation) child.current = undefined;
      child.status = 'stopped';
      return false;
    }
    const instance = started;
    incarnation.instance = instance;
    child.status = 'running';
    const startEvent: ChildStartEvent = { supervisor: this.name, id: child.id, type: child.type };
    if (this.announcesLifecycleOf(child)) publish(channels.childStart, startEvent);
    instance.done?.then(
      () => this.childEnded(child, incarnation, { kind: 'normal' }),
      (error: unknown) => this.childEnded(child, incarnation, exitOf(error)),
    );
    return true;
  }

  /**
   * Calls the child's `start`, bounded by its `startTimeout`: past it, the start's signal aborts with
   * a TimeoutError and the start counts as failed; an instance it still returns later is stopped.
   */
  private startWithin(child: ChildRecord, ctx: ChildContext, incarnation: Incarnation): Promise<ChildInstance | 'ignore'> {
    let starting: Promise<ChildInstance | 'ignore'>;
    try {
      starting = Promise.resolve(child.spec.start(ctx));
    } catch (error) {
      return Promise.reject(error);
    }
    const timeout = child.spec.startTimeout;
    if (timeout === undefined) return starting;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new Error(`child '${child.id}' of '${this.name}' did not start within ${timeout} ms`);
        error.name = 'TimeoutError';
        abortIncarnation(incarnation, error);
        reject(error);
        starting.then((late) => {
          if (late !== 'ignore' && late) {
            void shutdownChild({ id: child.id, instance: late, abort: ignore }, { shutdown: child.shutdown, owner: this.name });
          }
        }, ignore);
      }, timeout);
      starting.then(
        (instance) => {
          clearTimeout(timer);
          resolve(instance);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
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
    this.serialize(() => this.handleExit(child, incarnation, exit)).catch((error: unknown) => this.reportHandlingFailure(child, error));
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
    } else if (this.announcesLifecycleOf(child)) {
      const ended: ChildExitEvent =
        exit.kind === 'shutdown'
          ? { supervisor: this.name, id: child.id, reason: 'shutdown', error: exit.error }
          : { supervisor: this.name, id: child.id, reason: 'normal' };
      publish(channels.childExit, ended);
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
    await this.restart(child, exit.kind === 'normal' ? undefined : exit.error);
  }

  /**
   * Restarts `ended` and, depending on the strategy, its siblings. A start that fails during the
   * restart is a new crash of that child: it counts against the intensity and the restart is tried
   * again from that child, as OTP's try_again_restart: queued as an operation of its own, so a
   * `stop()`, `terminateChild` or `startChild` asked for meanwhile runs first.
   */
  private async restart(ended: ChildRecord, error: unknown): Promise<void> {
    if (!this.intensity.recordRestart()) {
      await this.escalate(error);
      return;
    }
    const group = this.restartGroup(ended);
    for (const member of [...group].reverse()) {
      if (member === ended) continue;
      await this.stopIncarnation(member, 'restart');
      if (member.restart === 'temporary') this.forget(member);
    }
    const toStart = group.filter((member) => member.restart !== 'temporary');
    for (const member of toStart) member.status = 'restarting';
    const failure = await this.startGroup(toStart, error);
    if (!failure) return;
    // No exit event: the attempt never started, so no start event came before it.
    const event: ErrorEvent = { component: `${this.name}/${failure.child.id}`, error: failure.error };
    publishError(channels.error, event, `child '${failure.child.id}' of '${this.name}' failed to restart`);
    this.serialize(() => this.retryRestart(failure.child, failure.error)).catch((handlingError: unknown) =>
      this.reportHandlingFailure(failure.child, handlingError),
    );
  }

  private async retryRestart(child: ChildRecord, error: unknown): Promise<void> {
    if (this.phase !== 'running') return;
    const awaiting = (candidate: ChildRecord): boolean => candidate.status === 'restarting' && candidate.current === undefined;
    // A terminateChild or a restart of its group that ran meanwhile has settled this child's fate;
    // members of its group that never got their start are still owed one.
    const next = awaiting(child) && this.byId.get(child.id) === child ? child : this.children.find(awaiting);
    if (next !== undefined) await this.restart(next, error);
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
      let started: boolean;
      try {
        started = await this.startIncarnation(member);
      } catch (startError) {
        member.status = 'restarting';
        return { child: member, error: startError };
      }
      if (!started) {
        if (this.forgetsWhenEnded(member)) this.forget(member);
        continue;
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
    // OTP's supervisor exits with `shutdown` when it gives up (see exit.ts).
    const message = `supervisor '${this.name}' exceeded ${maxRestarts} restarts in ${maxSeconds} s and gave up`;
    this.run.reject(new ShutdownExit('shutdown', message, { cause: error }));
  }

  /**
   * Stops every child in reverse start order; a run of children that {@link stopsConcurrently} is
   * stopped together, each under its own shutdown, as Elixir's DynamicSupervisor does.
   */
  private async stopAll(reason: unknown): Promise<void> {
    const order = [...this.children].reverse();
    for (let index = 0; index < order.length; ) {
      let end = index + 1;
      if (this.stopsConcurrently(order[index] as ChildRecord)) {
        while (end < order.length && this.stopsConcurrently(order[end] as ChildRecord)) end++;
      }
      await Promise.all(
        order.slice(index, end).map(async (child) => {
          await this.stopIncarnation(child, reason);
          child.status = 'stopped';
        }),
      );
      index = end;
    }
  }

  /** Whether a child is stopped together with its like neighbours instead of one after the other. */
  protected stopsConcurrently(_child: ChildRecord): boolean {
    return this.config.forgetsEndedChildren;
  }

  private reportHandlingFailure(child: ChildRecord, error: unknown): void {
    const event: ErrorEvent = { component: this.name, error };
    publishError(channels.error, event, `supervisor '${this.name}' failed to handle an exit of '${child.id}'`);
  }

  protected async stopIncarnation(child: ChildRecord, reason: unknown): Promise<void> {
    const incarnation = child.current;
    child.status = 'stopped';
    if (!incarnation) return;
    child.current = undefined;
    await shutdownChild(
      { id: child.id, instance: incarnation.instance, abort: (why) => abortIncarnation(incarnation, why) },
      { shutdown: child.shutdown, reason, owner: this.name },
    );
    const ended: ChildExitEvent = { supervisor: this.name, id: child.id, reason: 'shutdown' };
    if (this.announcesLifecycleOf(child)) publish(channels.childExit, ended);
  }
}

function info(child: ChildRecord): ChildInfo {
  return { id: child.id, type: child.type, status: child.status, restarts: child.restarts };
}

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

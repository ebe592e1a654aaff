import { constants as osConstants } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import { cacheChild, type CacheOptions } from './children/cache.js';
import { intervalChild, type IntervalFn, type IntervalOptions, type IntervalState } from './children/interval.js';
import { processChild, type ProcessOptions, type ProcessState } from './children/process.js';
import { queueChild, type EventStream, type QueueOptions } from './children/queue.js';
import { workerChild, type WorkerOptions, type WorkerState } from './children/worker.js';
import { ApplicationTree } from './application-tree.js';
import type { Supervisor } from './supervisor.js';
import { TaskSupervisor, type TaskSupervisorOptions } from './task-supervisor.js';
import { channels, publishError, type ErrorEvent } from './telemetry.js';
import type { ChildInfo, ChildSpec, Strategy } from './types.js';

/** What {@link Application} takes; its documentation is the specification. */
export interface ApplicationOptions {
  name?: string;
  strategy?: Strategy;
  maxRestarts?: number;
  maxSeconds?: number;
  /** Children started, in order, after `tasks` whenever the tree starts. */
  children?: ChildSpec[];
  tasks?: TaskSupervisorOptions;
  /** Signals that stop a running tree before the program's own handling of them (default []). */
  stopOnSignals?: NodeJS.Signals[];
  /** ms the tree gets to stop after such a signal (default 10000). */
  shutdownTimeout?: number;
}

export interface ApplicationStartOptions extends ApplicationOptions {
  children: ChildSpec[];
  /** Signals that stop the application (default ['SIGTERM', 'SIGINT']; [] for none). */
  signals?: NodeJS.Signals[];
  /** ms for the whole shutdown after a signal (default 10000). */
  shutdownTimeout?: number;
  /** Install an `unhandledRejection` handler that reports every rejection (default false). */
  reportUnhandledRejections?: boolean;
}

/** What every `supervise.*` call returns, besides its child-specific view. */
export interface ChildHandle {
  readonly id: string;
  /** Resolves true once the child runs, false if its start failed (the failure is reported). */
  readonly started: Promise<boolean>;
  /** Stops the child under its shutdown and removes it from its supervisor. */
  stop(): Promise<void>;
}

export type IntervalHandle = IntervalState & ChildHandle;
export type WorkerHandle = WorkerState & ChildHandle & {
  /** Stops the child for good, as `Worker.terminate()` ends the thread; resolves its exit code. */
  terminate(): Promise<number | undefined>;
};
export type ProcessHandle = ProcessState & ChildHandle;
export type QueueHandle<T> = EventStream<T> & ChildHandle;
/** The cache object itself, with a non-enumerable `stop()` (see children/cache.ts). */
export type CacheHandle<T extends object> = T & { stop(): Promise<void> };

/** Adds the children that spawnguard's rules ask for to an application's tree. */
export interface Supervise {
  interval(id: string, fn: IntervalFn, ms: number, options?: IntervalOptions): IntervalHandle;
  worker(id: string, create: () => Worker, options?: WorkerOptions): WorkerHandle;
  process(id: string, create: () => ChildProcess, options?: ProcessOptions): ProcessHandle;
  cache<T extends object>(id: string, create: () => T, options?: CacheOptions): CacheHandle<T>;
  queue<T>(id: string, options: QueueOptions): QueueHandle<T>;
}

const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * An Application is the root of a supervision tree: a {@link Supervisor} whose first child is the
 * application's {@link TaskSupervisor} (`tasks`), followed by its configured children and then by the
 * children added at run time through `supervise.*` (each isolated under a supervisor of its own, see
 * application-tree.ts).
 *
 * The tree starts lazily, on the first `supervise.*` call (or `Application.start`), so creating an
 * Application starts nothing and holds nothing: a program that only uses `tasks.start` exits when its
 * work is done. `stop()` stops the tree in reverse start order (so `tasks`, started first, stops last)
 * and leaves the Application ready to start a fresh tree on next use.
 *
 * `Application.start(...)` is the explicit root for a service. It also:
 * - installs `process.once` handlers for `signals` (default SIGTERM and SIGINT): the first signal stops
 *   the whole tree under one deadline (`shutdownTimeout`, default 10 s), sets `process.exitCode` (0 when
 *   everything stopped in time, 1 otherwise) and removes its handlers so the process can exit; when the
 *   deadline passes, it exits with 1. A second signal during the shutdown forces the exit (128 + the
 *   signal's number);
 * - with `reportUnhandledRejections: true`, and only then, installs an `unhandledRejection` handler that
 *   reports every rejection on `spawnguard:error`. Installing one switches off Node's crash-on-rejection,
 *   which is why the default root never does.
 * When the tree's supervisor gives up (restart intensity exceeded at the root), `process.exitCode` is 1.
 *
 * `stopOnSignals` (or `handleSignals()` later) is the quiet form for code that never asked for an
 * explicit root, such as code rewritten by the codemods. Nothing listens for signals until the
 * application hands them over this way: a library that uses the runtime must not take over the
 * process (its caches emptied on SIGTERM before the application's own shutdown read them). While a
 * tree started by
 * `supervise.*` runs, the first such signal stops the tree (under `shutdownTimeout`), and the signal
 * then runs its course as if the runtime were not there: when the program has its own listener for it
 * (a graceful shutdown that closes its server), the runtime only made sure its intervals, workers and
 * processes no longer hold the event loop; when it has none, the runtime raises the signal again so
 * Node's default (exit by that signal) happens, after the tree stopped. It sets no exit code and
 * installs no `unhandledRejection` handler.
 */
export class Application {
  readonly name: string;
  readonly tasks: TaskSupervisor;
  readonly supervise: Supervise;
  readonly #options: ApplicationOptions;
  #supervisor: ApplicationTree | undefined = undefined;
  /** The current tree's start(), which every child operation waits for. */
  #started: Promise<void> = Promise.resolve();
  #removeProcessHooks: (() => void) | undefined = undefined;
  #removeSignalFollowers: (() => void) | undefined = undefined;
  /** `supervise.*` children still being added: `stop()` lets them land first, then stops them. */
  readonly #pendingAdds = new Set<Promise<boolean>>();
  /** Undoes {@link #watchProgramSignals}. */
  #removeSignalWatch: (() => void) | undefined = undefined;
  /** See `stopOnSignals`; set by the option or by `handleSignals()`. */
  #signalsToFollow: NodeJS.Signals[];
  /** The stop in progress, shared by concurrent `stop()` calls. */
  #stopping: Promise<void> | undefined = undefined;

  constructor(options: ApplicationOptions = {}) {
    this.name = options.name ?? 'application';
    this.#options = options;
    this.#signalsToFollow = options.stopOnSignals ?? [];
    this.tasks = new TaskSupervisor({ name: `${this.name}/tasks`, ...options.tasks });
    this.supervise = this.#superviseApi();
  }

  /** Starts an explicit root with signal handling; resolves once every child runs. */
  static async start(options: ApplicationStartOptions): Promise<Application> {
    const app = new Application({ ...options, stopOnSignals: [] });
    await app.#ensureTree().start;
    app.#installProcessHooks(options);
    return app;
  }

  /**
   * Hands `signals` over to this application (see `stopOnSignals`): while its tree runs, the first
   * one stops the tree, then runs its course (the program's own handler, or Node's exit by that
   * signal). The application's entry point calls it, never a library. Returns the undo.
   */
  handleSignals(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
    this.#signalsToFollow = signals;
    this.#removeSignalWatch?.();
    if (this.#supervisor !== undefined && this.#removeProcessHooks === undefined && this.#removeSignalFollowers === undefined) {
      this.#followSignals();
    }
    return () => {
      this.#signalsToFollow = [];
      this.#removeSignalFollowers?.();
    };
  }

  /** The tree's supervisor while it runs. */
  get supervisor(): Supervisor | undefined {
    return this.#supervisor;
  }

  whichChildren(): ChildInfo[] {
    return this.#supervisor?.whichChildren() ?? [];
  }

  /** Adds a child to the tree (starting the tree first if needed); rejects if its start fails. */
  async startChild(spec: ChildSpec): Promise<ChildInfo> {
    const tree = this.#ensureTree();
    await tree.start;
    return tree.supervisor.startChild(spec);
  }

  /** Adds a run-time child once the tree has started; see ApplicationTree.startDynamicChild. */
  #startDynamicChild(spec: ChildSpec, letGo?: () => void): { started: Promise<ChildInfo>; stop(): Promise<void> } {
    const tree = this.#ensureTree();
    const added = tree.start.then(() => tree.supervisor.startDynamicChild(spec, letGo));
    const started = added.then((child) => child.started);
    return { started, stop: () => added.then((child) => child.stop(), () => undefined) };
  }

  /** Stops a child under its shutdown and forgets it. Unknown ids are ignored. */
  async stopChild(id: string): Promise<void> {
    const supervisor = this.#supervisor;
    if (supervisor === undefined || !supervisor.whichChildren().some((child) => child.id === id)) return;
    await supervisor.terminateChild(id);
    if (supervisor.whichChildren().some((child) => child.id === id)) await supervisor.deleteChild(id);
  }

  /** Stops the tree in reverse start order, then any task started outside it. Concurrent calls share one stop. */
  stop(reason: unknown = 'shutdown'): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping;
    const stopping = this.#stop(reason).finally(() => {
      this.#stopping = undefined;
    });
    this.#stopping = stopping;
    return stopping;
  }

  async #stop(reason: unknown): Promise<void> {
    while (this.#pendingAdds.size > 0) await Promise.allSettled([...this.#pendingAdds]);
    const supervisor = this.#supervisor;
    this.#supervisor = undefined;
    this.#removeProcessHooks?.();
    this.#removeSignalFollowers?.();
    this.#removeSignalWatch?.();
    if (supervisor !== undefined) await supervisor.stop(reason);
    await this.tasks.stop();
  }

  #ensureTree(): { supervisor: ApplicationTree; start: Promise<void> } {
    const existing = this.#supervisor;
    if (existing !== undefined) return { supervisor: existing, start: this.#started };
    const options = this.#options;
    const supervisor = new ApplicationTree({
      name: this.name,
      strategy: options.strategy,
      maxRestarts: options.maxRestarts,
      maxSeconds: options.maxSeconds,
      children: [this.tasks.asChild('tasks'), ...(options.children ?? [])],
    });
    this.#supervisor = supervisor;
    this.#started = supervisor.start();
    this.#started.catch(() => {
      if (this.#supervisor === supervisor) this.#supervisor = undefined;
    });
    supervisor.done.catch(() => {
      // The root gave up (already published as an escalation): the next use starts a fresh tree.
      if (this.#supervisor === supervisor) this.#supervisor = undefined;
      if (this.#removeProcessHooks !== undefined) process.exitCode = 1;
    });
    return { supervisor, start: this.#started };
  }

  /**
   * Makes a run-time child of kind `id` under the id it claims in the tree (see application-tree.ts);
   * a child that cannot even be made (bad arguments) gives its id back.
   */
  #claimed<T>(id: string, make: (claimed: string) => T): T {
    const tree = this.#ensureTree().supervisor;
    const claimed = tree.claimId(id);
    try {
      return make(claimed);
    } catch (error) {
      tree.releaseId(claimed);
      throw error;
    }
  }

  #add(spec: ChildSpec, letGo?: () => void): ChildHandle {
    if (this.#removeProcessHooks === undefined && this.#removeSignalFollowers === undefined) this.#followSignals();
    if (this.#removeProcessHooks === undefined && this.#removeSignalFollowers === undefined) this.#removeSignalWatch ??= this.#watchProgramSignals();
    const child = this.#startDynamicChild(spec, letGo);
    const started = child.started.then(
      () => true,
      (error: unknown) => {
        this.#supervisor?.releaseId(spec.id);
        const event: ErrorEvent = { component: `${this.name}/${spec.id}`, error };
        publishError(channels.error, event, `could not start ${this.name}/${spec.id}`);
        return false;
      },
    );
    this.#pendingAdds.add(started);
    void started.finally(() => this.#pendingAdds.delete(started));
    // Stopping waits for the start, so a stop right after supervise.* cannot overtake it; it reaches
    // this child only, and a second call shares the first.
    return { id: spec.id, started, stop: () => child.stop() };
  }

  #superviseApi(): Supervise {
    return {
      interval: (id, fn, ms, options) => {
        const { spec, state } = this.#claimed(id, (claimed) => intervalChild(claimed, fn, ms, options));
        return withHandle(state, this.#add(spec, () => state.unref()));
      },
      worker: (id, create, options) => {
        const { spec, state, lastExitCode } = this.#claimed(id, (claimed) => workerChild(claimed, create, options));
        const handle = withHandle(state, this.#add(spec, () => state.unref()));
        // As `Worker.terminate()`: the code that called it wants the worker gone, not restarted.
        const terminate = (): Promise<number | undefined> => handle.stop().then(lastExitCode);
        Object.defineProperty(handle, 'terminate', { value: terminate, enumerable: false });
        return handle as WorkerHandle;
      },
      process: (id, create, options) => {
        const { spec, state, letGo } = this.#claimed(id, (claimed) => processChild(claimed, create, options));
        return withHandle(state, this.#add(spec, letGo));
      },
      cache: <T extends object>(id: string, create: () => T, options?: CacheOptions) => {
        const { spec, cache } = this.#claimed(id, (claimed) => cacheChild(claimed, create, options));
        const handle = this.#add(spec);
        if (!('stop' in cache)) {
          Object.defineProperty(cache, 'stop', { value: handle.stop, enumerable: false, configurable: true, writable: true });
        }
        return cache as CacheHandle<T>;
      },
      queue: <T>(id: string, options: QueueOptions) => {
        const { spec, queue } = this.#claimed(id, (claimed) => queueChild<T>(claimed, options));
        return withHandle(queue, this.#add(spec));
      },
    };
  }

  #installProcessHooks(options: ApplicationStartOptions): void {
    const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
    const deadline = options.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const force = (signal: NodeJS.Signals): void => {
      process.exit(128 + (osConstants.signals[signal] ?? 0));
    };
    const onSignal = (signal: NodeJS.Signals): void => {
      removeSignalHandlers();
      for (const name of signals) process.once(name, force);
      void this.#shutdownWithin(deadline, signal).finally(() => {
        for (const name of signals) process.removeListener(name, force);
      });
    };
    const removeSignalHandlers = (): void => {
      for (const name of signals) process.removeListener(name, onSignal);
    };
    for (const name of signals) process.once(name, onSignal);

    const reportRejection = (reason: unknown): void => {
      const event: ErrorEvent = { component: `${this.name}/unhandledRejection`, error: reason };
      publishError(channels.error, event, 'unhandled rejection');
    };
    if (options.reportUnhandledRejections) process.on('unhandledRejection', reportRejection);

    this.#removeProcessHooks = () => {
      removeSignalHandlers();
      process.removeListener('unhandledRejection', reportRejection);
      this.#removeProcessHooks = undefined;
    };
  }

  /**
   * While a tree runs and nobody handed signals over: when the program has its own listener for
   * SIGTERM or SIGINT, the runtime listens beside it and, on the signal, lets go of the event loop
   * (its intervals, workers and processes are unref'd; supervised processes end when the program
   * exits), so the program's own graceful shutdown ends the process as it would have without the
   * runtime. It stops and empties nothing: that is the application's call. With no listener of the
   * program there is none of the runtime's either, so the signal keeps Node's default (exit).
   */
  #watchProgramSignals(): () => void {
    const signals = new Set<string | symbol>(['SIGTERM', 'SIGINT']);
    const beside = new Set<string | symbol>();
    const letGo = (): void => this.#supervisor?.letGo();
    const follow = (event: string | symbol, listener: unknown): void => {
      if (!signals.has(event) || listener === letGo || beside.has(event)) return;
      beside.add(event);
      process.on(event as NodeJS.Signals, letGo);
    };
    const unfollow = (event: string | symbol, listener: unknown): void => {
      if (!beside.has(event) || listener === letGo || process.listenerCount(event as NodeJS.Signals) > 1) return;
      beside.delete(event);
      process.removeListener(event as NodeJS.Signals, letGo);
    };
    for (const signal of signals) {
      if (process.listenerCount(signal as NodeJS.Signals) > 0) follow(signal, undefined);
    }
    process.on('newListener', follow);
    process.on('removeListener', unfollow);
    return () => {
      process.removeListener('newListener', follow);
      process.removeListener('removeListener', unfollow);
      for (const signal of beside) process.removeListener(signal as NodeJS.Signals, letGo);
      beside.clear();
      this.#removeSignalWatch = undefined;
    };
  }

  /** See `stopOnSignals` in the class documentation. */
  #followSignals(): void {
    const signals = this.#signalsToFollow;
    if (signals.length === 0) return;
    const deadline = this.#options.shutdownTimeout ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
    const onSignal = (signal: NodeJS.Signals): void => {
      remove();
      // Our `once` wrapper is already gone: any listener left is the program's own.
      const programHandlesIt = process.listenerCount(signal) > 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          const error = new Error(`${this.name} did not stop within ${deadline} ms of ${signal}`);
          const event: ErrorEvent = { component: this.name, error };
          publishError(channels.error, event, `shutdown of ${this.name}`);
          resolve();
        }, deadline);
        timer.unref();
      });
      void Promise.race([this.stop(signal), expired]).then(() => {
        clearTimeout(timer);
        if (!programHandlesIt && process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    };
    const remove = (): void => {
      for (const name of signals) process.removeListener(name, onSignal);
      this.#removeSignalFollowers = undefined;
    };
    for (const name of signals) process.once(name, onSignal);
    this.#removeSignalFollowers = remove;
  }

  async #shutdownWithin(deadline: number, signal: NodeJS.Signals): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), deadline);
    });
    const outcome = await Promise.race([this.stop(signal).then(() => 'stopped' as const), expired]);
    clearTimeout(timer);
    if (outcome === 'stopped') {
      process.exitCode ??= 0;
      return;
    }
    const error = new Error(`${this.name} did not stop within ${deadline} ms of ${signal}; exiting`);
    const event: ErrorEvent = { component: this.name, error };
    publishError(channels.error, event, `shutdown of ${this.name}`);
    process.exit(1);
  }
}

function withHandle<S extends object>(state: S, handle: ChildHandle): S & ChildHandle {
  return Object.defineProperties(state, {
    started: { value: handle.started, enumerable: true },
    stop: { value: handle.stop, enumerable: false },
  }) as S & ChildHandle;
}

import { activeChaos } from './chaos.js';
import { shutdownChild } from './child-shutdown.js';
import { Task, type TaskControl } from './task.js';
import { settlementOf } from './thenable.js';
import { channels, publishError, type TaskErrorEvent } from './telemetry.js';
import type { ChildSpec } from './types.js';

/** What {@link TaskSupervisor} takes; its documentation is the specification. */
export interface TaskOptions {
  /** Shown in reports; defaults to the function's name. */
  name?: string;
  /** ms after which the task's signal aborts with a TimeoutError (and an `async` task rejects with it). */
  timeout?: number;
  /** The owner's signal: when it aborts, the task is cancelled with its reason. */
  signal?: AbortSignal;
}

export interface TaskSupervisorOptions {
  name?: string;
  /** ms that `stop()` waits for tasks to settle after aborting them (default 5000). */
  shutdown?: number;
}

export type TaskFn<T> = (signal: AbortSignal) => T | PromiseLike<T>;

const DEFAULT_SHUTDOWN_MS = 5000;
/** Abandoning 100k tasks must not print 100k names. */
const MAX_NAMES_IN_REPORT = 10;

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}


/** The supervisor's record of one task: its lazily created controller, timeout, owner link and settlement. */
class TaskRun implements TaskControl {
  controller: AbortController | undefined = undefined;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** The owner signal this task is linked to (see OwnerLinks). */
  owner: AbortSignal | undefined = undefined;
  /** Set for `async` tasks: settles the caller's Task. */
  resolveTask: ((value: unknown) => void) | undefined = undefined;
  rejectTask: ((reason: unknown) => void) | undefined = undefined;
  task: Task<unknown> | undefined = undefined;
  cancelled = false;
  /** Why it was cancelled or timed out: a signal first read afterwards is made already aborted with it. */
  abortReason: unknown = undefined;
  settled = false;

  constructor(
    readonly supervisor: TaskSupervisor,
    readonly name: string,
  ) {}

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.cancelled) this.controller.abort(this.abortReason);
    }
    return this.controller.signal;
  }

  cancel(reason: unknown = abortError(`task ${this.name} cancelled`)): void {
    if (this.settled || this.cancelled) return;
    this.abort(reason);
  }

  private abort(reason: unknown): void {
    this.cancelled = true;
    this.abortReason = reason;
    this.controller?.abort(reason);
    this.rejectTask?.(reason);
  }

  /** Whether `error` is just the echo of this task's own cancellation, which is expected, not a failure. */
  isOwnAbort(error: unknown): boolean {
    if (!this.cancelled) return false;
    if (this.controller !== undefined && error === this.controller.signal.reason) return true;
    return (error instanceof Error || error instanceof DOMException) && error.name === 'AbortError';
  }

  link(options: TaskOptions): void {
    const { timeout, signal: owner } = options;
    if (timeout !== undefined) {
      this.signal; // a timeout must be able to reach the work
      this.timer = setTimeout(() => this.expire(timeout), timeout);
      this.timer.unref();
    }
    if (owner !== undefined) {
      if (owner.aborted) {
        this.cancel(owner.reason);
        return;
      }
      this.owner = owner;
      this.supervisor.owners.link(owner, this);
    }
  }

  expire(timeout: number): void {
    this.timer = undefined;
    if (this.settled || this.cancelled) return;
    const error = new DOMException(`task ${this.name} timed out after ${timeout} ms`, 'TimeoutError');
    this.abort(error);
    if (this.task === undefined) this.supervisor.reportFailure(this.name, error);
    else this.supervisor.reportIfUnobserved(this.task, error);
  }

  release(): void {
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.owner !== undefined) this.supervisor.owners.unlink(this.owner, this);
    this.timer = this.owner = undefined;
  }
}

/** What `callback` returns for a thenable: it knows whether anyone handled it (`await` and `catch` call `then`). */
class HandedPromise<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #observed = false;

  constructor(
    settlement: PromiseLike<T>,
    readonly name: string,
  ) {
    let settle!: [(value: T | PromiseLike<T>) => void, (reason: unknown) => void];
    super((resolve, reject) => (settle = [resolve, reject]));
    settlement.then(...settle);
    Promise.prototype.then.call(this, undefined, () => undefined);
  }

  get observed(): boolean {
    return this.#observed;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * One `abort` listener per owner signal, however many tasks it owns: a listener per task would make
 * Node print MaxListenersExceededWarning past 10 tasks and make every add and remove linear in the
 * tasks in flight.
 */
class OwnerLinks {
  readonly #byOwner = new Map<AbortSignal, { runs: Set<TaskRun>; listener: () => void }>();

  link(owner: AbortSignal, run: TaskRun): void {
    let entry = this.#byOwner.get(owner);
    if (entry === undefined) {
      const runs = new Set<TaskRun>();
      const listener = (): void => {
        this.#byOwner.delete(owner);
        for (const linked of runs) linked.cancel(owner.reason);
      };
      entry = { runs, listener };
      this.#byOwner.set(owner, entry);
      owner.addEventListener('abort', listener, { once: true });
    }
    entry.runs.add(run);
  }

  unlink(owner: AbortSignal, run: TaskRun): void {
    const entry = this.#byOwner.get(owner);
    if (entry === undefined) return;
    entry.runs.delete(run);
    if (entry.runs.size === 0) {
      this.#byOwner.delete(owner);
      owner.removeEventListener('abort', entry.listener);
    }
  }
}

/**
 * The fast path's bookkeeping: tasks started with no options by a function that takes no signal cannot
 * be cancelled individually, so they are only counted, and settle through handlers shared by every task
 * of the same function name (no per-task record, closure or Set entry; one Map lookup by name).
 * Abandoning them on stop starts a new batch, so late settlements of abandoned tasks cannot corrupt
 * the new count.
 */
interface SettleHandlers {
  readonly name: string;
  /** Tasks of this name in flight, so that an abandonment report can name them. */
  inFlight: number;
  readonly settled: () => void;
  readonly failed: (error: unknown) => void;
}

/** Function names are source code, so few; past this many distinct ones, failures are reported unnamed. */
const MAX_NAMED_HANDLERS = 1000;

class UncancellableBatch {
  count = 0;
  readonly #byName = new Map<string, SettleHandlers>();
  readonly #unnamed: SettleHandlers;

  constructor(
    readonly supervisor: TaskSupervisor,
    readonly onDrained: () => void,
  ) {
    this.#unnamed = this.#handlers('anonymous');
  }

  handlersFor(name: string): SettleHandlers {
    if (name === '') return this.#unnamed;
    let handlers = this.#byName.get(name);
    if (handlers === undefined) {
      if (this.#byName.size >= MAX_NAMED_HANDLERS) return this.#unnamed;
      handlers = this.#handlers(name);
      this.#byName.set(name, handlers);
    }
    return handlers;
  }

  /** Names and counts of the tasks still in flight, for an abandonment report. */
  *pending(): Generator<string> {
    for (const handlers of [this.#unnamed, ...this.#byName.values()]) {
      if (handlers.inFlight > 0) yield handlers.inFlight === 1 ? handlers.name : `${handlers.name} (x${handlers.inFlight})`;
    }
  }

  #handlers(name: string): SettleHandlers {
    const handlers: SettleHandlers = {
      name,
      inFlight: 0,
      settled: () => {
        handlers.inFlight -= 1;
        this.count -= 1;
        if (this.count === 0) this.onDrained();
      },
      failed: (error: unknown) => {
        handlers.settled();
        this.supervisor.reportFailure(name, error);
      },
    };
    return handlers;
  }
}

/**
 * TaskSupervisor: Elixir's `Task.Supervisor` for promises.
 *
 * - `start(fn)` is supervised fire-and-forget: `fn` runs synchronously (side effects before its first
 *   `await` keep their order), and a throw or rejection never escapes: it is reported on
 *   `spawnguard:task:error` (or printed once to stderr when nobody listens). Nothing is returned.
 * - `async(fn)` returns a {@link Task}: awaitable, cancellable, with an optional timeout. Its rejection
 *   is the caller's; an un-awaited task that fails is reported instead of becoming unhandled.
 * - `callback(fn)` wraps a callback (an event handler, say) so that each call is a supervised task,
 *   and returns what `fn` returns: a plain value as it is, a promise as a promise of the same value whose
 *   rejection is the caller's if the caller handles it and is reported otherwise (never unhandled).
 * - Owner linking: `opts.signal` is the owner's signal; when it aborts, the task is cancelled.
 * - `stop()` aborts every task's signal, waits up to `shutdown` ms for them to settle, then gives up on
 *   the stragglers (a promise cannot be killed) and reports each one.
 *
 * Cost: a task's AbortController is created only when something reads its signal (`fn` declares a
 * parameter, `task.signal` is read, or a timeout/owner needs one). The common `start(() => work())`
 * (no parameter, no options but a name) cannot be cancelled individually, so it is only counted: no per-task
 * record at all, see UncancellableBatch. Any other task in flight is one Set entry, released when it
 * settles. A task that finishes synchronously is never tracked. `fn.length` decides whether `fn` gets a
 * signal, so a function that reads it through `arguments` or a rest parameter must declare it.
 */
export class TaskSupervisor {
  readonly name: string;
  readonly shutdown: number;
  /** @internal */
  readonly owners = new OwnerLinks();
  readonly #running = new Set<TaskRun>();
  #batch: UncancellableBatch;
  /** Resolves the stop in progress once no task is in flight. */
  #drained: (() => void) | undefined = undefined;
  /** The stop in progress: concurrent `stop()` calls share it. */
  #stopping: Promise<void> | undefined = undefined;

  constructor(options: TaskSupervisorOptions = {}) {
    this.name = options.name ?? 'tasks';
    this.shutdown = options.shutdown ?? DEFAULT_SHUTDOWN_MS;
    this.#batch = this.#newBatch();
  }

  /** Tasks in flight. */
  get size(): number {
    return this.#running.size + this.#batch.count;
  }

  /**
   * Supervised fire-and-forget: runs `fn` now; a throw or rejection is reported, never thrown.
   * Give `options.name` to have failures reported under a name (inline arrow functions have none).
   */
  start(fn: TaskFn<unknown>, options?: TaskOptions): void {
    // Before chaos may wrap fn; '' is the unnamed batch's.
    const name = options?.name ?? fn.name;
    if (activeChaos !== undefined) fn = activeChaos.task(fn, name || 'anonymous');
    // Named only (as rewritten code is): nothing to cancel it by, so the fast path too.
    if (fn.length === 0 && (options === undefined || (options.timeout === undefined && options.signal === undefined))) {
      this.#startUncancellable(fn as () => unknown, name);
      return;
    }
    const run = new TaskRun(this, name || 'anonymous');
    if (options !== undefined) {
      run.link(options);
      if (run.cancelled) return;
    }
    let settlement: Promise<unknown> | undefined;
    try {
      // A function that declares no parameter never sees the signal, so it costs no AbortController.
      settlement = settlementOf(fn.length === 0 ? (fn as () => unknown)() : fn(run.signal));
    } catch (error) {
      run.release();
      this.reportFailure(run.name, error);
      return;
    }
    if (settlement !== undefined) this.#track(run, settlement);
    else run.release();
  }

  #startUncancellable(fn: () => unknown, name: string): void {
    let settlement: Promise<unknown> | undefined;
    try {
      settlement = settlementOf(fn());
    } catch (error) {
      this.reportFailure(name || 'anonymous', error);
      return;
    }
    if (settlement === undefined) return;
    const batch = this.#batch;
    const handlers = batch.handlersFor(name);
    handlers.inFlight += 1;
    batch.count += 1;
    settlement.then(handlers.settled, handlers.failed);
  }

  #newBatch(): UncancellableBatch {
    const batch: UncancellableBatch = new UncancellableBatch(this, () => {
      // A batch abandoned by an earlier stop may drain late: that says nothing about today's tasks.
      if (batch === this.#batch) this.#checkDrained();
    });
    return batch;
  }

  #checkDrained(): void {
    if (this.#running.size === 0 && this.#batch.count === 0) this.#drained?.();
  }

  /** A supervised task whose result the caller awaits. */
  async<T>(fn: TaskFn<T>, options?: TaskOptions): Task<T> {
    const name = options?.name ?? (fn.name || 'anonymous');
    if (activeChaos !== undefined) fn = activeChaos.task(fn, name);
    const run = new TaskRun(this, name);
    const promise = new Promise<T>((resolve, reject) => {
      run.resolveTask = resolve as (value: unknown) => void;
      run.rejectTask = reject;
    });
    const task = new Task<T>(promise, run, run.name);
    run.task = task as Task<unknown>;
    // The rejection belongs to whoever awaits the task; if nobody does, reportFailure reports it.
    promise.then(undefined, () => undefined);
    if (options !== undefined) {
      run.link(options);
      if (run.cancelled) return task;
    }
    let result: unknown;
    let settlement: Promise<unknown> | undefined;
    try {
      result = fn.length === 0 ? (fn as () => unknown)() : fn(run.signal);
      settlement = settlementOf(result);
    } catch (error) {
      run.release();
      this.#fail(run, error);
      return task;
    }
    if (settlement !== undefined) this.#track(run, settlement);
    else {
      run.release();
      run.resolveTask?.(result);
    }
    return task;
  }

  /**
   * Wraps a callback (an event handler) so that each call is a supervised task, returning what `fn`
   * returns: a value as it is; a thenable as a Promise of its value, whose rejection is the caller's if
   * handled, else reported (never unhandled). A synchronous throw is reported; the call returns undefined.
   */
  callback<A extends unknown[], R>(fn: (...args: A) => R, options?: TaskOptions): (...args: A) => R {
    const supervisor = this;
    const name = options?.name ?? (fn.name || 'callback');
    return function supervisedCallback(this: unknown, ...args: A): R {
      let returned: unknown;
      supervisor.start(
        () => {
          const result = fn.apply(this, args);
          const settlement = settlementOf(result);
          if (settlement === undefined) {
            returned = result;
            return undefined;
          }
          const handed = new HandedPromise(settlement, name);
          returned = handed;
          return settlement.then(undefined, (error: unknown) => supervisor.reportIfUnobserved(handed, error));
        },
        { ...options, name },
      );
      return returned as R;
    };
  }

  /**
   * Aborts every task in flight, waits up to `shutdown` ms for them to settle, then abandons the
   * stragglers and reports each. The supervisor stays usable: tasks started later run as usual.
   */
  stop(reason: unknown = abortError(`task supervisor ${this.name} stopping`)): Promise<void> {
    if (this.#stopping !== undefined) return this.#stopping;
    if (this.size === 0) return Promise.resolve();
    const stopping = this.#stop(reason).finally(() => {
      this.#stopping = undefined;
    });
    this.#stopping = stopping;
    return stopping;
  }

  async #stop(reason: unknown): Promise<void> {
    const running = this.#running;
    const outcome = await shutdownChild(
      {
        id: 'tasks',
        instance: { stop: () => this.#whenDrained() },
        abort: (why) => {
          for (const run of running) run.cancel(why);
        },
      },
      { shutdown: this.shutdown, reason, owner: this.name },
    );
    this.#drained = undefined;
    if (outcome !== 'abandoned' || this.size === 0) return;
    const names: string[] = [];
    for (const run of running) {
      run.release();
      if (names.length < MAX_NAMES_IN_REPORT) names.push(run.name);
    }
    for (const name of this.#batch.pending()) {
      if (names.length < MAX_NAMES_IN_REPORT) names.push(name);
    }
    const abandoned = this.size;
    const list = names.join(', ');
    running.clear();
    this.#batch = this.#newBatch();
    this.reportFailure(list, new Error(`${abandoned} task(s) did not stop within ${this.shutdown} ms of their abort and were abandoned: ${list}`));
  }

  #whenDrained(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.#drained = resolve;
    });
  }

  /** This supervisor as a child of a Supervisor: stopping the child stops the tasks. */
  asChild(id: string = this.name): ChildSpec {
    return {
      id,
      type: 'supervisor',
      // stop() bounds itself by `this.shutdown`; the parent should not cut it shorter.
      shutdown: 'infinity',
      start: () => ({ stop: (reason: unknown) => this.stop(reason) }),
    };
  }

  /** @internal Publishes a task failure (stderr once when nobody listens). */
  reportFailure(task: string, error: unknown): void {
    const event: TaskErrorEvent = { supervisor: this.name, task, error };
    publishError(channels.taskError, event, `task ${task} in ${this.name} failed`);
  }

  #track(run: TaskRun, promise: Promise<unknown>): void {
    this.#running.add(run);
    promise.then(
      (value) => {
        this.#settle(run);
        run.resolveTask?.(value);
      },
      (error: unknown) => {
        this.#settle(run);
        this.#fail(run, error);
      },
    );
  }

  /**
   * `await task` calls `then` a few microtasks after the task was created, so whether anyone handles
   * the rejection is decided where Node decides it for promises: once the microtask queue has drained.
   */
  /** @internal */
  reportIfUnobserved(task: { readonly observed: boolean; readonly name: string }, error: unknown): void {
    if (task.observed) return;
    setImmediate(() => {
      if (!task.observed) this.reportFailure(task.name, error);
    });
  }

  #settle(run: TaskRun): void {
    run.release();
    this.#running.delete(run);
    this.#checkDrained();
  }

  #fail(run: TaskRun, error: unknown): void {
    if (run.isOwnAbort(error)) {
      run.rejectTask?.(error);
      return;
    }
    const task = run.task;
    if (run.rejectTask === undefined || task === undefined) {
      this.reportFailure(run.name, error);
      return;
    }
    run.rejectTask(error);
    this.reportIfUnobserved(task, error);
  }
}

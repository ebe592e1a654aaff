/**
 * A supervised task as the caller sees it: a `PromiseLike` for the task's result, plus its cancellation
 * signal and `cancel()`. The work itself is owned by a {@link TaskSupervisor}; this is the caller's view.
 *
 * A task's rejection is the caller's to handle. So that an un-awaited task never becomes an unhandled
 * rejection, the task marks its own promise handled and, when it fails before anyone called `then`,
 * reports the error on `spawnguard:task:error` instead.
 */
export interface TaskControl {
  /** The task's AbortSignal, created on first read. */
  readonly signal: AbortSignal;
  cancel(reason?: unknown): void;
}

export class Task<T> implements PromiseLike<T> {
  readonly #promise: Promise<T>;
  readonly #control: TaskControl;
  #observed = false;

  /** @internal Built by TaskSupervisor.async. */
  constructor(promise: Promise<T>, control: TaskControl, readonly name: string) {
    this.#promise = promise;
    this.#control = control;
  }

  /** True once someone attached a handler: from then on a failure is theirs to see, not a report. */
  get observed(): boolean {
    return this.#observed;
  }

  /** Aborted when the task is cancelled, times out, its owner signal aborts, or its supervisor stops. */
  get signal(): AbortSignal {
    return this.#control.signal;
  }

  /** Aborts the task's signal and rejects the task now with `reason` (an AbortError by default). */
  cancel(reason?: unknown): void {
    this.#control.cancel(reason);
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#observed = true;
    return this.#promise.then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<T> {
    this.#observed = true;
    return this.#promise.finally(onFinally);
  }
}

/**
 * The child contract every supervisor speaks (OTP's child specification, in promise terms).
 *
 * A child is anything with a lifetime: `start(ctx)` brings it up and returns a {@link ChildInstance}.
 * The instance's `done` promise is the child's exit: resolving means a normal exit, rejecting means a
 * crash. A `start` that throws or rejects is a crash too. `stop(reason)` asks the child to end; the
 * supervisor also aborts `ctx.signal` when it stops the child, so promise-based children can observe it.
 *
 * @module types
 */

export type RestartType = 'permanent' | 'transient' | 'temporary';
export type Shutdown = number | 'brutal_kill' | 'infinity';
export type ChildType = 'worker' | 'supervisor';
export type Strategy = 'one_for_one' | 'one_for_all' | 'rest_for_one';

export interface ChildContext {
  /** The child's id in its supervisor. */
  readonly id: string;
  /** Aborted when the supervisor stops this instance (shutdown, restart of a sibling, terminateChild). */
  readonly signal: AbortSignal;
}

export interface ChildInstance {
  /**
   * Ask the child to end; it has ended when the returned promise settles (at once when it returns
   * nothing). A child with no `stop` is stopped through its signal, and has ended when `done` settles.
   */
  stop?(reason: unknown): void | Promise<void>;
  /**
   * Settles when the child ends on its own: resolve = normal exit, reject with a ShutdownExit =
   * shutdown exit (see exit.ts), any other rejection = crash. A child that has a `stop` need not
   * settle `done` when it is stopped: shutdown waits for `stop`, not for `done`.
   */
  done?: Promise<unknown>;
}

export interface ChildSpec {
  id: string;
  /**
   * Brings the child up. Returning `'ignore'` is OTP's ignore: nothing was started, the child stays
   * stopped (a DynamicSupervisor does not keep it) and it is not restarted.
   */
  start(ctx: ChildContext): ChildInstance | 'ignore' | Promise<ChildInstance | 'ignore'>;
  /**
   * ms the start may take (default: no limit). Past it the start's signal aborts with a
   * TimeoutError and the start counts as failed; an instance it still returns later is stopped.
   */
  startTimeout?: number;
  /** permanent (default): always restarted; transient: restarted after a crash only; temporary: never. */
  restart?: RestartType;
  /** ms to wait for `stop` (default 5000 for workers), 'brutal_kill' (no wait), 'infinity' (default for supervisors). */
  shutdown?: Shutdown;
  type?: ChildType;
  /**
   * OTP's significant child: when it ends by itself for good (a transient one's normal exit, a
   * temporary one's any exit), a supervisor with `autoShutdown` stops (default false).
   */
  significant?: boolean;
  /**
   * A name the child is registered under for the life of each incarnation, as Elixir's
   * `{:via, Registry, {registry, name}}`: `registry.via(name)`, see registry.ts.
   */
  via?: ViaName;
}

/** A name in a registry (see registry.ts), claimed by each incarnation for its life. */
export interface ViaName {
  /** Reserves the name before a start; throws when another live incarnation holds it. */
  claim(): ViaClaim;
}

export interface ViaClaim {
  /** The incarnation started: the name now reaches `instance`. */
  bind(instance: ChildInstance): void;
  /** The incarnation ended, is being stopped, or never started: the name is free. Idempotent. */
  release(): void;
}

export type ChildStatus = 'running' | 'restarting' | 'stopped';

export interface ChildInfo {
  id: string;
  type: ChildType;
  status: ChildStatus;
  restarts: number;
}

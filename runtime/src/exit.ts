/**
 * OTP's exit reasons, in promise terms. A child's `done` that resolves is a `normal` exit. One that
 * rejects with a {@link ShutdownExit} is a `shutdown` exit (OTP's `shutdown` and `{shutdown, Reason}`):
 * the child ended on purpose, so a transient child is not restarted and the exit is not reported as
 * a crash (a permanent child is restarted, as in OTP). Any other rejection is a crash.
 *
 * A supervisor that gives up exits this way, as an OTP supervisor that reaches its restart intensity
 * exits with `shutdown`: a transient parent entry for it stays down instead of restarting it.
 *
 * The check goes by a registered symbol rather than `instanceof`, so an exit made by the CommonJS
 * build is recognised by the ES module build loaded beside it (and the other way round).
 */
const shutdownBrand = Symbol.for('spawnguard.exit.shutdown');

export class ShutdownExit extends Error {
  override readonly name = 'ShutdownExit';
  /** The `Reason` of `{shutdown, Reason}`; `'shutdown'` for a plain shutdown. */
  readonly reason: unknown;

  constructor(reason: unknown = 'shutdown', message?: string, options?: { cause?: unknown }) {
    super(message ?? (typeof reason === 'string' ? `exit: ${reason}` : 'exit: shutdown'), options);
    this.reason = reason;
    Object.defineProperty(this, shutdownBrand, { value: true });
  }
}

/** Whether `error`, a rejection of a child's `done`, is a shutdown exit rather than a crash. */
export function isShutdownExit(error: unknown): error is ShutdownExit {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[shutdownBrand] === true;
}

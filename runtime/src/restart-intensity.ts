/**
 * OTP's restart intensity: a supervisor may restart at most `maxRestarts` times within any
 * `maxSeconds` window. Every restart (and every retry of a restart whose start failed) is recorded
 * with a timestamp; timestamps older than `maxSeconds` are dropped; when more than `maxRestarts`
 * remain, the supervisor must give up and escalate. `maxRestarts: 0` therefore gives up on the
 * first restart.
 *
 * The clock is injectable (ms, monotonic by default) so tests can drive time deterministically.
 *
 * @module restart-intensity
 */

export type Clock = () => number;

export const monotonicClock: Clock = () => performance.now();

export class RestartIntensity {
  /** Restart times in ms, oldest first. */
  private readonly restarts: number[] = [];

  constructor(
    readonly maxRestarts: number,
    readonly maxSeconds: number,
    private readonly now: Clock = monotonicClock,
  ) {}

  /** Records a restart now; returns false when that exceeds the intensity (time to escalate). */
  recordRestart(): boolean {
    const now = this.now();
    const windowStart = now - this.maxSeconds * 1000;
    let expired = 0;
    while (expired < this.restarts.length && (this.restarts[expired] as number) <= windowStart) expired++;
    if (expired > 0) this.restarts.splice(0, expired);
    this.restarts.push(now);
    return this.restarts.length <= this.maxRestarts;
  }

  /** Restarts currently inside the window (as of the last recorded restart). */
  get count(): number {
    return this.restarts.length;
  }

  reset(): void {
    this.restarts.length = 0;
  }
}

import diagnostics_channel from 'node:diagnostics_channel';
import { vi } from 'vitest';
import { channels } from '../src/telemetry.js';
import type { ChildInstance, ChildSpec, RestartType, Shutdown } from '../src/types.js';

/** One running incarnation of a fake child, steered by the test. */
export interface FakeIncarnation {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Whether it ended on its own or because its stop completed. */
  readonly ended: boolean;
  crash(error?: unknown): void;
  exit(): void;
}

export interface FakeChildOptions {
  restart?: RestartType;
  shutdown?: Shutdown;
  /** Decides per start attempt (1-based, counted per id) whether start throws. */
  failStart?: (attempt: number) => boolean;
  /** How stop behaves: settle at once (default), never settle, or settle after ms. */
  stop?: 'immediate' | 'hang' | number;
  /** When set, start waits for this promise before returning (a slow start). */
  startGate?: () => Promise<void>;
}

/**
 * A lab of fake children: records every start and stop in `log` (as 'start:a', 'stop:a'), keeps the
 * current incarnation of each id so a test can crash or end it.
 */
export class Lab {
  readonly log: string[] = [];
  readonly current = new Map<string, FakeIncarnation>();
  readonly attempts = new Map<string, number>();
  /** Every incarnation ever started, in start order. */
  readonly all: FakeIncarnation[] = [];

  spec(id: string, options: FakeChildOptions = {}): ChildSpec {
    const spec: ChildSpec = {
      id,
      start: async (ctx) => {
        const attempt = (this.attempts.get(id) ?? 0) + 1;
        this.attempts.set(id, attempt);
        if (options.startGate) await options.startGate();
        if (options.failStart?.(attempt)) {
          this.log.push(`failstart:${id}`);
          throw new Error(`${id} cannot start (attempt ${attempt})`);
        }
        this.log.push(`start:${id}`);
        let ended = false;
        let crash!: (error: unknown) => void;
        let exit!: () => void;
        const done = new Promise<unknown>((resolve, reject) => {
          exit = () => {
            ended = true;
            resolve(undefined);
          };
          crash = (error) => {
            ended = true;
            reject(error);
          };
        });
        const incarnation: FakeIncarnation = {
          id,
          signal: ctx.signal,
          get ended() {
            return ended;
          },
          crash: (error = new Error(`${id} crashed`)) => crash(error),
          exit: () => exit(),
        };
        this.current.set(id, incarnation);
        this.all.push(incarnation);
        const instance: ChildInstance = {
          done,
          stop: () => {
            this.log.push(`stop:${id}`);
            const behaviour = options.stop ?? 'immediate';
            if (behaviour === 'hang') return new Promise<void>(() => {});
            const ended = () => exit();
            if (behaviour === 'immediate') {
              ended();
              return;
            }
            return new Promise<void>((resolve) =>
              setTimeout(() => {
                ended();
                resolve();
              }, behaviour),
            );
          },
        };
        return instance;
      },
    };
    if (options.restart) spec.restart = options.restart;
    if (options.shutdown !== undefined) spec.shutdown = options.shutdown;
    return spec;
  }

  crash(id: string, error?: unknown): void {
    const incarnation = this.current.get(id);
    if (!incarnation) throw new Error(`no incarnation of ${id}`);
    incarnation.crash(error);
  }

  exit(id: string): void {
    const incarnation = this.current.get(id);
    if (!incarnation) throw new Error(`no incarnation of ${id}`);
    incarnation.exit();
  }

  /** The log since the last call. */
  take(): string[] {
    return this.log.splice(0, this.log.length);
  }
}

/** Lets every pending microtask and I/O callback run (restarts need no timers, so this suffices). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `stop` with setTimeout faked and tells, at each of `checkpoints` (ms since the stop began,
 * ascending), whether it had finished: what a stop waits for is then decided by the clock it reads,
 * never by the machine's load. Real timers are back when it returns.
 */
export async function stoppedAt(stop: () => Promise<unknown>, checkpoints: number[]): Promise<boolean[]> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    const seen: boolean[] = [];
    let now = 0;
    for (const at of checkpoints) {
      await vi.advanceTimersByTimeAsync(at - now);
      now = at;
      await settle();
      seen.push(stopped);
    }
    if (stopped) await stopping;
    return seen;
  } finally {
    vi.useRealTimers();
  }
}

export interface Recorded {
  channel: string;
  message: Record<string, unknown>;
}

/** Subscribes to every spawnguard channel; call `close()` to unsubscribe. */
export function recordTelemetry(): { events: Recorded[]; on(channel: string): Record<string, unknown>[]; close(): void } {
  const events: Recorded[] = [];
  const listeners = Object.values(channels).map((name) => {
    const listener = (message: unknown) => events.push({ channel: name, message: message as Record<string, unknown> });
    diagnostics_channel.subscribe(name, listener);
    return () => diagnostics_channel.unsubscribe(name, listener);
  });
  return {
    events,
    on: (channel) => events.filter((event) => event.channel === channel).map((event) => event.message),
    close: () => listeners.forEach((unsubscribe) => unsubscribe()),
  };
}

/** A clock the test moves by hand (ms). */
export function manualClock(): { now: () => number; advance(ms: number): void } {
  let time = 0;
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

import diagnostics_channel from 'node:diagnostics_channel';
import { inspect } from 'node:util';

/**
 * Telemetry goes through `node:diagnostics_channel` so that loggers and OpenTelemetry can subscribe
 * without the runtime depending on them. Publishing to a channel nobody listens to costs a branch.
 */
export const channels = {
  childStart: 'spawnguard:child:start',
  childExit: 'spawnguard:child:exit',
  childRestart: 'spawnguard:child:restart',
  supervisorEscalate: 'spawnguard:supervisor:escalate',
  taskError: 'spawnguard:task:error',
  error: 'spawnguard:error',
  breakerBlown: 'spawnguard:breaker:blown',
  breakerReset: 'spawnguard:breaker:reset',
  chaosInject: 'spawnguard:chaos:inject',
} as const;

export type ChannelName = (typeof channels)[keyof typeof channels];

export interface ChildStartEvent { supervisor: string; id: string; type: string }
export interface ChildExitEvent { supervisor: string; id: string; reason: 'normal' | 'shutdown' | 'crash'; error?: unknown }
export interface ChildRestartEvent { supervisor: string; id: string; restarts: number; error?: unknown }
export interface EscalateEvent { supervisor: string; restarts: number; maxRestarts: number; maxSeconds: number; error?: unknown }
export interface TaskErrorEvent { supervisor: string; task: string; error: unknown }
export interface ErrorEvent { component: string; error: unknown }
/** A breaker blew: `melts` melts within `windowMs` exceeded its threshold, or its half-open probe failed. */
export interface BreakerBlownEvent { breaker: string; melts: number; probe: boolean; error?: unknown }
/** A blown breaker's half-open probe succeeded (or it was reset by hand): calls go through again. */
export interface BreakerResetEvent { breaker: string; blownForMs: number; manual: boolean }
/** Chaos mode injected a fault (see chaos.ts). */
export interface ChaosInjectEvent { kind: 'task' | 'tick' | 'worker' | 'process'; target: string; sequence: number }

const byName = new Map<string, diagnostics_channel.Channel>();

function channel(name: ChannelName): diagnostics_channel.Channel {
  let found = byName.get(name);
  if (!found) {
    found = diagnostics_channel.channel(name);
    byName.set(name, found);
  }
  return found;
}

export function publish(name: ChannelName, message: object): void {
  const target = channel(name);
  if (target.hasSubscribers) target.publish(message);
}

/** Errors nobody subscribed to still must not vanish: they go to stderr, once per error object. */
const alreadyPrinted = new WeakSet<object>();

/**
 * Never throws: a failure reason can be anything a program throws, including an object with no
 * prototype (which `String()` rejects) or one whose `stack` getter throws.
 */
function describe(error: unknown): string {
  try {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    if (typeof error === 'object' && error !== null) return inspect(error, { depth: 2, breakLength: Infinity });
    return String(error);
  } catch {
    try {
      return inspect(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
}

/**
 * Publishes an error on `channelName`; with no subscriber there, prints it to stderr instead (once per
 * error object), so a failure is never silent.
 */
export function publishError(channelName: ChannelName, message: { error: unknown }, label: string): void {
  const target = channel(channelName);
  if (target.hasSubscribers) {
    target.publish(message);
    return;
  }
  const { error } = message;
  if (typeof error === 'object' && error !== null) {
    if (alreadyPrinted.has(error)) return;
    alreadyPrinted.add(error);
  }
  process.stderr.write(`[spawnguard] ${label}: ${describe(error)}\n`);
}

/**
 * `report(component)` returns an error handler for `.catch(report('billing'))`: the error is published on
 * `spawnguard:error` (or printed once to stderr when nobody listens) instead of being swallowed.
 */
export function report(component = 'unknown'): (error: unknown) => void {
  return (error: unknown) => {
    const event: ErrorEvent = { component, error };
    publishError(channels.error, event, `error in ${component}`);
  };
}

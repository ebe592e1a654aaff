import { afterAll, beforeAll } from 'vitest';
import diagnostics_channel from 'node:diagnostics_channel';
import type { ChannelName } from '../../src/telemetry.js';

/** Collects what is published on `name` until `stop()`; subscribing also silences the stderr fallback. */
export function collect<T = Record<string, unknown>>(name: ChannelName): { events: T[]; stop(): void } {
  const events: T[] = [];
  const listener = (message: unknown): void => {
    events.push(message as T);
  };
  diagnostics_channel.subscribe(name, listener);
  return { events, stop: () => diagnostics_channel.unsubscribe(name, listener) };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the runtime's deferred reports have had their turn, so a test can assert that none
 * came: `reportIfUnobserved` decides in a `setImmediate`, and Node raises an unhandled rejection when
 * the microtasks after a callback drain. An immediate queued while immediates run waits for the next
 * loop iteration, so the second turn comes after every immediate queued before this call.
 */
export async function afterDeferredReports(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Polls `condition` every few ms until it holds. It has no time limit of its own: a condition that
 * never holds runs into the test's timeout (vitest.config.ts), so a slow machine cannot fail a test
 * that would have passed.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await delay(5);
}

/** Collects every unhandled rejection while the calling test file runs (registers its own hooks). */
export function unhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  return seen;
}

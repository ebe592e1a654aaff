import { expect } from 'vitest';
import { leftoverResources, type Exit, type Observation } from './harness.js';

/**
 * Invariants 3 and 4 (docs/architecture.md) for a fixed program that ended on its own: exit code 0, nothing escaped, and
 * nothing left keeping the event loop alive.
 */
export function expectCleanExit(exit: Exit, observation: Observation): void {
  expect(exit).toMatchObject({ code: 0, signal: null });
  expect(observation.uncaught, 'no rejection or exception may escape').toEqual([]);
  expect(leftoverResources(observation), 'nothing may be left keeping the event loop alive').toEqual([]);
}

/** Node's crash on an unhandled rejection: exit code 1, the rejection seen escaping. */
export function expectUnhandledRejectionCrash(exit: Exit, observation: Observation, message: RegExp): void {
  expect(exit).toMatchObject({ code: 1, signal: null });
  expect(observation.uncaught).toEqual([{ kind: 'uncaught', origin: 'unhandledRejection', error: { name: 'Error', message: expect.stringMatching(message) } }]);
}

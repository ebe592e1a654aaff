import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario, type Scenario } from './harness.js';

afterEach(killScenarios);

/** Starts the service, sends SIGTERM once it listens, and waits for its handler to close the server. */
async function terminate(scenario: Scenario): Promise<void> {
  expect(await scenario.lineWithin(/^listening on port \d+$/, 3000)).toBeDefined();
  scenario.signal('SIGTERM');
  expect(await scenario.lineWithin(/^server closed$/, 1000)).toBeDefined();
}

describe('no-stray-timer scenario: a service with a metrics interval gets SIGTERM', () => {
  it('before: the server closes but the interval keeps the process alive', async () => {
    const scenario = runScenario('no-stray-timer', 'before');
    await terminate(scenario);
    expect(await scenario.exitWithin(1500), 'still running 1.5 s after its shutdown path ran').toBeUndefined();
  });

  // The program has its own SIGTERM handler and never handed its signals to the runtime: the default
  // root lets go of the event loop beside that handler (it stops nothing the program may still read),
  // so the supervised interval no longer keeps the process alive once the server closed.
  it('after: on SIGTERM the supervised interval lets go of the event loop and the process exits once the server closed', async () => {
    const scenario = runScenario('no-stray-timer', 'after');
    await terminate(scenario);
    const exit = await scenario.exitWithin(1500);
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(eventsOn(observation, 'spawnguard:child:start')).toContainEqual({ supervisor: 'root/before.flushMetrics', id: 'before.flushMetrics', type: 'worker' });
  });
});

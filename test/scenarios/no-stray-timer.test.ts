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

describe('no-stray-timer scenario-fake-timers: a test drives the interval with fake timers installed after loading', () => {
  it('after: the supervised interval ticks on the fake clock, as the setInterval it replaced did', async () => {
    for (const program of ['before', 'after'] as const) {
      const scenario = runScenario('no-stray-timer', program, { folder: 'scenario-fake-timers' });
      const exit = await scenario.exitWithin(5000);
      expect(scenario.stdoutLines, program).toEqual(['flushes after 3 s: 3']);
      if (program === 'after') expectCleanExit(exit, scenario.observation());
    }
  });
});

describe('no-stray-timer scenario-handle: the interval handle used as a Timeout', () => {
  it('after: unref/refresh/hasRef and its number work on the supervised handle, and the unref’d interval lets the program end', async () => {
    const scenario = runScenario('no-stray-timer', 'after', { folder: 'scenario-handle' });
    const exit = await scenario.exitWithin(5000);
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['hasRef: false, number: true, polled: true']);
    expect(eventsOn(observation, 'spawnguard:child:start')).toContainEqual({ supervisor: 'root/before.poller', id: 'before.poller', type: 'worker' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario, type Scenario } from './harness.js';

afterEach(killScenarios);

/** Starts the service, sends SIGTERM once it listens, and waits for its handler to close the server. */
async function terminate(scenario: Scenario): Promise<void> {
  expect(await scenario.line(/^listening on port \d+$/)).toBeDefined();
  scenario.signal('SIGTERM');
  expect(await scenario.line(/^server closed$/)).toBeDefined();
}

describe('no-stray-timer scenario: a service with a metrics interval gets SIGTERM', () => {
  it('before: the server closes but the interval keeps the process alive', async () => {
    const scenario = runScenario('no-stray-timer', 'before');
    await terminate(scenario);
    // Asked once the shutdown path ran: the interval's timer alone still holds the process.
    expect(await scenario.resourcesNow(), 'what keeps it running once the server closed').toEqual(['Timeout']);
  });

  // The program has its own SIGTERM handler and never handed its signals to the runtime: the default
  // root lets go of the event loop beside that handler (it stops nothing the program may still read),
  // so the supervised interval no longer keeps the process alive once the server closed.
  it('after: on SIGTERM the supervised interval lets go of the event loop and the process exits once the server closed', async () => {
    const scenario = runScenario('no-stray-timer', 'after');
    await terminate(scenario);
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(eventsOn(observation, 'spawnguard:child:start')).toContainEqual({ supervisor: 'root/before.flushMetrics', id: 'before.flushMetrics', type: 'worker' });
  });
});

describe('no-stray-timer scenario-fake-timers: a test drives the interval with fake timers installed after loading', () => {
  // Both programs end on their own: the fake clock holds no real timer, and the supervised interval
  // took the fake clock's setInterval, so it holds none either.
  it('after: the supervised interval ticks on the fake clock, as the setInterval it replaced did', async () => {
    for (const program of ['before', 'after'] as const) {
      const scenario = runScenario('no-stray-timer', program, { folder: 'scenario-fake-timers' });
      const exit = await scenario.exited();
      expect(scenario.stdoutLines, program).toEqual(['flushes after 3 s: 3']);
      expectCleanExit(exit, scenario.observation());
    }
  });
});

describe('no-stray-timer scenario-handle: the interval handle used as a Timeout', () => {
  it('after: unref/refresh/hasRef and its number work on the supervised handle, and the unref’d interval lets the program end', async () => {
    const scenario = runScenario('no-stray-timer', 'after', { folder: 'scenario-handle' });
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['hasRef: false, number: true, polled: true']);
    expect(eventsOn(observation, 'spawnguard:child:start')).toContainEqual({ supervisor: 'root/before.poller', id: 'before.poller', type: 'worker' });
  });
});

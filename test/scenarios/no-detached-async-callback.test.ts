import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit, expectUnhandledRejectionCrash } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

describe('no-detached-async-callback scenario: an async event listener fails on one order', () => {
  it('before: the rejection nobody handles exits the process before the later orders ship', async () => {
    const scenario = runScenario('no-detached-async-callback', 'before');
    const exit = await scenario.exited();
    expectUnhandledRejectionCrash(exit, scenario.observation(), /order 2 has no address/);
    expect(scenario.stdout).not.toMatch(/shipped orders/);
  });

  it('after: each event is a supervised task, the failure is reported, the other orders ship', async () => {
    const scenario = runScenario('no-detached-async-callback', 'after');
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['shipped orders 1, 3']);
    expect(eventsOn(observation, 'spawnguard:task:error')).toEqual([
      { supervisor: 'root/tasks', task: 'before.placed', error: { name: 'Error', message: 'order 2 has no address' } },
    ]);
  });
});

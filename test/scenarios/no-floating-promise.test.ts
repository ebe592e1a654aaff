import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit, expectUnhandledRejectionCrash } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

describe('no-floating-promise scenario: a usage record nobody awaits fails', () => {
  it('before: the rejection exits the process and the requests after it are never served', async () => {
    const scenario = runScenario('no-floating-promise', 'before');
    const exit = await scenario.exited();
    expectUnhandledRejectionCrash(exit, scenario.observation(), /usage store rejected the record for grace/);
    expect(scenario.stdoutLines).toContain('served ada');
    expect(scenario.stdoutLines).not.toContain('served linus');
    expect(scenario.stdoutLines).not.toContain('all requests served');
  });

  it('after: the failure is a reported task error, every request is served, the process exits cleanly', async () => {
    const scenario = runScenario('no-floating-promise', 'after');
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['served ada', 'served grace', 'served linus', 'all requests served']);
    expect(eventsOn(observation, 'spawnguard:task:error')).toEqual([
      { supervisor: 'root/tasks', task: 'before.recordUsage', error: { name: 'Error', message: 'usage store rejected the record for grace' } },
    ]);
  });
});

describe('no-floating-promise scenario-constructor: a constructor starts the connection the object needs', () => {
  it('is left as it is by the fix (after.mjs is before.mjs): a failed connect still ends the process, never a queue with no client', async () => {
    const scenario = runScenario('no-floating-promise', 'after', { folder: 'scenario-constructor' });
    const exit = await scenario.exited();
    expectUnhandledRejectionCrash(exit, scenario.observation(), /cannot connect to redis:\/\/127\.0\.0\.1:0/);
    expect(scenario.stdoutLines).toEqual(['PONG']);
  });
});

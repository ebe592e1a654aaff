import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

const TIMED_OUT = { supervisor: 'root/tasks', task: 'anonymous', error: { name: 'TimeoutError', message: 'task anonymous timed out after 300 ms' } };

describe('require-cancellation scenario: a webhook endpoint that never answers', () => {
  it('before: the deadline passes and shutdown aborts, but the fetch never sees the signal and shutdown hangs', async () => {
    const scenario = runScenario('require-cancellation', 'before');
    expect(await scenario.lineWithin(/^shutting down$/, 3000)).toBeDefined();
    expect(await scenario.exitWithin(1500), 'still stopping 1.5 s later').toBeUndefined();
    expect(scenario.stdoutLines).not.toContain('stopped');
    expect(eventsOn(scenario.observation(), 'spawnguard:task:error')).toEqual([TIMED_OUT]);
  });

  it('after: the deadline aborts the fetch, shutdown completes at once and the process exits', async () => {
    const scenario = runScenario('require-cancellation', 'after');
    expect(await scenario.lineWithin(/^shutting down$/, 3000)).toBeDefined();
    const exit = await scenario.exitWithin(1500);
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['shutting down', 'stopped']);
    // Reported once, as the timeout; the abort it causes is not a second failure, and no task is abandoned.
    expect(eventsOn(observation, 'spawnguard:task:error')).toEqual([TIMED_OUT]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

const TIMED_OUT = { supervisor: 'root/tasks', task: 'anonymous', error: { name: 'TimeoutError', message: 'task anonymous timed out after 300 ms' } };

describe('require-cancellation scenario: a webhook endpoint that never answers', () => {
  it('before: the deadline passes and shutdown aborts, but the fetch never sees the signal: shutdown waits out its give-up and abandons it', async () => {
    const scenario = runScenario('require-cancellation', 'before');
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(scenario.stdoutLines).toEqual(['shutting down', 'stopped']);
    // In this order: the deadline, the shutdown giving up on the task (5 s after it aborted it, as the
    // request ignored the abort), and the request's end only when the endpoint itself went away.
    expect(eventsOn(scenario.observation(), 'spawnguard:task:error')).toEqual([
      TIMED_OUT,
      { ...TIMED_OUT, error: { name: 'Error', message: '1 task(s) did not stop within 5000 ms of their abort and were abandoned: anonymous' } },
      { ...TIMED_OUT, error: { name: 'TypeError', message: 'fetch failed' } },
    ]);
  });

  it('after: the deadline aborts the fetch, shutdown completes at once and the process exits', async () => {
    const scenario = runScenario('require-cancellation', 'after');
    expect(await scenario.line(/^shutting down$/)).toBeDefined();
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['shutting down', 'stopped']);
    // Reported once, as the timeout; the abort it causes is not a second failure, and no task is abandoned.
    expect(eventsOn(observation, 'spawnguard:task:error')).toEqual([TIMED_OUT]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

const RESULT = JSON.stringify({ sent: 3, saved: ['r1', 'r3'] });

describe('no-swallowed-error scenario: one usage record fails to save', () => {
  it('before: the record is lost without a word', async () => {
    const scenario = runScenario('no-swallowed-error', 'before');
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(scenario.stdoutLines).toEqual([RESULT]);
    expect(scenario.stderr).toBe('');
    expect(scenario.observation().events).toEqual([]);
  });

  it('after: the failure is published on spawnguard:error under its component', async () => {
    const scenario = runScenario('no-swallowed-error', 'after');
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual([RESULT]);
    expect(eventsOn(observation, 'spawnguard:error')).toEqual([
      { component: 'before.syncUsage', error: { name: 'Error', message: 'record r2 rejected: negative units' } },
    ]);
  });

  it('after, with nobody subscribed: the failure still reaches stderr', async () => {
    const scenario = runScenario('no-swallowed-error', 'after', { observe: false });
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(scenario.stderr).toMatch(/^\[spawnguard\] error in before\.syncUsage: Error: record r2 rejected: negative units/);
  });
});

describe('no-swallowed-error scenario-commented: an intentional, commented swallow on a close path', () => {
  it('is left as it is by the fix (after.mjs is before.mjs), and closing prints no error', async () => {
    const scenario = runScenario('no-swallowed-error', 'after', { folder: 'scenario-commented' });
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['closed 3 sockets']);
    expect(scenario.stderr).toBe('');
    expect(eventsOn(observation, 'spawnguard:error')).toEqual([]);
  });
});

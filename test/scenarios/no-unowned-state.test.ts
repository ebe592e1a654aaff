import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario } from './harness.js';

afterEach(killScenarios);

describe('no-unowned-state scenario: the service reloads after a price change', () => {
  it('before: the module-level cache survives the reload and serves the stale price', async () => {
    const scenario = runScenario('no-unowned-state', 'before');
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(scenario.stdoutLines).toEqual(['before reload: coffee costs 3', 'after reload: coffee costs 3']);
  });

  it('after: the cache is a child of the root (under a supervisor of its own), emptied when the root stops, so the reload serves the new price', async () => {
    const scenario = runScenario('no-unowned-state', 'after');
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['before reload: coffee costs 3', 'after reload: coffee costs 4']);
    expect(eventsOn(observation, 'spawnguard:child:start')).toContainEqual({ supervisor: 'root/before.priceCache', id: 'before.priceCache', type: 'worker' });
    expect(eventsOn(observation, 'spawnguard:child:exit')).toContainEqual({ supervisor: 'root/before.priceCache', id: 'before.priceCache', reason: 'shutdown' });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { eventsOn, killScenarios, runScenario, type Scenario } from './harness.js';

afterEach(killScenarios);

async function summary(scenario: Scenario): Promise<{ made: string[]; lost: string[] }> {
  const line = await scenario.line(/^\{"made"/);
  expect(line, 'the program prints what it made').toBeDefined();
  return JSON.parse(line!) as { made: string[]; lost: string[] };
}

describe('no-orphan-worker scenario: a corrupt image kills the thumbnail worker', () => {
  it('before: the death goes unnoticed, every later job is silently lost', async () => {
    const scenario = runScenario('no-orphan-worker', 'before');
    expect(await summary(scenario)).toEqual({ made: ['cat.thumb.png'], lost: ['corrupt.png', 'dog.png'] });
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(scenario.stderr, 'nothing anywhere says the worker died').toBe('');
    expect(scenario.observation().events).toEqual([]);
  });

  it('after: the crash is reported, the worker restarted and the later job done; SIGTERM terminates it', async () => {
    const scenario = runScenario('no-orphan-worker', 'after');
    expect(await summary(scenario)).toEqual({ made: ['cat.thumb.png', 'dog.thumb.png'], lost: ['corrupt.png'] });
    expect(eventsOn(scenario.observation(), 'spawnguard:child:exit')).toEqual([
      { supervisor: 'root/before.worker', id: 'before.worker', reason: 'crash', error: { name: 'Error', message: "worker 'before.worker' exited with code 1" } },
    ]);
    expect(eventsOn(scenario.observation(), 'spawnguard:child:restart')).toMatchObject([{ supervisor: 'root/before.worker', id: 'before.worker', restarts: 1 }]);
    // The restarted worker is a permanent child: it keeps serving after the batch, as the worker in
    // before.mjs would have had it not died, until the service is asked to stop. Asked once the batch
    // is done, the running worker thread alone holds the process.
    expect(await scenario.resourcesNow(), 'what keeps it running after the batch').toEqual(['Worker']);
    scenario.signal('SIGTERM');
    // The default root takes no signal over (a library using the runtime must not own the process):
    // this program has no SIGTERM listener and never called handleSignals(), so the signal takes
    // Node's default course at once, exit by SIGTERM, and the worker thread ends with the process.
    const exit = await scenario.exited();
    expect(exit).toMatchObject({ code: null, signal: 'SIGTERM' });
    const observation = scenario.observation();
    expect(observation.uncaught).toEqual([]);
  });
});

describe('no-orphan-worker scenario-one-shot: a build command that runs once fails', () => {
  const folder = 'scenario-one-shot';

  it('before: the failure goes unnoticed', async () => {
    const scenario = runScenario('no-orphan-worker', 'before', { folder });
    expect(await scenario.exited()).toMatchObject({ code: 0 });
    expect(scenario.stdoutLines).toEqual(['building assets']);
    expect(eventsOn(scenario.observation(), 'spawnguard:child:exit')).toEqual([]);
  });

  it('after: the command is temporary, so its failure is reported and it is never run again', async () => {
    const scenario = runScenario('no-orphan-worker', 'after', { folder });
    const exit = await scenario.exited();
    const observation = scenario.observation();
    expectCleanExit(exit, observation);
    expect(scenario.stdoutLines).toEqual(['building assets']);
    expect(eventsOn(observation, 'spawnguard:child:exit')).toEqual([
      expect.objectContaining({ id: 'before.process', reason: 'crash', error: expect.objectContaining({ message: expect.stringContaining('code 3') }) }),
    ]);
    expect(eventsOn(observation, 'spawnguard:child:restart')).toEqual([]);
  });
});

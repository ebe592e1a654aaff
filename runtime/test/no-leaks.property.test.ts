import { spawn, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, supervise, tasks } from '../src/root.js';
import { channels, type ChannelName } from '../src/telemetry.js';
import type { RestartType } from '../src/types.js';
import { collect, delay, until, unhandledRejections } from './helpers/telemetry.js';

// Invariant 4 (docs/architecture.md, nothing left behind): whatever mix of tasks, intervals, workers and processes runs
// under the root, and however they crash, after `root.stop()` no timer, worker or process the
// runtime started is still there, and no promise rejection escaped.

type Crash = 'none' | 'throw' | 'exit';
type Action =
  | { kind: 'task'; crash: Crash; ms: number; usesSignal: boolean }
  | { kind: 'interval'; crash: Crash; ms: number }
  | { kind: 'worker'; crash: Crash; restart: RestartType }
  | { kind: 'process'; crash: Crash; restart: RestartType };

const crash = fc.constantFrom<Crash>('none', 'throw', 'exit');
const restart = fc.constantFrom<RestartType>('permanent', 'transient', 'temporary');
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('task' as const), crash, ms: fc.integer({ min: 0, max: 30 }), usesSignal: fc.boolean() }),
  fc.record({ kind: fc.constant('interval' as const), crash, ms: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('worker' as const), crash, restart }),
  fc.record({ kind: fc.constant('process' as const), crash, restart }),
);

const IDLE = 'setInterval(() => {}, 1000)';
const scriptFor = (c: Crash): string => (c === 'exit' ? 'process.exit(1)' : c === 'throw' ? "throw new Error('boom')" : IDLE);

function resourceCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** Resource kinds with more entries now than in `before`. */
function leaked(before: Map<string, number>): string[] {
  return [...resourceCounts()].filter(([name, count]) => count > (before.get(name) ?? 0)).map(([name, count]) => `${name} x${count}`);
}

const rejections = unhandledRejections();
const quiet: { stop(): void }[] = [];

beforeAll(() => {
  // Subscribers silence the stderr fallback for the crashes this test provokes on purpose.
  const names: ChannelName[] = [channels.taskError, channels.childExit, channels.supervisorEscalate, channels.error];
  for (const name of names) quiet.push(collect(name));
});
afterAll(() => {
  for (const sub of quiet) sub.stop();
});

describe('nothing left behind after root.stop()', () => {
  it('holds for random mixes of crashing tasks, intervals, workers and processes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 40 }), async (actions, runFor) => {
        await delay(0);
        const before = resourceCounts();
        const workers: Worker[] = [];
        const processes: ChildProcess[] = [];
        actions.forEach((act, i) => {
          const id = `${act.kind}-${i}`;
          switch (act.kind) {
            case 'task': {
              const body = async (): Promise<void> => {
                await delay(act.ms);
                if (act.crash !== 'none') throw new Error(`task ${id} crashed`);
              };
              if (act.usesSignal) tasks.start((signal) => (signal.aborted ? undefined : body()), { name: id });
              else tasks.start(() => body(), { name: id });
              break;
            }
            case 'interval': {
              let ticks = 0;
              supervise.interval(
                id,
                async () => {
                  ticks += 1;
                  if (act.crash === 'throw' && ticks % 2 === 0) throw new Error(`tick ${ticks} of ${id}`);
                  if (act.crash === 'exit') await delay(act.ms * 3); // slow ticks: skipped, not overlapped
                },
                act.ms,
              );
              break;
            }
            case 'worker':
              supervise.worker(
                id,
                () => {
                  const worker = new Worker(scriptFor(act.crash), { eval: true });
                  workers.push(worker);
                  return worker;
                },
                { restart: act.restart },
              );
              break;
            case 'process':
              supervise.process(
                id,
                () => {
                  const child = spawn(process.execPath, ['-e', scriptFor(act.crash)], { stdio: 'ignore' });
                  processes.push(child);
                  return child;
                },
                { restart: act.restart, grace: 200 },
              );
              break;
          }
        });
        await delay(runFor);
        await root.stop();
        expect(tasks.size).toBe(0);
        for (const worker of workers) expect(worker.threadId).toBe(-1);
        for (const child of processes) expect(child.exitCode !== null || child.signalCode !== null).toBe(true);
        // A process handle closes one turn of the loop after its 'exit', and a tick that ignored its
        // signal ends its own sleep: waited for, however long the machine takes (a real leak never
        // clears, and runs into the test's timeout).
        await until(() => leaked(before).length === 0);
        expect(rejections).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

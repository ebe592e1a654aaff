import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Application, type ChildHandle } from '../src/application.js';
import { Lab, recordTelemetry, settle } from './fake-children.js';
import { unhandledRejections } from './helpers/telemetry.js';

/*
 * Handles under random schedules: children of two kinds added at run time (their ids reused once
 * freed), handles stopped once, twice, or long after their child was replaced, whole-application
 * stops racing them, and crashes of a configured sibling under one_for_all. Against a model that
 * only says which handles are alive, the tree must hold exactly their children, and nothing may
 * reject.
 */

const unhandled = unhandledRejections();

type Action =
  | { kind: 'add'; which: 'interval' | 'queue'; name: 'poll' | 'feed' }
  | { kind: 'stop'; target: number; twice: boolean }
  | { kind: 'stopAll'; alsoStopHandle: number }
  | { kind: 'crashConfigured' }
  | { kind: 'settle' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), which: fc.constantFrom('interval' as const, 'queue' as const), name: fc.constantFrom('poll' as const, 'feed' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('stop' as const), target: fc.nat(), twice: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stopAll' as const), alsoStopHandle: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('crashConfigured' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('settle' as const) }) },
);

describe('handles over random schedules with concurrent stops', () => {
  it('a handle stops its own child only, stopping twice is harmless, and the tree holds exactly the live handles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        const telemetry = recordTelemetry();
        const lab = new Lab();
        const app = new Application({ name: 'prop', strategy: 'one_for_all', maxRestarts: 1000, children: [lab.spec('configured')] });
        const handles: ChildHandle[] = [];
        const alive = new Set<ChildHandle>();
        const pending: Promise<unknown>[] = [];
        const rejections: unknown[] = [];
        const track = (promise: Promise<unknown>): void => {
          pending.push(promise.catch((error: unknown) => rejections.push(error)));
        };
        try {
          for (const step of actions) {
            if (step.kind === 'add') {
              const handle =
                step.which === 'interval' ? app.supervise.interval(step.name, () => {}, 60_000) : app.supervise.queue(step.name, { max: 4 });
              handles.push(handle);
              alive.add(handle);
              track(handle.started);
            } else if (step.kind === 'stop' && handles.length > 0) {
              const handle = handles[step.target % handles.length] as ChildHandle;
              alive.delete(handle);
              track(handle.stop());
              if (step.twice) track(handle.stop());
            } else if (step.kind === 'stopAll') {
              const stopping = app.stop();
              if (handles.length > 0) track((handles[step.alsoStopHandle % handles.length] as ChildHandle).stop());
              await stopping;
              alive.clear();
            } else if (step.kind === 'crashConfigured' && lab.current.get('configured') && !lab.current.get('configured')?.ended) {
              if (app.supervisor !== undefined) lab.crash('configured');
            } else if (step.kind === 'settle') {
              await settle();
            }
          }
          await Promise.all(pending);
          await settle();
          expect(rejections).toEqual([]);
          const inTree = app
            .whichChildren()
            .map((child) => child.id)
            .filter((id) => id !== 'tasks' && id !== 'configured')
            .sort();
          expect(inTree).toEqual([...alive].map((handle) => handle.id).sort());
          expect(new Set(inTree).size).toBe(inTree.length);
          await app.stop();
          expect(app.whichChildren()).toEqual([]);
          await settle();
          expect(unhandled).toEqual([]);
        } finally {
          telemetry.close();
        }
      }),
      { numRuns: 60, seed: 20261129 },
    );
  });
});

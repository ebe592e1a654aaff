import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Supervisor } from '../src/supervisor.js';
import { channels } from '../src/telemetry.js';
import type { RestartType, Shutdown, Strategy } from '../src/types.js';
import { Lab, manualClock, recordTelemetry, settle, stoppedAt, type FakeChildOptions } from './fake-children.js';
import { unhandledRejections } from './helpers/telemetry.js';

/*
 * Random crash schedules against an independent model of OTP's intensity rule: a restart happens
 * for a crash of a non-temporary child and for a normal exit of a permanent one, and under
 * one_for_one every failed start of the restarted child is one more restart at the same moment.
 * The supervisor must escalate exactly at the first restart that puts more than maxRestarts in the
 * maxSeconds window, and never before.
 */

const unhandled = unhandledRejections();

interface ChildPlan {
  restart: RestartType;
  shutdown: Shutdown;
  stop: 'immediate' | 'hang' | number;
  /** Start attempts (>= 2) that fail; only used under one_for_one. */
  failingAttempts: number[];
}

const childPlan: fc.Arbitrary<ChildPlan> = fc
  .record({
    restart: fc.constantFrom<RestartType>('permanent', 'permanent', 'transient', 'temporary'),
    shutdown: fc.oneof(fc.constant<Shutdown>('brutal_kill'), fc.constant<Shutdown>('infinity'), fc.integer({ min: 1, max: 12 })),
    stopKind: fc.constantFrom('immediate', 'hang', 'slow'),
    slowMs: fc.integer({ min: 1, max: 8 }),
    failingAttempts: fc.uniqueArray(fc.integer({ min: 2, max: 8 }), { maxLength: 4 }),
  })
  .map(({ restart, shutdown, stopKind, slowMs, failingAttempts }) => ({
    restart,
    shutdown,
    // A stop that never settles under 'infinity' would hang by contract; keep those finite.
    stop: stopKind === 'immediate' ? 'immediate' : stopKind === 'hang' && shutdown !== 'infinity' ? 'hang' : slowMs,
    failingAttempts,
  }));

const step = fc.record({
  gapMs: fc.integer({ min: 0, max: 2500 }),
  target: fc.nat(),
  kind: fc.constantFrom<'crash' | 'exit'>('crash', 'crash', 'exit'),
});

const scenario = fc.record({
  strategy: fc.constantFrom<Strategy>('one_for_one', 'one_for_all', 'rest_for_one'),
  maxRestarts: fc.integer({ min: 0, max: 4 }),
  maxSeconds: fc.integer({ min: 1, max: 3 }),
  children: fc.array(childPlan, { minLength: 1, maxLength: 5 }),
  steps: fc.array(step, { maxLength: 12 }),
});

/** The longest a stop of this child may take (ms) under its shutdown. */
function stopBudget(plan: ChildPlan): number {
  if (plan.shutdown === 'brutal_kill') return 0;
  if (plan.shutdown === 'infinity') return typeof plan.stop === 'number' ? plan.stop : 0;
  return plan.shutdown;
}

describe('supervisor properties over random crash schedules', () => {
  it('escalates exactly when the intensity is exceeded, stops within its budget, leaks no rejection', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ strategy, maxRestarts, maxSeconds, children, steps }) => {
        const telemetry = recordTelemetry();
        try {
          const lab = new Lab();
          const clock = manualClock();
          const ids = children.map((_, index) => `c${index}`);
          const plans = new Map(ids.map((id, index) => [id, children[index]!]));
          const specs = ids.map((id) => {
            const plan = plans.get(id)!;
            const options: FakeChildOptions = { restart: plan.restart, shutdown: plan.shutdown, stop: plan.stop };
            if (strategy === 'one_for_one') options.failStart = (attempt) => plan.failingAttempts.includes(attempt);
            return lab.spec(id, options);
          });
          const sup = new Supervisor({ strategy, maxRestarts, maxSeconds, clock: clock.now, children: specs });
          await sup.start();

          // The model.
          const restartTimes: number[] = [];
          const attempts = new Map(ids.map((id) => [id, 1]));
          const exceeded = (now: number) => restartTimes.filter((t) => t > now - maxSeconds * 1000).length > maxRestarts;
          let expectEscalation = false;

          for (const { gapMs, target, kind } of steps) {
            clock.advance(gapMs);
            const running = sup.whichChildren().filter((child) => child.status === 'running');
            if (running.length === 0) break;
            const id = running[target % running.length]!.id;
            const plan = plans.get(id)!;
            const restarts = plan.restart === 'permanent' || (plan.restart === 'transient' && kind === 'crash');
            if (restarts) {
              for (;;) {
                restartTimes.push(clock.now());
                if (exceeded(clock.now())) {
                  expectEscalation = true;
                  break;
                }
                if (strategy !== 'one_for_one') break;
                const attempt = attempts.get(id)! + 1;
                attempts.set(id, attempt);
                if (!plan.failingAttempts.includes(attempt)) break;
              }
            }
            if (kind === 'crash') lab.crash(id);
            else lab.exit(id);
            await settle();
            await waitForQuiet(sup);
            const escalated = telemetry.on(channels.supervisorEscalate).length > 0;
            expect(escalated).toBe(expectEscalation);
            if (escalated) break;
          }

          if (expectEscalation) {
            await expect(sup.done).rejects.toThrow(/gave up/);
            expect(sup.countChildren().active).toBe(0);
          } else {
            const budget = sup
              .whichChildren()
              .filter((child) => child.status === 'running')
              .reduce((sum, child) => sum + stopBudget(plans.get(child.id)!), 0);
            // Stopped once the faked clock reaches the budget: a stop that waited for a hung child past
            // its shutdown would still be pending.
            expect(await stoppedAt(() => sup.stop(), [budget])).toEqual([true]);
            await expect(sup.done).resolves.toBeUndefined();
          }
          // Every incarnation either ended or was told to (its signal aborted).
          expect(lab.all.filter((incarnation) => !incarnation.ended && !incarnation.signal.aborted)).toEqual([]);
          await settle();
          expect(unhandled).toEqual([]);
        } finally {
          telemetry.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

const nestedScenario = fc.record({
  strategy: fc.constantFrom<Strategy>('one_for_one', 'one_for_all', 'rest_for_one'),
  outerMax: fc.integer({ min: 0, max: 3 }),
  innerMax: fc.integer({ min: 0, max: 3 }),
  maxSeconds: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(
    fc.record({ gapMs: fc.integer({ min: 0, max: 2500 }), target: fc.constantFrom('w0', 'i0', 'i1', 'w1') }),
    { maxLength: 14 },
  ),
});

describe('escalation through two levels over random crash schedules', () => {
  it('each level escalates exactly when its own intensity is exceeded', async () => {
    await fc.assert(
      fc.asyncProperty(nestedScenario, async ({ strategy, outerMax, innerMax, maxSeconds, steps }) => {
        const telemetry = recordTelemetry();
        try {
          const lab = new Lab();
          const clock = manualClock();
          const inner = new Supervisor({
            name: 'inner',
            maxRestarts: innerMax,
            maxSeconds,
            clock: clock.now,
            children: [lab.spec('i0'), lab.spec('i1')],
          });
          const outer = new Supervisor({
            name: 'outer',
            strategy,
            maxRestarts: outerMax,
            maxSeconds,
            clock: clock.now,
            children: [lab.spec('w0'), inner.asChild(), lab.spec('w1')],
          });
          await outer.start();

          // The model: outer children in order w0, inner, w1; a restart of a group that holds the
          // inner supervisor starts it afresh, with an empty intensity window.
          const order = ['w0', 'inner', 'w1'];
          let innerTimes: number[] = [];
          const outerTimes: number[] = [];
          const expected: string[] = [];
          const exceeded = (times: number[], max: number, now: number) =>
            times.filter((t) => t > now - maxSeconds * 1000).length > max;
          const outerCrash = (id: string, now: number): boolean => {
            outerTimes.push(now);
            if (exceeded(outerTimes, outerMax, now)) {
              expected.push('outer');
              return true;
            }
            const index = order.indexOf(id);
            const group = strategy === 'one_for_one' ? [id] : strategy === 'one_for_all' ? order : order.slice(index);
            if (group.includes('inner')) innerTimes = [];
            return false;
          };

          for (const { gapMs, target } of steps) {
            clock.advance(gapMs);
            const now = clock.now();
            let outerGaveUp: boolean;
            if (target === 'i0' || target === 'i1') {
              innerTimes.push(now);
              if (exceeded(innerTimes, innerMax, now)) {
                expected.push('inner');
                outerGaveUp = outerCrash('inner', now);
              } else {
                outerGaveUp = false;
              }
            } else {
              outerGaveUp = outerCrash(target, now);
            }
            lab.crash(target);
            // An escalation crosses from the inner queue to the outer one and back (restart).
            for (let round = 0; round < 3; round++) {
              await settle();
              await waitForQuiet(inner);
              await waitForQuiet(outer);
            }
            expect(telemetry.on(channels.supervisorEscalate).map((event) => event.supervisor)).toEqual(expected);
            if (outerGaveUp) break;
          }

          if (expected.at(-1) === 'outer') {
            await expect(outer.done).rejects.toThrow(/'outer' exceeded/);
          } else {
            expect(outer.whichChildren().map((child) => child.status)).toEqual(['running', 'running', 'running']);
            expect(inner.whichChildren().map((child) => child.status)).toEqual(['running', 'running']);
            await outer.stop();
          }
          expect(outer.countChildren().active + inner.countChildren().active).toBe(0);
          expect(lab.all.filter((incarnation) => !incarnation.ended && !incarnation.signal.aborted)).toEqual([]);
          await settle();
          expect(unhandled).toEqual([]);
        } finally {
          telemetry.close();
        }
      }),
      { numRuns: 80 },
    );
  });
});

/**
 * Waits until the supervisor's queued work (exit handling, restarts, and the shutdown waits of
 * siblings stopped by a restart) has drained, by queueing an empty operation behind it: the test's
 * counterpart of Erlang's sys:get_state, reaching into the protected queue on purpose.
 */
async function waitForQuiet(sup: Supervisor): Promise<void> {
  const internals = sup as unknown as { serialize(op: () => Promise<void>): Promise<void>; queue: Promise<unknown> };
  // A failed restart attempt queues its retry as an operation of its own (OTP's try_again_restart),
  // possibly behind ours: quiet means nothing was queued behind our empty operation.
  for (;;) {
    const ours = internals.serialize(async () => {});
    const tail = internals.queue;
    await ours;
    if (internals.queue === tail) return;
  }
}

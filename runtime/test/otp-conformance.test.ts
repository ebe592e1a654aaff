import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamicSupervisor } from '../src/dynamic-supervisor.js';
import { ShutdownExit, isShutdownExit } from '../src/exit.js';
import { Supervisor } from '../src/supervisor.js';
import { channels } from '../src/telemetry.js';
import type { ChildInstance, ChildSpec, RestartType } from '../src/types.js';
import { recordTelemetry, settle } from './fake-children.js';
import { until } from './helpers/telemetry.js';

// OTP semantics the runtime follows (see the conformance table in runtime/README.md): exit
// reasons, `ignore` from a start function, a start timeout.

let telemetry: ReturnType<typeof recordTelemetry>;
beforeEach(() => {
  telemetry = recordTelemetry();
});
afterEach(() => {
  telemetry.close();
});

/** A child that ends, when told, by rejecting its done with `reason`; counts its starts. */
function ending(id: string, restart: RestartType): { spec: ChildSpec; starts: number; end(reason: unknown): void } {
  let reject: ((reason: unknown) => void) | undefined;
  const control = {
    starts: 0,
    end: (reason: unknown) => reject?.(reason),
    spec: {
      id,
      restart,
      start: (): ChildInstance => {
        control.starts += 1;
        return { done: new Promise((_, rejectDone) => (reject = rejectDone)), stop: () => {} };
      },
    } as ChildSpec,
  };
  return control;
}

describe('exit reasons', () => {
  it.each([
    ['shutdown', new ShutdownExit()],
    ['{shutdown, reason}', new ShutdownExit({ reason: 'maintenance' })],
  ])('a transient child ending with %s is not restarted, and the exit is not a crash', async (_label, reason) => {
    const child = ending('conn', 'transient');
    const sup = new Supervisor({ children: [child.spec] });
    await sup.start();
    child.end(reason);
    await until(() => telemetry.on(channels.childExit).length === 1);
    await settle();
    expect(child.starts).toBe(1);
    expect(telemetry.on(channels.childExit)).toEqual([{ supervisor: sup.name, id: 'conn', reason: 'shutdown', error: reason }]);
    expect(sup.whichChildren()[0]?.status).toBe('stopped');
    await sup.stop();
  });

  it('a permanent child ending with shutdown is restarted, as in OTP', async () => {
    const child = ending('conn', 'permanent');
    const sup = new Supervisor({ children: [child.spec] });
    await sup.start();
    child.end(new ShutdownExit());
    await until(() => child.starts === 2);
    await sup.stop();
  });

  it('a transient child crashing with any other reason is restarted', async () => {
    const child = ending('conn', 'transient');
    const sup = new Supervisor({ children: [child.spec] });
    await sup.start();
    child.end(new Error('boom'));
    await until(() => child.starts === 2);
    expect(telemetry.on(channels.childExit).map((exit) => exit.reason)).toEqual(['crash']);
    await sup.stop();
  });

  it('a supervisor that gives up rejects done with a shutdown exit', async () => {
    const child = ending('w', 'permanent');
    const sup = new Supervisor({ maxRestarts: 0, children: [child.spec] });
    await sup.start();
    child.end(new Error('boom'));
    const reason = await sup.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isShutdownExit(reason)).toBe(true);
    expect((reason as Error).message).toMatch(/exceeded 0 restarts/);
    expect(((reason as Error).cause as Error).message).toBe('boom');
  });

  it('recognises a shutdown exit by its brand, not by class identity (a second copy of the runtime)', () => {
    const foreign = Object.assign(new Error('exit: shutdown'), { [Symbol.for('spawnguard.exit.shutdown')]: true });
    expect(isShutdownExit(foreign)).toBe(true);
    expect(isShutdownExit(new Error('exit: shutdown'))).toBe(false);
    expect(isShutdownExit(Object.create(null))).toBe(false);
  });
});

describe("'ignore' from a start function", () => {
  const ignoring = (id: string): ChildSpec => ({ id, start: () => 'ignore' });

  it('leaves the child stopped in a Supervisor, with no start event, and starts its siblings', async () => {
    const sup = new Supervisor({ children: [ignoring('optional'), { id: 'main', start: () => ({}) }] });
    await sup.start();
    expect(sup.whichChildren().map((child) => [child.id, child.status])).toEqual([
      ['optional', 'stopped'],
      ['main', 'running'],
    ]);
    expect(telemetry.on(channels.childStart).map((event) => event.id)).toEqual(['main']);
    await sup.stop();
  });

  it('is not kept by a DynamicSupervisor', async () => {
    const sup = new DynamicSupervisor();
    await sup.start();
    await expect(sup.startChild(ignoring('optional'))).resolves.toMatchObject({ id: 'optional', status: 'stopped' });
    expect(sup.whichChildren()).toEqual([]);
    await sup.stop();
  });
});

describe('start timeout', () => {
  it('fails a start that overruns startTimeout, aborts its signal, and stops the instance it returns late', async () => {
    let signal: AbortSignal | undefined;
    let finishStart!: () => void;
    let lateStopped = false;
    const sup = new Supervisor({
      children: [
        {
          id: 'slow',
          startTimeout: 20,
          start: async (ctx) => {
            signal = ctx.signal;
            await new Promise<void>((resolve) => (finishStart = resolve));
            return { stop: () => void (lateStopped = true) };
          },
        },
      ],
    });
    await expect(sup.start()).rejects.toMatchObject({ cause: { name: 'TimeoutError' } });
    expect(signal?.aborted).toBe(true);
    finishStart();
    await until(() => lateStopped);
  });
});

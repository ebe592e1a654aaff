import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DynamicSupervisor } from '../src/dynamic-supervisor.js';
import { Supervisor } from '../src/supervisor.js';
import { channels } from '../src/telemetry.js';
import { Lab, manualClock, recordTelemetry, settle } from './fake-children.js';

let telemetry: ReturnType<typeof recordTelemetry>;
beforeEach(() => {
  telemetry = recordTelemetry();
});
afterEach(() => {
  telemetry.close();
});

describe('DynamicSupervisor', () => {
  it('adds children at run time, counts them and stops them in reverse order', async () => {
    const lab = new Lab();
    const sup = new DynamicSupervisor({ name: 'dyn' });
    await sup.start();
    expect(sup.countChildren()).toEqual({ specs: 0, active: 0, supervisors: 0, workers: 0 });
    await sup.startChild(lab.spec('a'));
    await sup.startChild(lab.spec('b'));
    expect(sup.whichChildren()).toEqual([
      { id: 'a', type: 'worker', status: 'running', restarts: 0 },
      { id: 'b', type: 'worker', status: 'running', restarts: 0 },
    ]);
    expect(sup.countChildren()).toEqual({ specs: 2, active: 2, supervisors: 0, workers: 2 });
    await sup.stop();
    expect(lab.take()).toEqual(['start:a', 'start:b', 'stop:b', 'stop:a']);
    await expect(sup.done).resolves.toBeUndefined();
  });

  it('refuses children beyond maxChildren', async () => {
    const lab = new Lab();
    const sup = new DynamicSupervisor({ maxChildren: 2 });
    await sup.start();
    await sup.startChild(lab.spec('a'));
    await sup.startChild(lab.spec('b'));
    await expect(sup.startChild(lab.spec('c'))).rejects.toThrow(/maxChildren \(2\)/);
    expect(lab.attempts.get('c')).toBeUndefined();
    await sup.terminateChild('a');
    await expect(sup.startChild(lab.spec('c'))).resolves.toMatchObject({ id: 'c', status: 'running' });
    await sup.stop();
  });

  it('terminateChild stops and forgets the child, so its id can be used again', async () => {
    const lab = new Lab();
    const sup = new DynamicSupervisor();
    await sup.start();
    await sup.startChild(lab.spec('a'));
    const first = lab.current.get('a')!;
    await sup.terminateChild('a');
    expect(first.signal.aborted).toBe(true);
    expect(sup.whichChildren()).toEqual([]);
    await sup.startChild(lab.spec('a'));
    expect(sup.whichChildren().map((c) => c.id)).toEqual(['a']);
    await sup.stop();
  });

  it('restarts a crashed child one_for_one and forgets children that end without restart', async () => {
    const lab = new Lab();
    const sup = new DynamicSupervisor();
    await sup.start();
    await sup.startChild(lab.spec('p'));
    await sup.startChild(lab.spec('other'));
    await sup.startChild(lab.spec('tr', { restart: 'transient' }));
    await sup.startChild(lab.spec('tmp', { restart: 'temporary' }));
    lab.take();
    lab.crash('p');
    lab.exit('tr');
    lab.crash('tmp');
    await settle();
    expect(lab.take()).toEqual(['start:p']);
    expect(sup.whichChildren().map((c) => [c.id, c.restarts])).toEqual([
      ['p', 1],
      ['other', 0],
    ]);
    await sup.stop();
  });

  it('escalates past its intensity, and a parent restarts it empty', async () => {
    const lab = new Lab();
    const clock = manualClock();
    const dyn = new DynamicSupervisor({ name: 'dyn', maxRestarts: 1, clock: clock.now });
    const parent = new Supervisor({ name: 'parent', clock: clock.now, children: [dyn.asChild()] });
    await parent.start();
    await dyn.startChild(lab.spec('a'));
    await dyn.startChild(lab.spec('b'));
    lab.take();
    lab.crash('a');
    await settle();
    lab.crash('a');
    await settle();
    expect(lab.take()).toEqual(['start:a', 'stop:b']);
    expect(telemetry.on(channels.supervisorEscalate)).toEqual([
      expect.objectContaining({ supervisor: 'dyn', restarts: 2, maxRestarts: 1 }),
    ]);
    expect(parent.whichChildren()).toEqual([{ id: 'dyn', type: 'supervisor', status: 'running', restarts: 1 }]);
    expect(dyn.whichChildren()).toEqual([]);
    await dyn.startChild(lab.spec('c'));
    await parent.stop();
    expect(lab.take()).toEqual(['start:c', 'stop:c']);
  });

  it('refuses startChild before start and after stop', async () => {
    const lab = new Lab();
    const sup = new DynamicSupervisor();
    await expect(sup.startChild(lab.spec('a'))).rejects.toThrow(/not running \(idle\)/);
    await sup.start();
    await sup.stop();
    await expect(sup.startChild(lab.spec('a'))).rejects.toThrow(/not running \(stopped\)/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RestartIntensity } from '../src/restart-intensity.js';
import { manualClock } from './fake-children.js';

describe('RestartIntensity', () => {
  it('allows maxRestarts restarts in the window and refuses the next one', () => {
    const clock = manualClock();
    const intensity = new RestartIntensity(3, 5, clock.now);
    expect([1, 2, 3].map(() => intensity.recordRestart())).toEqual([true, true, true]);
    clock.advance(4999);
    expect(intensity.recordRestart()).toBe(false);
    expect(intensity.count).toBe(4);
  });

  it('drops restarts that are maxSeconds old or older', () => {
    const clock = manualClock();
    const intensity = new RestartIntensity(1, 2, clock.now);
    expect(intensity.recordRestart()).toBe(true);
    clock.advance(2000);
    expect(intensity.recordRestart()).toBe(true);
    expect(intensity.count).toBe(1);
  });

  it('maxRestarts 0 refuses the first restart', () => {
    expect(new RestartIntensity(0, 5, manualClock().now).recordRestart()).toBe(false);
  });

  it('reset forgets every restart', () => {
    const intensity = new RestartIntensity(1, 5, manualClock().now);
    intensity.recordRestart();
    intensity.reset();
    expect(intensity.count).toBe(0);
    expect(intensity.recordRestart()).toBe(true);
  });

  it('agrees with a direct count over the window for any restart schedule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 2500 }), { maxLength: 30 }),
        (maxRestarts, maxSeconds, gaps) => {
          const clock = manualClock();
          const intensity = new RestartIntensity(maxRestarts, maxSeconds, clock.now);
          const times: number[] = [];
          for (const gap of gaps) {
            clock.advance(gap);
            const now = clock.now();
            times.push(now);
            const inWindow = times.filter((t) => t > now - maxSeconds * 1000).length;
            expect(intensity.recordRestart()).toBe(inWindow <= maxRestarts);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { expectCleanExit } from './expectations.js';
import { killScenarios, runScenario, type Scenario } from './harness.js';

afterEach(killScenarios);

const ROW_BYTES = 1024;
const ROWS = 300;

function report(scenario: Scenario): { rows: number; peakBuffered: number; highWaterMark: number } {
  expect(scenario.stdoutLines).toHaveLength(1);
  return JSON.parse(scenario.stdoutLines[0]!) as { rows: number; peakBuffered: number; highWaterMark: number };
}

describe('no-unbounded-buffer scenario: exporting rows to a slow client', () => {
  it('before: every row is buffered at once, far past the stream\'s high-water mark', async () => {
    const scenario = runScenario('no-unbounded-buffer', 'before');
    expect(await scenario.exited()).toMatchObject({ code: 0, signal: null });
    const { peakBuffered, highWaterMark } = report(scenario);
    expect(peakBuffered).toBeGreaterThan(10 * highWaterMark);
    expect(peakBuffered).toBeGreaterThanOrEqual((ROWS - 1) * ROW_BYTES);
  });

  it('after: waiting for drain keeps the buffer within one row of the high-water mark', async () => {
    const scenario = runScenario('no-unbounded-buffer', 'after');
    const exit = await scenario.exited();
    expectCleanExit(exit, scenario.observation());
    const { rows, peakBuffered, highWaterMark } = report(scenario);
    expect(rows).toBe(ROWS);
    expect(peakBuffered).toBeLessThanOrEqual(highWaterMark + ROW_BYTES);
  });
});

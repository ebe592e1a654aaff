// The lint bench's arithmetic (bench/lint-figures.mjs): what it prints is only as good as these.
import { describe, expect, it } from 'vitest';
import {
  type EslintTimes,
  type RuleTimes,
  addedRuleTimes,
  fileSystemCounts,
  lowestRuleTimes,
  pairedCpuRatios,
  ruleTimeRows,
  ruleTimesOf,
  runOrder,
  scaledToCpu,
  summarizeRuns,
} from '../bench/lint-figures.mjs';

const run = (cpuMs: number, ms: number, maxRssKb = 1000, tag = '') => ({ cpuMs, ms, maxRssKb, tag });

describe('runOrder', () => {
  it('keeps the listed order in even runs and reverses it in odd ones, so a build and its baseline swap places', () => {
    expect(runOrder(['parse', 'build', 'baseline'], 0)).toEqual(['parse', 'build', 'baseline']);
    expect(runOrder(['parse', 'build', 'baseline'], 1)).toEqual(['baseline', 'build', 'parse']);
    expect(runOrder(['parse', 'build', 'baseline'], 2)).toEqual(['parse', 'build', 'baseline']);
  });

  it('does not reorder the list it is given', () => {
    const listed = ['a', 'b'];
    runOrder(listed, 1);
    expect(listed).toEqual(['a', 'b']);
  });
});

describe('summarizeRuns', () => {
  it('takes the lowest CPU and the lowest wall time from whichever runs had them, with the spread of CPU', () => {
    const summary = summarizeRuns([run(1200, 5000, 900, 'first'), run(1000, 7000, 1100, 'second'), run(1500, 4000, 800, 'third')]);
    expect(summary.runs).toBe(3);
    expect(summary.lowestCpuMs).toBe(1000);
    expect(summary.highestCpuMs).toBe(1500);
    expect(summary.spread).toBeCloseTo(0.5);
    expect(summary.lowestMs).toBe(4000);
    expect(summary.highestRssKb).toBe(1100);
    // Findings and counts stand for the variant from the run of lowest CPU, not the fastest by the clock.
    expect(summary.representative.tag).toBe('second');
  });

  it('gives a spread of zero for one run, and refuses no runs', () => {
    expect(summarizeRuns([run(800, 900)]).spread).toBe(0);
    expect(() => summarizeRuns([])).toThrow(/no runs/);
  });
});

describe('pairedCpuRatios', () => {
  it('divides each run of the build by the baseline of the same run, not lowest by lowest', () => {
    // The machine slowed down in run 2: both sides took longer, the pair's ratio did not move.
    const paired = pairedCpuRatios([run(1100, 0), run(2200, 0), run(1210, 0)], [run(1000, 0), run(2000, 0), run(1000, 0)]);
    expect(paired?.ratios.map((r) => Number(r.toFixed(3)))).toEqual([1.1, 1.1, 1.21]);
    expect(paired?.median).toBeCloseTo(1.1);
    expect(paired?.lowest).toBeCloseTo(1.1);
    expect(paired?.highest).toBeCloseTo(1.21);
  });

  it('takes the mean of the middle two for an even count, and skips runs one side lacks', () => {
    const paired = pairedCpuRatios([run(900, 0), undefined, run(1100, 0), run(1000, 0)], [run(1000, 0), run(1000, 0), run(1000, 0), run(1000, 0)]);
    expect(paired?.ratios).toHaveLength(3);
    expect(paired?.median).toBeCloseTo(1.0);
    expect(pairedCpuRatios([run(900, 0), run(1000, 0)], [run(1000, 0), run(1000, 0)])?.median).toBeCloseTo(0.95);
    expect(pairedCpuRatios([], [])).toBeUndefined();
  });
});

describe('ESLint stats times', () => {
  it('reads parse and per-rule totals of a file, adding the passes up', () => {
    const times: EslintTimes = {
      passes: [
        { parse: { total: 10 }, rules: { 'spawnguard/a': { total: 2 }, 'spawnguard/b': { total: 1 } } },
        { parse: { total: 5 }, rules: { 'spawnguard/a': { total: 3 } } },
      ],
    };
    expect(ruleTimesOf(times)).toEqual({ parseMs: 15, rules: { 'spawnguard/a': 5, 'spawnguard/b': 1 } });
    expect(ruleTimesOf({ passes: [] })).toEqual({ parseMs: 0, rules: {} });
    expect(ruleTimesOf(undefined)).toEqual({ parseMs: 0, rules: {} });
  });

  it('adds the files of a run up', () => {
    const files: RuleTimes[] = [
      { parseMs: 4, rules: { a: 1 } },
      { parseMs: 6, rules: { a: 2, b: 7 } },
    ];
    expect(addedRuleTimes(files)).toEqual({ parseMs: 10, rules: { a: 3, b: 7 } });
  });

  it('scales a process\'s clock times by its CPU over wall time', () => {
    expect(scaledToCpu({ parseMs: 300, rules: { a: 60, b: 30 } }, 1000, 3000)).toEqual({ parseMs: 100, rules: { a: 20, b: 10 } });
    expect(scaledToCpu({ parseMs: 5, rules: {} }, 0, 0)).toEqual({ parseMs: 5, rules: {} });
  });

  it('keeps, per rule, the lowest of the runs (each rule on its own)', () => {
    const lowest = lowestRuleTimes([
      { parseMs: 100, rules: { a: 10, b: 50 } },
      { parseMs: 90, rules: { a: 30, b: 20, c: 5 } },
    ]);
    expect(lowest).toEqual({ parseMs: 90, rules: { a: 10, b: 20, c: 5 } });
    expect(lowestRuleTimes([])).toEqual({ parseMs: 0, rules: {} });
  });

  it('lists every rule any column has, slowest first by the first column, blank where a build lacks the rule', () => {
    const rows = ruleTimeRows([
      { parseMs: 0, rules: { a: 10, b: 30 } },
      { parseMs: 0, rules: { a: 12, c: 40 } },
    ]);
    expect(rows).toEqual([
      { ruleId: 'b', cells: [30, undefined] },
      { ruleId: 'a', cells: [10, 12] },
      { ruleId: 'c', cells: [undefined, 40] },
    ]);
  });
});

describe('fileSystemCounts', () => {
  it('groups the wrapped node:fs functions by kind and counts a missing one as zero', () => {
    expect(fileSystemCounts({ statSync: 5, 'statSync:manifest': 3, lstatSync: 2, readFileSync: 3, 'realpathSync.native': 4, realpathSync: 1 })).toEqual({
      stat: 7,
      manifestStat: 3,
      exists: 0,
      readFile: 3,
      readdir: 0,
      realpath: 5,
    });
  });
});

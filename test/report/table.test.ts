import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/report/index.js';
import { emptyResult, sampleResult } from './sample-result.js';

const ESC = '\u001b[';

describe('table reporter', () => {
  const text = reporters.table(sampleResult(), { color: false });
  const lines = text.split('\n');

  it('prints no colour codes when colour is off, and some when it is on', () => {
    expect(text).not.toContain(ESC);
    expect(reporters.table(sampleResult(), { color: true })).toContain(ESC);
  });

  it('groups by component, the riskiest component first', () => {
    const headers = ['src/server.ts > POST /upload', 'src/flush dir/flush.ts > startFlushing', 'src/cache.ts'];
    const positions = headers.map((header) => lines.indexOf(header));
    expect(positions.every((position) => position >= 0)).toBe(true);
    // Two HIGH groups: the one with more findings first; the MEDIUM-only group last.
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('sorts rows by risk inside a component and gives each a fix line under it', () => {
    const start = lines.indexOf('src/server.ts > POST /upload');
    const rows = lines.slice(start + 1, start + 8);
    expect(rows[0]).toMatch(/^ {2}HIGH +12:5 +no-floating-promise +process-crash +none$/);
    expect(rows[1]?.trim()).toBe('The promise returned by trackUsage() is neither awaited, returned nor handled.');
    expect(rows[2]?.trim()).toMatch(/^fix: Don't fire and forget per request: tasks\.start/);
    const lowRow = rows.findIndex((row) => /^ {2}LOW +30:3 +require-cancellation +hung-work +partial$/.test(row));
    expect(lowRow).toBeGreaterThan(2);
    expect(rows[lowRow + 1]?.trim()).toBe('fetch() has no signal | timeout.');
  });

  it('ends with the counts per level and lists the files that could not be audited', () => {
    expect(text).toContain('4 findings: 2 HIGH, 1 MEDIUM, 1 LOW (3 components, 4 files)');
    expect(text).toMatch(/1 file could not be audited:\n {2}src\/broken\.ts:3:7 {2}',' expected\./);
  });

  it.each([80, 100, 120])('fits a %i-column terminal', (width) => {
    for (const line of reporters.table(sampleResult(), { color: false, width }).split('\n')) {
      expect(line.length).toBeLessThanOrEqual(width);
    }
  });

  it('wraps a long fix onto continuation lines instead of cutting it', () => {
    const narrow = reporters.table(sampleResult(), { color: false, width: 80 });
    const joined = narrow.replace(/\n +/g, ' ');
    expect(joined).toContain("fix: Tie the state to a lifecycle: supervise.cache(id, () => new Map()) (reset on restart, released on stop).");
  });

  it('says so when there is nothing to report', () => {
    const clean = reporters.table(emptyResult(), { color: false });
    expect(clean).toBe('No unsupervised spawns found in 1 file.\n');
  });
});

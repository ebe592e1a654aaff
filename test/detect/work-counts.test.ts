// The counts `npm run bench -- lint` prints beside its times: each must count the work it names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFilesUnder } from '../../src/detect/source-files.js';
import { workCounts } from '../../src/detect/work-counts.js';

const root = mkdtempSync(join(tmpdir(), 'spawnguard-work-counts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('work counts', () => {
  it('counts a walk of the source tree and the files it listed', () => {
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'src', 'a.ts'), '');
    writeFileSync(join(root, 'src', 'b.js'), '');
    writeFileSync(join(root, 'node_modules', 'c.js'), '');
    const before = workCounts();
    expect(sourceFilesUnder(root, false).files).toHaveLength(2);
    sourceFilesUnder(root, false);
    const after = workCounts();
    expect(after['source tree walks'] - before['source tree walks']).toBe(2);
    expect(after['files listed by source tree walks'] - before['files listed by source tree walks']).toBe(4);
    expect(after['implementation searches']).toBe(before['implementation searches']);
  });
});

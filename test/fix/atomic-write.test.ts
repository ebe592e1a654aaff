import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runFix } from '../../src/fix/driver.js';
import { tempProject } from '../audit/temp-project.js';

/**
 * Writes are atomic (issue 13): on a full disk the file being written was left truncated, neither
 * original nor fixed, and the run crashed, skipping the files after it. The failure is injected: any
 * write to a path naming `full-disk` writes a few bytes and then fails with ENOSPC, as a full disk does.
 */
const disk = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof fs.writeFileSync = (file, data, options) => {
    if (disk.full && String(file).includes('full-disk')) {
      fs.writeFileSync(file, String(data).slice(0, 10), options);
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC' });
    }
    return fs.writeFileSync(file, data, options);
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const floating = "async function send(): Promise<void> {}\nexport function run() {\n  send();\n}\n";

describe('spawnguard fix writes each file atomically', () => {
  it('leaves a file whose write fails as it was, reports it, and goes on with the others', () => {
    const root = tempProject({
      'package.json': '{ "name": "sample", "type": "module", "private": true }\n',
      'src/a-full-disk.ts': floating,
      'src/b-fine.ts': floating,
    });
    chmodSync(join(root, 'src/b-fine.ts'), 0o640);
    disk.full = true;
    const result = runFix({ cwd: root, paths: ['src'], dryRun: false, force: true, includeTests: false, typeInfo: false });
    disk.full = false;

    expect(readFileSync(join(root, 'src/a-full-disk.ts'), 'utf8')).toBe(floating);
    expect(result.errors).toEqual([{ file: expect.stringMatching(/a-full-disk\.ts$/), message: expect.stringMatching(/^not written: ENOSPC/) }]);
    expect(result.changed.map((file) => file.file)).toEqual([expect.stringMatching(/b-fine\.ts$/)]);
    expect(readFileSync(join(root, 'src/b-fine.ts'), 'utf8')).toContain("tasks.start(async () => send(), { name: 'b-fine.send' });");
    // The mode is kept, and no temporary file is left beside either file.
    expect(statSync(join(root, 'src/b-fine.ts')).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(root, 'src')).sort()).toEqual(['a-full-disk.ts', 'b-fine.ts']);
  });
});

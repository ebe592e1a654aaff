// The bench sections are plain scripts no other test loads: a merge that breaks one would only show
// when someone runs `npm run bench`. Each must at least parse.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const scripts = readdirSync(benchDir).filter((name) => name.endsWith('.mjs'));

describe('bench scripts', () => {
  it('are there', () => {
    expect(scripts).toEqual(expect.arrayContaining(['run.mjs', 'audit.bench.mjs', 'runtime.bench.mjs', 'corpus.mjs']));
  });

  it.each(scripts)('%s parses', (name) => {
    expect(() => execFileSync(process.execPath, ['--check', join(benchDir, name)], { stdio: 'pipe' })).not.toThrow();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleBuildReason, writeSourceStamp } from '../../scripts/build-stamp.mjs';

// The eval scores a build: a dist/ older than its sources would credit the scores to code the build
// does not contain. `npm run build` stamps dist/ with a hash of the sources, and the eval compares it.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let checkout: string;
beforeEach(() => {
  checkout = mkdtempSync(join(tmpdir(), 'spawnguard-stamp-'));
  for (const [file, text] of Object.entries({
    'src/detect/timers.ts': 'export const interval = 1;\n',
    'rules/no-stray-timer.ts': "export { interval } from '../src/detect/timers.js';\n",
    'runtime/src/index.ts': 'export const supervise = {};\n',
    'tsconfig.build.json': '{ "include": ["src/**/*.ts", "rules/**/*.ts"] }\n',
    'bin/spawnguard.js': "console.log('{}');\n",
  })) {
    mkdirSync(join(checkout, file, '..'), { recursive: true });
    writeFileSync(join(checkout, file), text);
  }
  mkdirSync(join(checkout, 'dist'));
});
afterEach(() => rmSync(checkout, { recursive: true, force: true }));

function evalWith(...args: string[]) {
  return spawnSync(process.execPath, [join(repoRoot, 'eval', 'run.mjs'), ...args, '--bin', join(checkout, 'bin', 'spawnguard.js')], { encoding: 'utf8' });
}

describe('the source stamp', () => {
  it('passes a build stamped from the sources as they stand', () => {
    writeSourceStamp(checkout);
    expect(staleBuildReason(checkout)).toBeNull();
  });

  it('refuses a build whose sources changed since, and a build with no stamp, naming `npm run build`', () => {
    expect(staleBuildReason(checkout)).toMatch(/has no source stamp.*run `npm run build`/);
    writeSourceStamp(checkout);
    writeFileSync(join(checkout, 'src', 'detect', 'timers.ts'), 'export const interval = 2;\n');
    expect(staleBuildReason(checkout)).toMatch(/is older than the sources.*run `npm run build`/);
    writeFileSync(join(checkout, 'src', 'detect', 'timers.ts'), 'export const interval = 1;\n');
    expect(staleBuildReason(checkout)).toBeNull();
  });

  it('covers every folder the build compiles and its settings, new files too', () => {
    for (const file of ['rules/no-stray-timer.ts', 'runtime/src/index.ts', 'tsconfig.build.json', 'src/detect/new-detector.ts']) {
      writeSourceStamp(checkout);
      writeFileSync(join(checkout, file), '// changed\n');
      expect(staleBuildReason(checkout), file).toMatch(/older than the sources/);
    }
  });

  it('reads what the sources say, not their times: a touched file leaves the build current', () => {
    writeSourceStamp(checkout);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(checkout, 'src', 'detect', 'timers.ts'), later, later);
    expect(staleBuildReason(checkout)).toBeNull();
  });

  it("is current for this repository's build after the tests' build step", () => {
    expect(staleBuildReason(repoRoot)).toBeNull();
  });
});

describe('npm run eval with a stale build', () => {
  it('exits 2 with one line before auditing anything, in both of its modes', () => {
    writeSourceStamp(checkout);
    writeFileSync(join(checkout, 'rules', 'no-stray-timer.ts'), '// changed\n');
    for (const run of [evalWith(join(checkout, 'no-checkouts')), evalWith('--tseslint', join(checkout, 'no-typescript-eslint'))]) {
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toEqual([`eval: ${join(checkout, 'dist')} is older than the sources in ${checkout}: run \`npm run build\` there`]);
    }
  });

  it('runs a current build (and fails later, on the missing checkouts folder)', () => {
    writeSourceStamp(checkout);
    const run = evalWith(join(checkout, 'no-checkouts'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^eval: no folder .*no-checkouts\n$/);
  });
});

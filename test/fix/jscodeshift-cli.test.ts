// The published usage of the codemods, in a child process exactly as a user runs it:
//   npx jscodeshift --no-babel -t node_modules/spawnguard/codemods/<rule>.js --parser=tsx <paths>
// The codemods import the ESM build (dist/), so this needs `npm run build` first (npm test builds).
// `--no-babel` is the documented usage: without it jscodeshift registers @babel/register, which then
// compiles every module the transform loads, typescript.js included (minutes instead of seconds).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jscodeshift from 'jscodeshift';
import { afterEach, describe, expect, it } from 'vitest';
import { fixableRuleIds, fixSource } from '../../src/fix/transform.js';
import { ruleSamples } from './support/rule-samples.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const codemod = join(repoRoot, 'codemods', 'no-floating-promise.js');
const j = jscodeshift.withParser('tsx');

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempCopy(source: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'spawnguard-jscodeshift-'));
  made.push(dir);
  const file = join(dir, 'usage.ts');
  writeFileSync(file, source);
  return { dir, file };
}

/** Run from the repository, where jscodeshift is installed, as a user runs it from their project. */
function runJscodeshift(args: string[]) {
  return spawnSync('npx', ['--no-install', 'jscodeshift', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

describe('every fixable rule has its jscodeshift entry point', () => {
  it.each(fixableRuleIds())('codemods/%s.js', (ruleId) => {
    expect(existsSync(join(repoRoot, 'codemods', `${ruleId}.js`))).toBe(true);
  });
});

describe('npx jscodeshift --no-babel -t codemods/no-floating-promise.js --parser=tsx (built)', () => {
  const sample = ruleSamples['no-floating-promise'];

  it('rewrites the file in place to what spawnguard fix produces', () => {
    const { file } = tempCopy(sample);
    const expected = fixSource(sample, file, j, { rules: ['no-floating-promise'], root: repoRoot }).output;
    expect(expected).toContain("tasks.start(async () => track(usage), { name: 'usage.track' })");

    const run = runJscodeshift(['--no-babel', '-t', codemod, '--parser=tsx', file]);

    expect(run.stdout + run.stderr).toMatch(/0 errors/);
    expect(run.stdout).toMatch(/1 ok/);
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(run.status).toBe(0);
  }, 120_000);

  it('--dry --print prints the rewritten file and writes nothing', () => {
    const { file } = tempCopy(sample);
    const expected = fixSource(sample, file, j, { rules: ['no-floating-promise'], root: repoRoot }).output;
    const mtimeBefore = statSync(file).mtimeMs;

    const run = runJscodeshift(['--no-babel', '-t', codemod, '--parser=tsx', '--dry', '--print', file]);

    expect(run.stdout + run.stderr).toMatch(/0 errors/);
    expect(run.stdout).toContain(expected!.trimEnd());
    expect(readFileSync(file, 'utf8')).toBe(sample);
    expect(statSync(file).mtimeMs).toBe(mtimeBefore);
    expect(run.status).toBe(0);
  }, 120_000);
});

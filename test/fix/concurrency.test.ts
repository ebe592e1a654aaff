// `fix --concurrency n` and `fix --engine oxlint` (syntactic): the rewrites are computed on threads,
// or oxlint skips the files with nothing to fix, and the result, the files written and the summary
// are exactly those of one thread on ESLint. Threads run the built code (dist/), as the audit's do.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.mjs';
import { main } from '../../src/cli/main.js';
import { runFix, runFixConcurrently, type FixRunOptions, type FixRunResult } from '../../src/fix/driver.js';
import { captureIO } from '../cli/capture-io.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A small generated service (every anti-pattern family) plus a file that does not parse. */
async function corpusProject(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'spawnguard-fix-threads-'));
  made.push(dir);
  await generateCorpus(dir, { lines: 10_000, seed: 1 });
  writeFileSync(join(dir, 'src', 'broken.ts'), 'export const = ;\n');
  // A CommonJS script: the fix reads it as such (the audit's ESLint does not), oxlint must not clear it.
  writeFileSync(join(dir, 'src', 'legacy.js'), 'with (Math) {\n  setInterval(() => console.log(PI), 1000);\n}\n');
  return dir;
}

function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'spawnguard-fix-copy-'));
  made.push(copy);
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Every file's text, by path relative to the folder. */
function contents(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

/** A result as data: each changed file's `rewriteLeaving` is a closure over its own run, never equal to another's. */
const comparable = (result: FixRunResult) => ({ ...result, changed: result.changed.map(({ rewriteLeaving: _rewriteLeaving, ...file }) => file) });

const options = (cwd: string): FixRunOptions => ({ cwd, paths: [], dryRun: true, force: true, includeTests: false, typeInfo: false, install: false });

describe('fix --concurrency and --engine oxlint', () => {
  it('compute the same dry run as one thread on ESLint', { timeout: 300_000 }, async () => {
    const dir = await corpusProject();
    const one = comparable(runFix(options(dir)));
    expect(one.changed.length).toBeGreaterThan(10);
    expect(one.remaining.length).toBeGreaterThan(5);
    expect(one.errors.map((error) => error.file)).toEqual(['src/broken.ts']);
    // Results hold each diff, the texts before and after, what is left and why, in file order.
    expect(comparable(await runFixConcurrently(options(dir), 3))).toEqual(one);
    expect(comparable(await runFixConcurrently({ ...options(dir), engine: 'oxlint' }, 1))).toEqual(one);
    expect(comparable(await runFixConcurrently({ ...options(dir), engine: 'oxlint', rules: ['no-stray-timer'] }, 2))).toEqual(comparable(runFix({ ...options(dir), rules: ['no-stray-timer'] })));
    // strict's options (empty catches around synchronous code...) reach the threads and oxlint's screen too.
    const strict = comparable(runFix({ ...options(dir), config: 'strict' }));
    expect(strict.remaining.length + strict.changed.length).toBeGreaterThan(one.remaining.length + one.changed.length);
    expect(comparable(await runFixConcurrently({ ...options(dir), engine: 'oxlint', config: 'strict' }, 2))).toEqual(strict);
  });

  it('write the same files and print the same summary', { timeout: 300_000 }, async () => {
    const dir = await corpusProject();
    const runs = await Promise.all(
      [[], ['--concurrency', '2'], ['--engine', 'oxlint', '--concurrency', '2']].map(async (flags) => {
        const copy = copyOf(dir);
        const { io, written } = captureIO(copy);
        const code = await main(['fix', '--no-type-info', '--force', '--no-install', ...flags], io);
        const output = (text: string) => text.split(copy).join('<project>');
        return { code, stdout: output(written.stdout), stderr: output(written.stderr), files: contents(copy) };
      }),
    );
    const [one, ...others] = runs;
    expect(one!.code).toBe(2); // broken.ts cannot be read
    expect(one!.stderr).toMatch(/^spawnguard fix: src\/broken.ts: <project>\/src\/broken.ts:1:13: cannot parse/);
    expect(one!.stdout).toMatch(/^spawnguard fix: changed \d+ of \d+ files/);
    expect(Object.entries(one!.files).filter(([path, text]) => readFileSync(join(dir, path), 'utf8') !== text).length).toBeGreaterThan(10);
    for (const other of others) expect(other).toEqual(one);
  });

  it('is a usage error with types on', async () => {
    const { io, written } = captureIO(tmpdir());
    expect(await main(['fix', '--concurrency', '2'], io)).toBe(2);
    expect(await main(['fix', '--engine', 'oxlint'], io)).toBe(2);
    expect(written.stderr).toMatch(/--concurrency needs --no-type-info[\s\S]*--engine oxlint needs --no-type-info/);
  });
});

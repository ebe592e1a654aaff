// Issue 12: exit codes and output friction of `spawnguard audit`, with the real rules.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/audit/baseline.js';
import type { AuditResult } from '../../src/audit/types.js';
import { main } from '../../src/cli/main.js';
import { tempProject } from '../audit/temp-project.js';
import { captureIO } from './capture-io.js';

async function run(argv: string[], cwd: string, options?: Parameters<typeof captureIO>[1]) {
  const { io, written } = captureIO(cwd, options);
  const code = await main(argv, io);
  return { code, ...written };
}

const FLOATING = 'async function send() {}\nsend();\n';
const TIMER = "setInterval(() => console.log('tick'), 1000);\n";
const ESC = '\x1b[';

describe('exit codes', () => {
  it('nothing to audit exits 2 with "no files matched"', async () => {
    const empty = tempProject({ 'README.md': '# x\n' });
    const result = await run(['audit'], empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spawnguard audit: no files matched/);
  });

  it('a file that does not parse fails the run; --pass-on-file-errors lets it pass', async () => {
    const root = tempProject({ 'src/broken.js': 'if (\n', 'src/ok.js': 'export const a = 1;\n' });
    const failed = await run(['audit', '--no-type-info'], root);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('1 file error(s) fail the run');
    expect((await run(['audit', '--no-type-info', '--pass-on-file-errors'], root)).code).toBe(0);
  });

  it('a broken tsconfig exits 2 with the compiler message', async () => {
    const root = tempProject({ 'tsconfig.json': '{ "extends": "./nope.json" }', 'src/a.ts': FLOATING });
    const result = await run(['audit'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spawnguard audit: cannot use .*tsconfig\.json: .*nope\.json/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('output', () => {
  it('--max-file-size takes a size with a k or m suffix, and refuses anything else', async () => {
    const root = tempProject({ 'src/a.js': FLOATING });
    expect(await run(['audit', '--no-type-info', '--max-file-size', 'big'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("--max-file-size must be a size such as 500k, 2m or 0 (got 'big')") });
    const skipped = await run(['audit', '--no-type-info', '--max-file-size', '0.01k', '--fail-on', 'none'], root);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toContain('no files matched: every file found was skipped');
  });

  it('-o creates the missing folders', async () => {
    const root = tempProject({ 'src/a.js': FLOATING });
    const result = await run(['audit', '--no-type-info', '-f', 'json', '-o', 'reports/deep/audit.json', '--fail-on', 'none'], root);
    expect(result.code).toBe(0);
    expect((JSON.parse(readFileSync(join(root, 'reports/deep/audit.json'), 'utf8')) as AuditResult).findings).toHaveLength(1);
  });

  it('--baseline pointing at a folder is one line and exit 2', async () => {
    const root = tempProject({ 'src/a.js': FLOATING });
    mkdirSync(join(root, 'baselines'));
    const result = await run(['audit', '--no-type-info', '--baseline', 'baselines', '--update-baseline'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^spawnguard audit: --baseline baselines is a folder/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--update-baseline says what it wrote; a later run reports stale entries and --prune-baseline drops them', async () => {
    const root = tempProject({ 'src/a.js': FLOATING, 'src/b.js': TIMER });
    const first = await run(['audit', '--no-type-info', '--baseline', 'b.json', '--update-baseline'], root);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('wrote 2 finding(s) to the baseline b.json');
    writeFileSync(join(root, 'src/b.js'), 'export {};\n');
    const again = await run(['audit', '--no-type-info', '--baseline', 'b.json', '--update-baseline'], root);
    expect(again.stderr).toContain('wrote 1 finding(s) to the baseline b.json (0 added, 1 removed)');

    writeFileSync(join(root, 'src/a.js'), 'export {};\n');
    const stale = await run(['audit', '--no-type-info', '--baseline', 'b.json'], root);
    expect(stale.code).toBe(0);
    expect(stale.stderr).toContain('1 baseline entry matches no finding any more');
    const pruned = await run(['audit', '--no-type-info', '--baseline', 'b.json', '--prune-baseline'], root);
    expect(pruned.stderr).toContain('removed 1 stale entry from the baseline b.json');
    expect((JSON.parse(readFileSync(join(root, 'b.json'), 'utf8')) as Baseline).findings).toEqual([]);
  });

  it('honours --color, --no-color and FORCE_COLOR', async () => {
    const root = tempProject({ 'src/a.js': FLOATING });
    const args = ['audit', '--no-type-info', '--fail-on', 'none'];
    expect((await run(args, root)).stdout).not.toContain(ESC);
    expect((await run([...args, '--color'], root)).stdout).toContain(ESC);
    expect((await run(args, root, { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(args, root, { tty: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain(ESC);
    expect((await run([...args, '--no-color'], root, { tty: true })).stdout).not.toContain(ESC);
    expect((await run([...args, '--no-color', '--color'], root)).stdout).toContain(ESC);
  });

  it('takes globs as paths', async () => {
    const root = tempProject({ 'src/a.js': FLOATING, 'src/deep/b.js': FLOATING, 'lib/c.js': FLOATING });
    const result = await run(['audit', '--no-type-info', '-f', 'json', '--fail-on', 'none', 'src/**/*.js'], root);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as AuditResult;
    expect(parsed.files.map((file) => join(parsed.root, file))).toEqual([join(root, 'src/a.js'), join(root, 'src/deep/b.js')]);
  });

  it('honours .git/info/exclude', async () => {
    const root = tempProject({ '.git/info/exclude': 'scratch/\n', 'src/a.js': FLOATING, 'scratch/b.js': FLOATING });
    const parsed = JSON.parse((await run(['audit', '--no-type-info', '-f', 'json', '--fail-on', 'none'], root)).stdout) as AuditResult;
    expect(parsed.files).toEqual(['src/a.js']);
  });
});

const bin = fileURLToPath(new URL('../../bin/spawnguard.js', import.meta.url));

describe('a reader that goes away (EPIPE)', () => {
  it.each([
    ['audit', ['audit', '--no-type-info'], 1],
    ['fix --dry-run', ['fix', '--dry-run', '--no-type-info'], 0],
  ] as const)('%s | head ends quietly with its own exit code', (_name, args, expected) => {
    // Far more output than a pipe buffers, so the writer is still writing when head exits.
    const root = tempProject({ 'src/a.js': `async function send() {}\n${'send();\n'.repeat(1500)}` });
    const shell = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" ${args.join(' ')} | head -1 > /dev/null; echo "rc=\${PIPESTATUS[0]}" >&2`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(shell.stderr).toBe(`rc=${expected}\n`);
  });
});

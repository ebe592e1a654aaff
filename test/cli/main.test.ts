import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AuditResult } from '../../src/audit/types.js';
import { main } from '../../src/cli/main.js';
import { packageJson } from '../../src/package-info.js';
import { riskModel } from '../audit/fake-plugin.js';
import { tempProject } from '../audit/temp-project.js';
import { captureIO } from './capture-io.js';

// The plumbing is tested with three stand-in rules of known risk: track*() is HIGH, setInterval()
// MEDIUM, buffer*() LOW (see ../audit/fake-plugin.ts).
vi.mock('../../rules/index.js', () => import('../audit/fake-plugin.js'));
vi.mock('../../src/risk/model.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  riskModel: (await import('../audit/fake-plugin.js')).riskModel,
}));

async function run(argv: string[], cwd: string, options?: Parameters<typeof captureIO>[1]) {
  const { io, written } = captureIO(cwd, options);
  const code = await main(argv, io);
  return { code, ...written };
}

const ONE_OF_EACH_LEVEL = { HIGH: 'trackUsage();\n', MEDIUM: 'setInterval(tick, 10);\n', LOW: 'bufferLine();\n' } as const;

describe('spawnguard (global options)', () => {
  it('prints the version and the help with exit 0; no arguments is a usage error', async () => {
    expect(await run(['--version'], '/')).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    const help = await run(['--help'], '/');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/audit\s+find unsupervised spawns/);
    const none = await run([], '/');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: spawnguard <command>/);
  });

  it('exits 2 with a clear message on an unknown command or flag, or a bad option value', async () => {
    const root = tempProject({ 'a.ts': '' });
    expect(await run(['lint'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'lint'") });
    expect(await run(['audit', '--bogus'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("'--bogus'") });
    expect(await run(['audit', '--format', 'xml'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of table, json, sarif, markdown') });
    expect(await run(['audit', '--fail-on', 'critical'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--fail-on must be one of high, medium, low, none') });
    expect(await run(['audit', '--update-baseline'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--update-baseline needs --baseline') });
    expect(await run(['audit', '--baseline', 'nope.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no baseline at nope.json') });
    expect(await run(['audit', 'missing-dir'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file or folder: missing-dir') });
  });

  it('prints each command help with exit 0', async () => {
    const help = await run(['audit', '--help'], '/');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <level>');
  });
});

describe('spawnguard audit: the CI gate', () => {
  const expectations: [keyof typeof ONE_OF_EACH_LEVEL | 'clean', Record<'high' | 'medium' | 'low' | 'none', number>][] = [
    ['clean', { high: 0, medium: 0, low: 0, none: 0 }],
    ['LOW', { high: 0, medium: 0, low: 1, none: 0 }],
    ['MEDIUM', { high: 0, medium: 1, low: 1, none: 0 }],
    ['HIGH', { high: 1, medium: 1, low: 1, none: 0 }],
  ];
  it.each(expectations)('a project whose worst finding is %s exits per --fail-on as %j', async (worst, codes) => {
    const root = tempProject({ 'src/app.ts': worst === 'clean' ? 'export const ok = 1;\n' : ONE_OF_EACH_LEVEL[worst] });
    for (const [level, code] of Object.entries(codes)) {
      expect((await run(['audit', '--no-type-info', '--fail-on', level, '--format', 'json'], root)).code, `--fail-on ${level}`).toBe(code);
    }
    expect((await run(['audit', '--no-type-info', '--format', 'json'], root)).code, 'default --fail-on high').toBe(codes.high);
  });

  it('exits 2 when the tool itself crashes, with the stack on stderr', async () => {
    const root = tempProject({ 'a.ts': 'trackA();\n' });
    vi.spyOn(riskModel, 'mergeFacts').mockImplementationOnce(() => {
      throw new Error('model exploded');
    });
    const result = await run(['audit', '--no-type-info'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('spawnguard audit crashed: Error: model exploded');
  });
});

describe('spawnguard audit: output', () => {
  it('prints the JSON result on stdout, or into --output with nothing on stdout', async () => {
    const root = tempProject({ 'src/app.ts': ONE_OF_EACH_LEVEL.HIGH + ONE_OF_EACH_LEVEL.LOW });
    const printed = await run(['audit', '--format', 'json', '--fail-on', 'none'], root);
    const result = JSON.parse(printed.stdout) as AuditResult;
    expect(result).toMatchObject({ version: 1, root, files: ['src/app.ts'], summary: { HIGH: 1, MEDIUM: 0, LOW: 1 }, errors: [] });
    expect(result.findings.map(({ ruleId, line, column, risk }) => [ruleId, line, column, risk])).toEqual([
      ['no-floating-promise', 1, 1, 'HIGH'],
      ['no-unbounded-buffer', 2, 1, 'LOW'],
    ]);
    const toFile = await run(['audit', '--format', 'json', '-o', 'report.json', '--fail-on', 'none'], root);
    expect(toFile.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8'))).toEqual(result);
  });

  it('a config that imports a package not installed (a fresh clone): audited as without it, a notice says so; --no-config-lookup reads none', async () => {
    const root = tempProject({
      'eslint.config.js': "import globals from 'not-installed-plugin';\nexport default [{ languageOptions: { globals } }];\n",
      'package.json': '{ "type": "module" }\n',
      'src/app.ts': ONE_OF_EACH_LEVEL.HIGH,
    });
    const findings = (stdout: string) => (JSON.parse(stdout) as AuditResult).findings.map(({ ruleId, file }) => [ruleId, file]);
    const fresh = await run(['audit', '--format', 'json'], root);
    expect(fresh.code).toBe(1);
    expect(findings(fresh.stdout)).toEqual([['no-floating-promise', 'src/app.ts']]);
    expect(fresh.stderr).toMatch(/eslint\.config\.js cannot load \(Cannot find package 'not-installed-plugin' imported from eslint\.config\.js\): its files are audited with spawnguard\.configs\.recommended and without its ignores/);
    expect(fresh.stderr).not.toContain(root);
    const audited = await run(['audit', '--format', 'json', '--no-config-lookup'], root);
    expect(audited.code).toBe(1);
    expect(findings(audited.stdout)).toEqual([['no-floating-promise', 'src/app.ts']]);
    expect(audited.stderr).not.toContain('cannot load');
  });

  it('a config that throws while it loads: exit 2 on one line naming it', async () => {
    const root = tempProject({
      'eslint.config.js': "throw new Error('no such environment: staging');\n",
      'package.json': '{ "type": "module" }\n',
      'src/app.ts': ONE_OF_EACH_LEVEL.HIGH,
    });
    const failed = await run(['audit', '--format', 'json'], root);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(/cannot use eslint\.config\.js: .*no such environment: staging/);
  });

  it('prints the table by default, coloured only on a terminal without NO_COLOR', async () => {
    const root = tempProject({ 'src/app.ts': ONE_OF_EACH_LEVEL.HIGH });
    const ansi = /\x1b\[/;
    const piped = await run(['audit', '--no-type-info'], root);
    expect(piped.stdout).toContain('no-floating-promise');
    expect(piped.stdout).not.toMatch(ansi);
    expect((await run(['audit', '--no-type-info'], root, { tty: true })).stdout).toMatch(ansi);
    expect((await run(['audit', '--no-type-info'], root, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ansi);
  });

  it('draws progress on stderr only on a terminal outside CI', async () => {
    const root = tempProject({ 'a.ts': '', 'b.ts': '' });
    expect((await run(['audit', '--no-type-info'], root, { tty: true })).stderr).toContain('2/2 files');
    expect((await run(['audit', '--no-type-info'], root, { tty: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await run(['audit', '--no-type-info'], root)).stderr).toBe('');
  });

  it('writes SARIF and markdown through the reporters', async () => {
    const root = tempProject({ 'src/app.ts': ONE_OF_EACH_LEVEL.HIGH });
    const sarif = JSON.parse((await run(['audit', '--no-type-info', '-f', 'sarif'], root)).stdout) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect((await run(['audit', '--no-type-info', '-f', 'markdown'], root)).stdout).toContain('no-floating-promise');
  });
});

describe('spawnguard audit: the baseline', () => {
  it('--update-baseline accepts today\'s findings; later only new ones fail the gate', async () => {
    const root = tempProject({ 'src/app.ts': `export function a() {\n  ${ONE_OF_EACH_LEVEL.HIGH}}\n` });
    const update = await run(['audit', '--baseline', 'baseline.json', '--update-baseline', '-f', 'json'], root);
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('wrote 1 finding(s) to the baseline');
    const baseline = JSON.parse(readFileSync(join(root, 'baseline.json'), 'utf8')) as { version: number; findings: { ruleId: string; file: string }[] };
    expect(baseline).toMatchObject({ version: 1, findings: [{ ruleId: 'no-floating-promise', file: 'src/app.ts' }] });

    writeFileSync(join(root, 'src/app.ts'), `// a comment pushing everything down\n\nexport function a() {\n  ${ONE_OF_EACH_LEVEL.HIGH}}\n`);
    const unchanged = await run(['audit', '--baseline', 'baseline.json', '-f', 'json'], root);
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout)).toMatchObject({ findings: [], baselined: 1 });

    writeFileSync(join(root, 'src/app.ts'), `export function a() {\n  ${ONE_OF_EACH_LEVEL.HIGH}  trackOther();\n}\n`);
    const grown = await run(['audit', '--baseline', 'baseline.json', '-f', 'json'], root);
    expect(grown.code).toBe(1);
    expect((JSON.parse(grown.stdout) as AuditResult).findings.map(({ message }) => message)).toEqual(['trackOther() is unsupervised']);
    expect(existsSync(join(root, 'baseline.json'))).toBe(true);
  });

  it('says on stderr how many findings the baseline excused in the table format', async () => {
    const root = tempProject({ 'a.ts': ONE_OF_EACH_LEVEL.MEDIUM });
    await run(['audit', '--baseline', 'b.json', '--update-baseline'], root);
    expect((await run(['audit', '--baseline', 'b.json'], root)).stderr).toContain('1 finding(s) matched the baseline');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts as tsMorphTs } from 'ts-morph';
import typescript from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import { runAudit, type AuditOptions } from '../../src/audit/audit.js';
import { applyBaseline, baselineOf } from '../../src/audit/baseline.js';
import { normaliseCode } from '../../src/audit/fingerprint.js';
import { riskModel } from './fake-plugin.js';
import { tempProject } from './temp-project.js';

vi.mock('../../rules/index.js', () => import('./fake-plugin.js'));

function audit(root: string, options: Partial<AuditOptions> = {}) {
  return runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'recommended', riskModel, ...options });
}

const SERVICE = `import { record } from './store.js';

export async function trackUsage(user: string): Promise<void> {
  await record(user);
}

export function handle(user: string): void {
  trackUsage(user);
  setInterval(() => trackUsage(user), 1000);
}
`;

describe('runAudit', () => {
  it('turns each rule message into a rated finding with 1-based positions relative to the root', async () => {
    const root = tempProject({ 'src/service.ts': SERVICE, 'src/store.ts': 'export async function record(_: string) {}\n' });
    const result = await audit(root);
    expect(result.root).toBe(root);
    expect(result.files).toEqual(['src/service.ts', 'src/store.ts']);
    expect(result.errors).toEqual([]);
    expect(result.findings.map(({ ruleId, file, line, column, endLine, endColumn, risk, fixable, message }) => ({ ruleId, file, line, column, endLine, endColumn, risk, fixable, message }))).toEqual([
      // The stand-in rules offer no suggestion, so `spawnguard fix` would rewrite neither.
      { ruleId: 'no-floating-promise', file: 'src/service.ts', line: 8, column: 3, endLine: 8, endColumn: 19, risk: 'HIGH', fixable: false, message: 'trackUsage() is unsupervised' },
      { ruleId: 'no-stray-timer', file: 'src/service.ts', line: 9, column: 3, endLine: 9, endColumn: 44, risk: 'MEDIUM', fixable: false, message: 'setInterval() is unsupervised' },
    ]);
    expect(result.summary).toEqual({ HIGH: 1, MEDIUM: 1, LOW: 0 });
    expect(result.baselined).toBeUndefined();
  });

  it('finds the same things with and without type information', async () => {
    const root = tempProject({ 'src/service.ts': SERVICE, 'src/store.ts': 'export async function record(_: string) {}\n', 'src/legacy.js': 'bufferLine(1);\n' });
    const strip = (findings: Awaited<ReturnType<typeof audit>>['findings']) => findings.map(({ ruleId, file, line, column, endLine, endColumn, fingerprint }) => ({ ruleId, file, line, column, endLine, endColumn, fingerprint }));
    const syntactic = await audit(root);
    expect(syntactic.findings).toHaveLength(3);
    expect(strip((await audit(root, { typeInfo: true })).findings)).toEqual(strip(syntactic.findings));
  });

  it('reports a file with a syntax error with its position and audits the rest', async () => {
    const root = tempProject({ 'src/broken.ts': 'export function f( {\n  trackIt();\n', 'src/fine.ts': 'trackOk();\n' });
    for (const typeInfo of [false, true]) {
      const result = await audit(root, { typeInfo });
      expect(result.errors).toEqual([{ file: 'src/broken.ts', line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^Parsing error/) }]);
      expect(result.findings.map(({ file, line }) => `${file}:${line}`)).toEqual(['src/fine.ts:1']);
      expect(result.files).toEqual(['src/broken.ts', 'src/fine.ts']);
    }
  });

  it('lists binary and truncated files in errors and goes on', async () => {
    const root = tempProject({ 'src/logo.js': new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]), 'src/cut.ts': SERVICE.slice(0, 120), 'src/ok.js': 'trackMe();\n' });
    const result = await audit(root);
    expect(result.errors.map(({ file }) => file)).toEqual(['src/cut.ts', 'src/logo.js']);
    expect(result.errors[1]!.message).toMatch(/binary/);
    expect(result.findings.map(({ file }) => file)).toEqual(['src/ok.js']);
  });

  it('reports progress for every file, starting at 0 of the total', async () => {
    const root = tempProject({ 'a.ts': 'trackA();\n', 'b.ts': '', 'c.js': '' });
    const calls: [number, number][] = [];
    await audit(root, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
  });
});

describe('fingerprints and the baseline', () => {
  it('a baselined finding survives an unrelated edit above it; a new finding is caught', async () => {
    const root = tempProject({ 'src/service.ts': SERVICE, 'src/store.ts': 'export async function record(_: string) {}\n' });
    const before = await audit(root);
    const baseline = baselineOf(before.findings);

    const edited = SERVICE.replace("import { record } from './store.js';\n", "import { record } from './store.js';\n\nconst VERSION = 2;\n\n/** docs */\n").replace('trackUsage(user);', 'trackUsage(  user  );');
    writeFileSync(join(root, 'src/service.ts'), edited);
    const afterEdit = await audit(root, { baseline });
    expect(afterEdit.findings).toEqual([]);
    expect(afterEdit.baselined).toBe(2);
    expect(afterEdit.summary).toEqual({ HIGH: 0, MEDIUM: 0, LOW: 0 });

    const withNew = `${edited}\nexport function again(user: string) {\n  trackUsage(user);\n}\n`;
    writeFileSync(join(root, 'src/service.ts'), withNew);
    const afterNew = await audit(root, { baseline });
    expect(afterNew.baselined).toBe(2);
    const newLine = withNew.split('\n').indexOf('export function again(user: string) {') + 2;
    expect(afterNew.findings.map(({ ruleId, line }) => `${ruleId}:${line}`)).toEqual([`no-floating-promise:${newLine}`]);
  });

  it('a fingerprint differs by rule, file, component and code, but not by line or layout', async () => {
    const root = tempProject({ 'a.ts': 'trackA();\ntrackB();\n\n\ntrackA(\n);\n', 'b.ts': 'trackA();\n' });
    const [a1, b1, a2, other] = (await audit(root)).findings.sort((x, y) => x.file.localeCompare(y.file) || x.line - y.line);
    expect(a1!.fingerprint).not.toBe(b1!.fingerprint);
    expect(a1!.fingerprint).toBe(a2!.fingerprint);
    expect(other!.file).toBe('b.ts');
    expect(other!.fingerprint).not.toBe(a1!.fingerprint);
  });

  it('counts duplicates: a baseline with one copy excuses one of two identical findings', async () => {
    const finding = { fingerprint: 'f1', ruleId: 'r', file: 'a.ts', component: 'a.ts' } as Parameters<typeof baselineOf>[0][number];
    const { fresh, baselined } = applyBaseline([finding, { ...finding }], baselineOf([finding]));
    expect(baselined).toBe(1);
    expect(fresh).toHaveLength(1);
  });

  it('normalises code by dropping layout, keeping the space between words', async () => {
    expect(normaliseCode('  fetch(url,\n\t  opts )  ')).toBe('fetch(url,opts)');
    expect(normaliseCode('new   Map()')).toBe('new Map()');
    expect(normaliseCode('a(b)')).not.toBe(normaliseCode('a(c)'));
  });
});

describe('the TypeScript the audit builds programs with', () => {
  it('is the very version typescript-eslint parses with (SyntaxKind numbers must agree)', async () => {
    expect(tsMorphTs.version).toBe(typescript.version);
    expect(tsMorphTs.SyntaxKind.CallExpression).toBe(typescript.SyntaxKind.CallExpression);
    const parserTypescript = JSON.parse(readFileSync(new URL(import.meta.resolve('typescript/package.json')), 'utf8')) as { version: string };
    expect(parserTypescript.version).toBe(tsMorphTs.version);
  });
});

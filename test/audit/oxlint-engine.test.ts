// `--engine oxlint`: oxlint clears the files that can have no finding and ESLint lints the rest, so
// the audit's result (findings, ratings, suggestions, errors, problems) is the ESLint engine's. oxlint
// loads the built plugin (dist/), so this needs `npm run build` first (CI builds).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.mjs';
import { runAudit, runAuditConcurrently, type AuditOptions } from '../../src/audit/audit.js';
import { loadProject } from '../../src/audit/project.js';
import { oxlintBinary } from '../../src/audit/oxlint-binary.js';
import { requireOxlint, screenWithOxlint } from '../../src/audit/oxlint-engine.js';
import type { AuditResult } from '../../src/audit/types.js';
import { riskModel } from '../../src/risk/model.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../cli/capture-io.js';
import { tempProject } from './temp-project.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const builtPlugin = join(repoRoot, 'dist', 'rules', 'index.js');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function audit(cwd: string, options: Partial<AuditOptions> = {}): Promise<AuditResult> {
  return runAudit({ cwd, paths: [], includeTests: false, typeInfo: false, riskModel, ...options });
}

function auditOnOxlint(cwd: string, options: Partial<AuditOptions> = {}, threads = 1): Promise<AuditResult> {
  return runAuditConcurrently({ cwd, paths: [], includeTests: false, typeInfo: false, riskModel, engine: 'oxlint', ...options }, threads);
}

const FLOATING = 'async function send(): Promise<void> {}\nexport function go(): void {\n  send();\n}\n';

/** One file for each reason a file must reach ESLint, and files oxlint can clear. */
const EDGES: Record<string, string> = {
  'eslint.config.mjs': `import spawnguard from ${JSON.stringify(pathToFileURL(builtPlugin).href)};
export default [
  ...spawnguard.configs.recommended,
  { files: ['src/legacy/**'], rules: { 'spawnguard/no-floating-promise': 'off' } },
  { files: ['src/strict/**'], rules: { 'spawnguard/no-swallowed-error': ['error', { checkSyncCatch: true }] } },
];
`,
  'package.json': '{ "type": "module" }\n',
  'src/floating.ts': FLOATING,
  // The rule is off here: oxlint must be run with this folder's settings to clear it.
  'src/legacy/floating.ts': FLOATING,
  // Only the rule's option reports the empty sync catch: oxlint must be given the options.
  'src/strict/catch.ts': 'export function read(parse: () => void): void {\n  try {\n    parse();\n  } catch {}\n}\n',
  'src/clean.ts': "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
  // `@spawnguard/runtime` is not a rule name: this file can be cleared.
  'src/supervised.ts': "import { tasks } from '@spawnguard/runtime';\nexport function go(): void {\n  tasks.start(async () => {});\n}\n",
  // A directive naming a rule that does not exist: a problem only ESLint reports.
  'src/unknown-rule.ts': '// eslint-disable-next-line spawnguard/no-floating-promises\nexport const x = 1;\n',
  // oxlint obeys its own directives, ESLint does not: the finding is ESLint's.
  'src/oxlint-disabled.ts': `/* oxlint-disable */\n${FLOATING}`,
  // A project-wide fact: every crash finding elsewhere is rated with it.
  'src/main.ts': "process.on('unhandledRejection', (reason) => {\n  console.error(reason);\n});\nexport {};\n",
  // JSX in a .js file: both engines read it (the plugin's configs parse .js with JSX).
  'src/view.js': 'export const view = <div>hi</div>;\n',
  // JavaScript oxc reads but espree refuses as a module: sloppy-mode CommonJS the audit reads again as
  // such (audited, no error), and an HTML comment in a module (a parse error, as in eslint).
  'src/legacy.js': 'with (Math) {\n  setInterval(() => console.log(PI), 1000);\n}\n',
  'src/comment.js': '<!-- an old HTML comment\nexport const y = 1;\n',
  'src/broken.ts': 'export const = ;\n',
};

describe('--engine oxlint', () => {
  it('gives exactly the ESLint engine\'s result on a generated corpus, clearing most files without ESLint', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spawnguard-engine-corpus-'));
    made.push(dir);
    await generateCorpus(dir, { lines: 10_000, seed: 1 });
    const reference = await audit(dir);
    const ruleIds = ['no-floating-promise', 'no-detached-async-callback', 'no-stray-timer', 'no-orphan-worker', 'no-unowned-state', 'no-swallowed-error', 'require-cancellation', 'no-unbounded-buffer'];
    // The corpus holds every rule's anti-pattern, so the equality covers the screening of every rule
    // of recommended (no-unowned-state is strict only; test/oxlint.test.ts compares it under oxlint).
    expect(new Set(reference.findings.map((finding) => finding.ruleId))).toEqual(new Set(ruleIds.filter((id) => id !== 'no-unowned-state')));
    expect(await auditOnOxlint(dir)).toEqual(reference);

    const project = loadProject({ cwd: dir, paths: [], includeTests: false, typeInfo: false });
    const rules = Object.fromEntries(ruleIds.map((id) => [`spawnguard/${id}`, 'error' as const]));
    const screening = screenWithOxlint(requireOxlint(dir), [...project.sources], () => rules, riskModel, project.root);
    const withFindings = new Set(reference.findings.map((finding) => join(reference.root, finding.file)));
    const linted = new Set(screening.toLint.map(([file]) => file));
    expect([...withFindings].filter((file) => !linted.has(file))).toEqual([]);
    expect(screening.cleared.length).toBeGreaterThan(project.sources.size / 2);
  });

  it('sends ESLint every file that needs it: findings, per-folder settings and options, directives, facts, parse errors', { timeout: 120_000 }, async () => {
    const root = tempProject(EDGES);
    const reference = await audit(root);
    expect(reference.findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort()).toEqual([
      'src/floating.ts no-floating-promise',
      'src/legacy.js no-stray-timer',
      'src/oxlint-disabled.ts no-floating-promise',
      'src/strict/catch.ts no-swallowed-error',
    ]);
    expect(reference.errors.map((error) => error.file)).toEqual(['src/broken.ts', 'src/comment.js', 'src/unknown-rule.ts']);
    // The handler in main.ts lowers the crash: the rating used the fact.
    expect(reference.findings.find((finding) => finding.file === 'src/floating.ts')?.risk).not.toBe('HIGH');
    expect(await auditOnOxlint(root)).toEqual(reference);
    // With threads for the files ESLint lints, the same.
    expect(await auditOnOxlint(root, {}, 2)).toEqual(reference);
  });

  it('keeps the ESLint engine\'s result with --config strict and with the cache', { timeout: 120_000 }, async () => {
    const root = tempProject(EDGES);
    expect(await auditOnOxlint(root, { config: 'strict' })).toEqual(await audit(root, { config: 'strict' }));
    const cacheLocation = join(root, '.cache');
    const first = await auditOnOxlint(root, { cacheLocation });
    expect(await audit(root, { cacheLocation })).toEqual(first);
    expect(first).toEqual(await audit(root));
  });

  it('leaves every file to ESLint, with a notice, when oxlint fails or leaves a file out', async () => {
    const root = tempProject({ 'src/a.ts': FLOATING, 'src/b.ts': 'export const b = 1;\n' });
    const files: [string, string][] = [[join(root, 'src/a.ts'), FLOATING], [join(root, 'src/b.ts'), 'export const b = 1;\n']];
    const rules = { 'spawnguard/no-floating-promise': 'error' as const };
    // Stand-ins for the oxlint binary: one that crashes, one that answers for fewer files than given.
    const crashing = join(root, 'crashing.mjs');
    const forgetful = join(root, 'forgetful.mjs');
    writeFileSync(crashing, "process.stderr.write('panicked'); process.exit(101);\n");
    writeFileSync(forgetful, "console.log(JSON.stringify({ diagnostics: [], number_of_files: 1 }));\n");
    for (const binary of [crashing, forgetful]) {
      const screening = screenWithOxlint(binary, files, () => rules, riskModel, root);
      expect(screening.toLint.map(([file]) => file)).toEqual(files.map(([file]) => file));
      expect(screening.cleared).toEqual([]);
      expect(screening.notice).toBe('oxlint failed on 2 file(s); ESLint linted them');
    }
    const real = screenWithOxlint(requireOxlint(root), files, () => rules, riskModel, root);
    expect(real.cleared.map(([file]) => file)).toEqual([join(root, 'src/b.ts')]);
    expect(real.notice).toBeUndefined();
  });

  it('is a one-line usage error without --no-type-info, with the HTML report, or without oxlint', async () => {
    const root = tempProject({ 'src/a.ts': FLOATING });
    const { io, written } = captureIO(root);
    expect(await main(['audit', '--engine', 'oxlint'], io)).toBe(2);
    expect(await main(['audit', '--engine', 'oxlint', '--no-type-info', '-f', 'html', '-o', join(root, 'r.html')], io)).toBe(2);
    expect(await main(['audit', '--engine', 'rust', '--no-type-info'], io)).toBe(2);
    const lines = written.stderr.trim().split('\n').filter((line) => !line.startsWith('See spawnguard audit --help'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/--engine oxlint needs --no-type-info/);
    expect(lines[1]).toMatch(/--engine oxlint cannot draw the HTML report/);
    expect(lines[2]).toMatch(/--engine must be one of eslint, oxlint/);
    expect(await main(['audit', '--engine', 'oxlint', '--no-type-info', '--fail-on', 'none', '-f', 'json'], io)).toBe(0);
    expect(JSON.parse(written.stdout).findings).toHaveLength(1);
    expect(oxlintBinary(root, [root])).toBeUndefined();
    expect(() => requireOxlint(root, [root])).toThrow(/^--engine oxlint needs the oxlint package \(an optional peer dependency\): npm install -D oxlint$/);
  });
});

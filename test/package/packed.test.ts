// The package as a user gets it: `npm pack`, installed into a project outside the repository with
// its own TypeScript (5.9, not the 6.0 this repository builds with) and whatever ESLint npm picks for
// the peer range, configured by an eslint.config.cjs written like the README. Needs the build (CI
// builds before testing) and the npm registry (or npm's cache).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const USER_TYPESCRIPT = '5.9';

const PROJECT: Record<string, string> = {
  'package.json': '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
  'eslint.config.cjs': `const spawnguard = require('spawnguard');

module.exports = [...spawnguard.configs.recommended];
`,
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "skipLibCheck": false }, "include": ["src"] }\n',
  'src/handler.js': `async function track(user) { if (!user) throw new Error('no user'); return user; }
function handler(user) {
  track(user);
}
module.exports = { handler };
`,
  'src/timer.ts': `export async function track(user: string): Promise<string> { if (!user) throw new Error('no user'); return user; }
export function start(user: string): void {
  track(user);
  setInterval(() => {}, 1000);
}
`,
  // Only the type checker knows that save() returns a promise.
  'src/typed.ts': `declare const api: { save(x: string): Promise<void> };
export function store(x: string): void {
  api.save(x);
}
`,
  // The README's configs, against the packed declaration files and the installed ESLint's types.
  'types/eslint-config.ts': `import type { Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import spawnguard from 'spawnguard';

export const spread: Linter.Config[] = [...spawnguard.configs.recommended];
export const nested = defineConfig([
  spawnguard.configs.strict,
  { rules: { 'spawnguard/no-detached-async-callback': ['error', { expressVersion: 5 }] } },
]);
`,
  // skipLibCheck: the configs are checked against the declarations; checking every declaration file of
  // eslint and node as well takes ten times as long (it passed when this test was written).
  'types/tsconfig.json': '{ "compilerOptions": { "strict": true, "noEmit": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "skipLibCheck": true, "types": [] }, "include": ["."] }\n',
};

// Each step is a child process (npm, eslint, tsc) on a machine that may be busy: generous limits.
const STEP = 180_000;

describe('the packed package, installed in a project of its own', () => {
  let work: string;
  let project: string;

  const run = (command: string, args: string[]): SpawnSyncReturns<string> =>
    spawnSync(command, args, { cwd: project, encoding: 'utf8', timeout: 240_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const node = (code: string, type: 'commonjs' | 'module' = 'commonjs') => run(process.execPath, ['--input-type', type, '-e', code]);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'spawnguard-packed-'));
    const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
    project = join(work, 'consumer');
    for (const [path, text] of Object.entries(PROJECT)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), text);
    }
    const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, `typescript@${USER_TYPESCRIPT}`]);
    expect(install.status, install.stderr).toBe(0);
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, STEP);

  it('takes ESLint and TypeScript from the project: no copy of its own', () => {
    expect(existsSync(join(project, 'node_modules', 'eslint', 'package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', 'spawnguard', 'node_modules', 'eslint'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'spawnguard', 'node_modules', 'typescript'))).toBe(false);
    expect(node("process.stdout.write(require('typescript').version)").stdout).toMatch(/^5\.9\./);
  }, STEP);

  it('serves CommonJS: require() gives the plugin with its configs, the same object import gives', () => {
    const required = node("const p = require('spawnguard'); process.stdout.write(JSON.stringify({ configs: Object.keys(p.configs), rules: Object.keys(p.rules).length, name: p.meta.name }))");
    expect(required.stderr).toBe('');
    expect(JSON.parse(required.stdout)).toEqual({ configs: ['recommended', 'strict'], rules: 8, name: 'spawnguard' });
    const same = node("import { createRequire } from 'node:module'; import p from 'spawnguard'; process.stdout.write(String(createRequire(import.meta.url)('spawnguard') === p));", 'module');
    expect(same.stdout).toBe('true');
  }, STEP);

  it('runs under eslint with an eslint.config.cjs written like the README', () => {
    const eslint = run(process.execPath, [join(project, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', '--format', 'json']);
    expect(eslint.status, eslint.stderr).toBe(1);
    const results = JSON.parse(eslint.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const found = results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(project.length + 1)}:${message.line} ${message.ruleId}`)).sort();
    expect(found).toEqual([
      'src/handler.js:3 spawnguard/no-floating-promise',
      'src/timer.ts:3 spawnguard/no-floating-promise',
      'src/timer.ts:4 spawnguard/no-stray-timer',
    ]);
  }, STEP);

  it('loads neither the TypeScript compiler nor ESLint when only imported (syntactic linting, oxlint)', () => {
    const loaded = node(
      `import { createRequire } from 'node:module';
await import('spawnguard');
const files = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify({ typescript: files.some((file) => file.endsWith('/typescript/lib/typescript.js')), eslint: files.some((file) => file.includes('/node_modules/eslint/')) }));`,
      'module',
    );
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual({ typescript: false, eslint: false });
  }, STEP);

  it("audits with types through the project's own TypeScript, one compiler in the process", () => {
    const audit = run(process.execPath, [join(project, 'node_modules', 'spawnguard', 'bin', 'spawnguard.js'), 'audit', '--format', 'json', '--fail-on', 'none']);
    expect(audit.status, audit.stderr).toBe(0);
    const result = JSON.parse(audit.stdout) as { findings: { file: string; line: number; ruleId: string }[]; errors: unknown[] };
    expect(result.errors).toEqual([]);
    expect(result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`).sort()).toEqual([
      'src/timer.ts:3 no-floating-promise',
      'src/timer.ts:4 no-stray-timer',
      'src/typed.ts:3 no-floating-promise',
    ]);
    // The program the rules read was built by the project's TypeScript, not by ts-morph's bundled copy.
    const projectModule = join(project, 'node_modules', 'spawnguard', 'dist', 'src', 'audit', 'project.js');
    const probe = node(
      `import { createRequire } from 'node:module';
const { loadProject } = await import(${JSON.stringify(projectModule)});
const project = loadProject({ cwd: process.cwd(), paths: [], includeTests: false, typeInfo: true });
const require = createRequire(${JSON.stringify(projectModule)});
const typescript = require('typescript');
process.stdout.write(JSON.stringify({ version: require('ts-morph').ts.version, shared: require('ts-morph').ts.createProgram === typescript.createProgram, files: project.program.getSourceFiles().some((file) => file.fileName.endsWith('/src/typed.ts')) }));`,
      'module',
    );
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({ version: expect.stringMatching(/^5\.9\./), shared: true, files: true });
  }, STEP);

  it("compiles the README's configs against the packed types and the installed ESLint's", () => {
    const tsc = run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'types']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, STEP);
});

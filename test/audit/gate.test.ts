// Issue 12, items 2-7: the audit never passes CI by accident. Each case here failed before its fix.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runAudit, type AuditOptions } from '../../src/audit/audit.js';
import { AuditSetupError, deepestFile } from '../../src/audit/project.js';
import { riskModel } from '../../src/risk/model.js';
import { typescript } from '../../src/detect/typescript.js';
import { tempProject } from './temp-project.js';

// A folder the audit cannot list (EACCES): the tests run as root, for whom chmod 000 does not block a read.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((path: import('node:fs').PathLike, options?: unknown) => {
    if (String(path).endsWith(`${'/'}locked`)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(path)}'`), { code: 'EACCES' });
    return (fs.readdirSync as (p: unknown, o?: unknown) => unknown)(path, options);
  }) as typeof fs.readdirSync;
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

function audit(root: string, options: Partial<AuditOptions> = {}) {
  return runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: true, riskModel, ...options });
}

const where = (result: Awaited<ReturnType<typeof audit>>) => result.findings.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`).sort();

const PACKAGE_TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', composite: true, noEmit: false, outDir: 'dist' }, include: ['src'] });
// An imported async function that can reject, called and dropped: only type information reveals it
// (one that cannot reject, as `return 1`, is judged by its own code in the other file and not reported).
const TYPE_ONLY = { 'src/load.ts': "import { readFile } from 'node:fs/promises';\n\nexport async function load(): Promise<string> {\n  return readFile('config.json', 'utf8');\n}\n", 'src/index.ts': "import { load } from './load.js';\n\nexport function start(): void {\n  load();\n}\n" };
const TIMER = "setInterval(() => console.log('tick'), 1000);\n";

function workspace(extra: Record<string, string> = {}): string {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'tsconfig.json': JSON.stringify({ files: [], references: [{ path: 'packages/a' }, { path: 'packages/b' }, { path: 'packages/c' }] }),
    ...extra,
  };
  for (const name of ['a', 'b', 'c']) {
    files[`packages/${name}/package.json`] = JSON.stringify({ name, type: 'module' });
    files[`packages/${name}/tsconfig.json`] = PACKAGE_TSCONFIG;
    for (const [path, text] of Object.entries(TYPE_ONLY)) files[`packages/${name}/${path}`] = text;
  }
  return tempProject(files);
}

describe('monorepos (item 2)', () => {
  const everyPackage = ['a', 'b', 'c'].map((name) => `no-floating-promise packages/${name}/src/index.ts:4`);

  it('audits every project a solution-style root tsconfig references, each with its own program', async () => {
    // No workspace declared: the root tsconfig's references alone lead to the packages.
    const result = await audit(workspace({ 'package.json': JSON.stringify({ name: 'root', private: true }) }));
    expect(result.errors).toEqual([]);
    expect(where(result)).toEqual(everyPackage);
  });

  it('audits each path given with its own nearest tsconfig, in either order, and keeps every finding', async () => {
    const root = workspace();
    for (const paths of [['packages/a', 'packages/b'], ['packages/b', 'packages/a']]) {
      const result = await audit(root, { paths });
      expect(result.errors).toEqual([]);
      expect(where(result)).toEqual(everyPackage.slice(0, 2));
    }
  });

  it('audits every package of a pnpm workspace whose root tsconfig does not include them', async () => {
    const root = workspace({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      // (a jobs/ folder: no-stray-timer does not check development scripts under scripts/)
      'tsconfig.json': JSON.stringify({ include: ['jobs'] }),
      'jobs/tick.ts': TIMER,
    });
    const result = await audit(root);
    expect(where(result)).toEqual([...everyPackage, 'no-stray-timer jobs/tick.ts:1'].sort());
  });

  it('audits a file that no tsconfig includes syntactically, next to the typed ones', async () => {
    const root = workspace({ 'packages/a/jobs/tick.ts': TIMER });
    const result = await audit(root, { paths: ['packages/a'] });
    expect(result.errors).toEqual([]);
    // One path: paths are relative to its tsconfig's folder.
    expect(where(result)).toEqual(['no-floating-promise src/index.ts:4', 'no-stray-timer jobs/tick.ts:1']);
  });

  it('takes a tsconfig with an empty files list (editor settings only, as uptime-kuma has) as one that includes nothing', async () => {
    const root = tempProject({ 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, files: [] }), 'server/tick.js': TIMER, 'src/tick.ts': TIMER });
    const result = await audit(root, { paths: ['.'] });
    expect(result.errors).toEqual([]);
    // The TypeScript file no tsconfig includes is linted syntactically.
    expect(where(result)).toEqual(['no-stray-timer server/tick.js:1', 'no-stray-timer src/tick.ts:1']);
  });
});

describe('ESLint problems in the audited code (item 3)', () => {
  it('reports a misspelt rule in a disable comment and a bad inline option on their lines, and goes on', async () => {
    const root = tempProject({
      'src/typo.js': "// eslint-disable-next-line spawnguard/no-floating-promises\nfetch('x', { signal: AbortSignal.timeout(1) });\n",
      'src/inline.js': "/* eslint spawnguard/no-stray-timer: [\"error\", {\"bogus\": 1}] */\nexport const t = 1;\n",
      'src/timer.js': TIMER,
    });
    for (const typeInfo of [false, true]) {
      const result = await audit(root, { typeInfo });
      expect(result.errors.map(({ file, line, message }) => `${file}:${line} ${message.split('\n')[0]}`)).toEqual([
        'src/inline.js:1 Inline configuration for rule "spawnguard/no-stray-timer" is invalid:',
        "src/typo.js:1 Definition for rule 'spawnguard/no-floating-promises' was not found.",
      ]);
      expect(where(result)).toEqual(['no-floating-promise src/typo.js:2', 'no-stray-timer src/timer.js:1']);
    }
  });
});

describe('nothing to audit is not a pass (item 4)', () => {
  it('refuses an empty folder and a folder without source files: no files matched', async () => {
    for (const files of [{}, { 'README.md': '# hi\n', 'data/x.json': '{}' }] as Record<string, string>[]) {
      const root = tempProject(files);
      await expect(audit(root)).rejects.toThrow(AuditSetupError);
      await expect(audit(root)).rejects.toThrow(/no files matched/);
    }
  });
});

describe('a broken tsconfig (item 5)', () => {
  it.each([
    ['bad JSON', '{ compilerOptions: [ }', /TS1327/],
    ['a missing extends', '{ "extends": "./missing-base.json" }', /missing-base\.json/],
    ['an invalid option', '{ "compilerOptions": { "module": "commonjz" } }', /module/],
  ])('stops the audit with the compiler message on %s', async (_case, tsconfig, message) => {
    const root = tempProject({ 'tsconfig.json': tsconfig, 'src/a.ts': TIMER });
    for (const typeInfo of [false, true]) {
      await expect(audit(root, { typeInfo })).rejects.toThrow(AuditSetupError);
      await expect(audit(root, { typeInfo })).rejects.toThrow(message);
    }
  });
});

describe('a file that overflows the TypeScript binder (item 6)', () => {
  it('is reported on its own; the other files keep their type-aware findings', async () => {
    const chain = `export const deep = Promise.resolve(0)${'.then((x) => x)'.repeat(1000)};\n`;
    // Named to sort last: the overflow used to land on whichever file was linted first.
    const root = tempProject({ ...TYPE_ONLY, 'src/zzz-deep.ts': chain });
    // maxFileSize 0: a one-line chain would otherwise be skipped as minified before TypeScript sees it.
    const result = await audit(root, { maxFileSize: 0 });
    expect(where(result)).toEqual(['no-floating-promise src/index.ts:4']);
    expect(result.errors.map(({ file }) => file)).toEqual(['src/zzz-deep.ts']);
    expect(result.errors[0]!.message).toMatch(/too deeply nested|stack/i);
  });

  it('when no file overflows bound alone, the one the binder recursed through is the deepest tree', () => {
    // How deep the binder gets before the stack runs out depends on how far V8 has compiled it: a
    // file near the limit can overflow in the program and bind alone from a shallower stack.
    const ts = typescript();
    const parse = (name: string, text: string) => ts.createSourceFile(name, text, ts.ScriptTarget.ESNext, true);
    const files = new Map([
      ['flat.ts', parse('flat.ts', 'export const a = 1;\nexport const b = [1, 2, 3].map((x) => x + 1);\n')],
      ['deep.ts', parse('deep.ts', `export const deep = Promise.resolve(0)${'.then((x) => x)'.repeat(1000)};\n`)],
      ['nested.ts', parse('nested.ts', `export const n = ${'['.repeat(50)}${']'.repeat(50)};\n`)],
    ]);
    expect(deepestFile([...files.keys()], (file) => files.get(file))).toBe('deep.ts');
    expect(deepestFile(['flat.ts', 'nested.ts'], (file) => files.get(file))).toBe('nested.ts');
  });
});

describe('the file system (item 7)', () => {
  it('reports a folder it cannot list and goes on', async () => {
    const root = tempProject({ 'src/timer.ts': TIMER, 'src/locked/secret.ts': TIMER });
    const result = await audit(root, { typeInfo: false });
    expect(where(result)).toEqual(['no-stray-timer src/timer.ts:1']);
    expect(result.errors).toEqual([{ file: 'src/locked', line: 1, column: 1, message: expect.stringMatching(/cannot read the folder.*EACCES/) }]);
  });

  it('goes on past a .gitignore that is a folder, with a notice', async () => {
    const root = tempProject({ '.git/HEAD': 'x', 'src/timer.ts': TIMER, '.gitignore/oops': '' });
    const result = await audit(root, { typeInfo: false });
    expect(where(result)).toEqual(['no-stray-timer src/timer.ts:1']);
    expect(result.notices?.join('\n')).toMatch(/\.gitignore/);
  });

  it('follows symlinked source files and folders once each', async () => {
    const root = tempProject({ 'shared/timer.ts': TIMER, 'app/main.ts': 'export const main = 1;\n' });
    symlinkSync(join(root, 'shared/timer.ts'), join(root, 'app/timer.ts'));
    symlinkSync(join(root, 'shared'), join(root, 'app/linked'), 'dir');
    symlinkSync(join(root, 'app'), join(root, 'app/loop'), 'dir');
    const result = await audit(root, { paths: ['app'], typeInfo: false });
    expect(where(result)).toEqual(['no-stray-timer timer.ts:1']);
    expect(result.files).toEqual(['main.ts', 'timer.ts']);
  });

  it('reports a broken symbolic link to a source file instead of skipping it silently', async () => {
    const root = tempProject({ 'app/poller.ts': TIMER });
    symlinkSync(join(root, 'gone.ts'), join(root, 'app/dangling.ts'));
    const result = await audit(root, { paths: ['app'], typeInfo: false });
    expect(where(result)).toEqual(['no-stray-timer poller.ts:1']);
    expect(result.errors).toEqual([{ file: 'dangling.ts', line: 1, column: 1, message: 'broken symbolic link' }]);
  });

  it('skips minified and oversized files with a notice, unless the limit is lifted; leaves out vendor/, public/ and static/', async () => {
    const bundle = `${'var a=setInterval(function(){},1e3);'.repeat(400)}\n`;
    const root = tempProject({
      'src/timer.ts': TIMER,
      'src/app.bundle.js': bundle,
      'vendor/lib.js': TIMER,
      'public/app.js': TIMER,
      'static/app.js': TIMER,
    });
    const result = await audit(root, { typeInfo: false });
    expect(where(result)).toEqual(['no-stray-timer src/timer.ts:1']);
    expect(result.skipped).toEqual([{ file: 'src/app.bundle.js', reason: expect.stringMatching(/minified/) }]);
    const small = await audit(root, { typeInfo: false, maxFileSize: 100 });
    expect(small.skipped?.map(({ file }) => file)).toEqual(['src/app.bundle.js']);
    const unlimited = await audit(root, { typeInfo: false, maxFileSize: 0 });
    expect(unlimited.skipped).toEqual([]);
    expect(unlimited.findings.filter((finding) => finding.file === 'src/app.bundle.js').length).toBeGreaterThan(0);
  });
});

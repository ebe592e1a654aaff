import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditSetupError, loadProject, type ProjectOptions } from '../../src/audit/project.js';
import { tempProject } from './temp-project.js';

const SOURCE = 'export const value = 1;\n';

function filesOf(root: string, options: Partial<ProjectOptions> = {}): string[] {
  const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: false, ...options });
  return [...project.sources.keys(), ...project.unreadable.map(({ file }) => file)].map((file) => file.slice(project.root.length + 1)).sort();
}

describe('the file set', () => {
  it('scans a folder without tsconfig as plain JS/TS, every source extension included', () => {
    const extensions = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs'];
    const root = tempProject({ ...Object.fromEntries(extensions.map((extension) => [`src/a.${extension}`, SOURCE])), 'README.md': '# no', 'src/data.json': '{}' });
    expect(filesOf(root)).toEqual(extensions.map((extension) => `src/a.${extension}`).sort());
  });

  it('leaves out tests, fixtures, dependencies, build output, hidden folders and declaration files', () => {
    const root = tempProject({
      'src/app.ts': SOURCE,
      'src/app.test.ts': SOURCE,
      'src/app.spec.js': SOURCE,
      'src/__tests__/helper.ts': SOURCE,
      'test/setup.ts': SOURCE,
      'tests/e2e.ts': SOURCE,
      'fixtures/case.ts': SOURCE,
      'node_modules/dep/index.js': SOURCE,
      'dist/app.js': SOURCE,
      'build/app.js': SOURCE,
      'out/app.js': SOURCE,
      'coverage/lcov.js': SOURCE,
      '.cache/x.js': SOURCE,
      'src/types.d.ts': 'declare const x: number;\n',
    });
    expect(filesOf(root)).toEqual(['src/app.ts']);
  });

  it('adds the test files with includeTests, and nothing else', () => {
    const root = tempProject({ 'src/app.ts': SOURCE, 'src/app.test.ts': SOURCE, 'test/setup.ts': SOURCE, 'src/__tests__/h.ts': SOURCE, 'dist/a.js': SOURCE });
    expect(filesOf(root, { includeTests: true })).toEqual(['src/__tests__/h.ts', 'src/app.test.ts', 'src/app.ts', 'test/setup.ts']);
  });

  it('leaves out test suites outside the test folders, known by their text, and keeps helpers and servers (issue 9)', () => {
    const root = tempProject({
      'src/app.ts': SOURCE,
      // a mocha suite run by `mocha test-suite.js` from a docs folder: `describe` is the runner's global
      'docs/protocol/test-suite.js': "const { expect } = chai;\n\ndescribe('handshake', () => {\n  it('opens', async () => {});\n});\n",
      // node:test, imported
      'src/check.mjs': "import { test } from 'node:test';\ntest('adds', () => {});\n",
      // cucumber step definitions
      'features/step_definitions/steps.ts': "import { Given, Then } from '@cucumber/cucumber';\n\nGiven('a server', async function () {});\nThen('it answers', async function () {});\n",
      // a helper for suites is not a suite
      'src/test-utils.ts': "export function describeServer(name: string) { return `server ${name}`; }\nexport const it = (label: string) => label;\n",
      // a file that declares its own `test` and calls it is not a suite
      'src/selftest.ts': "function test(name: string, run: () => void) { run(); }\ntest('startup', () => {});\n",
      // calls indented inside a function are not at the top level
      'src/router.ts': "export function routes(r: { describe(path: string, f: () => void): void }) {\n  r.describe('/users', () => {});\n}\n",
      // a generator whose template is a suite's text: the module exports, so it is imported, not run
      'src/templates/test.tpl.ts': "const template = (path: string) => `import assert from 'assert'\n\ndescribe('${path} service', () => {\n  it('registered the service', () => {})\n})\n`;\nexport const generate = (path: string) => template(path);\n",
      // Given/When/Then of something other than cucumber
      'src/flow.ts': "import { Given } from './dsl';\nGiven('a cart', () => {});\n",
    });
    expect(filesOf(root)).toEqual(['src/app.ts', 'src/flow.ts', 'src/router.ts', 'src/selftest.ts', 'src/templates/test.tpl.ts', 'src/test-utils.ts']);
    const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: false });
    expect(project.notices).toContain('3 test suites outside the test folders left out (--include-tests audits them)');
    expect(filesOf(root, { includeTests: true })).toEqual(['docs/protocol/test-suite.js', 'features/step_definitions/steps.ts', 'src/app.ts', 'src/check.mjs', 'src/flow.ts', 'src/router.ts', 'src/selftest.ts', 'src/templates/test.tpl.ts', 'src/test-utils.ts']);
    expect(filesOf(root, { paths: ['docs/protocol/test-suite.js'] })).toEqual(['test-suite.js']);
  });

  it('honours .gitignore files, nested ones relative to their own folder, and negations', () => {
    const root = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/.gitignore': 'local-*.ts\n!local-keep.ts\n',
      'src/app.ts': SOURCE,
      'src/api.gen.ts': SOURCE,
      'src/local-scratch.ts': SOURCE,
      'src/local-keep.ts': SOURCE,
      'generated/client.ts': SOURCE,
    });
    expect(filesOf(root)).toEqual(['src/app.ts', 'src/local-keep.ts']);
  });

  it('applies the repository root .gitignore when a subfolder is audited', () => {
    const root = tempProject({ '.git/HEAD': 'x', '.gitignore': 'secret.ts\n', 'pkg/src/app.ts': SOURCE, 'pkg/src/secret.ts': SOURCE });
    const project = loadProject({ cwd: root, paths: ['pkg'], includeTests: false, typeInfo: false });
    expect([...project.sources.keys()]).toEqual([join(root, 'pkg/src/app.ts')]);
  });

  it('judges the default exclusions relative to the folder named, so a fixtures folder can be audited explicitly', () => {
    const root = tempProject({ 'fixtures/demo/src/app.ts': SOURCE, 'fixtures/demo/src/app.test.ts': SOURCE, 'src/main.ts': SOURCE });
    const project = loadProject({ cwd: root, paths: ['fixtures/demo'], includeTests: false, typeInfo: false });
    expect([...project.sources.keys()]).toEqual([join(root, 'fixtures/demo/src/app.ts')]);
    expect(project.root).toBe(join(root, 'fixtures/demo'));
  });

  it('audits a file named explicitly even when the defaults would skip it', () => {
    const root = tempProject({ 'src/app.test.ts': SOURCE, 'src/other.ts': SOURCE });
    const project = loadProject({ cwd: root, paths: ['src/app.test.ts'], includeTests: false, typeInfo: false });
    expect([...project.sources.keys()]).toEqual([join(root, 'src/app.test.ts')]);
  });

  it("takes the tsconfig's own file list when no path is given, and narrows it to the paths given", () => {
    const root = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
      'src/a.ts': SOURCE,
      'src/b/c.ts': SOURCE,
      'src/a.test.ts': SOURCE,
      'scripts/tool.ts': SOURCE,
    });
    expect(filesOf(root)).toEqual(['src/a.ts', 'src/b/c.ts']);
    expect(filesOf(root, { paths: ['src/b'] })).toEqual(['src/b/c.ts']);
  });

  it('finds the nearest tsconfig above the first path, or takes the one given with --project', () => {
    const root = tempProject({ 'tsconfig.json': '{ "include": ["src"] }', 'src/deep/a.ts': SOURCE, 'other/tsconfig.custom.json': '{ "files": ["x.ts"] }', 'other/x.ts': SOURCE });
    expect(loadProject({ cwd: join(root, 'src/deep'), paths: [], includeTests: false, typeInfo: false }).tsconfigPath).toBe(join(root, 'tsconfig.json'));
    const custom = loadProject({ cwd: root, paths: [], tsconfig: 'other/tsconfig.custom.json', includeTests: false, typeInfo: false });
    expect([...custom.sources.keys()]).toEqual([join(root, 'other/x.ts')]);
  });

  it('builds one program holding every TypeScript file (and only TS files as roots) in type-aware mode', () => {
    const root = tempProject({ 'src/a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'src/b.ts': 'export const b = 2;\n', 'src/c.js': SOURCE });
    const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: true });
    const programFiles = project.program!.getSourceFiles().map((file) => file.fileName);
    expect(programFiles).toContain(join(root, 'src/a.ts'));
    expect(programFiles).toContain(join(root, 'src/b.ts'));
    expect(programFiles).not.toContain(join(root, 'src/c.js'));
    expect(loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: false }).program).toBeUndefined();
  });

  it('refuses a path that does not exist and a --project that is not there', () => {
    const root = tempProject({ 'a.ts': SOURCE });
    expect(() => loadProject({ cwd: root, paths: ['nope'], includeTests: false, typeInfo: false })).toThrow(AuditSetupError);
    expect(() => loadProject({ cwd: root, paths: [], tsconfig: 'missing.json', includeTests: false, typeInfo: false })).toThrow(/no tsconfig/);
  });

  it('sets aside binary, non-UTF-8 and unreadable files with the reason, and strips a byte order mark', () => {
    const root = tempProject({
      'src/image.js': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'src/latin1.ts': new Uint8Array([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0xe9, 0x3b]),
      'src/bom.ts': `\uFEFF${SOURCE}`,
    });
    const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: false });
    expect(project.unreadable.map(({ file, reason }) => [file.slice(root.length + 1), reason.split(' ')[0]])).toEqual([
      ['src/image.js', 'binary'],
      ['src/latin1.ts', 'not'],
    ]);
    expect(project.sources.get(join(root, 'src/bom.ts'))).toBe(SOURCE);
  });
});

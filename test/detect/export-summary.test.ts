import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import fs, { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossFileParses } from '../../src/detect/project-files.js';
import { promiseAnalysis } from '../../src/detect/promises.js';

// The syntactic cross-file question reads another file's export summary (from a bare parse) first,
// and parses the file fully only where syntax does not decide. These tests pin both the answers
// and which parses they cost.

let root: string;

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** The promise source's name (or null) of every expression statement of `code`, linted as `file` without types, and the cross-file parses it took. */
function lint(file: string, code: string): { found: Record<string, string | null>; full: number; bare: number; typescript: number } {
  const found: Record<string, string | null> = {};
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        ExpressionStatement(statement: TSESTree.ExpressionStatement) {
          found[context.sourceCode.getText(statement.expression)] = promiseAnalysis(context).promiseSource(statement.expression)?.name ?? null;
        },
      };
    },
  };
  const before = crossFileParses();
  const messages = new Linter({ cwd: root }).verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { it: rule as never } } }, rules: { 'probe/it': 'error' } }],
    join(root, file),
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  const after = crossFileParses();
  return { found, full: after.full - before.full, bare: after.bare - before.bare, typescript: after.typescript - before.typescript };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-export-summary-'));
  write({
    'lib.ts': [
      'export async function send() {}',
      'export function plain() { console.log("x"); }',
      'export function relay() { return send(); }',
      'export { send as deliver };',
    ].join('\n'),
    'barrel.ts': "export * from './lib.js';\nexport { plain as quiet } from './lib.js';",
    'service.ts': [
      'export class Service {',
      '  async start() {}',
      '  stop(): void {}',
      '}',
      'export class Child extends Service {}',
      'export interface Options { close(): Promise<void>; }',
    ].join('\n'),
    'changing.ts': 'export function later() {}',
    'quiet-service.ts': 'export class QuietService {\n  stop(): void {\n    console.log("stopped");\n  }\n}',
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the export summary of another project file (syntactic mode)', () => {
  it('answers for imported functions from a bare parse, through re-exports, and parses fully only a function whose returns need scopes', () => {
    const first = lint('app.ts', "import { send, plain, deliver } from './lib.js';\nimport { quiet } from './barrel.js';\nsend();\nplain();\ndeliver();\nquiet();");
    expect(first.found).toEqual({ 'send()': 'send', 'plain()': null, 'deliver()': 'deliver', 'quiet()': null });
    expect(first).toMatchObject({ full: 0, bare: 2 });

    const relayed = lint('app.ts', "import { relay } from './lib.js';\nrelay();");
    expect(relayed.found).toEqual({ 'relay()': 'relay' });
    expect(relayed.full).toBe(1);
  });

  it('keeps what it learnt: another file asking the same questions parses nothing', () => {
    lint('one.ts', "import { send, plain } from './lib.js';\nsend();\nplain();");
    const again = lint('two.ts', "import { send, plain } from './barrel.js';\nsend();\nplain();");
    expect(again).toEqual({ found: { 'send()': 'send', 'plain()': null }, full: 0, bare: 0, typescript: 0 });
  });

  it('answers for a method called on a receiver declared as an imported class, and leaves inherited methods and interfaces to the full parse', () => {
    const own = lint(
      'uses-service.ts',
      "import type { Service } from './service.js';\nexport function use(service: Service) {\n  service.start();\n  service.stop();\n}",
    );
    expect(own.found).toEqual({ 'service.start()': 'service.start', 'service.stop()': null });
    expect(own.full).toBe(0);

    const inherited = lint('uses-child.ts', "import type { Child } from './service.js';\nexport function use(child: Child) {\n  child.start();\n}");
    expect(inherited.found).toEqual({ 'child.start()': 'child.start' });
    expect(inherited.full).toBe(1);

    const field = lint(
      'holder.ts',
      "import type { Service } from './service.js';\nexport class Holder {\n  constructor(private readonly service: Service) {}\n  run() {\n    this.service.start();\n  }\n}",
    );
    expect(field.found).toEqual({ 'this.service.start()': 'this.service.start' });
    expect(field.full).toBe(0);
  });

  it('answers a plain method of an exported class from its tokens, with no parse, and reads the class again once it changes', () => {
    const code = "import type { QuietService } from './quiet-service.js';\nexport function use(service: QuietService) {\n  service.stop();\n}";
    expect(lint('uses-quiet.ts', code)).toEqual({ found: { 'service.stop()': null }, full: 0, bare: 0, typescript: 0 });
    write({ 'quiet-service.ts': 'export class QuietService {\n  async stop() {\n    console.log("stopping");\n  }\n}' });
    utimesSync(join(root, 'quiet-service.ts'), new Date(), new Date(Date.now() + 2000));
    expect(lint('uses-quiet.ts', code)).toEqual({ found: { 'service.stop()': 'service.stop' }, full: 0, bare: 0, typescript: 1 });
  });

  it('looks at an imported file on disk once per lint, however often the lint asks about it, and again in the next lint', () => {
    // Five calls of the same imported function, and four methods of the same imported class.
    const code = [
      "import { plain } from './lib.js';",
      "import type { QuietService } from './quiet-service.js';",
      'export function use(service: QuietService) {',
      '  plain();\n  plain();\n  plain();\n  plain();\n  plain();',
      '  service.stop();\n  service.stop();\n  service.stop();\n  service.stop();',
      '}',
    ].join('\n');
    // The CommonJS object is patched and the ES module bindings synced to it (project-files imports statSync by name).
    const patchable = fs as { statSync: typeof fs.statSync };
    const statsOf = (file: string): (() => number) => {
      const { statSync } = fs;
      let count = 0;
      patchable.statSync = ((path: fs.PathLike, ...rest: unknown[]) => {
        if (path === join(root, file)) count++;
        return (statSync as (...args: unknown[]) => unknown)(path, ...rest);
      }) as typeof fs.statSync;
      syncBuiltinESMExports();
      return () => {
        patchable.statSync = statSync;
        syncBuiltinESMExports();
        return count;
      };
    };
    for (const round of [1, 2]) {
      const stopLib = statsOf('lib.ts');
      const stopService = statsOf('quiet-service.ts');
      lint('uses-both.ts', code);
      // One stat resolves the import specifier to the file, one reads its version; each asked once per lint.
      expect([stopService(), stopLib()], `lint ${round}`).toEqual([2, 2]);
    }
  });

  it('reads a file again once it changes on disk', () => {
    const code = "import { later } from './changing.js';\nlater();";
    expect(lint('app.ts', code).found).toEqual({ 'later()': null });
    write({ 'changing.ts': 'export async function later() {}' });
    // A new modification time even on a coarse clock: the size changed as well.
    utimesSync(join(root, 'changing.ts'), new Date(), new Date(Date.now() + 2000));
    const changed = lint('app.ts', code);
    expect(changed.found).toEqual({ 'later()': 'later' });
    // A plain `export async function` is read off TypeScript's own tree (typescript-exports), not converted to ESTree.
    expect(changed).toMatchObject({ bare: 0, typescript: 1 });
  });
});

import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/transform.js';

// Found on a real project (bullmq): Babel's `tsx` parser reads a `<T>value` cast, legal in a .ts
// file, as the start of a JSX element, so a rewritten file failed its re-parse check.
describe('parsers per file kind', () => {
  const j = jscodeshift.withParser('tsx');
  const source = 'async function send(): Promise<void> {}\nexport function run(client: unknown) {\n  const name = (<any>client).name;\n  send();\n  return name;\n}\n';

  it('rewrites a .ts file that uses angle-bracket casts', () => {
    const result = fixSource(source, '/project/src/cast.ts', j, { root: '/project' });
    expect(result.output).toBe(
      "import { tasks } from '@spawnguard/runtime';\nasync function send(): Promise<void> {}\nexport function run(client: unknown) {\n  const name = (<any>client).name;\n  tasks.start(async () => send(), { name: 'cast.send' });\n  return name;\n}\n",
    );
  });

  it('still parses JSX in .tsx files', () => {
    const tsx = 'async function send() {}\nexport const View = () => {\n  send();\n  return <div />;\n};\n';
    expect(fixSource(tsx, '/project/src/view.tsx', j, { root: '/project' }).output).toContain("tasks.start(async () => send(), { name: 'view.send' });");
  });

  // Also found on bullmq: with Babel's `parenthesized` flag, recast laid out anew a multi-line
  // parenthesized expression elsewhere in the class, collapsing it onto one line.
  it('keeps a parenthesized multi-line expression elsewhere in the file as written', () => {
    const code = [
      'class Connection {',
      '  static isBad(client: unknown, message: string): boolean {',
      '    return (',
      '      Connection.isEmpty(client) ||',
      '      /timed out/i.test(message)',
      '    );',
      '  }',
      '  static isEmpty(_: unknown): boolean { return false; }',
      '  close(pending: Promise<void>): void {',
      '    pending.catch(() => {});',
      '  }',
      '}',
      '',
    ].join('\n');
    const output = fixSource(code, '/project/src/connection.ts', j, { root: '/project' }).output ?? '';
    expect(output).toContain("pending.catch(report('connection.Connection.close'));");
    expect(output).toContain('    return (\n      Connection.isEmpty(client) ||\n      /timed out/i.test(message)\n    );');
  });
});

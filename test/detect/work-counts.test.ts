// The counts `npm run bench -- lint` prints beside its times: each must count the work it names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceFilesUnder } from '../../src/detect/source-files.js';
import { workCounts } from '../../src/detect/work-counts.js';

const root = mkdtempSync(join(tmpdir(), 'spawnguard-work-counts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('work counts', () => {
  it('counts a walk of the source tree and the files it listed', () => {
    mkdirSync(join(root, 'src'));
    mkdirSync(join(root, 'node_modules'));
    writeFileSync(join(root, 'src', 'a.ts'), '');
    writeFileSync(join(root, 'src', 'b.js'), '');
    writeFileSync(join(root, 'node_modules', 'c.js'), '');
    const before = workCounts();
    expect(sourceFilesUnder(root, false).files).toHaveLength(2);
    sourceFilesUnder(root, false);
    const after = workCounts();
    expect(after['source tree walks'] - before['source tree walks']).toBe(2);
    expect(after['files listed by source tree walks'] - before['files listed by source tree walks']).toBe(4);
    expect(after['implementation searches']).toBe(before['implementation searches']);
  });

  it('counts one implementation search per interface method of a program, however often a lint asks about it', () => {
    // In a process of its own, on the build: typescript-eslint keeps a typed project's program for the
    // process's life. With CI=true it would also take the run for a single one and build the program from
    // the files on disk, not from the text linted here (as RuleTester, this lint says it is not).
    const typedProjectRoot = fileURLToPath(new URL('../rules/typed-project/', import.meta.url));
    const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
    const code = "import type { Store } from './store.js';\nexport function join(store: Store) {\n  store.addMember('a', { id: 'a' });\n  store.addMember('b', { id: 'b' });\n  store.getMembers('a');\n}";
    const script = `
const tsParser = await import('@typescript-eslint/parser');
const { Linter } = await import('eslint');
const { default: rule } = await import(${JSON.stringify(pathToFileURL(join(dist, 'rules/no-floating-promise.js')).href)});
const { workCounts } = await import(${JSON.stringify(pathToFileURL(join(dist, 'src/detect/work-counts.js')).href)});
const config = [{
  files: ['**/*.ts'],
  languageOptions: { parser: tsParser, parserOptions: { tsconfigRootDir: ${JSON.stringify(typedProjectRoot)}, project: './tsconfig.json', disallowAutomaticSingleRunInference: true } },
  plugins: { spawnguard: { rules: { 'no-floating-promise': rule } } },
  rules: { 'spawnguard/no-floating-promise': 'error' },
}];
const counts = [workCounts()];
for (let run = 0; run < 2; run++) {
  const fatal = new Linter().verify(${JSON.stringify(code)}, config, ${JSON.stringify(join(typedProjectRoot, 'projects/cannot-reject/app.ts'))}).filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(fatal[0].message);
  counts.push(workCounts());
}
process.stdout.write(JSON.stringify(counts));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../../', import.meta.url)), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const [before, first, second] = JSON.parse(run.stdout) as Record<string, number>[];
    // addMember and getMembers of the interface Store: two searches, not one per call; none again for the same program.
    expect(first!['implementation searches']! - (before!['implementation searches'] ?? 0)).toBe(2);
    expect(second!['implementation searches']).toBe(first!['implementation searches']);
    expect(first!['files read by implementation searches']).toBeGreaterThan(before!['files read by implementation searches'] ?? 0);
  });
});

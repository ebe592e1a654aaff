// The counts `npm run bench -- lint` prints beside its times: each must count the work it names.
import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import noFloatingPromise from '../../rules/no-floating-promise.js';
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
    const typedProjectRoot = fileURLToPath(new URL('../rules/typed-project/', import.meta.url));
    const code = "import type { Store } from './store.js';\nexport function join(store: Store) {\n  store.addMember('a', { id: 'a' });\n  store.addMember('b', { id: 'b' });\n  store.getMembers('a');\n}";
    const lint = () =>
      new Linter().verify(
        code,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tsParser as Linter.Parser, parserOptions: { tsconfigRootDir: typedProjectRoot, project: './tsconfig.json' } },
            plugins: { spawnguard: { rules: { 'no-floating-promise': noFloatingPromise as never } } },
            rules: { 'spawnguard/no-floating-promise': 'error' },
          },
        ],
        join(typedProjectRoot, 'projects/cannot-reject/app.ts'),
      );
    const before = workCounts();
    expect(lint().filter((message) => message.fatal)).toEqual([]);
    const afterFirst = workCounts();
    expect(lint().filter((message) => message.fatal)).toEqual([]);
    const afterSecond = workCounts();
    // addMember and getMembers of the interface Store: at most two searches, not one per call (three), and
    // none again for the same program. A test file run earlier in this worker may have asked already
    // (typescript-eslint keeps the program per tsconfig): then this lint adds none, but some were made.
    expect(afterFirst['implementation searches'] - before['implementation searches']).toBeLessThanOrEqual(2);
    expect(afterSecond['implementation searches']).toBe(afterFirst['implementation searches']);
    expect(afterSecond['implementation searches']).toBeGreaterThan(0);
    expect(afterSecond['files read by implementation searches']).toBeGreaterThan(0);
  });
});

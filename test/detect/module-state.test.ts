import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { moduleContainers, unownedStateOf } from '../../src/detect/module-state.js';
import { filesReadForCallers } from '../../src/detect/project-callers.js';

// Whether a container changed by an exported function is filled on a registration path asks who calls
// that function across the repository, and that question reads every file of it (project-callers).
// It is asked only when the answer can decide the finding.

let root: string;

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** unownedStateOf for each module container of `code` (written and linted as `file`), and how many files the callers index read meanwhile. */
function findings(file: string, code: string): { found: Record<string, string | null>; filesRead: number } {
  const found: Record<string, string | null> = {};
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        'Program:exit'(program: TSESTree.Program) {
          for (const container of moduleContainers(program, context.sourceCode, context.filename)) found[container.name] = unownedStateOf(container, false);
        },
      };
    },
  };
  // On disk too (a caller counts only when its import resolves to this file), written only when new: a write is a change.
  if (!existsSync(join(root, file)) || readFileSync(join(root, file), 'utf8') !== code) write({ [file]: code });
  const before = filesReadForCallers();
  const messages = new Linter({ cwd: root }).verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { it: rule as never } } }, rules: { 'probe/it': 'error' } }],
    join(root, file),
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return { found, filesRead: filesReadForCallers() - before };
}

const REGISTRY = [
  'const themes = new Map<string, { name: string }>();',
  'export function addTheme(name: string) {',
  '  themes.set(name, { name });',
  '}',
  'export function getByName(name: string) {',
  '  return themes.get(name);',
  '}',
].join('\n');

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-module-state-'));
  write({
    'package.json': JSON.stringify({ name: 'registry-project', private: true }),
    'src/packages.ts': "import { addTheme } from './themes.js';\nexport function loadPackage(name: string) {\n  addTheme(name);\n}",
    'src/routes.ts': "import { getByName } from './themes.js';\nexport function handle(name: string) {\n  return getByName(name);\n}",
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('moduleContainers: the registration question across files', () => {
  // First: the callers index, once built, is kept for a while, and would hide a question asked.
  it('reads no file when the container is decided without it: owned, or an exported collection', () => {
    // Entries are deleted again where they are added: owned, whoever calls addTheme.
    const owned = findings('src/owned.ts', `${REGISTRY}\nexport function removeTheme(name: string) {\n  themes.delete(name);\n}`);
    expect(owned.found).toEqual({ themes: null });
    expect(owned.filesRead).toBe(0);

    // An exported collection born empty exists to be filled by other modules: a finding, whoever calls addTheme.
    const exported = findings('src/exported.ts', REGISTRY.replace('const themes', 'export const themes'));
    expect(exported.found).toEqual({ themes: 'mutated-by-functions' });
    expect(exported.filesRead).toBe(0);
  });

  it('asks the repository when the answer decides: an exported function that only a registration path calls', () => {
    const registry = findings('src/themes.ts', REGISTRY);
    expect(registry.found).toEqual({ themes: null });
    expect(registry.filesRead).toBeGreaterThan(0);
  });

  it('after its window, reads the repository again only when a file changed, and then sees the change', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(findings('src/themes.ts', REGISTRY).found).toEqual({ themes: null });
      vi.setSystemTime(Date.now() + 31_000);
      expect(findings('src/themes.ts', REGISTRY)).toEqual({ found: { themes: null }, filesRead: 0 });

      // The only caller no longer runs on a registration path.
      write({ 'src/packages.ts': "import { addTheme } from './themes.js';\nexport function handleRequest(name: string) {\n  addTheme(name);\n}" });
      vi.setSystemTime(Date.now() + 31_000);
      const changed = findings('src/themes.ts', REGISTRY);
      expect(changed.found).toEqual({ themes: 'mutated-by-functions' });
      expect(changed.filesRead).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

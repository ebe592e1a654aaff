import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// README.md's "Layout" section is where a newcomer looks first: it must name every folder of the
// repository and of src/, and nothing that is not there.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The paths the Layout block names: the fields of its lines that hold a `/` and no space. */
function namedPaths(): string[] {
  const block = /^## Layout\n+```\n([\s\S]*?)\n```/m.exec(readme)?.[1];
  if (block === undefined) throw new Error('README.md has no Layout section with a code block');
  return block.split('\n').flatMap((line) => line.split(/\s{2,}/).filter((field) => field.includes('/') && !/\s/.test(field)));
}

/** What git tracks at the top level and in src/ (build output and installed packages are ignored). */
const UNTRACKED = new Set(['.git', 'node_modules', 'dist']);

describe("README.md's Layout section", () => {
  const named = namedPaths();

  it('names only paths that exist', () => {
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
  });

  it('names every top-level folder', () => {
    const folders = readdirSync(repoRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !UNTRACKED.has(entry.name));
    expect(folders.map((entry) => entry.name).filter((name) => !named.some((path) => path.startsWith(`${name}/`)))).toEqual([]);
  });

  it('names every folder and file directly in src/', () => {
    const entries = readdirSync(join(repoRoot, 'src'), { withFileTypes: true }).map((entry) => `src/${entry.name}${entry.isDirectory() ? '/' : ''}`);
    expect(entries.filter((entry) => !named.includes(entry))).toEqual([]);
  });
});

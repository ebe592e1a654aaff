import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { writeFiles } from '../../audit/temp-project.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=spawnguard-test', '-c', 'user.email=test@spawnguard.invalid', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A fresh git repository (removed after the test) with the files committed. */
export function tempGitRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'spawnguard-fix-'));
  made.push(root);
  writeFiles(root, files);
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  return root;
}

export interface FileState {
  text: string;
  mtimeMs: number;
}

/** Each file's text and mtime, after setting every mtime an hour back so a rewrite would show. */
export function snapshot(root: string, paths: readonly string[]): Record<string, FileState> {
  const anHourAgo = new Date(Date.now() - 3_600_000);
  return Object.fromEntries(
    paths.map((path) => {
      utimesSync(join(root, path), anHourAgo, anHourAgo);
      return [path, { text: readFileSync(join(root, path), 'utf8'), mtimeMs: statSync(join(root, path)).mtimeMs }];
    }),
  );
}

export function stateOf(root: string, path: string): FileState {
  return { text: readFileSync(join(root, path), 'utf8'), mtimeMs: statSync(join(root, path)).mtimeMs };
}

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { AuditSetupError } from './project.js';

function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0];
    throw new AuditSetupError(`--changed-since: git ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/**
 * `--changed-since <ref>`: absolute paths of the files that differ between the working tree and the
 * point where the current branch left `ref` (its merge base, as a pull request's diff is computed),
 * staged, unstaged and untracked alike. Deleted files are not listed: there is nothing to audit.
 */
export function filesChangedSince(cwd: string, ref: string): Set<string> {
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  const base = git(top, ['merge-base', ref, 'HEAD']).trim();
  const changed = git(top, ['diff', '--name-only', '--no-renames', '--diff-filter=d', '-z', base]);
  const untracked = git(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  return new Set(
    [...changed.split('\0'), ...untracked.split('\0')].filter((path) => path.length > 0).map((path) => resolve(top, path)),
  );
}

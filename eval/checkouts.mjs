// What eval/run.mjs and eval/migrate.mjs share: their command lines, their usage errors, git, and
// putting a checkout at its pinned commit.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** `<tool>: <message>` on stderr, exit 2: a usage error or a run that cannot start. */
export function fail(tool, message) {
  console.error(`${tool}: ${message}`);
  process.exit(2);
}

/**
 * node:util's parseArgs over the process's arguments, positionals allowed: `--help` / `-h` prints
 * `usage` and exits 0; an unknown or incomplete option fails with the usage.
 */
export function parseCommandLine(tool, usage, options) {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (error) {
    fail(tool, `${error.message}\n${usage}`);
  }
  if (parsed.values.help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** `git -C dir ...args`, never throwing: its status, stdout and stderr. */
export function git(dir, ...args) {
  return spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

/** git's trimmed output; throws git's message when it fails. */
export function gitOutput(dir, ...args) {
  const result = git(dir, ...args);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/**
 * Puts the checkout at `commit`; null when it is there, else why it is not. A checkout with local
 * changes is left alone (they may be someone's work), unless `discardChanges`: then every change and
 * untracked file of an earlier run is undone first (node_modules kept), for a tool that itself writes
 * into the checkout (migrate).
 */
export function pinCheckout(dir, { github, commit }, { discardChanges = false } = {}) {
  if (!existsSync(join(dir, '.git'))) return `missing; git clone https://github.com/${github}.git ${dir} && git -C ${dir} checkout ${commit}`;
  if (discardChanges) {
    gitOutput(dir, 'reset', '--hard', '-q');
    gitOutput(dir, 'clean', '-fdq', '-e', 'node_modules');
  }
  const head = git(dir, 'rev-parse', 'HEAD').stdout.trim();
  if (head === commit) return null;
  if (git(dir, 'status', '--porcelain', '--untracked-files=no').stdout.trim() !== '') {
    return `at ${head.slice(0, 12)} with local changes; not moving it to ${commit}`;
  }
  const checkout = git(dir, 'checkout', '--quiet', '--detach', commit);
  return checkout.status === 0 ? null : `cannot check out ${commit}: ${checkout.stderr.trim().split('\n')[0]}`;
}

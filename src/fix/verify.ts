import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installedCli, runInstalledCli } from '../audit/installed-cli.js';
import { writeFileAtomic } from './atomic-write.js';
import { describeLintFailures, lintFailuresIn, newLintFailures, type LintFailure } from './lint-output.js';
import type { AppliedFinding } from './transform.js';

/**
 * `spawnguard fix --verify "<test command>"`: the project's type check (`tsc --noEmit` when it has a
 * tsconfig.json), its own test command and, with `--verify-lint "<command>"`, its lint or format
 * check, run before the fix and after it. When something that
 * passed before fails after, the rewrites responsible are found by bisection, first over the rewritten
 * files, then over the findings of each file found (each check run with only some rewritten); those
 * rewrites are left undone, the others kept, and each one left is reported with the failure it caused.
 */
export interface CheckRun {
  /** `error TS....` lines of the type check; undefined when the project has no tsconfig.json. */
  typeErrors: string[] | undefined;
  /** The test command's outcome; undefined when none was given. */
  tests: { passed: boolean; output: string; timedOutAfterSeconds?: number } | undefined;
  /** The lint/format command's outcome and the errors it printed (lint-output.ts); undefined when none was given. */
  lint?: { passed: boolean; output: string; failures: LintFailure[]; timedOutAfterSeconds?: number } | undefined;
}

/** The project's test (or lint) command and how long one run of it may take before it is stopped. */
export interface TestCommand {
  command: string;
  timeoutMs: number;
}

/** `--verify-timeout`'s default: a suite that has not finished in 10 minutes is taken for hung. */
export const DEFAULT_TEST_TIMEOUT_SECONDS = 600;

/** Printed by the watchdog when it stopped the command: how runChecks tells a time-out from a failure. */
const TIMED_OUT = 'spawnguard-verify-timed-out';

/**
 * Runs the shell command in a process group of its own and, past the time limit, kills the whole
 * group (a test runner's workers and servers with it). When the command ends in time, what it left
 * running in its group is killed too: it would hold the output pipe open and the fix would wait on
 * it for ever. A group cannot be killed through spawnSync's own `timeout` (it signals the shell
 * only), hence this small Node program between the fix and the command.
 */
const WATCHDOG = `
const { spawn } = require('node:child_process');
const [command, timeoutMs, marker] = process.argv.slice(1);
const child = spawn(command, { shell: true, detached: true, stdio: 'inherit' });
const killGroup = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} };
// Out of the terminal's process group, the command no longer gets Ctrl-C itself: pass it on.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => { killGroup(); process.exit(130); });
let timedOut = false;
const timer = setTimeout(() => { timedOut = true; killGroup(); }, Number(timeoutMs));
child.on('error', (error) => { clearTimeout(timer); process.stderr.write(String(error) + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  killGroup();
  if (timedOut) process.stderr.write('\\n' + marker + '\\n');
  process.exit(timedOut ? 124 : code ?? (signal ? 128 : 1));
});
`;

/** A rewritten file as the fix wrote it, and how to write it again with some of its rewrites left out. */
export interface VerifiedFile {
  before: string;
  after: string;
  /** The findings the fix rewrote in it. */
  applied: readonly AppliedFinding[];
  /** The file's text with the findings in `leave` (by id) not rewritten; null when nothing is. */
  rewriteLeaving: (leave: ReadonlyMap<string, string>) => string | null;
}

export interface Reverted {
  file: string;
  /** The rewrites left undone in that file: every one of them when the whole file was put back. */
  findings: readonly AppliedFinding[];
  /** The whole file was put back (its failure needs rewrites together, or it has a single one). */
  wholeFile: boolean;
  reason: string;
}

export interface Verification {
  before: CheckRun;
  after: CheckRun;
  /** The checks once the responsible rewrites were undone (equal to `after` when none was). */
  final: CheckRun;
  reverted: Reverted[];
  /** The fix made a type error appear (whether or not undoing rewrites removed it). */
  introducedTypeErrors: boolean;
  /**
   * The tests failed after the fix, but passed when the same code was checked again (`final` is that
   * second run): the suite's own flakiness, which no rewrite is blamed for.
   */
  notReproduced?: string;
}

/** The project's own tsc when installed, else the one spawnguard runs on (typescript is its dependency). */
function tscPath(root: string): string {
  return installedCli('typescript', 'tsc', join(root, 'package.json')) ?? installedCli('typescript', 'tsc', fileURLToPath(import.meta.url))!;
}

const tail = (text: string, lines = 20) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** One run of a shell command under the watchdog: its whole output, and whether it passed or timed out. */
function runCommand(root: string, { command, timeoutMs }: TestCommand): { passed: boolean; status: number | null; output: string; timedOutAfterSeconds?: number } {
  const run = spawnSync(process.execPath, ['-e', WATCHDOG, command, String(timeoutMs), TIMED_OUT], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.status === 124 && output.trimEnd().endsWith(TIMED_OUT)) {
    const seconds = timeoutMs / 1000;
    const limit = `timed out after ${seconds} s: the command and the processes it started were killed (--verify-timeout)`;
    return { passed: false, status: run.status, timedOutAfterSeconds: seconds, output: `${output.trimEnd().slice(0, -TIMED_OUT.length)}${limit}` };
  }
  return { passed: run.status === 0, status: run.status, output };
}

const timedOut = (run: { timedOutAfterSeconds?: number }) => (run.timedOutAfterSeconds === undefined ? {} : { timedOutAfterSeconds: run.timedOutAfterSeconds });

export function runChecks(root: string, testCommand: TestCommand | undefined, lintCommand?: TestCommand): CheckRun {
  let typeErrors: string[] | undefined;
  if (existsSync(join(root, 'tsconfig.json'))) {
    const tsc = runInstalledCli(tscPath(root), ['--noEmit', '-p', root], { cwd: root });
    typeErrors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  }
  let tests: CheckRun['tests'];
  if (testCommand) {
    const run = runCommand(root, testCommand);
    tests = { passed: run.passed, output: tail(run.output), ...timedOut(run) };
  }
  let lint: CheckRun['lint'];
  if (lintCommand) {
    const run = runCommand(root, lintCommand);
    const failures = run.timedOutAfterSeconds === undefined ? lintFailuresIn(run.output, root, run.status) : [{ file: '', rule: 'timed out', message: tail(run.output, 1) }];
    lint = { passed: run.passed, output: tail(run.output), failures, ...timedOut(run) };
  }
  return { typeErrors, tests, ...(lint ? { lint } : {}) };
}

/** The lint errors in `now` that were not there `before` (none when no lint command ran). */
export function newLintFailuresOf(before: CheckRun, now: CheckRun): LintFailure[] {
  return before.lint && now.lint ? newLintFailures(before.lint.failures, now.lint.failures) : [];
}

/** What got worse from `before` to `now`, in words; undefined when nothing did. */
export function regressionOf(before: CheckRun, now: CheckRun): string | undefined {
  const known = new Set(before.typeErrors ?? []);
  const newTypeErrors = (now.typeErrors ?? []).filter((line) => !known.has(line));
  if (newTypeErrors.length > 0) return `type check: ${newTypeErrors.slice(0, 5).join('; ')}`;
  const newLint = newLintFailuresOf(before, now);
  if (newLint.length > 0) return `lint failed after the fix:\n${describeLintFailures(newLint.slice(0, 5))}`;
  if (before.tests?.passed && now.tests && !now.tests.passed) return `tests failed after the fix:\n${now.tests.output}`;
  return undefined;
}

/**
 * The items to blame for a failure that all of `items` together cause: halves are tried alone
 * (`failureWith` sets the project up with only that subset applied and returns its failure), and a
 * half that fails alone is narrowed down the same way. When neither half fails alone, the failure
 * needs items of both: the whole set shares the blame.
 */
function bisect<T>(items: readonly T[], failure: string, failureWith: (subset: readonly T[]) => string | undefined): Map<T, string> {
  const culprits = new Map<T, string>();
  const narrow = (subset: readonly T[], subsetFailure: string): void => {
    if (subset.length === 1) {
      culprits.set(subset[0]!, subsetFailure);
      return;
    }
    const half = Math.ceil(subset.length / 2);
    let found = false;
    for (const part of [subset.slice(0, half), subset.slice(half)]) {
      const partFailure = failureWith(part);
      if (partFailure) {
        found = true;
        narrow(part, partFailure);
      }
    }
    if (!found) for (const item of subset) culprits.set(item, subsetFailure);
  };
  narrow(items, failure);
  return culprits;
}

const BISECTING = 'left out while --verify bisects';

/**
 * `files`: absolute path -> the file as the fix wrote it (on disk now). Undoes the rewrites that make
 * a check that passed fail: the files responsible first, then, within each, all but the findings
 * responsible.
 */
export function verifyFix(
  root: string,
  testCommand: TestCommand | undefined,
  before: CheckRun,
  files: ReadonlyMap<string, VerifiedFile>,
  lintCommand?: TestCommand,
): Verification {
  const checks = () => runChecks(root, testCommand, lintCommand);
  const after = checks();
  const firstRegression = regressionOf(before, after);
  const introducedTypeErrors = (after.typeErrors ?? []).some((line) => !(before.typeErrors ?? []).includes(line));
  if (!firstRegression) return { before, after, final: after, reverted: [], introducedTypeErrors };
  if (!introducedTypeErrors && newLintFailuresOf(before, after).length === 0) {
    // A test failure must come back before anything is bisected: a suite that fails once under load
    // fails in no half alone, and bisect then blames the whole set, putting back every rewrite.
    // (Type and lint errors are read from the code, not from a run that load can disturb.)
    const again = checks();
    if (!regressionOf(before, again)) return { before, after, final: again, reverted: [], introducedTypeErrors, notReproduced: firstRegression };
  }

  const paths = [...files.keys()];
  /** The text each file is to have; a file not in it has its rewritten text. */
  const wanted = new Map<string, string>();
  const textOf = (path: string) => wanted.get(path) ?? files.get(path)!.after;
  const write = () => {
    for (const path of paths) {
      const text = textOf(path);
      if (readFileSync(path, 'utf8') !== text) writeFileAtomic(path, text);
    }
  };
  const check = () => {
    write();
    return regressionOf(before, checks());
  };

  const culpritFiles = bisect(paths, firstRegression, (subset) => {
    const kept = new Set(subset);
    for (const path of paths) {
      if (kept.has(path)) wanted.delete(path);
      else wanted.set(path, files.get(path)!.before);
    }
    return check();
  });
  for (const path of paths) {
    if (culpritFiles.has(path)) wanted.set(path, files.get(path)!.before);
    else wanted.delete(path);
  }

  // One responsible file at a time, the others responsible put back: which of its findings break it?
  const reverted: Reverted[] = [];
  for (const [path, fileFailure] of culpritFiles) {
    const file = files.get(path)!;
    const undoWhole = (reason: string) => {
      wanted.set(path, file.before);
      reverted.push({ file: path, findings: file.applied, wholeFile: true, reason });
    };
    if (file.applied.length < 2) {
      undoWhole(fileFailure);
      continue;
    }
    const textLeaving = (leave: ReadonlyMap<string, string>): string => {
      try {
        return file.rewriteLeaving(leave) ?? file.before;
      } catch {
        // A subset that cannot be rewritten on its own is not a subset to keep.
        return file.before;
      }
    };
    const ids = file.applied.map((finding) => finding.id);
    const leavingAllBut = (subset: readonly string[]) => {
      const keep = new Set(subset);
      return new Map(ids.filter((id) => !keep.has(id)).map((id) => [id, BISECTING]));
    };
    wanted.delete(path);
    const wholeFailure = check();
    if (!wholeFailure) continue; // It broke things only together with a file now put back.
    const culprits = bisect(ids, wholeFailure, (subset) => {
      wanted.set(path, textLeaving(leavingAllBut(subset)));
      return check();
    });
    if (culprits.size === ids.length) {
      undoWhole(wholeFailure);
      continue;
    }
    const leave = new Map([...culprits].map(([id, reason]) => [id, `put back by --verify: ${reason.split('\n')[0]}`]));
    wanted.set(path, textLeaving(leave));
    const partFailure = check();
    if (partFailure) {
      undoWhole(partFailure);
      continue;
    }
    for (const finding of file.applied) {
      const reason = culprits.get(finding.id);
      if (reason !== undefined) reverted.push({ file: path, findings: [finding], wholeFile: false, reason });
    }
  }
  write();
  const final = checks();
  return { before, after, final, reverted, introducedTypeErrors };
}

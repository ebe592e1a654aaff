import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/**
 * `spawnguard fix --verify "<test command>"`: the project's type check (`tsc --noEmit` when it has a
 * tsconfig.json) and its own test command, run before the fix and after it. When something that
 * passed before fails after, the rewritten files responsible are found by bisection (each check run
 * with only some files rewritten), put back as they were, and reported with the failure they caused.
 */
export interface CheckRun {
  /** `error TS....` lines of the type check; undefined when the project has no tsconfig.json. */
  typeErrors: string[] | undefined;
  /** The test command's outcome; undefined when none was given. */
  tests: { passed: boolean; output: string } | undefined;
}

export interface Reverted {
  file: string;
  reason: string;
}

export interface Verification {
  before: CheckRun;
  after: CheckRun;
  /** The checks once the responsible files were put back (equal to `after` when none was). */
  final: CheckRun;
  reverted: Reverted[];
  /** The fix made a type error appear (whether or not putting files back removed it). */
  introducedTypeErrors: boolean;
}

const require = createRequire(import.meta.url);

/** The project's own tsc when installed, else the one spawnguard runs on. */
function tscPath(root: string): string {
  const own = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  return existsSync(own) ? own : require.resolve('typescript/bin/tsc');
}

const tail = (text: string, lines = 20) => text.trimEnd().split('\n').slice(-lines).join('\n');

export function runChecks(root: string, testCommand: string | undefined): CheckRun {
  let typeErrors: string[] | undefined;
  if (existsSync(join(root, 'tsconfig.json'))) {
    const tsc = spawnSync(process.execPath, [tscPath(root), '--noEmit', '-p', root], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    typeErrors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  }
  let tests: CheckRun['tests'];
  if (testCommand) {
    const run = spawnSync(testCommand, { cwd: root, shell: true, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    tests = { passed: run.status === 0, output: tail(`${run.stdout ?? ''}${run.stderr ?? ''}`) };
  }
  return { typeErrors, tests };
}

/** What got worse from `before` to `now`, in words; undefined when nothing did. */
export function regressionOf(before: CheckRun, now: CheckRun): string | undefined {
  const known = new Set(before.typeErrors ?? []);
  const newTypeErrors = (now.typeErrors ?? []).filter((line) => !known.has(line));
  if (newTypeErrors.length > 0) return `type check: ${newTypeErrors.slice(0, 5).join('; ')}`;
  if (before.tests?.passed && now.tests && !now.tests.passed) return `tests failed after the fix:\n${now.tests.output}`;
  return undefined;
}

/**
 * `files`: absolute path -> { before, after } text, the fixed text on disk. Puts back the files whose
 * rewrite makes a check that passed fail.
 */
export function verifyFix(root: string, testCommand: string | undefined, before: CheckRun, files: ReadonlyMap<string, { before: string; after: string }>): Verification {
  const after = runChecks(root, testCommand);
  const firstRegression = regressionOf(before, after);
  const introducedTypeErrors = (after.typeErrors ?? []).some((line) => !(before.typeErrors ?? []).includes(line));
  if (!firstRegression) return { before, after, final: after, reverted: [], introducedTypeErrors };

  const paths = [...files.keys()];
  const apply = (kept: ReadonlySet<string>) => {
    for (const path of paths) {
      const texts = files.get(path)!;
      const wanted = kept.has(path) ? texts.after : texts.before;
      if (readFileSync(path, 'utf8') !== wanted) writeFileAtomic(path, wanted);
    }
  };
  /** The regression with only `subset` rewritten, or undefined. */
  const failureWith = (subset: readonly string[]) => {
    apply(new Set(subset));
    return regressionOf(before, runChecks(root, testCommand));
  };
  const culprits = new Map<string, string>();
  const bisect = (subset: readonly string[], failure: string): void => {
    if (subset.length === 1) {
      culprits.set(subset[0]!, failure);
      return;
    }
    const half = Math.ceil(subset.length / 2);
    const parts = [subset.slice(0, half), subset.slice(half)];
    let found = false;
    for (const part of parts) {
      const partFailure = failureWith(part);
      if (partFailure) {
        found = true;
        bisect(part, partFailure);
      }
    }
    // Only the halves together fail: each file of the set shares the blame.
    if (!found) for (const path of subset) culprits.set(path, failure);
  };
  bisect(paths, firstRegression);
  apply(new Set(paths.filter((path) => !culprits.has(path))));
  const final = runChecks(root, testCommand);
  return {
    before,
    after,
    final,
    reverted: [...culprits].map(([file, reason]) => ({ file, reason })),
    introducedTypeErrors,
  };
}

import { isAbsolute, relative } from 'node:path';

/**
 * What a project's lint or format check complains about, read from what it prints, so `fix
 * --verify-lint "<command>"` can tell the complaints a rewrite added from those that were there
 * before. Read: ESLint's default (stylish) output and xo's (a file line, then `line:column  [error]
 * message  rule` lines, `✖`/`⚠` in xo), ESLint's unix/compact formats (`file:line:column: message
 * [Error/rule]`) and prettier's `--check` (`[warn] file`). Only errors count: a warning does not fail
 * the check. A check that fails and prints nothing of these is one complaint, named by its exit code.
 */
export interface LintFailure {
  /** Relative to the project root. */
  file: string;
  /** The rule that failed (`import-x/order`), `prettier` for a file prettier would reformat. */
  rule: string;
  message: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;
/** A stylish file heading: a path alone on its line (xo adds the first problem's `:line:column`). */
const FILE_HEADING = /^\s*([^\s:✖⚠×]+\.[\w]+)(?::\d+:\d+)?\s*$/;
/** A stylish problem under its heading: `  6:1  error  message  rule` (ESLint), `  ✖  6:1  message  rule` (xo). */
const PROBLEM = /^\s*(?:([✖⚠×])\s+)?\d+:\d+\s+(?:(error|warning)\s+)?(.*?)\s{2,}(\S+)\s*$/;
/** A problem no rule reports (`  1:5  error  Parsing error: Unexpected token`). */
const RULELESS_ERROR = /^\s*(?:✖\s+)?\d+:\d+\s+(?:error\s+)?(\S.*)$/;
/** ESLint's unix and compact formats. */
const UNIX = /^(\S+?):\d+:\d+: (.*?) \[(Error|Warning)\/(\S+)\]$/;
const COMPACT = /^(\S+?): line \d+, col \d+, (Error|Warning) - (.*?) \((\S+)\)$/;
const PRETTIER = /^\[warn\] (\S.*)$/;

export function lintFailuresIn(output: string, root: string, exitStatus: number | null): LintFailure[] {
  const inRoot = (file: string) => (isAbsolute(file) ? relative(root, file) : file);
  const failures: LintFailure[] = [];
  let file: string | undefined;
  for (const raw of output.replace(ANSI, '').split('\n')) {
    const line = raw.trimEnd();
    let match: RegExpExecArray | null;
    if ((match = UNIX.exec(line))) {
      if (match[3] === 'Error') failures.push({ file: inRoot(match[1]!), rule: match[4]!, message: match[2]! });
    } else if ((match = COMPACT.exec(line))) {
      if (match[2] === 'Error') failures.push({ file: inRoot(match[1]!), rule: match[4]!, message: match[3]! });
    } else if ((match = PRETTIER.exec(line))) {
      if (!/^Code style issues/.test(match[1]!)) failures.push({ file: inRoot(match[1]!), rule: 'prettier', message: 'not formatted as prettier would' });
    } else if ((match = FILE_HEADING.exec(line))) {
      file = inRoot(match[1]!);
    } else if (file !== undefined && (match = PROBLEM.exec(line))) {
      const isError = match[2] === 'error' || (match[2] === undefined && match[1] !== '⚠');
      if (isError) failures.push({ file, rule: match[4]!, message: match[3]! });
    } else if (file !== undefined && (match = RULELESS_ERROR.exec(line)) && !/^\s*⚠|^\s*\d+:\d+\s+warning/.test(line)) {
      failures.push({ file, rule: '(no rule)', message: match[1]! });
    } else if (line.trim() === '') {
      file = undefined;
    }
  }
  if (exitStatus !== 0 && failures.length === 0) {
    failures.push({ file: '', rule: `exit ${exitStatus ?? 'signal'}`, message: output.trim().split('\n').slice(-3).join(' / ') });
  }
  return failures;
}

/**
 * The complaints in `now` that `before` did not have: by file and rule, counted (lines move when a
 * rewrite adds an import, so a problem is not matched by its line).
 */
export function newLintFailures(before: readonly LintFailure[], now: readonly LintFailure[]): LintFailure[] {
  const known = new Map<string, number>();
  const key = (failure: LintFailure) => `${failure.file}\0${failure.rule}`;
  for (const failure of before) known.set(key(failure), (known.get(key(failure)) ?? 0) + 1);
  return now.filter((failure) => {
    const left = known.get(key(failure)) ?? 0;
    known.set(key(failure), left - 1);
    return left <= 0;
  });
}

/** `source/index.ts: import-x/order (...message)`, one per line. */
export function describeLintFailures(failures: readonly LintFailure[]): string {
  return failures.map((failure) => `${failure.file || '(the check)'}: ${failure.rule} (${failure.message})`).join('\n');
}

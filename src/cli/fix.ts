import { RULE_CATALOGUE, ruleIds, type RuleId } from '../catalogue/rules.js';
import { runFixConcurrently, type FixRunResult } from '../fix/driver.js';
import { fixableRuleIds } from '../fix/transform.js';
import { DEFAULT_TEST_TIMEOUT_SECONDS, regressionOf, runChecks, verifyFix, type CheckRun, type TestCommand, type Verification } from '../fix/verify.js';
import { relative } from 'node:path';
import {
  choiceOf,
  CONFIG_NAMES,
  configOption,
  engineOption,
  EXIT_ERROR,
  EXIT_FINDINGS,
  EXIT_OK,
  formatOption,
  helpOption,
  lintRunOptions,
  optionsHelp,
  parseCommandArgs,
  sourceOptions,
  threadCount,
  UsageError,
  type Command,
  type OptionTable,
} from './command.js';
import type { CliIO } from './io.js';
import type { ConfigName } from '../audit/linting.js';

const options = {
  rules: { type: 'string', value: '<a,b>', help: 'only these rules', default: `every rule of --config with a rewrite (recommended: ${fixableRuleIdsOf('recommended').join(', ')})` },
  config: { type: 'string', short: 'c', value: '<name>', help: "the rules and settings of this config, as the audit's --config (strict adds no-unowned-state and stricter options)", choices: CONFIG_NAMES, default: 'recommended' },
  'dry-run': { type: 'boolean', help: 'print a unified diff, write nothing' },
  force: { type: 'boolean', help: 'also rewrite files that have uncommitted changes in git' },
  'runtime-import': { type: 'string', value: '<spec>', help: 'import the runtime from <spec>', default: '@spawnguard/runtime' },
  ...sourceOptions,
  ...lintRunOptions,
  'fail-on-remaining': { type: 'boolean', help: 'exit 1 when findings that need a human remain' },
  'no-install': { type: 'boolean', help: 'do not add @spawnguard/runtime to package.json; print the install command' },
  'no-format': {
    type: 'boolean',
    help: "do not format rewritten files with the project's prettier (by default a file the project's prettier left unchanged is formatted with it after)",
  },
  ...formatOption(['text', 'json'], 'text'),
  verify: {
    type: 'string',
    value: '"<command>"',
    help:
      'run the type check (tsc --noEmit, with a tsconfig.json) and <command> (the project\'s tests; "" for the type check only) before and after the fix; the rewrites that break what passed before are found (by file, then by finding), undone and reported, the others kept; exit 1 when the fix introduced a type error',
  },
  'verify-lint': {
    type: 'string',
    value: '"<command>"',
    help: "also run <command> (the project's lint or format check: eslint, xo, prettier --check) before and after; a rewrite that adds a lint error is found and undone like one that breaks a test, and reported with the rule that failed (implies --verify's type check)",
  },
  'verify-timeout': {
    type: 'string',
    value: '<s>',
    help: 'stop a test or lint run after <s> seconds, killing its whole process group, and count it as failed',
    default: String(DEFAULT_TEST_TIMEOUT_SECONDS),
  },
  ...helpOption,
} as const satisfies OptionTable;

/**
 * What `spawnguard fix` rewrites by default: what the audit with the same config reports and a rewrite
 * exists for. A rule only `strict` turns on (no-unowned-state) is rewritten with `--config strict` or when named.
 */
function fixableRuleIdsOf(config: ConfigName): RuleId[] {
  return fixableRuleIds().filter((id) => config === 'strict' || RULE_CATALOGUE[id].recommended === 'recommended');
}

function parseRules(value: string | undefined, config: ConfigName): RuleId[] {
  if (value === undefined) return fixableRuleIdsOf(config);
  const requested = value.split(',').map((item) => item.trim().replace(/^spawnguard\//, '')).filter(Boolean);
  const unknown = requested.filter((id) => !(ruleIds as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError(`--rules: unknown rule(s) ${unknown.join(', ')}; rules: ${ruleIds.join(', ')}`);
  return requested as RuleId[];
}

function verifyTimeoutSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_TEST_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (value.trim() === '' || !(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--verify-timeout must be a number of seconds greater than 0 (got '${value}')`);
  return seconds;
}

function printSummary(result: FixRunResult, io: CliIO, dryRun: boolean): void {
  const out = io.stdout;
  const verb = dryRun ? 'would change' : 'changed';
  out.write(`spawnguard fix: ${verb} ${result.changed.length} of ${result.filesScanned} files\n`);
  const rewrites = Object.entries(result.rewrites).sort(([a], [b]) => a.localeCompare(b));
  for (const [ruleId, count] of rewrites) out.write(`  ${String(count).padStart(5)}  ${ruleId}\n`);
  if (result.refusedDirty.length > 0) {
    out.write(`\nLeft alone (uncommitted changes; commit them or use --force):\n`);
    for (const file of result.refusedDirty) out.write(`  ${file}\n`);
  }
  if (result.remaining.length > 0) {
    out.write(`\n${result.remaining.length} finding(s) need a human:\n`);
    for (const finding of result.remaining) {
      const where = `${finding.file}:${finding.line}:${finding.column}${finding.inFixedText ? ' (in the fixed text)' : ''}`;
      out.write(`  ${where}  ${finding.ruleId}  ${finding.message}\n`);
      if (finding.leftBecause) out.write(`      not rewritten: ${finding.leftBecause}\n`);
    }
  }
  for (const wiring of result.dependencies) {
    out.write(
      wiring.declared
        ? `\nDeclared @spawnguard/runtime in ${wiring.manifest}; run \`${wiring.command}\` there to install it.\n`
        : `\n${wiring.manifest} does not declare @spawnguard/runtime, which the fixed files import: run \`${wiring.command}\` there.\n`,
    );
  }
  if (result.entryPoints.length > 0) {
    out.write(
      `\nThe fix added supervised work: call handleSignals() from @spawnguard/runtime at start-up in ${result.entryPoints.join(', ')} (SIGTERM and SIGINT then stop it cleanly).\n`,
    );
  }
  for (const error of result.errors) io.stderr.write(`spawnguard fix: ${error.file}: ${error.message}\n`);
}

function describeChecks(run: CheckRun): string {
  const types = run.typeErrors === undefined ? 'no tsconfig.json' : `${run.typeErrors.length} type error(s)`;
  const tests =
    run.tests === undefined ? 'no test command' : run.tests.passed ? 'tests pass' : run.tests.timedOutAfterSeconds !== undefined ? `tests timed out after ${run.tests.timedOutAfterSeconds} s` : 'tests fail';
  const lint =
    run.lint === undefined
      ? ''
      : run.lint.timedOutAfterSeconds !== undefined
        ? `, lint timed out after ${run.lint.timedOutAfterSeconds} s`
        : `, ${run.lint.failures.length === 0 ? 'lint clean' : `${run.lint.failures.length} lint error(s)`}`;
  return `${types}, ${tests}${lint}`;
}

function printVerification(verification: Verification, io: CliIO, root: string): void {
  const out = io.stdout;
  out.write(`\nVerification:\n  before the fix: ${describeChecks(verification.before)}\n  after the fix:  ${describeChecks(verification.after)}\n`);
  if (verification.notReproduced !== undefined) {
    out.write('  the failure did not come back when the same code was checked again: no rewrite is blamed for it\n');
    out.write(`  checked again: ${describeChecks(verification.final)}\n`);
  }
  if (verification.reverted.length > 0) {
    const files = verification.reverted.filter((entry) => entry.wholeFile);
    const findings = verification.reverted.filter((entry) => !entry.wholeFile);
    out.write(`  put back (their rewrite broke what passed before): ${files.length} file(s), ${findings.length} finding(s) in files otherwise kept\n`);
    for (const { file, findings: undone, wholeFile, reason } of verification.reverted) {
      const where = wholeFile ? relative(root, file) : `${relative(root, file)}:${undone[0]!.line}:${undone[0]!.column} ${undone[0]!.ruleId}`;
      out.write(`    ${where}: ${reason.split('\n').join('\n      ')}\n`);
    }
    out.write(`  after putting them back: ${describeChecks(verification.final)}\n`);
  }
  if (verification.introducedTypeErrors) io.stderr.write('spawnguard fix: the fix introduced type errors (see Verification)\n');
}

const checksJson = (run: CheckRun) => ({
  typeErrors: run.typeErrors ?? null,
  tests: run.tests === undefined ? null : run.tests.passed ? 'pass' : 'fail',
  /** Set when the test command was stopped at --verify-timeout (it then counts as failed). */
  testTimedOutAfterSeconds: run.tests?.timedOutAfterSeconds ?? null,
  /** The last lines the test command printed (where runners print their counts). */
  testOutput: run.tests?.output ?? null,
  lint: run.lint === undefined ? null : run.lint.passed ? 'pass' : 'fail',
  /** The errors the lint command printed (file relative to the root, rule, message); null without --verify-lint. */
  lintFailures: run.lint?.failures ?? null,
});

/** `--format json`: the summary as one object (the migration script reads it). */
function summaryJson(result: FixRunResult, verification: Verification | undefined): unknown {
  const undone = new Set((verification?.reverted ?? []).flatMap((entry) => entry.findings.map((finding) => `${entry.file}\0${finding.id}`)));
  const kept: Partial<Record<RuleId, number>> = {};
  for (const file of result.changed) {
    for (const finding of file.applied) {
      if (!undone.has(`${file.path}\0${finding.id}`)) kept[finding.ruleId] = (kept[finding.ruleId] ?? 0) + 1;
    }
  }
  return {
    root: result.root,
    filesScanned: result.filesScanned,
    filesChanged: result.changed.map((file) => file.file),
    rewrites: result.rewrites,
    rewritesKept: kept,
    remaining: result.remaining,
    refusedDirty: result.refusedDirty,
    dependencies: result.dependencies,
    entryPoints: result.entryPoints,
    errors: result.errors,
    verification: verification && {
      before: checksJson(verification.before),
      after: checksJson(verification.after),
      final: checksJson(verification.final),
      introducedTypeErrors: verification.introducedTypeErrors,
      /** The failure after the fix when a second run of the same code passed (a flaky suite); else null. */
      notReproduced: verification.notReproduced ?? null,
      reverted: verification.reverted.map((entry) => ({
        file: relative(result.root, entry.file),
        wholeFile: entry.wholeFile,
        findings: entry.findings,
        reason: entry.reason,
      })),
    },
  };
}

export const fixCommand: Command = {
  summary: 'rewrite unsupervised spawns onto @spawnguard/runtime (codemods)',
  options,
  help: `Usage: spawnguard fix [paths...] [options]

Runs the spawnguard rules over the files and rewrites every finding that has a safe
mechanical fix onto @spawnguard/runtime (tasks.start, tasks.callback, supervise.*,
report), adding the runtime import once. Formatting and comments outside the rewritten
expressions are kept; a file with nothing to fix is not touched; a second run changes
nothing.

Options:
${optionsHelp(options)}

Exit codes: 0 it ran, 1 findings that need a human remain (with --fail-on-remaining)
or --verify found a type error the fix introduced or a check it could not restore,
2 usage error, a file that could not be read or rewritten or was left alone for its
uncommitted changes, or a crash.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(fixCommand.help);
      return EXIT_OK;
    }
    const dryRun = values['dry-run'] ?? false;
    const format = choiceOf('format', options.format, values.format);
    const config = configOption(values.config) ?? 'recommended';
    const verifyCommand = values.verify;
    const lintCommandLine = values['verify-lint'];
    if (lintCommandLine !== undefined && lintCommandLine.trim() === '') throw new UsageError('--verify-lint needs the project\'s lint command (e.g. --verify-lint "npx eslint .")');
    const verifying = verifyCommand !== undefined || lintCommandLine !== undefined;
    if (verifying && dryRun) throw new UsageError(`${verifyCommand !== undefined ? '--verify' : '--verify-lint'} runs the checks on the fixed files: it cannot be combined with --dry-run`);
    const threads = threadCount(values.concurrency);
    if (threads > 1 && !values['no-type-info']) {
      throw new UsageError('--concurrency needs --no-type-info: a type-aware fix shares one program in one thread');
    }
    const engine = engineOption(values.engine, !values['no-type-info'], io.cwd);
    const timeoutSeconds = verifyTimeoutSeconds(values['verify-timeout']);
    const testCommand: TestCommand | undefined = verifyCommand ? { command: verifyCommand, timeoutMs: timeoutSeconds * 1000 } : undefined;
    const lintCommand: TestCommand | undefined = lintCommandLine ? { command: lintCommandLine, timeoutMs: timeoutSeconds * 1000 } : undefined;
    const checksBefore = verifying ? runChecks(io.cwd, testCommand, lintCommand) : undefined;
    const result = await runFixConcurrently({
      cwd: io.cwd,
      paths: positionals,
      rules: parseRules(values.rules, config),
      config,
      dryRun,
      force: values.force ?? false,
      runtimeImport: values['runtime-import'],
      includeTests: values['include-tests'] ?? false,
      typeInfo: !values['no-type-info'],
      install: !values['no-install'],
      engine,
      format: !values['no-format'],
    }, threads);
    const json = format === 'json';
    if (dryRun && !json) for (const file of result.changed) io.stdout.write(file.diff);
    if (!json) printSummary(result, io, dryRun);
    let verification: Verification | undefined;
    if (checksBefore) {
      verification = verifyFix(io.cwd, testCommand, checksBefore, new Map(result.changed.map((file) => [file.path, file])), lintCommand);
      if (!json) printVerification(verification, io, result.root);
    }
    if (json) {
      io.stdout.write(`${JSON.stringify(summaryJson(result, verification), null, 2)}\n`);
      for (const error of result.errors) io.stderr.write(`spawnguard fix: ${error.file}: ${error.message}\n`);
    }
    if (checksBefore && verification && (verification.introducedTypeErrors || regressionOf(checksBefore, verification.final))) return EXIT_FINDINGS;
    if (result.errors.length > 0 || result.refusedDirty.length > 0) return EXIT_ERROR;
    if (values['fail-on-remaining'] && result.remaining.length > 0) return EXIT_FINDINGS;
    return EXIT_OK;
  },
};

import { ruleIds, type RuleId } from '../catalogue/rules.js';
import { runFixConcurrently, type FixRunResult } from '../fix/driver.js';
import { fixableRuleIds } from '../fix/transform.js';
import { regressionOf, runChecks, verifyFix, type CheckRun, type Verification } from '../fix/verify.js';
import { relative } from 'node:path';
import { engineOption, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, parseCommandArgs, threadCount, UsageError, type Command } from './command.js';
import type { CliIO } from './io.js';

const options = {
  rules: { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  'runtime-import': { type: 'string' },
  'include-tests': { type: 'boolean' },
  'no-type-info': { type: 'boolean' },
  'fail-on-remaining': { type: 'boolean' },
  'no-install': { type: 'boolean' },
  verify: { type: 'string' },
  concurrency: { type: 'string' },
  engine: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseRules(value: string | undefined): RuleId[] | undefined {
  if (value === undefined) return undefined;
  const requested = value.split(',').map((item) => item.trim().replace(/^spawnguard\//, '')).filter(Boolean);
  const unknown = requested.filter((id) => !(ruleIds as readonly string[]).includes(id));
  if (unknown.length > 0) throw new UsageError(`--rules: unknown rule(s) ${unknown.join(', ')}; rules: ${ruleIds.join(', ')}`);
  return requested as RuleId[];
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
  for (const error of result.errors) io.stderr.write(`spawnguard fix: ${error.file}: ${error.message}\n`);
}

function describeChecks(run: CheckRun): string {
  const types = run.typeErrors === undefined ? 'no tsconfig.json' : `${run.typeErrors.length} type error(s)`;
  const tests = run.tests === undefined ? 'no test command' : run.tests.passed ? 'tests pass' : 'tests fail';
  return `${types}, ${tests}`;
}

function printVerification(verification: Verification, io: CliIO, root: string): void {
  const out = io.stdout;
  out.write(`\nVerification:\n  before the fix: ${describeChecks(verification.before)}\n  after the fix:  ${describeChecks(verification.after)}\n`);
  if (verification.reverted.length > 0) {
    out.write(`  put back (their rewrite broke what passed before): ${verification.reverted.length} file(s)\n`);
    for (const { file, reason } of verification.reverted) {
      out.write(`    ${relative(root, file)}: ${reason.split('\n').join('\n      ')}\n`);
    }
    out.write(`  after putting them back: ${describeChecks(verification.final)}\n`);
  }
  if (verification.introducedTypeErrors) io.stderr.write('spawnguard fix: the fix introduced type errors (see Verification)\n');
}

export const fixCommand: Command = {
  summary: 'rewrite unsupervised spawns onto @spawnguard/runtime (codemods)',
  help: `Usage: spawnguard fix [paths...] [options]

Runs the spawnguard rules over the files and rewrites every finding that has a safe
mechanical fix onto @spawnguard/runtime (tasks.start, tasks.callback, supervise.*,
report), adding the runtime import once. Formatting and comments outside the rewritten
expressions are kept; a file with nothing to fix is not touched; a second run changes
nothing.

Options:
      --rules <a,b>            only these rules (default: every rule with a rewrite: ${fixableRuleIds().join(', ')})
      --dry-run                print a unified diff, write nothing
      --force                  also rewrite files that have uncommitted changes in git
      --runtime-import <spec>  import the runtime from <spec> (default: @spawnguard/runtime)
      --include-tests          also fix test files
      --no-type-info           detect syntactically only (faster; misses promises only types reveal)
      --concurrency <n>        rewrite on n worker threads: a number, auto (one per core) or off
                               (default); with --no-type-info only; the same result as one thread
      --engine <name>          eslint (default) | oxlint: with --no-type-info, oxlint (when installed)
                               skips the files with nothing to fix; the same result, faster
      --fail-on-remaining      exit 1 when findings that need a human remain
      --no-install             do not add @spawnguard/runtime to package.json; print the install command
      --verify "<command>"     run the type check (tsc --noEmit, with a tsconfig.json) and <command>
                               (the project's tests; "" for the type check only) before and after
                               the fix; files whose rewrite breaks what passed before are put back
                               and reported; exit 1 when the fix introduced a type error
  -h, --help                   show this help

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
    const verifyCommand = values.verify;
    if (verifyCommand !== undefined && dryRun) throw new UsageError('--verify runs the checks on the fixed files: it cannot be combined with --dry-run');
    const threads = threadCount(values.concurrency);
    if (threads > 1 && !values['no-type-info']) {
      throw new UsageError('--concurrency needs --no-type-info: a type-aware fix shares one program in one thread');
    }
    const engine = engineOption(values.engine, !values['no-type-info'], io.cwd);
    const checksBefore = verifyCommand === undefined ? undefined : runChecks(io.cwd, verifyCommand || undefined);
    const result = await runFixConcurrently({
      cwd: io.cwd,
      paths: positionals,
      rules: parseRules(values.rules),
      dryRun,
      force: values.force ?? false,
      runtimeImport: values['runtime-import'],
      includeTests: values['include-tests'] ?? false,
      typeInfo: !values['no-type-info'],
      install: !values['no-install'],
      engine,
    }, threads);
    if (dryRun) for (const file of result.changed) io.stdout.write(file.diff);
    printSummary(result, io, dryRun);
    if (checksBefore) {
      const files = new Map(result.changed.map((file) => [file.path, { before: file.before, after: file.after }]));
      const verification = verifyFix(io.cwd, verifyCommand || undefined, checksBefore, files);
      printVerification(verification, io, result.root);
      if (verification.introducedTypeErrors || regressionOf(checksBefore, verification.final)) return EXIT_FINDINGS;
    }
    if (result.errors.length > 0 || result.refusedDirty.length > 0) return EXIT_ERROR;
    if (values['fail-on-remaining'] && result.remaining.length > 0) return EXIT_FINDINGS;
    return EXIT_OK;
  },
};

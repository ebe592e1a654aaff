import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAudit } from '../audit/audit.js';
import { baselineOf, pruneBaseline, readBaseline, refuseFolderBaseline, writeBaseline, type Baseline } from '../audit/baseline.js';
import { FAIL_ON_LEVELS, failsGate } from '../audit/gate.js';
import type { AuditResult } from '../audit/types.js';
import { reportFormats, reporters } from '../report/index.js';
import { riskModel } from '../risk/model.js';
import { configOption, EXIT_FINDINGS, EXIT_OK, maxFileSizeOption, oneOf, parseCommandArgs, projectOptions, UsageError, type Command } from './command.js';
import { colorFlag, wantsColor, writeOutputFile, type CliIO } from './io.js';
import { createProgress } from './progress.js';

const options = {
  ...projectOptions,
  'fail-on': { type: 'string' },
  'pass-on-file-errors': { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'prune-baseline': { type: 'boolean' },
} as const;

export const auditCommand: Command = {
  summary: 'find unsupervised spawns and print the risk matrix (the CI gate)',
  help: `Usage: spawnguard audit [paths or globs...] [options]

Loads the project (each tsconfig.json, every project of a monorepo) and runs the spawnguard
rules over it with the settings, ignores and files of the project's eslint.config.*, sharing
each TypeScript program between its files, then rates each finding (component, crash impact,
isolation, risk). Never executes the audited code.

Options:
  -p, --project <tsconfig>   tsconfig file or folder (default: the nearest tsconfig.json of each file)
  -c, --config <name>        recommended | strict: these rules instead of eslint.config.*'s
      --no-type-info         syntactic only: no TypeScript program, faster
      --include-tests        also audit test files (*.test.*, *.spec.*, test/, tests/, __tests__/)
      --max-file-size <size> skip larger or minified files found by walking (default 1m; 0: no limit)
  -f, --format <format>      table | json | sarif | markdown (default: table)
  -o, --output <file>        write the report to a file instead of stdout (folders are created)
      --color, --no-color    force colour on or off (default: on a terminal, FORCE_COLOR, NO_COLOR)
      --fail-on <level>      high | medium | low | none (default: high)
      --pass-on-file-errors  files that cannot be audited (parse errors, unreadable) do not fail the run
      --baseline <file>      findings listed there do not count toward --fail-on
      --update-baseline      write every current finding to the --baseline file
      --prune-baseline       drop the --baseline entries no finding matches any more
  -h, --help                 show this help

Exit codes: 0 no finding at or above --fail-on and no file error; 1 there is one, or a file
could not be audited (unless --pass-on-file-errors); 2 usage error, no files matched, a broken
tsconfig or ESLint config, or a crash.
Excluded unless named explicitly: node_modules, fixtures, dist, build, out, coverage, vendor,
public, static, hidden folders, .d.ts files, files ignored by .gitignore, .git/info/exclude or
the ESLint config, and test files.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options);
    if (values.help) {
      io.stdout.write(auditCommand.help);
      return EXIT_OK;
    }
    const format = oneOf('format', values.format, reportFormats, 'table');
    const config = configOption(values.config);
    const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON_LEVELS, 'high');
    const maxFileSize = maxFileSizeOption(values['max-file-size']);
    const baselinePath = values.baseline === undefined ? undefined : resolve(io.cwd, values.baseline);
    const writesBaseline = values['update-baseline'] === true;
    if (writesBaseline && !baselinePath) throw new UsageError('--update-baseline needs --baseline <file>');
    if (values['prune-baseline'] && !baselinePath) throw new UsageError('--prune-baseline needs --baseline <file>');
    if (writesBaseline && values['prune-baseline']) throw new UsageError('--update-baseline already drops stale entries; give it or --prune-baseline, not both');
    if (baselinePath) refuseFolderBaseline(baselinePath, values.baseline!);
    if (baselinePath && !writesBaseline && !existsSync(baselinePath)) {
      throw new UsageError(`no baseline at ${values.baseline} (create it with --update-baseline)`);
    }
    const baseline: Baseline | undefined = baselinePath && !writesBaseline ? readBaseline(baselinePath) : undefined;
    const previous: Baseline | undefined = baselinePath && writesBaseline && existsSync(baselinePath) ? readBaselineQuietly(baselinePath) : undefined;

    const progress = createProgress(io, 'spawnguard audit');
    let result: AuditResult;
    try {
      result = await runAudit({
        cwd: io.cwd,
        paths: positionals,
        ...(values.project === undefined ? {} : { tsconfig: values.project }),
        includeTests: values['include-tests'] ?? false,
        typeInfo: !values['no-type-info'],
        ...(config ? { config } : {}),
        ...(maxFileSize === undefined ? {} : { maxFileSize }),
        riskModel,
        ...(baseline ? { baseline } : {}),
        onProgress: (done, total) => progress.update(done, total),
      });
    } finally {
      progress.finish();
    }
    for (const notice of result.notices ?? []) io.stderr.write(`spawnguard: ${notice}\n`);
    for (const { file, reason } of result.skipped ?? []) io.stderr.write(`spawnguard: skipped ${file}: ${reason}\n`);

    if (writesBaseline && baselinePath) {
      const written = baselineOf(result.findings);
      writeBaseline(baselinePath, written);
      io.stderr.write(`spawnguard: ${describeBaselineWrite(values.baseline!, previous, written)}\n`);
      result = { ...result, findings: [], summary: { HIGH: 0, MEDIUM: 0, LOW: 0 }, baselined: result.findings.length };
    } else if (baseline && baselinePath && result.staleBaselineEntries && result.staleBaselineEntries.length > 0) {
      const stale = result.staleBaselineEntries.length;
      if (values['prune-baseline']) {
        writeBaseline(baselinePath, pruneBaseline(baseline, result.staleBaselineEntries));
        io.stderr.write(`spawnguard: removed ${stale} stale entr${stale === 1 ? 'y' : 'ies'} from the baseline ${values.baseline}\n`);
      } else {
        io.stderr.write(`spawnguard: ${stale} baseline entr${stale === 1 ? 'y matches' : 'ies match'} no finding any more (fixed or moved); --prune-baseline removes ${stale === 1 ? 'it' : 'them'}\n`);
      }
    } else if (values['prune-baseline']) {
      io.stderr.write(`spawnguard: the baseline ${values.baseline} has no stale entries\n`);
    }

    const flag = colorFlag(values, argv);
    const color = format === 'table' && (values.output === undefined ? wantsColor(io.stdout, io.env, flag) : flag === true);
    const report = withFinalNewline(reporters[format](result, { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}) }));
    if (values.output === undefined) io.stdout.write(report);
    else writeOutputFile(resolve(io.cwd, values.output), report);
    if (result.baselined && format === 'table') {
      io.stderr.write(`spawnguard: ${result.baselined} finding(s) matched the baseline and do not count\n`);
    }
    return exitCode(result, failOn, values['pass-on-file-errors'] === true, io);
  },
};

/** Findings at or above --fail-on fail the run; so does a file that could not be audited, as in ESLint. */
function exitCode(result: AuditResult, failOn: (typeof FAIL_ON_LEVELS)[number], passOnFileErrors: boolean, io: CliIO): number {
  if (failsGate(result.findings, failOn)) return EXIT_FINDINGS;
  if (result.errors.length > 0 && !passOnFileErrors) {
    io.stderr.write(`spawnguard: ${result.errors.length} file error(s) fail the run (--pass-on-file-errors to let them pass)\n`);
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

function readBaselineQuietly(path: string): Baseline | undefined {
  try {
    return readBaseline(path);
  } catch {
    return undefined;
  }
}

function describeBaselineWrite(shown: string, previous: Baseline | undefined, written: Baseline): string {
  const count = (baseline: Baseline | undefined) => {
    const counts = new Map<string, number>();
    for (const { fingerprint } of baseline?.findings ?? []) counts.set(fingerprint, (counts.get(fingerprint) ?? 0) + 1);
    return counts;
  };
  const before = count(previous);
  const after = count(written);
  let added = 0;
  let removed = 0;
  for (const [fingerprint, n] of after) added += Math.max(0, n - (before.get(fingerprint) ?? 0));
  for (const [fingerprint, n] of before) removed += Math.max(0, n - (after.get(fingerprint) ?? 0));
  const change = previous ? ` (${added} added, ${removed} removed)` : '';
  return `wrote ${written.findings.length} finding(s) to the baseline ${shown}${change}`;
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

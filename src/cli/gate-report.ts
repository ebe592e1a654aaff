import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyBaseline, baselineOf, pruneBaseline, readBaseline, refuseFolderBaseline, writeBaseline, type Baseline } from '../audit/baseline.js';
import { FAIL_ON_LEVELS, failsGate, summarise } from '../audit/gate.js';
import type { AuditResult } from '../audit/types.js';
import { reportFormats, reporters } from '../report/index.js';
import type { ReportDetails } from '../report/types.js';
import { choiceOf, EXIT_FINDINGS, EXIT_OK, formatOption, reportOptions, UsageError, type OptionTable } from './command.js';
import { colorFlag, wantsColor, writeOutputFile, type CliIO } from './io.js';

/** The options of every command that ends in a report and the CI gate (audit, merge). */
export const gateOptions = {
  ...formatOption(reportFormats, 'table'),
  ...reportOptions,
  'fail-on': { type: 'string', value: '<level>', help: '', choices: FAIL_ON_LEVELS, default: 'high' },
  'pass-on-file-errors': { type: 'boolean', help: 'files that cannot be audited (parse errors, unreadable) do not fail the run' },
  baseline: { type: 'string', value: '<file>', help: 'findings listed there do not count toward --fail-on' },
  'update-baseline': { type: 'boolean', help: 'write every current finding to the --baseline file' },
  'prune-baseline': { type: 'boolean', help: 'drop the --baseline entries no finding matches any more' },
} as const satisfies OptionTable;

interface GateValues {
  format?: string | undefined;
  output?: string | undefined;
  color?: boolean | undefined;
  'no-color'?: boolean | undefined;
  'fail-on'?: string | undefined;
  'pass-on-file-errors'?: boolean | undefined;
  baseline?: string | undefined;
  'update-baseline'?: boolean | undefined;
  'prune-baseline'?: boolean | undefined;
}

export interface GateSettings {
  format: (typeof reportFormats)[number];
  failOn: (typeof FAIL_ON_LEVELS)[number];
  passOnFileErrors: boolean;
  output: string | undefined;
  color: boolean | undefined;
  /** As given on the command line, for messages. */
  baselineName: string | undefined;
  baselinePath: string | undefined;
  updateBaseline: boolean;
  pruneBaseline: boolean;
  /** The baseline to apply, read up front (absent with --update-baseline, which writes it instead). */
  baseline: Baseline | undefined;
  /** The baseline --update-baseline replaces, to say what changed. */
  previous: Baseline | undefined;
}

/** Checks the report and gate flags before any work is done, so a typo costs no audit. */
export function gateSettings(values: GateValues, argv: readonly string[], io: CliIO): GateSettings {
  const format = choiceOf('format', gateOptions.format, values.format);
  const failOn = choiceOf('fail-on', gateOptions['fail-on'], values['fail-on']);
  const baselinePath = values.baseline === undefined ? undefined : resolve(io.cwd, values.baseline);
  const updateBaseline = values['update-baseline'] === true;
  const prune = values['prune-baseline'] === true;
  if (updateBaseline && !baselinePath) throw new UsageError('--update-baseline needs --baseline <file>');
  if (prune && !baselinePath) throw new UsageError('--prune-baseline needs --baseline <file>');
  if (updateBaseline && prune) throw new UsageError('--update-baseline already drops stale entries; give it or --prune-baseline, not both');
  if (baselinePath) refuseFolderBaseline(baselinePath, values.baseline!);
  if (baselinePath && !updateBaseline && !existsSync(baselinePath)) {
    throw new UsageError(`no baseline at ${values.baseline} (create it with --update-baseline)`);
  }
  return {
    format,
    failOn,
    passOnFileErrors: values['pass-on-file-errors'] === true,
    output: values.output,
    color: colorFlag(values, argv),
    baselineName: values.baseline,
    baselinePath,
    updateBaseline,
    pruneBaseline: prune,
    baseline: baselinePath && !updateBaseline ? readBaseline(baselinePath) : undefined,
    previous: baselinePath && updateBaseline && existsSync(baselinePath) ? readBaselineQuietly(baselinePath) : undefined,
  };
}

/**
 * Says the result's notices, applies the baseline (or writes or prunes it), prints the report in the
 * chosen format and returns the gate's exit code. `result` must not have had the baseline applied yet.
 */
export function reportAndGate(result: AuditResult, settings: GateSettings, io: CliIO, details?: ReportDetails): number {
  const said = [...(result.notices ?? []).map((notice) => `spawnguard: ${notice}\n`), ...(result.skipped ?? []).map(({ file, reason }) => `spawnguard: skipped ${file}: ${reason}\n`)];
  if (said.length > 0) io.stderr.write(said.join(''));

  let shown = result;
  const { baseline, baselinePath, baselineName } = settings;
  if (settings.updateBaseline && baselinePath) {
    const written = baselineOf(result.findings);
    writeBaseline(baselinePath, written);
    io.stderr.write(`spawnguard: ${describeBaselineWrite(baselineName!, settings.previous, written)}\n`);
    shown = { ...result, findings: [], summary: summarise([]), baselined: result.findings.length };
  } else if (baseline && baselinePath) {
    const { fresh, baselined, stale } = applyBaseline(result.findings, baseline);
    shown = { ...result, findings: fresh, summary: summarise(fresh), baselined: (result.baselined ?? 0) + baselined, staleBaselineEntries: stale };
    if (stale.length > 0) {
      const count = stale.length;
      if (settings.pruneBaseline) {
        writeBaseline(baselinePath, pruneBaseline(baseline, stale));
        io.stderr.write(`spawnguard: removed ${count} stale entr${count === 1 ? 'y' : 'ies'} from the baseline ${baselineName}\n`);
      } else {
        io.stderr.write(`spawnguard: ${count} baseline entr${count === 1 ? 'y matches' : 'ies match'} no finding any more (fixed or moved); --prune-baseline removes ${count === 1 ? 'it' : 'them'}\n`);
      }
    } else if (settings.pruneBaseline) {
      io.stderr.write(`spawnguard: the baseline ${baselineName} has no stale entries\n`);
    }
  }

  const color = settings.format === 'table' && (settings.output === undefined ? wantsColor(io.stdout, io.env, settings.color) : settings.color === true);
  const text = reporters[settings.format](shown, { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}), ...(details ? { details } : {}) });
  const report = text.endsWith('\n') ? text : `${text}\n`;
  if (settings.output === undefined) io.stdout.write(report);
  else writeOutputFile(resolve(io.cwd, settings.output), report);
  if (shown.baselined && settings.format === 'table') {
    io.stderr.write(`spawnguard: ${shown.baselined} finding(s) matched the baseline and do not count\n`);
  }
  return exitCode(shown, settings, io);
}

/** Findings at or above --fail-on fail the run; so does a file that could not be audited, as in ESLint. */
function exitCode(result: AuditResult, settings: GateSettings, io: CliIO): number {
  if (failsGate(result.findings, settings.failOn)) return EXIT_FINDINGS;
  if (result.errors.length > 0 && !settings.passOnFileErrors) {
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

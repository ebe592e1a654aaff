import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyBaseline, baselineOf, readBaseline, writeBaseline, type Baseline } from '../audit/baseline.js';
import { FAIL_ON_LEVELS, failsGate, summarise } from '../audit/gate.js';
import type { AuditResult } from '../audit/types.js';
import { reportFormats, reporters } from '../report/index.js';
import { EXIT_FINDINGS, EXIT_OK, oneOf, UsageError } from './command.js';
import type { CliIO } from './io.js';
import { wantsColor } from './io.js';

/** The options of every command that ends in a report and the CI gate (audit, merge). */
export const gateOptions = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
} as const;

export interface GateSettings {
  format: (typeof reportFormats)[number];
  failOn: (typeof FAIL_ON_LEVELS)[number];
  output: string | undefined;
  baselinePath: string | undefined;
  updateBaseline: boolean;
  /** The baseline to apply, read up front (absent with --update-baseline, which writes it instead). */
  baseline: Baseline | undefined;
}

/** Checks the report and gate flags before any work is done, so a typo costs no audit. */
export function gateSettings(
  values: { format?: string | undefined; output?: string | undefined; 'fail-on'?: string | undefined; baseline?: string | undefined; 'update-baseline'?: boolean | undefined },
  io: CliIO,
): GateSettings {
  const format = oneOf('format', values.format, reportFormats, 'table');
  const failOn = oneOf('fail-on', values['fail-on'], FAIL_ON_LEVELS, 'high');
  const baselinePath = values.baseline === undefined ? undefined : resolve(io.cwd, values.baseline);
  const updateBaseline = values['update-baseline'] ?? false;
  if (updateBaseline && !baselinePath) throw new UsageError('--update-baseline needs --baseline <file>');
  if (baselinePath && !updateBaseline && !existsSync(baselinePath)) {
    throw new UsageError(`no baseline at ${values.baseline} (create it with --update-baseline)`);
  }
  const baseline = baselinePath && !updateBaseline ? readBaseline(baselinePath) : undefined;
  return { format, failOn, output: values.output, baselinePath, updateBaseline, baseline };
}

/**
 * Applies the baseline (or writes it), prints the report in the chosen format and returns the
 * gate's exit code. `result` must not have had the baseline applied yet.
 */
export function reportAndGate(result: AuditResult, settings: GateSettings, io: CliIO): number {
  let shown = result;
  if (settings.baseline) {
    const { fresh, baselined } = applyBaseline(result.findings, settings.baseline);
    shown = { ...result, findings: fresh, summary: summarise(fresh), baselined: (result.baselined ?? 0) + baselined };
  }
  if (settings.updateBaseline && settings.baselinePath) {
    writeBaseline(settings.baselinePath, baselineOf(result.findings));
    io.stderr.write(`spawnguard: wrote ${result.findings.length} finding(s) to the baseline ${settings.baselinePath}\n`);
    shown = { ...result, findings: [], summary: { HIGH: 0, MEDIUM: 0, LOW: 0 }, baselined: result.findings.length };
  }

  const color = settings.output === undefined && settings.format === 'table' && wantsColor(io.stdout, io.env);
  const text = reporters[settings.format](shown, { color, ...(io.stdout.columns ? { width: io.stdout.columns } : {}) });
  const report = text.endsWith('\n') ? text : `${text}\n`;
  if (settings.output === undefined) {
    io.stdout.write(report);
  } else {
    const path = resolve(io.cwd, settings.output);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
  }
  if (shown.baselined && settings.format === 'table') {
    io.stderr.write(`spawnguard: ${shown.baselined} finding(s) matched the baseline and do not count\n`);
  }
  return failsGate(shown.findings, settings.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

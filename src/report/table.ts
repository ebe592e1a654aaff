import { Chalk, type ChalkInstance } from 'chalk';
import chalk from 'chalk';
import type { AuditFinding, AuditResult } from '../audit/types.js';
import type { RiskLevel } from '../catalogue/categories.js';
import { RISK_LEVELS } from '../catalogue/categories.js';
import { groupByComponent, pluralise } from './order.js';
import { padEnd, wrap } from './text.js';
import type { ReporterOptions } from './types.js';

const MIN_WIDTH = 80;
const MAX_WIDTH = 120;
const DEFAULT_WIDTH = 100;
const INDENT = '  ';
/** Message and remedy lines start under the rule column. */
const DETAIL_INDENT = ' '.repeat(INDENT.length + 8);

export function colours(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? Math.max(chalk.level, 1) as 1 | 2 | 3 : 0 });
}

function paintRisk(c: ChalkInstance, risk: RiskLevel, text: string): string {
  if (risk === 'HIGH') return c.red.bold(text);
  if (risk === 'MEDIUM') return c.yellow(text);
  return c.cyan(text);
}

function locationOf(finding: AuditFinding): string {
  return `${finding.line}:${finding.column}`;
}

/**
 * The risk matrix for a terminal: one block per component (riskiest first), one row per finding
 * (risk, line:column, rule, impact, isolation), then the message and the one-line fix under it;
 * counts per level and the files that could not be parsed at the end.
 */
export function formatTable(result: AuditResult, options: ReporterOptions): string {
  const c = colours(options.color);
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH));
  const detailWidth = width - DETAIL_INDENT.length;
  const ruleWidth = Math.max(4, ...result.findings.map((finding) => finding.ruleId.length));
  const locationWidth = Math.max(8, ...result.findings.map((finding) => locationOf(finding).length));
  const impactWidth = Math.max(6, ...result.findings.map((finding) => finding.impact.length));
  const out: string[] = [];

  const groups = groupByComponent(result.findings);
  if (groups.length > 0) {
    out.push(
      c.dim(`${INDENT}${padEnd('RISK', 8)}${padEnd('LINE:COL', locationWidth + 2)}${padEnd('RULE', ruleWidth + 2)}${padEnd('IMPACT', impactWidth + 2)}ISOLATION`),
      '',
    );
  }
  for (const group of groups) {
    out.push(c.bold.underline(group.component));
    for (const finding of group.findings) {
      out.push(
        INDENT +
          paintRisk(c, finding.risk, padEnd(finding.risk, 8)) +
          c.dim(padEnd(locationOf(finding), locationWidth + 2)) +
          padEnd(finding.ruleId, ruleWidth + 2) +
          padEnd(finding.impact, impactWidth + 2) +
          finding.isolation,
      );
      for (const line of wrap(finding.message, detailWidth)) out.push(DETAIL_INDENT + line);
      wrap(`fix: ${finding.remedy}`, detailWidth).forEach((line, index) =>
        out.push(DETAIL_INDENT + (index === 0 ? c.green(line) : c.green(`     ${line}`))),
      );
    }
    out.push('');
  }

  const files = pluralise(result.files.length, 'file');
  if (result.findings.length === 0) {
    out.push(c.green(`No unsupervised spawns found in ${files}.`));
  } else {
    const counts = RISK_LEVELS.map((level) => paintRisk(c, level, `${result.summary[level]} ${level}`)).join(', ');
    out.push(`${c.bold(pluralise(result.findings.length, 'finding'))}: ${counts} (${pluralise(groups.length, 'component')}, ${files})`);
  }
  if (result.errors.length > 0) {
    out.push('', c.red(`${pluralise(result.errors.length, 'file')} could not be audited:`));
    for (const error of result.errors) {
      const where = `${error.file}:${error.line}:${error.column}`;
      out.push(`${INDENT}${c.dim(where)}  ${error.message}`);
    }
  }
  return out.join('\n') + '\n';
}

import type { AuditFinding, AuditResult } from '../audit/types.js';
import { compareFindings } from '../audit/order.js';
import { RISK_LEVELS } from '../catalogue/categories.js';
import { pluralise } from './order.js';

/**
 * For a pull-request comment: a one-line summary, then one collapsible table per risk level (HIGH
 * open, the others folded), then the files that could not be audited.
 */
const LEVEL_ICON = { HIGH: '🔴', MEDIUM: '🟠', LOW: '🔵' } as const;

/**
 * A pull-request comment holds at most 65,536 characters (GitHub); the report stops short of it
 * and says how many findings it left out.
 */
export const MARKDOWN_MAX_LENGTH = 60_000;

/** Makes text safe inside a table cell: pipes split cells, newlines end rows, `<` opens HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/**
 * A code span: its content is literal (an entity or a backslash escape would show as typed), so only
 * the table's pipe needs escaping (GFM unescapes `\|` inside spans in a cell); the fence is one
 * backtick longer than the longest run inside, padded when the text starts or ends with one.
 */
function code(text: string): string {
  const content = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${content}${padding}${fence}`;
}

function row(finding: AuditFinding): string {
  return `| ${code(`${finding.file}:${finding.line}:${finding.column}`)} | ${cell(finding.component)} | ${code(finding.ruleId)} | ${finding.impact} / ${finding.isolation} | ${cell(finding.message)} | ${cell(finding.remedy)} |`;
}

export function formatMarkdown(result: AuditResult, _options?: unknown, maxLength = MARKDOWN_MAX_LENGTH): string {
  const out: string[] = ['## spawnguard audit', ''];
  const files = pluralise(result.files.length, 'file');
  if (result.findings.length === 0) {
    out.push(`No unsupervised spawns found in ${files}.`);
  } else {
    const counts = RISK_LEVELS.map((level) => `${LEVEL_ICON[level]} **${result.summary[level]} ${level}**`).join(' · ');
    out.push(`${counts} — ${pluralise(result.findings.length, 'finding')} in ${files}`);
  }
  const sorted = [...result.findings].sort(compareFindings);
  // Room for the closing tags, the errors' heading and the "more" line.
  let budget = maxLength - out.join('\n').length - 600;
  let left = 0;
  const take = (line: string): boolean => {
    if (budget - line.length - 1 < 0) return false;
    budget -= line.length + 1;
    return true;
  };
  for (const level of RISK_LEVELS) {
    const findings = sorted.filter((finding) => finding.risk === level);
    if (findings.length === 0) continue;
    const head = [
      '',
      `<details${level === 'HIGH' ? ' open' : ''}>`,
      `<summary>${LEVEL_ICON[level]} <strong>${level}</strong> (${findings.length})</summary>`,
      '',
      '| Location | Component | Rule | Impact / isolation | Problem | What to do |',
      '|---|---|---|---|---|---|',
    ];
    if (left > 0 || !take(head.join('\n'))) {
      left += findings.length;
      continue;
    }
    const rows = findings.map(row);
    const shown = rows.findIndex((line) => !take(line));
    const kept = shown === -1 ? rows : rows.slice(0, shown);
    left += rows.length - kept.length;
    out.push(...head, ...kept, '', '</details>');
  }
  const errorLines = result.errors.map((error) => `- ${code(`${error.file}:${error.line}:${error.column}`)} ${cell(error.message)}`);
  const shownErrors = errorLines.filter((line) => left === 0 && take(line));
  if (result.errors.length > 0) {
    out.push('', '<details>', `<summary>⚠️ ${pluralise(result.errors.length, 'file')} could not be audited</summary>`, '', ...shownErrors, '', '</details>');
  }
  const errorsLeft = errorLines.length - shownErrors.length;
  if (left > 0 || errorsLeft > 0) {
    const parts = [left > 0 ? pluralise(left, 'more finding') : '', errorsLeft > 0 ? pluralise(errorsLeft, 'more file error') : ''].filter(Boolean);
    out.push('', `… and ${parts.join(' and ')} not shown (the comment would be too long); \`--format sarif\` or \`--format json\` lists them all.`);
  }
  return `${out.join('\n')}\n`;
}

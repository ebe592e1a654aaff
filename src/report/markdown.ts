import type { AuditFinding, AuditResult } from '../audit/types.js';
import { compareFindings } from '../audit/order.js';
import { RISK_LEVELS } from '../catalogue/categories.js';
import { pluralise } from './order.js';

/**
 * For a pull-request comment: a one-line summary, then one collapsible table per risk level (HIGH
 * open, the others folded), then the files that could not be audited.
 */
const LEVEL_ICON = { HIGH: '🔴', MEDIUM: '🟠', LOW: '🔵' } as const;

/** Makes text safe inside a table cell: pipes split cells, newlines end rows, `<` opens HTML. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  // A backtick inside would end the code span early; a double-backtick span with padding holds it.
  return text.includes('`') ? `\`\` ${cell(text)} \`\`` : `\`${cell(text)}\``;
}

function row(finding: AuditFinding): string {
  return `| ${code(`${finding.file}:${finding.line}:${finding.column}`)} | ${cell(finding.component)} | ${code(finding.ruleId)} | ${finding.impact} / ${finding.isolation} | ${cell(finding.message)} | ${cell(finding.remedy)} |`;
}

export function formatMarkdown(result: AuditResult): string {
  const out: string[] = ['## spawnguard audit', ''];
  const files = pluralise(result.files.length, 'file');
  if (result.findings.length === 0) {
    out.push(`No unsupervised spawns found in ${files}.`);
  } else {
    const counts = RISK_LEVELS.map((level) => `${LEVEL_ICON[level]} **${result.summary[level]} ${level}**`).join(' · ');
    out.push(`${counts} — ${pluralise(result.findings.length, 'finding')} in ${files}`);
  }
  const sorted = [...result.findings].sort(compareFindings);
  for (const level of RISK_LEVELS) {
    const findings = sorted.filter((finding) => finding.risk === level);
    if (findings.length === 0) continue;
    out.push(
      '',
      `<details${level === 'HIGH' ? ' open' : ''}>`,
      `<summary>${LEVEL_ICON[level]} <strong>${level}</strong> (${findings.length})</summary>`,
      '',
      '| Location | Component | Rule | Impact / isolation | Problem | What to do |',
      '|---|---|---|---|---|---|',
      ...findings.map(row),
      '',
      '</details>',
    );
  }
  if (result.errors.length > 0) {
    out.push(
      '',
      '<details>',
      `<summary>⚠️ ${pluralise(result.errors.length, 'file')} could not be audited</summary>`,
      '',
      ...result.errors.map((error) => `- ${code(`${error.file}:${error.line}:${error.column}`)} ${cell(error.message)}`),
      '',
      '</details>',
    );
  }
  return `${out.join('\n')}\n`;
}

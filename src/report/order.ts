import type { AuditFinding } from '../audit/types.js';
import type { RiskLevel } from '../risk/categories.js';

/** The order every reporter uses: HIGH first, then by file and position. */
export const RISK_LEVELS: readonly RiskLevel[] = ['HIGH', 'MEDIUM', 'LOW'];

export function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    RISK_LEVELS.indexOf(a.risk) - RISK_LEVELS.indexOf(b.risk) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export interface ComponentGroup {
  component: string;
  findings: AuditFinding[];
}

/** Findings grouped by component; groups ordered by their riskiest finding, then by size and name. */
export function groupByComponent(findings: readonly AuditFinding[]): ComponentGroup[] {
  const groups = new Map<string, AuditFinding[]>();
  for (const finding of [...findings].sort(compareFindings)) {
    const group = groups.get(finding.component);
    if (group) group.push(finding);
    else groups.set(finding.component, [finding]);
  }
  const riskOf = (group: ComponentGroup) => RISK_LEVELS.indexOf(group.findings[0]!.risk);
  return [...groups]
    .map(([component, members]) => ({ component, findings: members }))
    .sort((a, b) => riskOf(a) - riskOf(b) || b.findings.length - a.findings.length || a.component.localeCompare(b.component));
}

export function pluralise(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

import { compareFindings } from '../audit/order.js';
import type { AuditFinding } from '../audit/types.js';
import { compareRisk } from '../catalogue/categories.js';

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
  return [...groups]
    .map(([component, members]) => ({ component, findings: members }))
    .sort((a, b) => compareRisk(a.findings[0]!.risk, b.findings[0]!.risk) || b.findings.length - a.findings.length || a.component.localeCompare(b.component));
}

export function pluralise(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

import { compareRisk } from '../catalogue/categories.js';
import type { AuditFinding } from './types.js';

/** The order every reporter and the tree use: HIGH first, then by file and position, then by rule. */
export function compareFindings(a: AuditFinding, b: AuditFinding): number {
  return (
    compareRisk(a.risk, b.risk) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

import type { AuditResult } from '../audit/types.js';

/** Exactly the AuditResult (docs/audit-json.md), pretty-printed, newline-terminated. */
export function formatJson(result: AuditResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

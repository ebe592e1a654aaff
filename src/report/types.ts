import type { AuditResult } from '../audit/types.js';

export interface ReporterOptions {
  color: boolean;
  /** Terminal width the table reporter fits its lines to (clamped to 80..120; default 100). */
  width?: number;
}

/** A reporter: a plain function from the audit result to the text it prints (ESLint-formatter style). */
export type Reporter = (result: AuditResult, options: ReporterOptions) => string;

export type ReportFormat = 'table' | 'json' | 'sarif' | 'markdown';

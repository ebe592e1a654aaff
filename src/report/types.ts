import type { SupervisionTree } from '../tree/tree.js';
import type { AuditResult } from '../audit/types.js';

export interface ReporterOptions {
  color: boolean;
  /** Terminal width the table reporter fits its lines to (clamped to 80..120; default 100). */
  width?: number;
  /** What a reporter may show beyond the result (the HTML report does); gathered only when it is asked for. */
  details?: ReportDetails;
}

/** Keys are files as the result names them (relative to `AuditResult.root`). */
export interface ReportDetails {
  /** The supervision tree, with the result's findings hung under it (`buildSupervisionTree`). */
  tree?: SupervisionTree;
  /** The text of each file that has findings, for code excerpts. */
  sources?: ReadonlyMap<string, string>;
  /** `spawnguard fix --dry-run`'s unified diff of each file it would change. */
  fixDiffs?: ReadonlyMap<string, string>;
  /** Why there are no diffs when the dry run failed (the report is still written, without them). */
  fixError?: string;
}

/** A reporter: a plain function from the audit result to the text it prints (ESLint-formatter style). */
export type Reporter = (result: AuditResult, options: ReporterOptions) => string;

export type ReportFormat = 'table' | 'json' | 'sarif' | 'markdown' | 'html';

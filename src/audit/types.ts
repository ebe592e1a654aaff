import type { CrashImpact, Isolation, RiskLevel } from '../catalogue/categories.js';

/**
 * The audit's result: the JSON reporter prints exactly this shape (documented in docs/audit-json.md,
 * kept stable: add fields, never rename or remove them without bumping `version`).
 */
export interface AuditFinding {
  ruleId: string;
  /** Relative to `AuditResult.root`, with forward slashes. */
  file: string;
  /** 1-based, like ESLint. */
  line: number;
  /** 1-based, like ESLint. */
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** file plus enclosing exported symbol, class or route, e.g. `src/server.ts > POST /upload`. */
  component: string;
  impact: CrashImpact;
  isolation: Isolation;
  risk: RiskLevel;
  /** True when `spawnguard fix` rewrites it. */
  fixable: boolean;
  /** One line: what to do about it. */
  remedy: string;
  /** Stable across unrelated edits: rule, file, component and the normalised flagged code. */
  fingerprint: string;
}

export interface AuditError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface AuditResult {
  version: 1;
  /** Absolute path every `file` is relative to. */
  root: string;
  /** Files audited (relative), errors included. */
  files: string[];
  findings: AuditFinding[];
  summary: Record<RiskLevel, number>;
  errors: AuditError[];
  /**
   * With `--baseline`: how many findings matched the baseline and were left out of `findings`
   * (and of `summary` and the gate). Absent without a baseline.
   */
  baselined?: number;
}

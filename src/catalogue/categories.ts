/**
 * The vocabulary of the risk matrix, shared by the rules (each rule declares its category in
 * `meta.docs`) and the risk model in `src/risk` that turns a finding into a row.
 */
export type CrashImpact =
  | 'process-crash'
  | 'silent-data-loss'
  | 'resource-leak'
  | 'stale-state'
  | 'hung-work'
  | 'memory-growth'
  /** The work is lost, and a process-wide handler that keeps the process running reports the failure. */
  | 'reported-loss';

/** none: the failure reaches the whole process; partial: some of it; contained: only the spawn. */
export type Isolation = 'none' | 'partial' | 'contained';

export type RiskLevel = 'HIGH' | 'MEDIUM' | 'LOW';

/** The one order of risk levels, riskiest first: reports sort by it, the gate and the rating table count along it. */
export const RISK_LEVELS: readonly RiskLevel[] = ['HIGH', 'MEDIUM', 'LOW'];

/** Negative when `a` is riskier than `b`. */
export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b);
}

/** codemod: `spawnguard fix` rewrites it; suggestion: an editor quick fix only; none: needs a human. */
export type Fixability = 'codemod' | 'suggestion' | 'none';

export interface RiskCategory {
  impact: CrashImpact;
  isolation: Isolation;
  fixable: Fixability;
}

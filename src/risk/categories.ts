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
  | 'memory-growth';

/** none: the failure reaches the whole process; partial: some of it; contained: only the spawn. */
export type Isolation = 'none' | 'partial' | 'contained';

export type RiskLevel = 'HIGH' | 'MEDIUM' | 'LOW';

/** codemod: `spawnguard fix` rewrites it; suggestion: an editor quick fix only; none: needs a human. */
export type Fixability = 'codemod' | 'suggestion' | 'none';

export interface RiskCategory {
  impact: CrashImpact;
  isolation: Isolation;
  fixable: Fixability;
}

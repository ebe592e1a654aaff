import type { RiskLevel } from '../risk/categories.js';
import type { AuditFinding } from './types.js';

/** `--fail-on`: the lowest risk level that fails the run; `none` never fails on findings. */
export type FailOn = 'high' | 'medium' | 'low' | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

const SEVERITY: Record<RiskLevel, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };
const THRESHOLD: Record<FailOn, number> = { high: 3, medium: 2, low: 1, none: Number.POSITIVE_INFINITY };

/** Whether the findings fail the CI gate: one at or above the level is enough. */
export function failsGate(findings: readonly Pick<AuditFinding, 'risk'>[], failOn: FailOn): boolean {
  return findings.some((finding) => SEVERITY[finding.risk] >= THRESHOLD[failOn]);
}

/** How many findings there are at each level: the result's `summary`. */
export function summarise(findings: readonly Pick<AuditFinding, 'risk'>[]): Record<RiskLevel, number> {
  const summary: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const finding of findings) summary[finding.risk]++;
  return summary;
}

import { compareRisk, type RiskLevel } from '../catalogue/categories.js';
import type { AuditFinding } from './types.js';

/** `--fail-on`: the lowest risk level that fails the run; `none` never fails on findings. */
export type FailOn = 'high' | 'medium' | 'low' | 'none';
export const FAIL_ON_LEVELS: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

/** Whether the findings fail the CI gate: one at or above the level is enough. */
export function failsGate(findings: readonly Pick<AuditFinding, 'risk'>[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = failOn.toUpperCase() as RiskLevel;
  return findings.some((finding) => compareRisk(finding.risk, threshold) <= 0);
}

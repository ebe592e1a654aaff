import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditSetupError } from './project.js';
import type { AuditFinding } from './types.js';

/**
 * The baseline file (`--baseline`, written by `--update-baseline`): the findings a team has
 * accepted for now, matched by fingerprint (rule, file, component, normalised flagged code; see
 * fingerprint.ts), so line shifts do not matter. `ruleId`, `file` and `component` are there for
 * people reading the file and reviewing its diff. A fingerprint listed n times excuses n findings.
 */
export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  component: string;
}

export function baselineOf(findings: readonly AuditFinding[]): Baseline {
  const entries = findings.map(({ fingerprint, ruleId, file, component }) => ({ fingerprint, ruleId, file, component }));
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: 1, findings: entries };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new AuditSetupError(`cannot write the baseline ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** A `--baseline` path that names a folder is refused before the audit runs. */
export function refuseFolderBaseline(path: string, shown: string): void {
  try {
    if (statSync(path).isDirectory()) throw new AuditSetupError(`--baseline ${shown} is a folder; give a file path such as ${shown.replace(/\/$/, '')}/.spawnguard-baseline.json`);
  } catch (error) {
    if (error instanceof AuditSetupError) throw error;
  }
}

/** The baseline without the entries `stale` lists (each listed entry removes one copy). */
export function pruneBaseline(baseline: Baseline, stale: readonly BaselineEntry[]): Baseline {
  const toDrop = new Map<string, number>();
  for (const { fingerprint } of stale) toDrop.set(fingerprint, (toDrop.get(fingerprint) ?? 0) + 1);
  const kept = baseline.findings.filter((entry) => {
    const left = toDrop.get(entry.fingerprint) ?? 0;
    if (left === 0) return true;
    toDrop.set(entry.fingerprint, left - 1);
    return false;
  });
  return { version: 1, findings: kept };
}

export function readBaseline(path: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AuditSetupError(`cannot read the baseline ${path}: ${(error as Error).message}`);
  }
  const candidate = parsed as Partial<Baseline> | null;
  if (candidate?.version !== 1 || !Array.isArray(candidate.findings) || !candidate.findings.every((entry) => typeof entry?.fingerprint === 'string')) {
    throw new AuditSetupError(`${path} is not a spawnguard baseline (expected { "version": 1, "findings": [{ "fingerprint": ... }] })`);
  }
  return candidate as Baseline;
}

/**
 * Splits findings into those the baseline does not cover and the count it excuses; `stale` lists
 * the entries no finding matched any more (fixed, or moved to another component).
 */
export function applyBaseline(findings: readonly AuditFinding[], baseline: Baseline): { fresh: AuditFinding[]; baselined: number; stale: BaselineEntry[] } {
  const remaining = new Map<string, number>();
  for (const { fingerprint } of baseline.findings) remaining.set(fingerprint, (remaining.get(fingerprint) ?? 0) + 1);
  const fresh: AuditFinding[] = [];
  let baselined = 0;
  for (const finding of findings) {
    const left = remaining.get(finding.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(finding.fingerprint, left - 1);
      baselined++;
    } else {
      fresh.push(finding);
    }
  }
  const stale: BaselineEntry[] = [];
  for (const entry of baseline.findings) {
    const left = remaining.get(entry.fingerprint) ?? 0;
    if (left > 0) {
      remaining.set(entry.fingerprint, left - 1);
      stale.push(entry);
    }
  }
  return { fresh, baselined, stale };
}

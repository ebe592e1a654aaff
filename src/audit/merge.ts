import { compareFindings } from './order.js';
import { summarise } from './gate.js';
import { AuditSetupError } from './project.js';
import type { AuditFinding, AuditResult } from './types.js';

/**
 * Joins the results of audits of disjoint parts of one project (the shards of `--shard i/n`, run on
 * separate CI machines) into the result the whole audit gives. Shards must all be there, each once:
 * a missing shard would pass the gate by accident, so it is an error, not a smaller report. Findings
 * and ratings are taken as they are: every shard rated its findings with the facts of the whole
 * project. A baseline is applied afterwards, to the whole.
 */
export function mergeResults(results: readonly AuditResult[]): AuditResult {
  if (results.length === 0) throw new AuditSetupError('nothing to merge: give the JSON results of the shards');
  for (const result of results) {
    if (result?.version !== 1 || !Array.isArray(result.findings) || !Array.isArray(result.files) || !Array.isArray(result.errors)) {
      throw new AuditSetupError('not a spawnguard audit result (expected the output of spawnguard audit --format json)');
    }
  }
  checkShards(results);

  const owner = new Map<string, number>();
  results.forEach((result, i) => {
    for (const file of result.files) {
      if (owner.has(file)) throw new AuditSetupError(`${file} is in two of the results (#${owner.get(file)! + 1} and #${i + 1}): they are not parts of one audit`);
      owner.set(file, i);
    }
  });

  const findings: AuditFinding[] = results.flatMap((result) => result.findings).sort(compareFindings);
  const baselined = results.reduce<number | undefined>((sum, result) => (result.baselined === undefined ? sum : (sum ?? 0) + result.baselined), undefined);
  return {
    version: 1,
    root: results[0]!.root,
    files: [...owner.keys()].sort(),
    findings,
    summary: summarise(findings),
    errors: results.flatMap((result) => result.errors).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    // Every shard looked at the whole project's config: its notices are said once, not once per shard.
    ...(results.some((result) => result.skipped) ? { skipped: results.flatMap((result) => result.skipped ?? []).sort((a, b) => a.file.localeCompare(b.file)) } : {}),
    ...(results.some((result) => result.notices) ? { notices: [...new Set(results.flatMap((result) => result.notices ?? []))] } : {}),
    ...(baselined === undefined ? {} : { baselined }),
  };
}

function checkShards(results: readonly AuditResult[]): void {
  const sharded = results.filter((result) => result.shard !== undefined);
  if (sharded.length === 0) return;
  if (sharded.length !== results.length) throw new AuditSetupError('some results are shards (--shard) and some are not: merge the shards of one run');
  const count = sharded[0]!.shard!.count;
  if (sharded.some((result) => result.shard!.count !== count)) throw new AuditSetupError('the results come from runs with different shard counts');
  const seen = new Set<number>();
  for (const { shard } of sharded) {
    if (seen.has(shard!.index)) throw new AuditSetupError(`shard ${shard!.index}/${count} is given twice`);
    seen.add(shard!.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) throw new AuditSetupError(`missing shard ${missing.map((index) => `${index}/${count}`).join(', ')}: a partial merge would pass the gate by accident`);
}

import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildSupervisionTree, type TreeFileFacts } from '../tree/tree.js';
import type { AuditResult } from '../audit/types.js';
import { runFix } from '../fix/driver.js';
import type { ReportDetails } from '../report/types.js';

export interface ReportDetailOptions {
  cwd: string;
  tsconfig?: string;
  includeTests: boolean;
  typeInfo: boolean;
}

/**
 * What the HTML report shows beyond the audit result: the supervision tree (from the facts the audit
 * collected while it had each AST), the text of the files with findings, and the fix's diff of every
 * file with a fixable finding, from `spawnguard fix --dry-run` itself. Loaded only for `--format html`:
 * the fix engine brings jscodeshift and Babel.
 */
export function gatherReportDetails(result: AuditResult, treeFacts: readonly TreeFileFacts[], options: ReportDetailOptions): ReportDetails {
  const sources = new Map<string, string>();
  for (const file of new Set(result.findings.map((finding) => finding.file))) {
    try {
      sources.set(file, readFileSync(join(result.root, file), 'utf8'));
    } catch {
      // Gone since the audit read it: the finding is shown without its excerpt.
    }
  }
  const fixDiffs = new Map<string, string>();
  const fixable = [...new Set(result.findings.filter((finding) => finding.fixable).map((finding) => join(result.root, finding.file)))];
  let fixError: string | undefined;
  if (fixable.length > 0) {
    // The audit has run: a dry run that fails costs the report its diffs (it says why), not the report.
    try {
      const fix = runFix({
        cwd: options.cwd,
        paths: fixable,
        dryRun: true,
        force: true,
        includeTests: options.includeTests,
        typeInfo: options.typeInfo,
        ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
      });
      for (const changed of fix.changed) {
        fixDiffs.set(relative(result.root, join(fix.root, changed.file)).split(sep).join('/'), changed.diff);
      }
    } catch (error) {
      fixError = (error as Error).message.split('\n')[0];
    }
  }
  return { tree: buildSupervisionTree(treeFacts, result.findings), sources, fixDiffs, ...(fixError === undefined ? {} : { fixError }) };
}

import { relative, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { compareRisk, type RiskLevel } from '../catalogue/categories.js';
import type { FileFacts, LocatedFinding, RiskModel } from '../risk/types.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { fingerprintOf } from './fingerprint.js';
import { FILES_PER_COLLECTION, fullGarbageCollector } from './heap.js';
import { isFixableShape } from '../catalogue/rules.js';
import { auditConfig, FileLinter, type ConfigName, type RuleMessage } from './linting.js';
import { loadProject, type ProjectOptions } from './project.js';
import type { AuditError, AuditFinding, AuditResult } from './types.js';

export interface AuditOptions extends ProjectOptions {
  config: ConfigName;
  riskModel: RiskModel;
  baseline?: Baseline;
  /** Called once the file set is known, and after each file is linted. */
  onProgress?: (done: number, total: number) => void;
  /** Sees each file's ESTree and scopes while they are alive (the tree command reads them). */
  onFileAst?: (file: string, ast: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>) => void;
}

/** A finding before the project-wide facts are known, with what its rating needs. */
interface PendingFinding {
  file: string;
  message: RuleMessage;
  located: LocatedFinding;
  code: string;
}


/**
 * Loads the project, lints every file with the plugin's config and rates every finding. Bad input
 * never stops the run: a file that cannot be read or parsed, or on which a rule throws, becomes an
 * entry in `errors` and the other files are still audited. The audited code is never executed.
 */
export function runAudit(options: AuditOptions): AuditResult {
  const project = loadProject(options);
  const toRelative = (file: string): string => relative(project.root, file).split(sep).join('/');
  const errors: AuditError[] = project.unreadable.map(({ file, reason }) => ({ file: toRelative(file), line: 1, column: 1, message: reason }));
  const linter = new FileLinter(project.root, auditConfig(options.config, project.program));
  const pending: PendingFinding[] = [];
  const facts: FileFacts[] = [];
  const total = project.sources.size;
  let done = 0;
  const collectGarbage = total > FILES_PER_COLLECTION ? fullGarbageCollector() : undefined;
  options.onProgress?.(done, total);

  for (const [absolutePath, text] of project.sources) {
    const file = toRelative(absolutePath);
    try {
      const lint = linter.lint(absolutePath, text);
      if (!lint.ok) {
        errors.push({ file, line: lint.line, column: lint.column, message: lint.message });
      } else {
        for (const message of lint.messages) {
          const located = options.riskModel.locateFinding(lint.ast, file, message.range);
          pending.push({ file, message, located, code: text.slice(message.range[0], message.range[1]) });
        }
        facts.push(options.riskModel.collectFileFacts(lint.ast));
        options.onFileAst?.(file, lint.ast, lint.sourceCode);
      }
    } catch (error) {
      // A rule or the risk model threw on this file: report it as the file's error and go on.
      errors.push({ file, line: 1, column: 1, message: `internal error while auditing: ${(error as Error).message.split('\n')[0]}` });
    }
    options.onProgress?.(++done, total);
    if (collectGarbage && done % FILES_PER_COLLECTION === 0) collectGarbage();
  }

  const projectFacts = options.riskModel.mergeFacts(facts);
  const findings = pending.map(({ file, message, located, code }): AuditFinding => {
    const rated = options.riskModel.rateFinding(message.ruleId, located, projectFacts);
    return {
      ruleId: message.ruleId,
      file,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      message: message.message,
      component: located.component,
      impact: rated.impact,
      isolation: rated.isolation,
      risk: rated.risk,
      // What `spawnguard fix` will do for this very finding: it rewrites what the rule offers a
      // suggestion for, when the catalogue lists that shape as fixable; the suggestion then is the remedy.
      fixable: rated.fixable && message.suggestion !== undefined && isFixableShape(message.ruleId, message.messageId),
      remedy: message.suggestion?.desc ?? rated.remedy,
      fingerprint: fingerprintOf({ ruleId: message.ruleId, file, component: located.component, code }),
    };
  });
  findings.sort((a, b) => compareRisk(a.risk, b.risk) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

  const { fresh, baselined } = options.baseline ? applyBaseline(findings, options.baseline) : { fresh: findings, baselined: undefined };
  const files = [...[...project.sources.keys()].map(toRelative), ...project.unreadable.map(({ file }) => toRelative(file))].sort();
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    version: 1,
    root: project.root,
    files,
    findings: fresh,
    summary: summarise(fresh),
    errors,
    ...(baselined === undefined ? {} : { baselined }),
  };
}

function summarise(findings: readonly AuditFinding[]): Record<RiskLevel, number> {
  const summary: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const finding of findings) summary[finding.risk]++;
  return summary;
}

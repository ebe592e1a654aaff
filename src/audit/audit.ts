import { relative, sep } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { RiskLevel } from '../risk/categories.js';
import type { FileFacts, LocatedFinding, RiskModel } from '../risk/types.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { fingerprintOf } from './fingerprint.js';
import { FILES_PER_COLLECTION, fullGarbageCollector } from './heap.js';
import type { RuleId } from '../../rules/index.js';
import { rewritersFor } from '../fix/rewriters/index.js';
import { ProjectEslintConfig, type RuleSettings } from './eslint-config.js';
import { auditConfig, FileLinter, type ConfigName, type RuleMessage } from './linting.js';
import { AuditSetupError, loadSelection, selectFiles, type ProjectOptions } from './project.js';
import type * as TypeScript from 'typescript';
import type { AuditError, AuditFinding, AuditResult } from './types.js';

export interface AuditOptions extends ProjectOptions {
  /** `--config`: lint with this plugin config instead of the project's eslint.config.* rules. */
  config?: ConfigName;
  riskModel: RiskModel;
  baseline?: Baseline;
  /** Called once the file set is known, and after each file is linted. */
  onProgress?: (done: number, total: number) => void;
  /** Sees each file's ESTree while it is alive (the tree command collects them). */
  onFileAst?: (file: string, ast: TSESTree.Program) => void;
}

/** A finding before the project-wide facts are known, with what its rating needs. */
interface PendingFinding {
  file: string;
  message: RuleMessage;
  located: LocatedFinding;
  code: string;
}

const RISK_ORDER: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/**
 * Loads the project, lints every file with the rules the project's ESLint config sets (or the
 * plugin config named) and rates every finding. Bad input never stops the run: a file that cannot
 * be read or parsed, or on which a rule throws, becomes an entry in `errors` and the other files
 * are still audited. Nothing to audit is a setup error (exit 2), as in ESLint. The audited code is
 * never executed.
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const selection = selectFiles(options);
  const eslintConfig = new ProjectEslintConfig(options.cwd, options.config);
  const rulesOf = new Map<string, RuleSettings>();
  for (const file of selection.files) {
    const rules = await eslintConfig.rulesFor(file);
    if (rules) rulesOf.set(file, rules);
  }
  if (rulesOf.size === 0 && selection.unreadable.length === 0) {
    const what = options.paths.length > 0 ? options.paths.join(' ') : relative(options.cwd, selection.root) || '.';
    const ignored = selection.files.length > 0 ? ` (all ${selection.files.length} source file(s) found are ignored by the ESLint config)` : '';
    throw new AuditSetupError(`no files matched ${what}${ignored}`);
  }
  const project = loadSelection(selection, options, [...rulesOf.keys()]);
  if (project.sources.size === 0 && project.unreadable.length === 0) {
    throw new AuditSetupError(`no files matched: every file found was skipped (${project.skipped.map(({ file }) => relative(options.cwd, file)).join(', ')}); see --max-file-size`);
  }
  const toRelative = (file: string): string => relative(project.root, file).split(sep).join('/');
  const errors: AuditError[] = project.unreadable.map(({ file, reason }) => ({ file: toRelative(file), line: 1, column: 1, message: reason }));
  const linters = new Map<string, FileLinter>();
  const programIds = new Map<TypeScript.Program, number>();
  const linterFor = (file: string): FileLinter => {
    const rules = rulesOf.get(file)!;
    const program = project.programFor(file);
    if (program && !programIds.has(program)) programIds.set(program, programIds.size);
    const key = `${program ? programIds.get(program) : '-'} ${JSON.stringify(rules)}`;
    let linter = linters.get(key);
    if (!linter) {
      linter = new FileLinter(project.root, auditConfig(rules, program));
      linters.set(key, linter);
    }
    return linter;
  };
  const pending: PendingFinding[] = [];
  const facts: FileFacts[] = [];
  const total = project.sources.size;
  let done = 0;
  const collectGarbage = total > FILES_PER_COLLECTION ? fullGarbageCollector() : undefined;
  options.onProgress?.(done, total);

  for (const [absolutePath, text] of project.sources) {
    const file = toRelative(absolutePath);
    try {
      const lint = linterFor(absolutePath).lint(absolutePath, text);
      if (!lint.ok) {
        errors.push({ file, line: lint.line, column: lint.column, message: lint.message });
      } else {
        for (const problem of lint.problems) errors.push({ file, ...problem });
        for (const message of lint.messages) {
          const located = options.riskModel.locateFinding(lint.ast, file, message.range);
          pending.push({ file, message, located, code: text.slice(message.range[0], message.range[1]) });
        }
        facts.push(options.riskModel.collectFileFacts(lint.ast));
        options.onFileAst?.(file, lint.ast);
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
      // suggestion for, when a rewrite exists for that shape; the suggestion then is the remedy.
      fixable: rated.fixable && message.suggestion !== undefined && rewritersFor(message.ruleId as RuleId)[message.messageId] !== undefined,
      remedy: message.suggestion?.desc ?? rated.remedy,
      fingerprint: fingerprintOf({ ruleId: message.ruleId, file, component: located.component, code }),
    };
  });
  findings.sort((a, b) => RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);

  const { fresh, baselined, stale } = options.baseline ? applyBaseline(findings, options.baseline) : { fresh: findings, baselined: undefined, stale: undefined };
  const files = [...[...project.sources.keys()].map(toRelative), ...project.unreadable.map(({ file }) => toRelative(file))].sort();
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    version: 1,
    root: project.root,
    files,
    findings: fresh,
    summary: summarise(fresh),
    errors,
    skipped: project.skipped.map(({ file, reason }) => ({ file: toRelative(file), reason })),
    notices: [...project.notices, ...eslintConfig.notices],
    ...(baselined === undefined ? {} : { baselined, staleBaselineEntries: stale }),
  };
}

function summarise(findings: readonly AuditFinding[]): Record<RiskLevel, number> {
  const summary: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 0, LOW: 0 };
  for (const finding of findings) summary[finding.risk]++;
  return summary;
}

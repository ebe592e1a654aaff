import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import { PLUGIN_PREFIX, RULE_CATALOGUE, ruleIds as catalogueRuleIds, type RuleId } from '../catalogue/rules.js';
import { auditConfig, FileLinter, type ConfigName } from '../audit/linting.js';
import { reportedNode } from '../rewrite/refusals.js';

/**
 * The codemods do not detect anything themselves: they run the rules (the one engine, invariant 1 in docs/architecture.md)
 * through the audit's linter, with the same config, and rewrite exactly the ranges the rules report.
 */
export interface ReportedFinding {
  ruleId: RuleId;
  messageId: string;
  message: string;
  /** Offsets into the source, end exclusive: the node the rule reported. */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * The rule offered a suggestion: its statement that this finding's shape can be rewritten
   * mechanically. The codemods rewrite only such findings; the others need a human.
   */
  suggestable: boolean;
  /** The first suggestion's text edit, as ESLint gives it (all its edits merged into one range). */
  suggestionFix: { range: [number, number]; text: string } | undefined;
  /**
   * The ESTree node the rule reported (the outermost non-statement at that range), for rewrites that
   * name things the way the rule's suggestion does.
   */
  node: TSESTree.Node | undefined;
  /** Set by the fix: why the shape's rewrite was not applied here (it would change what the code does). */
  leftBecause?: string;
}

export interface LocateResult {
  findings: ReportedFinding[];
  /** The file as the rules saw it (AST, tokens, scope analysis); absent when it did not parse. */
  sourceCode?: TSESLint.SourceCode;
  /** Set when the file does not parse: nothing can be rewritten safely. */
  parseError?: { line: number; column: number; message: string };
}

/**
 * The config's settings (`--config`, recommended by default), with the rules it leaves off added at
 * their defaults: the fix rewrites every fixable rule it is asked for, whichever config the rule is in
 * (no-unowned-state is strict's).
 */
function locatorConfig(config: ConfigName, program: TypeScript.Program | undefined) {
  const off = catalogueRuleIds.filter((id) => config === 'recommended' && RULE_CATALOGUE[id].recommended === 'strict');
  return [...auditConfig(config, program), { rules: Object.fromEntries(off.map((id) => [`${PLUGIN_PREFIX}${id}`, 'error' as const])) }];
}

interface Linters {
  syntactic: FileLinter;
  typed: WeakMap<TypeScript.Program, FileLinter>;
}
const lintersByConfig = new Map<ConfigName, Linters>();

function lintersOf(config: ConfigName): Linters {
  let linters = lintersByConfig.get(config);
  // Flat configs match `files` globs against paths under the linter's cwd; '/' holds every file.
  if (!linters) lintersByConfig.set(config, (linters = { syntactic: new FileLinter('/', locatorConfig(config, undefined)), typed: new WeakMap() }));
  return linters;
}

function linterFor(config: ConfigName, program: TypeScript.Program | undefined): FileLinter {
  const linters = lintersOf(config);
  if (!program) return linters.syntactic;
  let linter = linters.typed.get(program);
  if (!linter) {
    linter = new FileLinter('/', locatorConfig(config, program));
    linters.typed.set(program, linter);
  }
  return linter;
}

/**
 * Lints `source` as the file at `filename` with `locatorConfig` and returns what the selected
 * rules report. With `program` (whose copy of the file must hold exactly `source`), type-aware.
 */
export function locateFindings(
  source: string,
  filename: string,
  ruleIds: readonly RuleId[],
  root = process.cwd(),
  program?: TypeScript.Program,
  config: ConfigName = 'recommended',
): LocateResult {
  const absolute = resolve(root, filename);
  const lint = linterFor(config, program).lint(absolute, source);
  if (!lint.ok) return { findings: [], parseError: { line: lint.line, column: lint.column, message: lint.message } };
  const selected = new Set<string>(ruleIds);
  const findings: ReportedFinding[] = [];
  for (const message of lint.messages) {
    if (!selected.has(message.ruleId)) continue;
    const [start, end] = message.range;
    findings.push({
      ruleId: message.ruleId as RuleId,
      messageId: message.messageId,
      message: message.message,
      start,
      end,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      suggestable: message.suggestion !== undefined,
      suggestionFix: message.suggestion && { range: message.suggestion.range, text: message.suggestion.text },
      node: reportedNode(lint.ast, message.range),
    });
  }
  return { findings, sourceCode: lint.sourceCode };
}

import { relative, resolve } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import plugin, { type RuleId } from '../../rules/index.js';
import { riskModel } from '../risk/model.js';

/**
 * The codemods do not detect anything themselves: they run the rules (the one engine, invariant 1)
 * through ESLint's Linter on the file's text and rewrite exactly the ranges the rules report.
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
   * The ESTree node the rule reported (the outermost non-statement at that range), for rewrites that name things the
   * way the rule's suggestion does (src/detect/component-names.ts).
   */
  node: TSESTree.Node | undefined;
  /** The risk model's component (`file > Symbol`): the same name the audit shows, used for ids and `report(...)`. */
  component: string;
}

export interface LocateResult {
  findings: ReportedFinding[];
  /** The file as the rules saw it (AST, tokens, scope analysis); absent when it did not parse. */
  sourceCode?: TSESLint.SourceCode;
  /** Set when the file does not parse: nothing can be rewritten safely. */
  parseError?: { line: number; column: number; message: string };
}

const RULE_PREFIX = 'spawnguard/';

/** One Linter and one config array per rule selection: building them is the costly part. */
const configsBySelection = new Map<string, Linter.Config[]>();
// Flat configs match `files` globs against paths under `cwd`; files outside it would match no config.
const linter = new Linter({ cwd: '/' });

function configFor(ruleIds: readonly RuleId[]): Linter.Config[] {
  const key = [...ruleIds].sort().join(',');
  let config = configsBySelection.get(key);
  if (!config) {
    const [typescriptParser, jsx, pluginEntry] = plugin.configs.recommended as Linter.Config[];
    config = [
      typescriptParser!,
      jsx!,
      {
        ...pluginEntry,
        rules: Object.fromEntries(ruleIds.map((id) => [`${RULE_PREFIX}${id}`, 'error'])),
      },
    ];
    configsBySelection.set(key, config);
  }
  return config;
}

/** Line/column (1-based line, 1-based column as ESLint reports) to an offset. */
function offsetOf(lineStarts: readonly number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function indexByRange(ast: TSESTree.Program, visitorKeys: Record<string, readonly string[] | undefined>): Map<string, TSESTree.Node> {
  const byRange = new Map<string, TSESTree.Node>();
  const visit = (node: TSESTree.Node) => {
    const key = `${node.range[0]}:${node.range[1]}`;
    // A statement shares its expression's range when it has no `;`: the expression is what was reported.
    if (!byRange.has(key) && !node.type.endsWith('Statement')) byRange.set(key, node);
    for (const childKey of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[childKey];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  visit(ast);
  return byRange;
}

export function locateFindings(
  source: string,
  filename: string,
  ruleIds: readonly RuleId[],
  root = process.cwd(),
): LocateResult {
  const absolute = resolve(root, filename);
  const messages = linter.verify(source, configFor(ruleIds), { filename: absolute });
  const fatal = messages.find((message) => message.fatal);
  if (fatal) return { findings: [], parseError: { line: fatal.line, column: fatal.column, message: fatal.message } };
  const lineStarts = lineStartsOf(source);
  const findings: ReportedFinding[] = [];
  const sourceCode = linter.getSourceCode();
  const ast = sourceCode.ast as unknown as TSESTree.Program;
  let nodesByRange: Map<string, TSESTree.Node> | undefined;
  const file = relative(root, absolute).replace(/\\/g, '/');
  for (const message of messages) {
    if (!message.ruleId?.startsWith(RULE_PREFIX) || !message.messageId) continue;
    const start = offsetOf(lineStarts, message.line, message.column);
    const end = offsetOf(lineStarts, message.endLine ?? message.line, message.endColumn ?? message.column);
    findings.push({
      ruleId: message.ruleId.slice(RULE_PREFIX.length) as RuleId,
      messageId: message.messageId,
      message: message.message,
      start,
      end,
      line: message.line,
      column: message.column,
      endLine: message.endLine ?? message.line,
      endColumn: message.endColumn ?? message.column,
      suggestable: (message.suggestions?.length ?? 0) > 0,
      suggestionFix: message.suggestions?.[0]?.fix,
      node: (nodesByRange ??= indexByRange(ast, sourceCode.visitorKeys)).get(`${start}:${end}`),
      component: riskModel.locateFinding(ast, file, [start, end]).component,
    });
  }
  return { findings, sourceCode: sourceCode as unknown as TSESLint.SourceCode };
}

import type { API, ASTPath, Collection, FileInfo, JSCodeshift, Options, Transform } from 'jscodeshift';
import type * as TypeScript from 'typescript';
import { ruleIds, type RuleId } from '../catalogue/rules.js';
import type { ConfigName } from '../audit/linting.js';
import { locateFindings, type LocateResult, type ReportedFinding } from './finding-locator.js';
import { componentIds, type ComponentIds } from './component-ids.js';
import { appliesSuggestion, rewritersFor } from './rewriters/index.js';
import { rewriteRefusal } from '../rewrite/refusals.js';
import { APPLY_SUGGESTION } from './rewriters/shared.js';
import { indentsWithTabs, recastPositions } from './recast-positions.js';
import { sourceStyleOf } from '../detect/source-style.js';
import { codeshiftFor, syntaxParserFor } from './parsers.js';
import { addRuntimeImport, runtimeImports, type RuntimeImports } from './runtime-import.js';

/**
 * The jscodeshift side of `spawnguard fix`: run the rules on the file (the one engine), find the Babel
 * node at each reported range, and rewrite it onto the runtime. Repeats until no fixable finding is
 * left (a rewrite can make another one fixable: a floating `fetch(url)` put into `tasks.start` can then
 * receive the task's signal), so that a second run is a no-op.
 */
export interface RewriteContext {
  j: JSCodeshift;
  root: Collection;
  finding: ReportedFinding;
  /** The Babel nodes whose range is exactly the reported one, outermost first. */
  candidates: readonly ASTPath<any>[];
  runtime: RuntimeImports;
  /** Names from `node:events` (`once` for waiting on 'drain'). */
  events: RuntimeImports;
  /** The ESLint SourceCode the rules ran on (scope analysis for names computed as the rules compute them). */
  sourceCode: LocateResult['sourceCode'];
  ids: ComponentIds;
  source: string;
  /** Absolute path of the file, for names derived the way the rules' suggestions derive them. */
  filePath: string;
  /** The file's quote style, for code a rewrite writes as text. */
  quote: 'single' | 'double';
  /** Whether the file ends statements with `;`, for statements a rewrite writes as text. */
  semicolons: boolean;
  /** Whether the file writes braces with spaces inside (`{ a }`), for objects a rewrite writes as text. */
  bracketSpacing: boolean;
}

/**
 * Rewrites the finding in place; returns false when the shape at hand is not one it can rewrite, or
 * the reason it is left to a human where the rewrite would change what the code does.
 */
export type Rewriter = ((context: RewriteContext) => boolean | string) | typeof APPLY_SUGGESTION;


export interface FixOptions {
  /**
   * The TypeScript program of the project (type-aware detection, as the audit does). Used for the
   * first pass only: after a rewrite the file's text no longer matches the program's copy.
   */
  program?: TypeScript.Program;
  /** Rules whose fixable findings are rewritten; default: every rule with rewriters. */
  rules?: readonly RuleId[];
  /** The config whose settings the rules run with (`--config`); default recommended. */
  config?: ConfigName;
  runtimeImport?: string;
  /** Folder ids and components are relative to; default: the working directory. */
  root?: string;
  /**
   * Findings of the original text to leave as they are, by id (`findingId`), with the reason given to
   * the user (`--verify` puts back the rewrites that broke a check this way).
   */
  leave?: ReadonlyMap<string, string>;
}

export interface FileFixResult {
  /** The new text, or null when nothing was rewritten (the file must not be touched). */
  output: string | null;
  /** Rewrites applied, per rule. */
  rewrites: Partial<Record<RuleId, number>>;
  /** Findings left that need a human (no rewriter for their shape), positioned in the output text. */
  remaining: LeftFinding[];
  /**
   * The findings of the original text that were rewritten, by id (what `leave` takes). A finding that
   * only a rewrite made fixable (in a later pass) is not listed: it goes with the rewrite that made it.
   */
  applied: AppliedFinding[];
}

export interface AppliedFinding {
  id: string;
  ruleId: RuleId;
  line: number;
  column: number;
  message: string;
}

/** A finding's id in the text the fix started from: its rule and place. */
export const findingId = (finding: Pick<ReportedFinding, 'ruleId' | 'line' | 'column'>): string => `${finding.ruleId}@${finding.line}:${finding.column}`;

/** A finding the fix leaves for a human; its position is in the fixed text. */
export interface LeftFinding extends ReportedFinding {
  /** Why a rewrite exists for the shape but was not applied here (it would change what the code does). */
  leftBecause?: string;
  /**
   * Where the same finding is in the text before the fix (the file on disk in a dry run); undefined
   * when no finding with that rule and code was there, i.e. the rewrite itself brought it.
   */
  inOriginal: { line: number; column: number } | undefined;
}

const MAX_PASSES = 4;

type Loc = { start: { line: number; column: number }; end: { line: number; column: number } };

const locKey = (loc: Loc) => `${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`;

/** Babel nodes by their line/column span (recast's copy of the text, see recast-positions.ts). */
function indexByLoc(j: JSCodeshift, root: Collection): Map<string, ASTPath<any>[]> {
  const byLoc = new Map<string, ASTPath<any>[]>();
  root.find(j.Node).forEach((path) => {
    const loc = (path.node as { loc?: Loc }).loc;
    if (!loc) return;
    const key = locKey(loc);
    const list = byLoc.get(key);
    if (list) list.push(path);
    else byLoc.set(key, [path]);
  });
  return byLoc;
}

/** The findings of one pass's text; throws when the text does not parse. */
function locateOrThrow(source: string, filePath: string, options: FixOptions, rules: readonly RuleId[], program: TypeScript.Program | undefined): LocateResult {
  const located = locateFindings(source, filePath, rules, options.root, program, options.config);
  if (located.parseError) {
    const { line, column, message } = located.parseError;
    throw new Error(`${filePath}:${line}:${column}: cannot parse: ${message}`);
  }
  return located;
}

/** The findings of this pass that `options.leave` names (through the originals they are paired with), with its reason. */
function leftByRequest(pairing: ReadonlyMap<ReportedFinding, ReportedFinding>, leave: FixOptions['leave']): Map<ReportedFinding, string> {
  const left = new Map<ReportedFinding, string>();
  if (!leave) return left;
  for (const [finding, first] of pairing) {
    const reason = leave.get(findingId(first));
    if (reason !== undefined) left.set(finding, reason);
  }
  return left;
}

function onePass(
  located: LocateResult,
  source: string,
  filePath: string,
  j: JSCodeshift,
  options: FixOptions,
  left: ReadonlyMap<ReportedFinding, string>,
): { output: string | null; applied: ReportedFinding[]; remaining: ReportedFinding[] } {
  const remaining: ReportedFinding[] = [];
  const fixable: ReportedFinding[] = [];
  for (const finding of located.findings) {
    const reason = left.get(finding) ?? (located.sourceCode && rewriteRefusal(finding, located.sourceCode, filePath));
    if (reason) remaining.push({ ...finding, leftBecause: reason });
    else if (finding.suggestable && rewritersFor(finding.ruleId)[finding.messageId]) fixable.push(finding);
    else remaining.push(finding);
  }
  dropTicksTheIntervalSupervises(fixable);
  if (fixable.length === 0) return { output: null, applied: [], remaining };

  const textual = fixable.filter(
    (finding) => rewritersFor(finding.ruleId)[finding.messageId] === APPLY_SUGGESTION || appliesSuggestion(finding, located.sourceCode),
  );
  if (textual.length > 0) return applySuggestions(source, textual, remaining);

  const root = j(source);
  const byLoc = indexByLoc(j, root);
  const toRecast = recastPositions(source);
  const runtime = runtimeImports(j, root, options.runtimeImport);
  const events = runtimeImports(j, root, 'node:events', ['events']);
  const ids = componentIds(j, root);
  const style = sourceStyleOf(source);
  const quote = style.quote;
  const applied: ReportedFinding[] = [];
  // By end, then size: a nested finding comes before the one around it (the outer rewrite then wraps
  // the rewritten inner code), and otherwise source order, so ids are claimed top to bottom.
  fixable.sort((a, b) => a.end - b.end || a.end - a.start - (b.end - b.start));
  for (const finding of fixable) {
    const rewrite = rewritersFor(finding.ruleId)[finding.messageId] as Exclude<Rewriter, typeof APPLY_SUGGESTION>;
    const candidates =
      byLoc.get(
        locKey({
          start: toRecast(finding.line, finding.column - 1),
          end: toRecast(finding.endLine, finding.endColumn - 1),
        }),
      ) ?? [];
    const done = candidates.length > 0 && rewrite({ j, root, finding, candidates, runtime, events, sourceCode: located.sourceCode, ids, source, filePath, quote, semicolons: style.semicolons, bracketSpacing: style.bracketSpacing });
    if (done === true) applied.push(finding);
    else remaining.push(typeof done === 'string' ? { ...finding, leftBecause: done } : finding);
  }
  if (applied.length === 0) return { output: null, applied, remaining };
  // No wrapping: a rewritten call stays on one line, as the rule's suggestion writes it.
  const printed = root.toSource({
    quote,
    wrapColumn: Number.MAX_SAFE_INTEGER,
    lineTerminator: style.eol,
    // recast guesses the indentation width from the file when none is given: leave it to.
    useTabs: indentsWithTabs(source),
  });
  const withRuntime = addRuntimeImport(printed, { filePath, missing: runtime.missing, specifier: options.runtimeImport, ...style });
  const output = addRuntimeImport(withRuntime, { filePath, missing: events.missing, specifier: 'node:events', ...style });
  return { output, applied, remaining };
}

/**
 * `setInterval(async () => {...}, ms)` is flagged by no-stray-timer (the interval) and by
 * no-detached-async-callback (its tick): `supervise.interval` already supervises each tick, so
 * wrapping the tick in `tasks.callback` too would report a failure twice. The tick's finding is
 * dropped from the pass where the interval is rewritten; if that rewrite does not happen, the next
 * pass finds the tick again.
 */
function dropTicksTheIntervalSupervises(fixable: ReportedFinding[]): void {
  const intervals = new Set(fixable.filter((finding) => finding.ruleId === 'no-stray-timer').map((finding) => finding.node));
  for (let index = fixable.length - 1; index >= 0; index--) {
    const { ruleId, node } = fixable[index]!;
    const call = node?.parent;
    if (ruleId === 'no-detached-async-callback' && call?.type === 'CallExpression' && call.arguments[0] === node && intervals.has(call)) fixable.splice(index, 1);
  }
}

/**
 * Applies the suggestions' text edits that do not overlap (from the end, so offsets stay valid); the
 * others wait for the next pass. AST rewrites wait for the next pass too, which lints the new text.
 */
function applySuggestions(
  source: string,
  findings: readonly ReportedFinding[],
  remaining: ReportedFinding[],
): { output: string | null; applied: ReportedFinding[]; remaining: ReportedFinding[] } {
  const applied: ReportedFinding[] = [];
  let output = source;
  let floor = Number.POSITIVE_INFINITY;
  const byEnd = [...findings].sort((a, b) => (b.suggestionFix?.range[1] ?? 0) - (a.suggestionFix?.range[1] ?? 0));
  for (const finding of byEnd) {
    const fix = finding.suggestionFix;
    if (!fix) {
      remaining.push(finding);
      continue;
    }
    if (fix.range[1] > floor) continue;
    output = output.slice(0, fix.range[0]) + fix.text + output.slice(fix.range[1]);
    floor = fix.range[0];
    applied.push(finding);
  }
  return { output: applied.length > 0 ? output : null, applied, remaining };
}

/**
 * Rewrites one file's text. Throws when the input does not parse or a rewrite would not re-parse.
 * The file is parsed with the codemods' own parsers (./parsers.ts), whatever `_chosen` is.
 */
export function fixSource(text: string, filePath: string, _chosen?: JSCodeshift, options: FixOptions = {}): FileFixResult {
  // The rules see the text without its byte order mark (ESLint strips it): so do the rewrites; it is put back.
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const source = text.slice(bom.length);
  const j = codeshiftFor(filePath);
  const rules = options.rules ?? fixableRuleIds();
  const rewrites: Partial<Record<RuleId, number>> = {};
  let current = source;
  let remaining: ReportedFinding[] = [];
  let original: ReportedFinding[] | undefined;
  const appliedOriginals = new Set<ReportedFinding>();
  // Each pass's findings are paired with the original ones they still are (same rule, message and code):
  // a finding left in one pass is left in the next, a rewrite of an original counts as that original.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const located = locateOrThrow(current, filePath, options, rules, pass === 0 ? options.program : undefined);
    original ??= [...located.findings];
    const pairing = pairWithOriginals(located.findings, current, original.filter((finding) => !appliedOriginals.has(finding)), source);
    const result = onePass(located, current, filePath, j, options, leftByRequest(pairing, options.leave));
    remaining = result.remaining;
    if (result.output === null || result.output === current) break;
    for (const finding of result.applied) {
      rewrites[finding.ruleId] = (rewrites[finding.ruleId] ?? 0) + 1;
      const first = pairing.get(finding);
      if (first) appliedOriginals.add(first);
    }
    assertParses(result.output, filePath);
    current = result.output;
  }
  const paired = pairWithOriginals(remaining, current, (original ?? []).filter((finding) => !appliedOriginals.has(finding)), source);
  return {
    output: current === source ? null : bom + current,
    rewrites,
    remaining: [...remaining]
      .sort((a, b) => a.start - b.start)
      .map((finding) => {
        const match = paired.get(finding);
        return { ...finding, inOriginal: match && { line: match.line, column: match.column } };
      }),
    applied: [...appliedOriginals]
      .sort((a, b) => a.start - b.start)
      .map((finding) => ({ id: findingId(finding), ruleId: finding.ruleId, line: finding.line, column: finding.column, message: finding.message })),
  };
}

/**
 * Pairs findings of the current text with the first unpaired finding of the original text that has the
 * same rule, message and flagged code (rewrites move code, they do not change what is left).
 */
function pairWithOriginals(
  current: readonly ReportedFinding[],
  text: string,
  original: readonly ReportedFinding[],
  source: string,
): Map<ReportedFinding, ReportedFinding> {
  const keyOf = (finding: ReportedFinding, from: string) => `${finding.ruleId}\0${finding.messageId}\0${from.slice(finding.start, finding.end)}`;
  const unpaired = new Map<string, ReportedFinding[]>();
  for (const finding of [...original].sort((a, b) => a.start - b.start)) {
    const key = keyOf(finding, source);
    const same = unpaired.get(key);
    if (same) same.push(finding);
    else unpaired.set(key, [finding]);
  }
  const pairs = new Map<ReportedFinding, ReportedFinding>();
  for (const finding of [...current].sort((a, b) => a.start - b.start)) {
    const match = unpaired.get(keyOf(finding, text))?.shift();
    if (match) pairs.set(finding, match);
  }
  return pairs;
}

function assertParses(output: string, filePath: string): void {
  try {
    syntaxParserFor(filePath)(output);
  } catch (error) {
    throw new Error(`${filePath}: the rewrite would not parse (${(error as Error).message}); file left unchanged`);
  }
}

/** Rules with at least one rewriter: the default selection. */
export function fixableRuleIds(): RuleId[] {
  return ruleIds.filter((id) => Object.keys(rewritersFor(id)).length > 0);
}

/** A jscodeshift transform for the given rules: `export default createTransform(['no-floating-promise'])`. */
export function createTransform(rules: readonly RuleId[]): Transform {
  return (file: FileInfo, api: API, options: Options) => {
    const result = fixSource(file.source, file.path, api.jscodeshift, {
      rules,
      runtimeImport: typeof options['runtimeImport'] === 'string' ? options['runtimeImport'] : undefined,
      root: typeof options['root'] === 'string' ? options['root'] : undefined,
    });
    for (const [ruleId, count] of Object.entries(result.rewrites)) api.stats(ruleId, count);
    for (const finding of result.remaining) {
      api.report(`${file.path}:${finding.line}:${finding.column}: ${finding.ruleId}: needs a human: ${finding.message}`);
    }
    // Returning undefined tells jscodeshift the file is unchanged: it is not written.
    return result.output ?? undefined;
  };
}

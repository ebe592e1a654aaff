import { statSync } from 'node:fs';
import { extname, relative, sep } from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as TypeScript from 'typescript';
import { JSX_JAVASCRIPT_EXTENSIONS } from '../../rules/index.js';
import { scopesOfManager } from '../ast/scopes.js';
import { linkParents } from '../ast/walk.js';
import { isFixableShape } from '../catalogue/rules.js';
import { forgetManifests, nearestManifest } from '../detect/nearest-manifest.js';
import type { FileFacts, RiskModel } from '../risk/types.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { AuditCache, cacheKey, DEFAULT_CACHE_FILE, type FileFinding, type FileOutcome } from './cache.js';
import { filesChangedSince } from './changed-files.js';
import { ImportGraph } from './dependencies.js';
import { ProjectEslintConfig, type RuleSettings } from './eslint-config.js';
import { fingerprintOf } from './fingerprint.js';
import { summarise } from './gate.js';
import { collectorAfterEachFile } from './heap.js';
import { lintFile } from './lint-file.js';
import { lintOnThreads } from './lint-threads.js';
import { compareFindings } from './order.js';
import { requireOxlint, screenWithOxlint, type Engine } from './oxlint-engine.js';
import { auditConfig, FileLinter, type ConfigName } from './linting.js';
import { AuditSetupError, loadSelection, selectFiles, type LoadedProject, type ProjectOptions } from './project.js';
import { filesOfShard, type Shard } from './shard.js';
import { readSource } from './source-reader.js';
import type { AuditError, AuditFinding, AuditResult } from './types.js';

export interface AuditOptions extends ProjectOptions {
  /** `--config`: lint with this plugin config instead of the project's eslint.config.* rules. */
  config?: ConfigName;
  /** `--no-config-lookup`: false reads no eslint.config.* (the rules are `config`'s, or recommended). */
  configLookup?: boolean;
  riskModel: RiskModel;
  baseline?: Baseline;
  /** `--shard i/n`: audit one part of the file set (spawnguard merge joins the parts). */
  shard?: Shard;
  /** `--changed-since <ref>`: audit only the files changed since `ref`'s merge base. */
  changedSince?: string;
  /** `--cache`: the cache file (or a folder for `.spawnguardcache`), relative to `cwd`. */
  cacheLocation?: string;
  /** `--engine`: oxlint screens a syntactic audit's files for ESLint (default eslint: ESLint lints every file). */
  engine?: Engine;
  /** Called once the file set is known, and after each file is linted. */
  onProgress?: (done: number, total: number) => void;
  /** Sees each file's ESTree and scopes while they are alive (the tree command reads them). */
  onFileAst?: (file: string, ast: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>) => void;
}

/**
 * Loads the project, lints every file with the rules the project's ESLint config sets (or the
 * plugin config named) and rates every finding. Bad input never stops the run: a file that cannot
 * be read or parsed, or on which a rule throws, becomes an entry in `errors` and the other files
 * are still audited. Nothing to audit is a setup error (exit 2), as in ESLint. The audited code is
 * never executed.
 *
 * The files linted may be fewer than the project's (a shard, the changed files, cache hits); the
 * ratings are the same either way, since the project-wide facts they use are gathered from every
 * file of the set (see `factsOfUnlinted`).
 */
export async function runAudit(options: AuditOptions): Promise<AuditResult> {
  const run = await startAudit(options);
  lintHere(run, options, run.toLint);
  return run.finish();
}

/**
 * `--concurrency n` and `--engine oxlint`: the same audit with the files linted on n worker threads,
 * and with oxlint first clearing the files that can have no finding (src/audit/oxlint-engine.ts).
 * Only a syntactic audit is spread or screened (a type-aware one would need its program in every
 * thread: n times the memory and the type check done n times; ESLint is the only type-aware engine);
 * everything else is `runAudit`'s. The threads locate findings and collect facts with the audit's
 * own risk model (`riskModel` of src/risk/model.ts).
 */
export async function runAuditConcurrently(options: AuditOptions, threads: number): Promise<AuditResult> {
  const screened = options.engine === 'oxlint' && !options.typeInfo && !options.onFileAst;
  if (!screened && (threads <= 1 || options.typeInfo || options.onFileAst)) return runAudit(options);
  const run = await startAudit(options);
  let toLint = run.toLint;
  let notice: string | undefined;
  if (screened) {
    const screening = screenWithOxlint(requireOxlint(options.cwd), toLint, run.rulesOf, options.riskModel, run.project.root);
    for (const [file, outcome] of screening.cleared) run.record(file, outcome);
    toLint = screening.toLint;
    notice = screening.notice;
  }
  const left =
    threads > 1 && !options.typeInfo && !options.onFileAst
      ? await lintOnThreads(
          toLint.map(([file, text]) => [file, text, run.rulesOf(file)] as [string, string, RuleSettings]),
          threads,
          run.project.root,
          (file, outcome) => run.record(file, outcome),
        )
      : toLint;
  lintHere(run, options, left);
  const result = run.finish();
  return notice ? { ...result, notices: [...(result.notices ?? []), notice] } : result;
}

interface StartedAudit {
  project: LoadedProject;
  /** The files to lint now (the others are cache hits or not part of this run), with their text. */
  toLint: [string, string][];
  rulesOf(file: string): RuleSettings;
  toRelative(file: string): string;
  /** Takes one linted file's outcome (in any order). */
  record(file: string, outcome: FileOutcome): void;
  /** Rates every finding with the whole project's facts and builds the result. */
  finish(): AuditResult;
}

function lintHere(run: StartedAudit, options: AuditOptions, files: readonly (readonly [string, string, ...unknown[]])[]): void {
  const linters = new Map<string, FileLinter>();
  const programIds = new Map<TypeScript.Program, number>();
  const linterFor = (file: string): FileLinter => {
    const rules = run.rulesOf(file);
    const program = run.project.programFor(file);
    if (program && !programIds.has(program)) programIds.set(program, programIds.size);
    const key = `${program ? programIds.get(program) : '-'} ${JSON.stringify(rules)}`;
    let linter = linters.get(key);
    if (!linter) {
      linter = new FileLinter(run.project.root, auditConfig(rules, program));
      linters.set(key, linter);
    }
    return linter;
  };
  for (const [file, text] of files) run.record(file, lintFile(linterFor(file), options, file, text, run.toRelative(file)));
}

async function startAudit(options: AuditOptions): Promise<StartedAudit> {
  // The rules remember package.json files for a moment; an audit reads them as they are when it starts.
  forgetManifests();
  const selection = selectFiles(options);
  const eslintConfig = new ProjectEslintConfig(options.cwd, options.config, { lookup: options.configLookup ?? true });
  const rulesOf = new Map<string, RuleSettings>();
  // A config that cannot load (an example folder's, whose imports are not installed) loses only the
  // files it governs: they go to `errors` with its message, and the rest is audited. With no file
  // left, its message is the setup error.
  let configError: AuditSetupError | undefined;
  for (const file of selection.files) {
    let rules: RuleSettings | undefined;
    try {
      rules = await eslintConfig.rulesFor(file);
    } catch (error) {
      if (!(error instanceof AuditSetupError)) throw error;
      configError ??= error;
      selection.unreadable.push({ file, reason: error.message });
      continue;
    }
    if (rules) rulesOf.set(file, rules);
  }
  if (rulesOf.size === 0 && configError) throw configError;
  if (rulesOf.size === 0 && selection.unreadable.length === 0) {
    const what = options.paths.length > 0 ? options.paths.join(' ') : relative(options.cwd, selection.root) || '.';
    const ignored = selection.files.length > 0 ? ` (all ${selection.files.length} source file(s) found are ignored by the ESLint config)` : '';
    throw new AuditSetupError(`no files matched ${what}${ignored}`);
  }
  const auditable = [...rulesOf.keys()];
  const targets = targetFiles(options, auditable);
  const notices: string[] = [];
  if (options.changedSince !== undefined && targets.size === 0) notices.push(`no source file changed since ${options.changedSince}`);

  const cached = new Map<string, FileOutcome>();
  const cache = options.cacheLocation !== undefined && !options.onFileAst ? openCache(options, selection.root) : undefined;
  if (cache) {
    for (const file of targets) {
      const outcome = cache.lookup(file, contextOf(rulesOf.get(file)!, options.typeInfo));
      if (outcome) cached.set(file, outcome);
    }
  }
  const project = loadSelection(selection, options, [...targets].filter((file) => !cached.has(file)));
  if (targets.size > 0 && cached.size === 0 && project.sources.size === 0 && project.unreadable.length === 0) {
    throw new AuditSetupError(`no files matched: every file found was skipped (${project.skipped.map(({ file }) => relative(options.cwd, file)).join(', ')}); see --max-file-size`);
  }
  const imports = cache ? new ImportGraph((file) => project.sources.get(file)) : undefined;
  const toRelative = (file: string): string => relative(project.root, file).split(sep).join('/');
  const outcomes = new Map<string, FileOutcome>(cached);
  const toLint = [...project.sources];
  let done = 0;
  const afterEachFile = collectorAfterEachFile(toLint.length);
  options.onProgress?.(done, toLint.length);

  return {
    project,
    toLint,
    rulesOf: (file) => rulesOf.get(file)!,
    toRelative,
    record(file, outcome) {
      outcomes.set(file, outcome);
      if (cache && imports) {
        const program = project.programFor(file);
        // The nearest package.json decides findings too (entry files, a library's refusals).
        const manifest = nearestManifest(file)?.path;
        const dependencies = imports.dependenciesOf(file, program);
        cache.store(file, contextOf(rulesOf.get(file)!, options.typeInfo), manifest === undefined ? dependencies : [...dependencies, manifest], outcome);
      }
      options.onProgress?.(++done, toLint.length);
      afterEachFile?.();
    },
    finish() {
      cache?.save();
      const unlinted = auditable.filter((file) => !targets.has(file));
      const result = resultOf(options, project, targets, outcomes, factsOfUnlinted(options.riskModel, unlinted), toRelative);
      return { ...result, notices: [...project.notices, ...eslintConfig.notices, ...notices] };
    },
  };
}

/** What a cached outcome depends on besides the files: the file's rule settings and the mode. */
function contextOf(rules: RuleSettings, typeInfo: boolean): string {
  return JSON.stringify([rules, typeInfo]);
}

function resultOf(
  options: AuditOptions,
  project: LoadedProject,
  targets: ReadonlySet<string>,
  outcomes: ReadonlyMap<string, FileOutcome>,
  unlintedFacts: readonly FileFacts[],
  toRelative: (file: string) => string,
): AuditResult {
  const errors: AuditError[] = project.unreadable.map(({ file, reason }) => ({ file: toRelative(file), line: 1, column: 1, message: reason }));
  const facts: FileFacts[] = [...unlintedFacts];
  const pending: (FileFinding & { file: string })[] = [];
  for (const [absolutePath, outcome] of [...outcomes].sort(([a], [b]) => a.localeCompare(b))) {
    const file = toRelative(absolutePath);
    if (!outcome.ok) {
      errors.push({ file, line: outcome.line, column: outcome.column, message: outcome.message });
      continue;
    }
    for (const problem of outcome.problems) errors.push({ file, ...problem });
    facts.push(outcome.facts);
    for (const finding of outcome.findings) pending.push({ ...finding, file });
  }

  const projectFacts = options.riskModel.mergeFacts(facts);
  const findings = pending.map(({ file, message, located, code, refusal }): AuditFinding => {
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
      // suggestion for, when the catalogue lists that shape as fixable and the fix does not refuse it
      // (the one decision, rewrite/refusals.ts); the suggestion then is the remedy.
      fixable: rated.fixable && message.suggestion !== undefined && isFixableShape(message.ruleId, message.messageId) && refusal === undefined,
      remedy: refusal !== undefined ? `${rated.remedy} \`spawnguard fix\` leaves it to you: ${refusal}.` : (message.suggestion?.desc ?? rated.remedy),
      fingerprint: fingerprintOf({ ruleId: message.ruleId, file, component: located.component, code }),
    };
  });
  findings.sort(compareFindings);

  const { fresh, baselined, stale } = options.baseline ? applyBaseline(findings, options.baseline) : { fresh: findings, baselined: undefined, stale: undefined };
  const audited = [...targets].filter((file) => project.sources.has(file) || outcomes.has(file));
  const files = [...new Set([...audited, ...project.unreadable.map(({ file }) => file)])].map(toRelative).sort();
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    version: 1,
    root: project.root,
    files,
    findings: fresh,
    summary: summarise(fresh),
    errors,
    skipped: project.skipped.map(({ file, reason }) => ({ file: toRelative(file), reason })),
    ...(baselined === undefined ? {} : { baselined, staleBaselineEntries: stale }),
    ...(options.shard ? { shard: options.shard } : {}),
  };
}

/** The files this run reports on: the whole set, or the files changed since a ref, or one shard of those. */
function targetFiles(options: AuditOptions, files: readonly string[]): Set<string> {
  let targets = [...files];
  if (options.changedSince !== undefined) {
    const changed = filesChangedSince(options.cwd, options.changedSince);
    targets = targets.filter((file) => changed.has(file));
  }
  if (options.shard) {
    const mine = filesOfShard(targets, sizeOf, options.shard);
    targets = targets.filter((file) => mine.has(file));
  }
  return new Set(targets);
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function openCache(options: AuditOptions, root: string): AuditCache {
  const location = options.cacheLocation ?? DEFAULT_CACHE_FILE;
  return AuditCache.open(location.startsWith('/') ? location : `${options.cwd}/${location}`, root, cacheKey({ root, config: options.config ?? null }));
}

/**
 * What the files this run does not lint contribute to the project-wide facts. Only a file whose text
 * can hold such a fact is parsed (a few per project), so a shard or a changed-files run rates its
 * findings as the full run does at almost no cost.
 */
function factsOfUnlinted(riskModel: RiskModel, files: readonly string[]): FileFacts[] {
  const facts: FileFacts[] = [];
  for (const file of files) {
    const read = readSource(file);
    if (!read.ok || !riskModel.mayContributeFacts(read.text)) continue;
    try {
      const parsed = parseForESLint(read.text, { filePath: file, jsx: file.endsWith('.tsx') || JSX_JAVASCRIPT_EXTENSIONS.includes(extname(file)), range: true, loc: true });
      linkParents(parsed.ast);
      facts.push(riskModel.collectFileFacts(parsed.ast as TSESTree.Program, scopesOfManager(parsed.scopeManager), file));
    } catch {
      // A file that does not parse contributes nothing, as in the full run (where it is an error).
    }
  }
  return facts;
}

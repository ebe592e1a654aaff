import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import type { FileFacts, RiskModel } from '../risk/types.js';
import { compareFindings } from '../report/order.js';
import { applyBaseline, type Baseline } from './baseline.js';
import { AuditCache, cacheKey, DEFAULT_CACHE_FILE, type FileFinding, type FileOutcome } from './cache.js';
import { filesChangedSince } from './changed-files.js';
import { ImportGraph } from './dependencies.js';
import { fingerprintOf } from './fingerprint.js';
import { summarise } from './gate.js';
import { FILES_PER_COLLECTION, fullGarbageCollector } from './heap.js';
import type { RuleId } from '../../rules/index.js';
import { rewritersFor } from '../fix/rewriters/index.js';
import { lintFile } from './lint-file.js';
import { auditConfig, FileLinter, type ConfigName } from './linting.js';
import { lintOnThreads } from './lint-threads.js';
import { loadProject, type LoadedProject, type ProjectOptions, type SelectionContext } from './project.js';
import { filesOfShard, type Shard } from './shard.js';
import type { AuditError, AuditFinding, AuditResult } from './types.js';

export interface AuditOptions extends ProjectOptions {
  config: ConfigName;
  riskModel: RiskModel;
  baseline?: Baseline;
  /** `--shard i/n`: audit one part of the file set (spawnguard merge joins the parts). */
  shard?: Shard;
  /** `--changed-since <ref>`: audit only the files changed since `ref`'s merge base. */
  changedSince?: string;
  /** `--cache`: the cache file (or a folder for `.spawnguardcache`), relative to `cwd`. */
  cacheLocation?: string;
  /** Called once the file set is known, and after each file is linted. */
  onProgress?: (done: number, total: number) => void;
  /** Sees each file's ESTree while it is alive (the tree command collects them). */
  onFileAst?: (file: string, ast: TSESTree.Program) => void;
}

/**
 * Loads the project, lints every file with the plugin's config and rates every finding. Bad input
 * never stops the run: a file that cannot be read or parsed, or on which a rule throws, becomes an
 * entry in `errors` and the other files are still audited. The audited code is never executed.
 *
 * The files audited may be fewer than the project's (a shard, the changed files) and some of them may
 * come from the cache; the ratings are the same either way, since the project-wide facts they use
 * are gathered from every file of the set (see `factsOfUnlinted`).
 */
export function runAudit(options: AuditOptions): AuditResult {
  const run = startAudit(options);
  lintHere(run, options, run.toLint);
  return run.finish();
}

function lintHere(run: StartedAudit, options: AuditOptions, files: readonly [string, string][]): void {
  if (files.length === 0) return;
  const linter = new FileLinter(run.project.root, auditConfig(options.config, run.project.program));
  for (const [file, text] of files) run.record(file, lintFile(linter, options, file, text, run.toRelative(file)));
}

/**
 * `--concurrency n`: the same audit with the files linted on n worker threads. Only a syntactic
 * audit is spread (a type-aware one would need the program in every thread: n times the memory and
 * the type check done n times); everything else is `runAudit`'s. The threads locate findings and
 * collect facts with the audit's own risk model (`riskModel` of src/risk/model.ts).
 */
export async function runAuditConcurrently(options: AuditOptions, threads: number): Promise<AuditResult> {
  if (threads <= 1 || options.typeInfo || options.onFileAst) return runAudit(options);
  const run = startAudit(options);
  const left = await lintOnThreads(run.toLint, threads, { root: run.project.root, config: options.config }, (file, outcome) => run.record(file, outcome));
  lintHere(run, options, left);
  return run.finish();
}

interface StartedAudit {
  project: LoadedProject;
  /** The files to lint now (the others are cache hits or not part of this run), with their text. */
  toLint: [string, string][];
  toRelative(file: string): string;
  /** Takes one linted file's outcome (in any order). */
  record(file: string, outcome: FileOutcome): void;
  /** Rates every finding with the whole project's facts and builds the result. */
  finish(): AuditResult;
}

function startAudit(options: AuditOptions): StartedAudit {
  let targets = new Set<string>();
  const cached = new Map<string, FileOutcome>();
  let cache: AuditCache | undefined;
  let imports: ImportGraph | undefined;
  const project = loadProject({
    ...options,
    selectFiles: (files, sources, context) => {
      targets = targetFiles(options, files, sources);
      if (options.cacheLocation === undefined || options.onFileAst) return targets;
      ({ cache, imports } = openCache(options, sources, context));
      for (const file of targets) {
        const outcome = cache.lookup(file);
        if (outcome) cached.set(file, outcome);
      }
      return new Set([...targets].filter((file) => !cached.has(file)));
    },
  });
  const toRelative = (file: string): string => relative(project.root, file).split(sep).join('/');
  const outcomes = new Map<string, FileOutcome>(cached);
  const toLint = [...project.sources].filter(([file]) => project.selected.has(file));
  let done = 0;
  const collectGarbage = toLint.length > FILES_PER_COLLECTION ? fullGarbageCollector() : undefined;
  options.onProgress?.(done, toLint.length);

  return {
    project,
    toLint,
    toRelative,
    record(file, outcome) {
      outcomes.set(file, outcome);
      if (cache && imports) cache.store(file, imports.closureOf(file), outcome);
      options.onProgress?.(++done, toLint.length);
      if (collectGarbage && done % FILES_PER_COLLECTION === 0) collectGarbage();
    },
    finish() {
      (cache as AuditCache | undefined)?.save();
      return resultOf(options, project, targets, outcomes, toRelative);
    },
  };
}

function resultOf(
  options: AuditOptions,
  project: LoadedProject,
  targets: ReadonlySet<string>,
  outcomes: ReadonlyMap<string, FileOutcome>,
  toRelative: (file: string) => string,
): AuditResult {
  const errors: AuditError[] = project.unreadable.map(({ file, reason }) => ({ file: toRelative(file), line: 1, column: 1, message: reason }));
  const facts: FileFacts[] = [];
  const pending: (FileFinding & { file: string })[] = [];
  for (const [absolutePath, outcome] of [...outcomes].sort(([a], [b]) => a.localeCompare(b))) {
    const file = toRelative(absolutePath);
    if (!outcome.ok) {
      errors.push({ file, line: outcome.line, column: outcome.column, message: outcome.message });
      continue;
    }
    facts.push(outcome.facts);
    for (const finding of outcome.findings) pending.push({ ...finding, file });
  }
  facts.push(...factsOfUnlinted(options.riskModel, project.sources, targets));

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
  findings.sort(compareFindings);

  const { fresh, baselined } = options.baseline ? applyBaseline(findings, options.baseline) : { fresh: findings, baselined: undefined };
  const unreadableTargets = project.unreadable.map(({ file }) => file);
  const files = [...new Set([...targets].filter((file) => project.sources.has(file)).concat(unreadableTargets))].map(toRelative).sort();
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    version: 1,
    root: project.root,
    files,
    findings: fresh,
    summary: summarise(fresh),
    errors,
    ...(baselined === undefined ? {} : { baselined }),
    ...(options.shard ? { shard: options.shard } : {}),
  };
}

/** The files this run reports on: the whole set, or the files changed since a ref, or one shard of those. */
function targetFiles(options: AuditOptions, files: readonly string[], sources: ReadonlyMap<string, string>): Set<string> {
  let targets = [...files];
  if (options.changedSince !== undefined) {
    const changed = filesChangedSince(options.cwd, options.changedSince);
    targets = targets.filter((file) => changed.has(file));
  }
  if (options.shard) {
    const mine = filesOfShard(targets, (file) => sources.get(file)?.length ?? 0, options.shard);
    targets = targets.filter((file) => mine.has(file));
  }
  return new Set(targets);
}

function openCache(options: AuditOptions, sources: ReadonlyMap<string, string>, context: SelectionContext): { cache: AuditCache; imports: ImportGraph } {
  const textOf = (file: string): string | undefined => sources.get(file);
  const key = cacheKey({
    root: context.root,
    config: options.config,
    typeInfo: options.typeInfo,
    compilerOptions: context.compilerOptions,
    declarationTexts: context.declarationFiles.map((file) => sources.get(file) ?? readFileSync(file, 'utf8')),
  });
  const location = resolve(options.cwd, options.cacheLocation ?? DEFAULT_CACHE_FILE);
  return { cache: AuditCache.open(location, context.root, key, textOf), imports: new ImportGraph(context.compilerOptions, textOf) };
}

/**
 * What the files this run does not lint contribute to the project-wide facts. Only a file whose text
 * can hold such a fact is parsed (a few per project), so a shard or a changed-files run rates its
 * findings as the full run does at almost no cost.
 */
function factsOfUnlinted(riskModel: RiskModel, sources: ReadonlyMap<string, string>, targets: ReadonlySet<string>): FileFacts[] {
  const facts: FileFacts[] = [];
  for (const [file, text] of sources) {
    if (targets.has(file) || !riskModel.mayContributeFacts(text)) continue;
    try {
      facts.push(riskModel.collectFileFacts(parse(text, { filePath: file, jsx: /\.[jt]sx$/.test(file), range: true, loc: true }) as TSESTree.Program));
    } catch {
      // A file that does not parse contributes nothing, as in the full run (where it is an error).
    }
  }
  return facts;
}

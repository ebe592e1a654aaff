import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import jscodeshift from 'jscodeshift';
import { createTwoFilesPatch } from 'diff';
import type { RuleId } from '../catalogue/rules.js';
import { configRuleSettings, type ConfigName } from '../audit/linting.js';
import { loadProject, type LoadedProject } from '../audit/project.js';
import { RUNTIME_MODULE } from '../detect/runtime-calls.js';
import { writeFileAtomic } from './atomic-write.js';
import { entryPointsToWire } from './entry-points.js';
import { wireDependency, type DependencyWiring } from './dependency.js';
import { formatLikeTheProject } from './project-format.js';
import { fixSource, fixableRuleIds, type AppliedFinding, type LeftFinding } from './transform.js';
import { fixOnThreads, type FixOutcome } from './fix-threads.js';
import { requireOxlint, screenWithOxlint, type Engine } from '../audit/oxlint-engine.js';
import { riskModel } from '../risk/model.js';

/**
 * `spawnguard fix`: run the rewrites over a file set in process (no jscodeshift worker pool: the rule
 * engine is loaded once), print a diff with --dry-run, otherwise write the changed files, refusing
 * files with uncommitted changes unless --force.
 */
export interface FixRunOptions {
  cwd: string;
  paths: readonly string[];
  rules?: readonly RuleId[];
  /** The config whose settings the rules run with (`--config`); default recommended. */
  config?: ConfigName;
  dryRun: boolean;
  force: boolean;
  runtimeImport?: string;
  includeTests: boolean;
  /** Detect with the project's TypeScript program, as the audit does (default true). */
  typeInfo?: boolean;
  /** A tsconfig file or folder, as the audit's `--project` (the HTML report passes the audit's on). */
  tsconfig?: string;
  /**
   * Declare the runtime in the package.json of fixed files that lack it (default true); false gives
   * the install command instead.
   */
  install?: boolean;
  /** With `typeInfo: false`, `oxlint` first clears the files with nothing to fix or report (src/audit/oxlint-engine.ts). */
  engine?: Engine;
  /** Format a rewritten file with the project's prettier when it was formatted with it before (default true). */
  format?: boolean;
}

export interface FixedFile {
  file: string;
  diff: string;
  written: boolean;
  /** Absolute path, and the text before and after the fix (for --verify to put a file back). */
  path: string;
  before: string;
  after: string;
  /** The findings rewritten in it. */
  applied: AppliedFinding[];
  /**
   * The file's text with the given findings (by id, with the reason each is left) not rewritten, the
   * rest as before (same rules, same detection); null when nothing would be rewritten.
   */
  rewriteLeaving: (leave: ReadonlyMap<string, string>) => string | null;
}

export interface RemainingFinding {
  file: string;
  /**
   * Where the finding is in the file as it now is on disk: the fixed text when the fix was written, the
   * original in a dry run. A finding the rewrite brought has no place in the original: a dry run then
   * gives its place in the fixed text, and says so with `inFixedText`.
   */
  line: number;
  column: number;
  inFixedText: boolean;
  ruleId: RuleId;
  message: string;
  /** Why the rewrite was not applied here, when one exists for the shape. */
  leftBecause?: string;
}

export interface FixRunResult {
  root: string;
  filesScanned: number;
  changed: FixedFile[];
  /** Files that needed changes but were left alone because git shows uncommitted changes in them. */
  refusedDirty: string[];
  rewrites: Partial<Record<RuleId, number>>;
  remaining: RemainingFinding[];
  errors: { file: string; message: string }[];
  /** Packages of fixed files that did not declare the runtime: declared now, or the command to do it. */
  dependencies: DependencyWiring[];
  /** Where handleSignals() must still be added by hand (entry-points.ts), relative to the root. */
  entryPoints: string[];
}

/** Files under `root` git reports as modified, added or untracked; undefined outside a git work tree. */
function dirtyFiles(root: string): Set<string> | undefined {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const dirty = new Set<string>();
    for (const entry of status.split('\0')) {
      if (entry.length > 3) dirty.add(`${top}/${entry.slice(3)}`);
    }
    return dirty;
  } catch {
    return undefined;
  }
}

export function runFix(options: FixRunOptions): FixRunResult {
  return fixProject(options, loadFixProject(options), undefined);
}

/**
 * `fix --concurrency n` and `fix --engine oxlint`, for a syntactic fix (a type-aware one is `runFix`'s:
 * its program cannot be shared with threads). oxlint clears the files with nothing to fix or report;
 * the others' rewrites are computed on n threads. The dirty-file check, the writes and the summary
 * stay on this thread, in file order, exactly as in `runFix`.
 */
export async function runFixConcurrently(options: FixRunOptions, threads: number): Promise<FixRunResult> {
  const project = loadFixProject(options);
  if (options.typeInfo !== false) return fixProject(options, project, undefined);
  const done = new Map<string, FixOutcome>();
  let files = [...project.sources];
  if (options.engine === 'oxlint') {
    // The rules the fix reports on, with the config's settings, as finding-locator lints.
    const settings = configRuleSettings(options.config ?? 'recommended');
    const rules = Object.fromEntries((options.rules ?? fixableRuleIds()).map((id) => [`spawnguard/${id}`, settings[`spawnguard/${id}`] ?? ('error' as const)]));
    const screening = screenWithOxlint(requireOxlint(options.cwd), files, () => rules, riskModel, project.root);
    for (const [path] of screening.cleared) done.set(path, { ok: true, fixed: { output: null, rewrites: {}, applied: [], remaining: [] } });
    files = screening.toLint;
  }
  if (threads > 1) {
    const settings = { root: project.root, rules: options.rules, config: options.config, runtimeImport: options.runtimeImport };
    await fixOnThreads(files, threads, settings, (path, outcome) => done.set(path, outcome));
  }
  return fixProject(options, project, done);
}

function loadFixProject(options: FixRunOptions): LoadedProject {
  return loadProject({
    cwd: options.cwd,
    paths: options.paths,
    includeTests: options.includeTests,
    typeInfo: options.typeInfo ?? true,
    ...(options.tsconfig === undefined ? {} : { tsconfig: options.tsconfig }),
  });
}

/** Rewrites the project's files (or takes the rewrites already `computed` for them) and writes them. */
function fixProject(options: FixRunOptions, project: LoadedProject, computed: ReadonlyMap<string, FixOutcome> | undefined): FixRunResult {
  const root = project.root;
  const j = jscodeshift.withParser('tsx');
  const dirty = options.dryRun || options.force ? undefined : dirtyFiles(root);
  const result: FixRunResult = {
    root,
    filesScanned: project.sources.size,
    changed: [],
    refusedDirty: [],
    rewrites: {},
    remaining: [],
    errors: project.unreadable.map(({ file, reason }) => ({ file: relative(root, file), message: reason })),
    dependencies: [],
    entryPoints: [],
  };
  const specifier = options.runtimeImport ?? RUNTIME_MODULE;
  const importingRuntime: string[] = [];
  const toRemaining = (file: string, written: boolean) => (finding: LeftFinding): RemainingFinding => {
    const place = written || !finding.inOriginal ? finding : finding.inOriginal;
    return {
      file,
      line: place.line,
      column: place.column,
      inFixedText: !written && !finding.inOriginal,
      ruleId: finding.ruleId,
      message: finding.message,
      ...(finding.leftBecause ? { leftBecause: finding.leftBecause } : {}),
    };
  };

  for (const [path, source] of project.sources) {
    const file = relative(root, path).replace(/\\/g, '/');
    const fixOptions = { rules: options.rules, config: options.config, runtimeImport: options.runtimeImport, root, program: project.programFor(path) };
    let fixed;
    try {
      const done = computed?.get(path);
      if (done && !done.ok) throw new Error(done.message);
      fixed = done ? done.fixed : fixSource(source, path, j, fixOptions);
    } catch (error) {
      result.errors.push({ file, message: (error as Error).message });
      continue;
    }
    const formatted = (output: string | null) => (output === null || options.format === false ? output : formatLikeTheProject(path, source, output));
    fixed = { ...fixed, output: formatted(fixed.output) };
    const writes = fixed.output !== null && !options.dryRun && !dirty?.has(path);
    result.remaining.push(...fixed.remaining.map(toRemaining(file, writes)));
    if (fixed.output === null) continue;
    if (dirty?.has(path)) {
      result.refusedDirty.push(file);
      continue;
    }
    const diff = createTwoFilesPatch(`a/${file}`, `b/${file}`, source, fixed.output, '', '', { context: 3 });
    if (!options.dryRun) {
      try {
        writeFileAtomic(path, fixed.output);
      } catch (error) {
        // The file keeps its old text; the run goes on with the next one.
        result.errors.push({ file, message: `not written: ${(error as Error).message}` });
        continue;
      }
    }
    for (const [ruleId, count] of Object.entries(fixed.rewrites) as [RuleId, number][]) {
      result.rewrites[ruleId] = (result.rewrites[ruleId] ?? 0) + count;
    }
    result.changed.push({
      file,
      diff,
      written: !options.dryRun,
      path,
      before: source,
      after: fixed.output,
      applied: fixed.applied,
      rewriteLeaving: (leave) => formatted(fixSource(source, path, j, { ...fixOptions, leave }).output),
    });
    if (fixed.output.includes(specifier)) importingRuntime.push(path);
  }
  if (importingRuntime.length > 0) {
    const fixedText = new Map(result.changed.map((file) => [file.path, file.after]));
    result.entryPoints = entryPointsToWire(root, importingRuntime, (path) => fixedText.get(path) ?? project.sources.get(path), project.sources.keys());
  }
  try {
    result.dependencies = wireDependency({ root, files: importingRuntime, specifier, install: !options.dryRun && options.install !== false });
  } catch (error) {
    result.errors.push({ file: 'package.json', message: `could not declare ${specifier}: ${(error as Error).message}` });
  }
  return result;
}

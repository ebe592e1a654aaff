#!/usr/bin/env node
// Fix benchmark: `spawnguard fix --dry-run` (the driver, in process: rules located with ESLint's
// Linter, Babel parse, rewrites, recast print, re-parse check, diff) against a no-op jscodeshift
// transform over the same files in the same loop shape (read, parse with the tsx parser, toSource()).
// Target: fix throughput >= 0.7x the no-op's. Also shown: the same fix without type information,
// the fix's own ESLint setup with every rule off, and detection alone (loading the project and running the rules
// on every file, as the fix's first pass does, with no rewrite): the part of any fix built on the one
// engine that no rewriting work can avoid.
//
// usage: node bench/fix.bench.mjs [--project <dir>] [--lines N] [--seed S] [--runs N] [--baseline-build <dir>]
//   --project         a real project (its tsconfig's files, as `spawnguard fix` picks them) instead of the corpus
//   --runs            best of N timed runs per variant, after one warm-up pass each (default 3)
//   --baseline-build  also time detection alone with the build of <dir> (another checkout of this repository,
//                     `npm run build` done there; repeatable), in turns with this build's, and compare their findings
// Imports dist/: run `npm run build` first. To see where the time goes:
//   node --cpu-prof --cpu-prof-dir=/tmp/fix-prof bench/fix.bench.mjs --runs 1
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jscodeshift from 'jscodeshift';
import { generateCorpus } from './corpus.mjs';
import { benchOptions } from './args.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 0.7;


const fromDist = (path, root = repoRoot) => import(pathToFileURL(join(root, 'dist', path)).href);

/** The no-op codemod: what jscodeshift costs on these files before any rule or rewrite runs. */
function noOpTransform(files) {
  const j = jscodeshift.withParser('tsx');
  let printed = 0;
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    printed += j(source).toSource().length;
  }
  return printed;
}

function timeBest(runs, run) {
  let best = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const started = performance.now();
    result = run();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, result };
}

const thousands = (n) => Math.round(n).toLocaleString('en-US');

function printTable(rows) {
  const header = ['variant', 'files', 'lines', 'ms', 'files/s', 'lines/s', 'vs no-op'];
  const cells = rows.map((row) => [row.label, thousands(row.files), thousands(row.lines), thousands(row.ms), thousands(row.files / (row.ms / 1000)), thousands(row.lines / (row.ms / 1000)), row.ratio]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => String(cell[i]).length)));
  const format = (cell) => cell.map((text, i) => (i === 0 ? String(text).padEnd(widths[i]) : String(text).padStart(widths[i]))).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(format).join('\n')}`);
}

async function main() {
  const options = benchOptions(process.argv.slice(2), { project: undefined, lines: 100_000, seed: 1, runs: 3 }, { 'baseline-build': { type: 'string', multiple: true } });
  const { runFix } = await fromDist('src/fix/driver.js');
  const { loadProject } = await fromDist('src/audit/project.js');
  const { auditConfig, FileLinter } = await fromDist('src/audit/linting.js');
  const { default: plugin } = await fromDist('rules/index.js');
  const everyRuleOff = { rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`spawnguard/${name}`, 'off'])) };
  /** The fix's linting with every rule off: parse, scope analysis and traversal, nothing detected. */
  const eslintNoRule = (files) => {
    const linter = new FileLinter('/', [...auditConfig('recommended', undefined), everyRuleOff]);
    let fatal = 0;
    for (const file of files) {
      const lint = linter.lint(file, readFileSync(file, 'utf8'));
      if (!lint.ok) fatal++;
    }
    return fatal;
  };

  let corpusDir;
  let dir = options.project;
  if (!dir) {
    corpusDir = await mkdtemp(join(tmpdir(), 'spawnguard-fix-bench-'));
    dir = (await generateCorpus(corpusDir, { lines: options.lines, seed: options.seed })).dir;
  }
  try {
    // The same file set `spawnguard fix` picks, read once here for the no-op loop and the counts.
    const project = loadProject({ cwd: dir, paths: [], includeTests: false, typeInfo: false });
    const files = [...project.sources.keys()];
    const lines = [...project.sources.values()].reduce((sum, text) => sum + text.split('\n').length, 0);
    const source = options.project ? options.project : `generated corpus (seed ${options.seed})`;
    console.log(`fix: ${files.length} files, ${thousands(lines)} lines, ${source}; best of ${options.runs} run(s) per variant after a warm-up pass`);

    const fix = () => runFix({ cwd: dir, paths: [], dryRun: true, force: false, includeTests: false });
    const fixSyntactic = () => runFix({ cwd: dir, paths: [], dryRun: true, force: false, includeTests: false, typeInfo: false });
    const noOp = () => noOpTransform(files);
    const parseOnly = () => eslintNoRule(files);
    const detection = (build) => () => {
      const typed = build.loadProject({ cwd: dir, paths: [], includeTests: false, typeInfo: true });
      const linter = new build.FileLinter(typed.root, build.auditConfig('recommended', typed.program));
      const findings = [];
      for (const [file, text] of typed.sources) {
        const lint = linter.lint(file, text);
        if (lint.ok) for (const message of lint.messages) findings.push(`${file}:${message.line}:${message.column} ${message.ruleId}`);
      }
      return findings;
    };
    const detectOnly = detection({ loadProject, auditConfig, FileLinter });
    const baselines = [];
    for (const root of (options['baseline-build'] ?? []).map((dir) => resolve(dir))) {
      baselines.push({ root, detect: detection({ ...(await fromDist('src/audit/project.js', root)), ...(await fromDist('src/audit/linting.js', root)) }), timed: { ms: Infinity } });
    }
    // Warm-up: the first pass pays for module loading and JIT in every variant.
    noOp();
    parseOnly();
    fixSyntactic();
    const firstFix = fix();

    const noOpTimed = timeBest(options.runs, noOp);
    const parseTimed = timeBest(options.runs, parseOnly);
    detectOnly();
    for (const baseline of baselines) baseline.detect();
    // With baselines, the builds' detection in turns, so a slow phase of the machine hits each alike.
    let detectTimed = { ms: Infinity };
    for (let run = 0; run < options.runs; run++) {
      const mine = timeBest(1, detectOnly);
      if (mine.ms < detectTimed.ms) detectTimed = mine;
      for (const baseline of baselines) {
        const theirs = timeBest(1, baseline.detect);
        if (theirs.ms < baseline.timed.ms) baseline.timed = theirs;
      }
    }
    const fixTimed = timeBest(options.runs, fix);
    const syntacticTimed = timeBest(options.runs, fixSyntactic);
    const ratio = noOpTimed.ms / fixTimed.ms;
    const ratioOf = (timed) => `${(noOpTimed.ms / timed.ms).toFixed(2)}x`;
    printTable([
      { label: 'no-op jscodeshift (tsx parse + toSource)', files: files.length, lines, ms: noOpTimed.ms, ratio: '1.00x' },
      { label: 'ESLint, every rule off (parse + scopes)', files: files.length, lines, ms: parseTimed.ms, ratio: ratioOf(parseTimed) },
      { label: 'detection alone: rules on every file (type-aware)', files: files.length, lines, ms: detectTimed.ms, ratio: ratioOf(detectTimed) },
      ...baselines.map((baseline) => ({ label: `detection alone (type-aware), baseline ${baseline.root}`, files: files.length, lines, ms: baseline.timed.ms, ratio: ratioOf(baseline.timed) })),
      { label: 'spawnguard fix --dry-run (type-aware)', files: files.length, lines, ms: fixTimed.ms, ratio: ratioOf(fixTimed) },
      { label: 'spawnguard fix --dry-run --no-type-info', files: files.length, lines, ms: syntacticTimed.ms, ratio: ratioOf(syntacticTimed) },
    ]);
    const result = fixTimed.result;
    const rewrites = Object.entries(result.rewrites).map(([rule, count]) => `${rule} ${count}`).join(', ') || 'none';
    console.log(`\nfix would change ${result.changed.length} files (rewrites: ${rewrites}); ${result.remaining.length} finding(s) need a human; ${result.errors.length} error(s)`);
    for (const baseline of baselines) {
      const same = JSON.stringify(detectTimed.result) === JSON.stringify(baseline.timed.result);
      console.log(`detection alone, baseline ${baseline.root}: findings ${same ? 'equal' : 'DIFFER FROM'} this build's (${detectTimed.result.length})`);
    }
    if (firstFix.errors.length > 0) console.log(`first error: ${firstFix.errors[0].file}: ${firstFix.errors[0].message}`);
    console.log(`target: fix throughput >= ${TARGET_RATIO}x the no-op's: ${ratio >= TARGET_RATIO ? 'MET' : 'MISSED'} (${ratio.toFixed(2)}x)`);
    const detectRatio = noOpTimed.ms / detectTimed.ms;
    console.log(
      `detection alone runs at ${detectRatio.toFixed(2)}x the no-op: ` +
        (detectRatio >= TARGET_RATIO ? 'the target is within reach of this design' : 'the target is below what a fix that runs the rules on every file can reach'),
    );
  } finally {
    if (corpusDir) await rm(corpusDir, { recursive: true, force: true });
  }
}

await main();

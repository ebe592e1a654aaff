#!/usr/bin/env node
// Lint benchmark: ESLint on the same files in four variants, each in a fresh Node process (so no
// variant inherits another's parser caches or warmed-up program), timed the same way:
//   parse only                          @typescript-eslint/parser, no rules
//   spawnguard recommended (syntactic)  spawnguard.configs.recommended from dist/
//   no-floating-promises (type-aware)   typescript-eslint's rule alone
//   spawnguard recommended (type-aware) the plugin with the same parserOptions as the line above
// Targets: syntactic <= 1.3x parse only; spawnguard type-aware <= 1.0x no-floating-promises.
//
// usage: node bench/lint.bench.mjs [--project <dir>] [--lines N] [--seed S] [--runs N] [--project-service] [--baseline-build <dir>]...
//                                  [--only syntactic|type-aware] [--rule-times]
//   --project          lint a real project (its tsconfig.json's files) instead of the generated corpus
//   --runs             N runs of every variant, each in a fresh process, in the listed order in even runs and
//                      reversed in odd ones; the table gives each variant's lowest CPU and wall time and its
//                      highest CPU time (the spread), and a build against its baseline also run by run
//   --project-service  type-aware variants use parserOptions.projectService instead of project
//   --baseline-build   also run both spawnguard variants with the plugin built in <dir> (another checkout of
//                      this repository, `npm run build` done there), each right after this build's, so a
//                      change's figures stand beside its baseline's from one run on the same machine
//                      (repeatable: each baseline gets its own two variants)
//   --only             only the syntactic variants (with parse only) or only the type-aware ones (with
//                      no-floating-promises alone): half the time when one mode is the question
//   --rule-times       in every run, one more process per spawnguard variant with ESLint's `stats`, for a
//                      per-rule time table (lowest of the runs per rule)
// Every spawnguard variant also prints what it did, counted rather than timed: other project files parsed,
// program-wide searches (a build's work-counts.ts), and node:fs calls (counted by the bench, any build).
import { spawn } from 'node:child_process';
import fs, { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { antiPatternMarker, antiPatternFamilies, generateCorpus } from './corpus.mjs';
import { benchOptions } from './args.mjs';
import { addedRuleTimes, fileSystemCounts, lowestRuleTimes, pairedCpuRatios, ruleTimeRows, ruleTimesOf, runOrder, scaledToCpu, summarizeRuns } from './lint-figures.mjs';

const benchFile = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(benchFile), '..');
const typescriptExtensions = /\.(ts|tsx|mts|cts)$/;

const variants = [
  { id: 'parse', label: 'parse only (no rules)' },
  { id: 'syntactic', label: 'spawnguard recommended (syntactic)' },
  { id: 'nfp-typed', label: 'no-floating-promises alone (type-aware)' },
  { id: 'typed', label: 'spawnguard recommended (type-aware)' },
];

/** With --baseline-build: the two spawnguard variants again, with the plugin of each baseline checkout. */
function baselineVariantsOf(baselines) {
  return baselines.flatMap((root, index) => {
    const name = baselines.length === 1 ? 'baseline' : `baseline ${index + 1}`;
    return [
      { id: `syntactic-baseline-${index}`, mode: 'syntactic', root, name, label: `spawnguard recommended (syntactic), ${name}` },
      { id: `typed-baseline-${index}`, mode: 'typed', root, name, label: `spawnguard recommended (type-aware), ${name}` },
    ];
  });
}


// ---------------------------------------------------------------------------------------------------
// Child: lint every file of the job once with one variant, print a JSON result line.

async function runChild(jobFile) {
  const job = JSON.parse(readFileSync(jobFile, 'utf8'));
  let countCrossFileParses;
  let countCallerFiles;
  let countWork;
  const { Linter } = await import('eslint');
  const tsParser = await import('@typescript-eslint/parser');
  const files = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
  const parserOptions = job.projectService
    ? { projectService: { defaultProject: job.tsconfig }, tsconfigRootDir: job.root }
    : { project: job.tsconfig, tsconfigRootDir: job.root };
  let config;
  if (job.variant === 'parse') {
    config = [{ files, languageOptions: { parser: tsParser } }];
  } else if (job.variant === 'nfp-typed') {
    const { default: tsPlugin } = await import('@typescript-eslint/eslint-plugin');
    config = [
      {
        files,
        languageOptions: { parser: tsParser, parserOptions },
        plugins: { '@typescript-eslint': tsPlugin },
        rules: { '@typescript-eslint/no-floating-promises': 'error' },
      },
    ];
  } else {
    const { default: spawnguard } = await import(pathToFileURL(join(job.pluginRoot ?? repoRoot, 'dist', 'rules', 'index.js')).href);
    config = [...spawnguard.configs.recommended];
    if (job.mode === 'typed') config.push({ files, languageOptions: { parserOptions } });
    // How often the rules parsed another project file (a build without the counter prints none).
    const projectFilesModule = join(job.pluginRoot ?? repoRoot, 'dist', 'src', 'detect', 'project-files.js');
    if (existsSync(projectFilesModule)) countCrossFileParses = (await import(pathToFileURL(projectFilesModule).href)).crossFileParses;
    // How many files the callers index read (no-unowned-state's registration question).
    const projectCallersModule = join(job.pluginRoot ?? repoRoot, 'dist', 'src', 'detect', 'project-callers.js');
    if (existsSync(projectCallersModule)) countCallerFiles = (await import(pathToFileURL(projectCallersModule).href)).filesReadForCallers;
    // Program-wide searches by kind (implementations of an interface, walks of the source tree).
    const workCountsModule = join(job.pluginRoot ?? repoRoot, 'dist', 'src', 'detect', 'work-counts.js');
    if (existsSync(workCountsModule)) countWork = (await import(pathToFileURL(workCountsModule).href)).workCounts;
  }
  const sources = job.files.map((file) => [file, readFileSync(file, 'utf8')]);
  const linter = new Linter({ cwd: job.root });
  const findings = {};
  const located = [];
  let fatal = 0;
  let firstFatal;
  const fsCalls = countFileSystemCalls();
  // ESLint keeps `stats` times only through verifyAndFix (which clears them per file): without fixing, it
  // lints as verify does.
  const timesOfFiles = [];
  const lint = job.ruleTimes
    ? (text, filename) => {
        const { messages } = linter.verifyAndFix(text, config, { filename, fix: false, stats: true });
        timesOfFiles.push(ruleTimesOf(linter.getTimes()));
        return messages;
      }
    : (text, filename) => linter.verify(text, config, { filename });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const [filename, text] of sources) {
    for (const message of lint(text, filename)) {
      if (message.fatal) {
        fatal++;
        firstFatal ??= `${filename}:${message.line}: ${message.message}`;
      } else {
        findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
        if (message.ruleId?.startsWith('spawnguard/')) located.push([filename, message.line, message.ruleId.slice('spawnguard/'.length)]);
      }
    }
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      ms,
      cpuMs,
      findings,
      located,
      fatal,
      firstFatal,
      maxRssKb: process.resourceUsage().maxRSS,
      crossFileParses: typeof countCrossFileParses === 'function' ? countCrossFileParses() : undefined,
      callerFiles: typeof countCallerFiles === 'function' ? countCallerFiles() : undefined,
      work: typeof countWork === 'function' ? countWork() : undefined,
      fileSystem: fileSystemCounts(fsCalls),
      ruleTimes: job.ruleTimes ? addedRuleTimes(timesOfFiles) : undefined,
    })}\n`,
  );
}

/**
 * From here on, count the calls of the `node:fs` functions the rules use to look at other files. The
 * CommonJS object is patched and the ES module bindings synced to it, so `import { statSync } from
 * 'node:fs'` in any build's dist/ is counted the same way: a baseline needs no counter of its own.
 * Paths inside node_modules other than package.json files are not counted: those are modules loaded
 * on first use (the TypeScript compiler, ESLint's parts), not questions the rules ask.
 */
function countFileSystemCalls() {
  const calls = {};
  const isManifestChainPath = (path) => typeof path === 'string' && /(?:^|[\\/])(?:package\.json|\.git)$/.test(path);
  const isModuleLoad = (path) => typeof path === 'string' && /[\\/]node_modules[\\/]/.test(path) && !/package\.json$/.test(path);
  const counted = (name, original) =>
    function (...args) {
      if (isModuleLoad(args[0])) return original.apply(this, args);
      calls[name] = (calls[name] ?? 0) + 1;
      // package.json and .git chains are looked at again on a clock (nearest-manifest.ts): counted apart.
      if (name === 'statSync' && isManifestChainPath(args[0])) calls['statSync:manifest'] = (calls['statSync:manifest'] ?? 0) + 1;
      return original.apply(this, args);
    };
  for (const name of ['statSync', 'lstatSync', 'existsSync', 'readFileSync', 'readdirSync', 'realpathSync']) {
    const original = fs[name];
    fs[name] = Object.assign(counted(name, original), original);
  }
  fs.realpathSync.native = counted('realpathSync.native', fs.realpathSync.native);
  syncBuiltinESMExports();
  return calls;
}

// ---------------------------------------------------------------------------------------------------
// Parent: pick the files, run every variant in its own process, print one table.

function projectFiles(root) {
  const tsconfig = join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) throw new Error(`${root} has no tsconfig.json (the type-aware variants need one)`);
  const require = createRequireFromRepo();
  const ts = require('typescript');
  const { config, error } = ts.readConfigFile(tsconfig, ts.sys.readFile);
  if (error) throw new Error(`cannot read ${tsconfig}: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const files = parsed.fileNames.filter((file) => typescriptExtensions.test(file) && !/\.d\.[cm]?ts$/.test(file));
  return { tsconfig, files };
}

function createRequireFromRepo() {
  return createRequire(join(repoRoot, 'package.json'));
}

function runVariant(jobFile) {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', benchFile, '--child', jobFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
    child.once('error', rejectRun);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) rejectRun(new Error(`variant process exited with ${code}`));
      else resolveRun(JSON.parse(line));
    });
  });
}

/**
 * The corpus marks each anti-pattern unit with a comment and appends it last in its module, so a unit
 * spans from its marker line to the end of the file. Everything else is meant to be clean.
 */
function findMarkedUnits(files, texts) {
  const units = [];
  files.forEach((file, i) => {
    const lines = texts[i].split('\n');
    for (const family of antiPatternFamilies) {
      const index = lines.findIndex((line) => line === antiPatternMarker(family));
      if (index >= 0) units.push({ file, family, fromLine: index + 1, found: false });
    }
  });
  return units;
}

/**
 * How the syntactic findings line up with the marked units: per rule, findings inside a unit of its
 * own family (expected), inside another family's unit (overlaps), outside every unit (false positives,
 * or a judgement call such as async route handlers: the rest of the corpus is written to be clean),
 * and how many of the family's units got at least one finding (recall).
 */
function printDetectionQuality(located, units, root) {
  const byRule = new Map(antiPatternFamilies.map((family) => [family, { own: 0, other: 0, outside: 0 }]));
  const samples = new Map();
  for (const [file, line, rule] of located) {
    const counts = byRule.get(rule) ?? { own: 0, other: 0, outside: 0 };
    byRule.set(rule, counts);
    const containing = units.filter((u) => u.file === file && line >= u.fromLine);
    const own = containing.find((u) => u.family === rule);
    if (own) {
      counts.own++;
      own.found = true;
    } else if (containing.length > 0) {
      // e.g. a push-only module-level queue is both an unbounded buffer and unowned state
      counts.other++;
    } else {
      counts.outside++;
      if (!samples.has(rule)) samples.set(rule, `${relative(root, file)}:${line}`);
    }
  }
  const rows = [...byRule].map(([rule, counts]) => {
    const ofFamily = units.filter((u) => u.family === rule);
    const found = ofFamily.filter((u) => u.found).length;
    return [rule, String(counts.own), String(counts.other), String(counts.outside), `${found}/${ofFamily.length}`, samples.get(rule) ?? ''];
  });
  const header = ['spawnguard rule (syntactic)', 'in own units', 'in other units', 'outside units', 'units found', 'first finding outside units'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i === 0 || i === 5 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ').trimEnd();
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(format).join('\n')}`);
}

const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const thousands = (n) => Math.round(n).toLocaleString('en-US');

async function main(options) {
  if (!existsSync(join(repoRoot, 'dist', 'rules', 'index.js'))) throw new Error('dist/rules/index.js is missing: run `npm run build` first');
  const only = options.only;
  if (only !== undefined && only !== 'syntactic' && only !== 'type-aware') throw new Error(`--only takes syntactic or type-aware, not ${only}`);
  const baselines = (options['baseline-build'] ?? []).map((dir) => resolve(dir));
  for (const baseline of baselines) {
    if (!existsSync(join(baseline, 'dist', 'rules', 'index.js'))) throw new Error(`${baseline}/dist/rules/index.js is missing: run \`npm run build\` in the baseline checkout`);
  }
  const inScope = (variant) => only === undefined || (only === 'syntactic') === ['parse', 'syntactic'].includes(variant.mode ?? variant.id);
  const baselineVariants = baselineVariantsOf(baselines).filter(inScope);
  // Each baseline's variant right after this build's, so a pair runs next to each other.
  const measured = variants.filter(inScope).flatMap((variant) => [variant, ...baselineVariants.filter((baseline) => baseline.mode === variant.id)]);
  let root = options.project;
  let describeSource;
  let tempDir;
  let markedUnits;
  if (!root) {
    tempDir = await mkdtemp(join(tmpdir(), 'spawnguard-lint-bench-'));
    root = join(tempDir, 'corpus');
    await generateCorpus(root, { lines: options.lines, seed: options.seed });
    describeSource = `generated corpus (seed ${options.seed})`;
  } else {
    describeSource = root;
  }
  try {
    const { tsconfig, files } = projectFiles(root);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const lines = texts.reduce((sum, text) => sum + text.split('\n').length - 1, 0);
    if (!options.project) markedUnits = findMarkedUnits(files, texts);
    const jobDir = tempDir ?? (await mkdtemp(join(tmpdir(), 'spawnguard-lint-bench-')));
    tempDir = jobDir;
    const runs = Math.max(1, Math.floor(options.runs));
    const timed = measured.filter((variant) => variant.id !== 'parse' && variant.id !== 'nfp-typed');
    /** Per variant, each run's result (index = run), and with --rule-times each run's per-rule times. */
    const resultsOf = new Map(measured.map((variant) => [variant.id, []]));
    const ruleTimesRuns = new Map(timed.map((variant) => [variant.id, []]));
    const runJob = async (variant, ruleTimes) => {
      const jobFile = join(jobDir, `${variant.id}${ruleTimes ? '-rule-times' : ''}.json`);
      const pluginRoot = variant.root ?? repoRoot;
      const mode = variant.mode ?? variant.id;
      await writeFile(jobFile, JSON.stringify({ variant: variant.id, mode, pluginRoot, root, tsconfig, files, projectService: options.projectService, ruleTimes }));
      return runVariant(jobFile);
    };
    console.log(
      `lint: ${files.length} files, ${thousands(lines)} lines, ${describeSource}; ${runs} run(s), each variant in a fresh process, the order reversed every other run; type-aware via ${options.projectService ? 'projectService' : 'parserOptions.project'}${baselines.map((dir, index) => `; ${baselines.length === 1 ? 'baseline' : `baseline ${index + 1}`}: ${dir}`).join('')}; load average at start ${loadAverage()}`,
    );
    for (let run = 0; run < runs; run++) {
      for (const variant of runOrder(measured, run)) resultsOf.get(variant.id)[run] = await runJob(variant, false);
      // Timing every listener costs time of its own, so the per-rule split runs in processes of its own.
      if (options['rule-times']) for (const variant of runOrder(timed, run)) {
          const result = await runJob(variant, true);
          ruleTimesRuns.get(variant.id).push(scaledToCpu(result.ruleTimes, result.cpuMs, result.ms));
        }
    }
    const summary = new Map([...resultsOf].map(([id, results]) => [id, summarizeRuns(results)]));
    const best = new Map([...summary].map(([id, figures]) => [id, figures.representative]));

    const rows = measured.map((variant) => {
      const figures = summary.get(variant.id);
      const result = figures.representative;
      const findings = Object.values(result.findings).reduce((a, b) => a + b, 0);
      return [
        variant.label,
        seconds(figures.lowestMs),
        seconds(figures.lowestCpuMs),
        runs > 1 ? `${seconds(figures.highestCpuMs)} (+${(figures.spread * 100).toFixed(0)}%)` : '-',
        thousands((lines / figures.lowestMs) * 1000),
        thousands(findings),
        thousands(result.fatal),
        `${thousands(figures.highestRssKb / 1024)} MB`,
      ];
    });
    const header = ['variant', 'wall (lowest)', 'CPU (lowest)', 'CPU (highest)', 'lines/s', 'findings', 'parse errors', 'peak RSS (highest)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const format = (row) => row.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ');
    console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(format).join('\n')}`);
    console.log(`load average at end ${loadAverage()}`);

    // The targets are stated on wall time; on a shared machine the lowest CPU time of N runs is the figure
    // that load moves least, so the verdict is given on both.
    const ratio = (a, b, key) => summary.get(a)[key] / summary.get(b)[key];
    const ratios = [
      ['spawnguard recommended syntactic / parse only', 'syntactic', 'parse', 1.3],
      ['spawnguard type-aware / no-floating-promises type-aware', 'typed', 'nfp-typed', 1.0],
      ...baselineVariants.map((variant) =>
        variant.mode === 'syntactic'
          ? [`${variant.name}: spawnguard recommended syntactic / parse only`, variant.id, 'parse', 1.3]
          : [`${variant.name}: spawnguard type-aware / no-floating-promises type-aware`, variant.id, 'nfp-typed', 1.0],
      ),
    ].filter(([, a, b]) => summary.has(a) && summary.has(b));
    const ratioWidth = Math.max(...ratios.map(([label]) => label.length));
    console.log(`\n${pad('ratio', ratioWidth)}  wall (lowest)  CPU (lowest)  target   verdict on wall / CPU`);
    for (const [label, a, b, target] of ratios) {
      const wall = ratio(a, b, 'lowestMs');
      const cpu = ratio(a, b, 'lowestCpuMs');
      const verdict = (value) => (value <= target ? 'met' : 'MISSED');
      console.log(`${pad(label, ratioWidth)}  ${padLeft(`${wall.toFixed(2)}x`, 13)}  ${padLeft(`${cpu.toFixed(2)}x`, 12)}  <= ${target.toFixed(1)}x  ${verdict(wall)} / ${verdict(cpu)}`);
    }
    if (baselineVariants.length > 0) {
      // Each run's pair ran side by side, so its ratio is free of the drift between runs.
      console.log('\nthis build / baseline, CPU: lowest against lowest; per run (median, lowest-highest)');
      for (const variant of baselineVariants) {
        const lowest = ratio(variant.mode, variant.id, 'lowestCpuMs');
        const paired = pairedCpuRatios(resultsOf.get(variant.mode), resultsOf.get(variant.id));
        const perRun = paired.ratios.length > 1 ? `; per run ${paired.median.toFixed(3)}x (${paired.lowest.toFixed(3)}-${paired.highest.toFixed(3)}x over ${paired.ratios.length} runs)` : '';
        console.log(`  ${variant.mode === 'syntactic' ? 'syntactic' : 'type-aware'}, ${variant.name}: ${lowest.toFixed(3)}x${perRun}`);
      }
    }
    if (markedUnits && best.has('syntactic')) printDetectionQuality(best.get('syntactic').located, markedUnits, root);
    else if (best.has('syntactic')) {
      const perRule = Object.entries(best.get('syntactic').findings).map(([rule, n]) => `${rule} ${n}`).join(', ');
      console.log(`\nspawnguard findings (syntactic): ${perRule || 'none'}`);
    }
    for (const variant of measured) {
      const [first, ...rest] = resultsOf.get(variant.id);
      if (rest.some((result) => JSON.stringify(result.located) !== JSON.stringify(first.located))) console.log(`${variant.label}: findings DIFFER between runs`);
    }
    for (const variant of baselineVariants) {
      const same = JSON.stringify(best.get(variant.id).located) === JSON.stringify(best.get(variant.mode).located);
      console.log(`${variant.label}: findings (file, line, rule) ${same ? 'equal' : 'DIFFER FROM'} this build's`);
    }
    printWorkCounts(timed, best);
    if (options['rule-times']) printRuleTimes(timed, ruleTimesRuns);
    const fatal = measured.map((v) => best.get(v.id).firstFatal).find(Boolean);
    if (fatal) console.log(`first parse error: ${fatal}`);
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

const loadAverage = () => loadavg().map((load) => load.toFixed(1)).join(' ');

/**
 * What the rules did, counted rather than timed (the same whatever the machine's load): the other project
 * files they parsed, read for the callers index, and the program-wide searches a build counts
 * (work-counts.ts; a build without it prints `-`), then the `node:fs` calls, which the bench counts for
 * every build alike.
 */
function printWorkCounts(timed, best) {
  const labelWidth = Math.max(...timed.map((v) => v.label.length));
  // What the rules read of files they are not linting: parsed fully (scopes, for another file's analysis
  // or keep-alive's handler), bare (typescript-estree, for an export summary), by TypeScript alone (a
  // plain export's summary), a dependency's JavaScript (parsed fully, for "cannot reject"), and read
  // whole into no-unowned-state's callers index.
  console.log('\nother files read by the rules (full parse / bare parse / TypeScript parse / dependency JavaScript / read for the callers index):');
  for (const variant of timed) {
    const { crossFileParses: counted, callerFiles } = best.get(variant.id);
    const parses = counted ? [counted.full, counted.bare ?? 0, counted.typescript, counted.dependency].map((n) => (n === undefined ? '-' : thousands(n))).join(' / ') : 'not counted by this build';
    console.log(`  ${pad(variant.label, labelWidth)}  ${parses}${counted ? ` / ${callerFiles === undefined ? '-' : thousands(callerFiles)}` : ''}`);
  }
  const kinds = [...new Set(timed.flatMap((variant) => Object.keys(best.get(variant.id).work ?? {})))];
  if (kinds.length > 0) {
    console.log(`\nprogram-wide searches by the rules (${kinds.join(' / ')}):`);
    for (const variant of timed) {
      const work = best.get(variant.id).work;
      console.log(`  ${pad(variant.label, labelWidth)}  ${work ? kinds.map((kind) => (work[kind] === undefined ? '-' : thousands(work[kind]))).join(' / ') : 'not counted by this build'}`);
    }
  }
  // package.json and .git chains are looked at again once their 1 s window has passed (nearest-manifest.ts),
  // so that part of the stat count grows with a slower run; the rest is counted work.
  console.log('\nfile-system calls while linting (stat, apart from package.json and .git / those, which grow with a slower run / exists / read file / read directory / real path):');
  for (const variant of timed) {
    const calls = best.get(variant.id).fileSystem;
    console.log(`  ${pad(variant.label, labelWidth)}  ${[calls.stat - calls.manifestStat, calls.manifestStat, calls.exists, calls.readFile, calls.readdir, calls.realpath].map(thousands).join(' / ')}`);
  }
}

/** ESLint's per-rule times (`stats`), the lowest of the runs per rule, one column per spawnguard variant. */
function printRuleTimes(timed, ruleTimesRuns) {
  const columns = timed.map((variant) => lowestRuleTimes(ruleTimesRuns.get(variant.id)));
  const rows = [
    ['parse (ESLint)', ...columns.map((column) => seconds(column.parseMs))],
    ...ruleTimeRows(columns).map(({ ruleId, cells }) => [ruleId, ...cells.map((ms) => (ms === undefined ? '-' : seconds(ms)))]),
    ['rules, added up', ...columns.map((column) => seconds(Object.values(column.rules).reduce((a, b) => a + b, 0)))],
  ];
  const header = ['per rule: create + listeners, CPU estimate (lowest of runs)', ...timed.map((variant) => variant.label.replace('spawnguard recommended ', ''))];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(format).join('\n')}`);
  console.log('(ESLint `stats` times each listener by the clock; each figure is scaled by its process\'s CPU / wall time. Processes of their own, not the runs above)');
}

const options = benchOptions(
  process.argv.slice(2),
  { project: undefined, lines: 100_000, seed: 1, runs: 1, projectService: false, child: undefined },
  {
    'project-service': { type: 'boolean' },
    child: { type: 'string' },
    'baseline-build': { type: 'string', multiple: true },
    only: { type: 'string' },
    'rule-times': { type: 'boolean' },
  },
);
options.projectService = options['project-service'] === true;
if (options.child) {
  await runChild(options.child);
} else {
  try {
    await main(options);
  } catch (error) {
    console.error(`lint bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

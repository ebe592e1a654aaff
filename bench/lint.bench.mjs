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
//   --project          lint a real project (its tsconfig.json's files) instead of the generated corpus
//   --runs             best of N fresh processes per variant (default 1)
//   --project-service  type-aware variants use parserOptions.projectService instead of project
//   --baseline-build   also run both spawnguard variants with the plugin built in <dir> (another checkout of
//                      this repository, `npm run build` done there), interleaved with the others, so a change's
//                      ratios stand beside its baseline's from one run on the same machine (repeatable: each
//                      baseline gets its own two variants)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { antiPatternMarker, antiPatternFamilies, generateCorpus } from './corpus.mjs';
import { benchOptions } from './args.mjs';

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
  }
  const sources = job.files.map((file) => [file, readFileSync(file, 'utf8')]);
  const linter = new Linter({ cwd: job.root });
  const findings = {};
  const located = [];
  let fatal = 0;
  let firstFatal;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const [filename, text] of sources) {
    for (const message of linter.verify(text, config, { filename })) {
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
  process.stdout.write(`${JSON.stringify({ ms, cpuMs, findings, located, fatal, firstFatal, maxRssKb: process.resourceUsage().maxRSS, crossFileParses: typeof countCrossFileParses === 'function' ? countCrossFileParses() : undefined, callerFiles: typeof countCallerFiles === 'function' ? countCallerFiles() : undefined })}\n`);
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
  const baselines = (options['baseline-build'] ?? []).map((dir) => resolve(dir));
  for (const baseline of baselines) {
    if (!existsSync(join(baseline, 'dist', 'rules', 'index.js'))) throw new Error(`${baseline}/dist/rules/index.js is missing: run \`npm run build\` in the baseline checkout`);
  }
  const baselineVariants = baselineVariantsOf(baselines);
  const measured = [...variants, ...baselineVariants];
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
    const best = new Map();
    const runs = Math.max(1, Math.floor(options.runs));
    console.log(`lint: ${files.length} files, ${thousands(lines)} lines, ${describeSource}; best of ${runs} fresh process(es) per variant; type-aware via ${options.projectService ? 'projectService' : 'parserOptions.project'}${baselines.map((dir, index) => `; ${baselines.length === 1 ? 'baseline' : `baseline ${index + 1}`}: ${dir}`).join('')}`);
    for (let run = 0; run < runs; run++) {
      // Interleaved, so a slow phase of the shared machine hits every variant alike.
      for (const variant of measured) {
        const jobFile = join(jobDir, `${variant.id}.json`);
        const pluginRoot = variant.root ?? repoRoot;
        const mode = variant.mode ?? variant.id;
        await writeFile(jobFile, JSON.stringify({ variant: variant.id, mode, pluginRoot, root, tsconfig, files, projectService: options.projectService }));
        const result = await runVariant(jobFile);
        const previous = best.get(variant.id);
        if (!previous || result.ms < previous.ms) best.set(variant.id, result);
      }
    }

    const rows = measured.map((variant) => {
      const result = best.get(variant.id);
      const findings = Object.values(result.findings).reduce((a, b) => a + b, 0);
      return [variant.label, seconds(result.ms), seconds(result.cpuMs), thousands((lines / result.ms) * 1000), thousands(findings), thousands(result.fatal), `${thousands(result.maxRssKb / 1024)} MB`];
    });
    const header = ['variant', 'wall time', 'CPU time', 'lines/s', 'findings', 'parse errors', 'peak RSS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const format = (row) => row.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ');
    console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(format).join('\n')}`);

    // The verdict is on wall time, as the targets are stated; CPU time is shown beside it because on a
    // shared machine it is the steadier of the two.
    const ratio = (a, b, key) => best.get(a)[key] / best.get(b)[key];
    const ratios = [
      ['spawnguard recommended syntactic / parse only', 'syntactic', 'parse', 1.3],
      ['spawnguard type-aware / no-floating-promises type-aware', 'typed', 'nfp-typed', 1.0],
      ...baselineVariants.map((variant) =>
        variant.mode === 'syntactic'
          ? [`${variant.name}: spawnguard recommended syntactic / parse only`, variant.id, 'parse', 1.3]
          : [`${variant.name}: spawnguard type-aware / no-floating-promises type-aware`, variant.id, 'nfp-typed', 1.0],
      ),
    ];
    const ratioWidth = Math.max(...ratios.map(([label]) => label.length));
    console.log(`\n${pad('ratio', ratioWidth)}  wall time  target   verdict  (CPU time)`);
    for (const [label, a, b, target] of ratios) {
      const wall = ratio(a, b, 'ms');
      console.log(`${pad(label, ratioWidth)}  ${padLeft(`${wall.toFixed(2)}x`, 9)}  <= ${target.toFixed(1)}x  ${pad(wall <= target ? 'met' : 'MISSED', 7)}  (${ratio(a, b, 'cpuMs').toFixed(2)}x)`);
    }
    if (markedUnits) printDetectionQuality(best.get('syntactic').located, markedUnits, root);
    else {
      const perRule = Object.entries(best.get('syntactic').findings).map(([rule, n]) => `${rule} ${n}`).join(', ');
      console.log(`\nspawnguard findings (syntactic): ${perRule || 'none'}`);
    }
    for (const variant of baselineVariants) {
      const same = JSON.stringify(best.get(variant.id).located) === JSON.stringify(best.get(variant.mode).located);
      console.log(`${variant.label}: findings (file, line, rule) ${same ? 'equal' : 'DIFFER FROM'} this build's`);
    }
    const parseCounts = measured.filter((variant) => variant.id !== 'parse' && variant.id !== 'nfp-typed');
    // What the rules read of files they are not linting: parsed fully (scopes, for another file's analysis
    // or keep-alive's handler), bare (typescript-estree, for an export summary), by TypeScript alone (a
    // plain export's summary), a dependency's JavaScript (parsed fully, for "cannot reject"), and read
    // whole into no-unowned-state's callers index.
    console.log('\nother files read by the rules (full parse / bare parse / TypeScript parse / dependency JavaScript / read for the callers index):');
    for (const variant of parseCounts) {
      const { crossFileParses: counted, callerFiles } = best.get(variant.id);
      const parses = counted ? [counted.full, counted.bare ?? 0, counted.typescript, counted.dependency].map((n) => (n === undefined ? '-' : thousands(n))).join(' / ') : 'not counted by this build';
      console.log(`  ${pad(variant.label, Math.max(...parseCounts.map((v) => v.label.length)))}  ${parses}${counted ? ` / ${callerFiles === undefined ? '-' : thousands(callerFiles)}` : ''}`);
    }
    const fatal = measured.map((v) => best.get(v.id).firstFatal).find(Boolean);
    if (fatal) console.log(`first parse error: ${fatal}`);
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

const options = benchOptions(
  process.argv.slice(2),
  { project: undefined, lines: 100_000, seed: 1, runs: 1, projectService: false, child: undefined },
  { 'project-service': { type: 'boolean' }, child: { type: 'string' }, 'baseline-build': { type: 'string', multiple: true } },
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

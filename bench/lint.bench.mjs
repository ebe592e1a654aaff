#!/usr/bin/env node
// Lint benchmark: ESLint on the same files in four variants, each in a fresh Node process (so no
// variant inherits another's parser caches or warmed-up program), timed the same way:
//   parse only                          @typescript-eslint/parser, no rules
//   spawnguard recommended (syntactic)  spawnguard.configs.recommended from dist/
//   no-floating-promises (type-aware)   typescript-eslint's rule alone
//   spawnguard recommended (type-aware) the plugin with the same parserOptions as the line above
// Targets: syntactic <= 1.3x parse only; spawnguard type-aware <= 1.0x no-floating-promises.
//
// usage: node bench/lint.bench.mjs [--project <dir>] [--lines N] [--seed S] [--runs N] [--project-service]
//   --project          lint a real project (its tsconfig.json's files) instead of the generated corpus
//   --runs             best of N fresh processes per variant (default 1)
//   --project-service  type-aware variants use parserOptions.projectService instead of project
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { antiPatternMarker, antiPatternFamilies, generateCorpus } from './corpus.mjs';

const benchFile = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(benchFile), '..');
const typescriptExtensions = /\.(ts|tsx|mts|cts)$/;

const variants = [
  { id: 'parse', label: 'parse only (no rules)' },
  { id: 'syntactic', label: 'spawnguard recommended (syntactic)' },
  { id: 'nfp-typed', label: 'no-floating-promises alone (type-aware)' },
  { id: 'typed', label: 'spawnguard recommended (type-aware)' },
];

function parseArgs(argv) {
  const options = { project: undefined, lines: 100_000, seed: 1, runs: 1, projectService: false, child: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--project') options.project = resolve(argv[++i] ?? '');
    else if (arg === '--lines') options.lines = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--project-service') options.projectService = true;
    else if (arg === '--child') options.child = argv[++i];
    // Flags meant for other bench sections pass through bench/run.mjs to every section: ignore them.
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------
// Child: lint every file of the job once with one variant, print a JSON result line.

async function runChild(jobFile) {
  const job = JSON.parse(readFileSync(jobFile, 'utf8'));
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
    const { default: spawnguard } = await import(pathToFileURL(join(repoRoot, 'dist', 'rules', 'index.js')).href);
    config = [...spawnguard.configs.recommended];
    if (job.variant === 'typed') config.push({ files, languageOptions: { parserOptions } });
  }
  const sources = job.files.map((file) => [file, readFileSync(file, 'utf8')]);
  const linter = new Linter({ cwd: job.root });
  const findings = {};
  let fatal = 0;
  let firstFatal;
  const started = performance.now();
  for (const [filename, text] of sources) {
    for (const message of linter.verify(text, config, { filename })) {
      if (message.fatal) {
        fatal++;
        firstFatal ??= `${filename}:${message.line}: ${message.message}`;
      } else findings[message.ruleId] = (findings[message.ruleId] ?? 0) + 1;
    }
  }
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ ms, findings, fatal, firstFatal, maxRssKb: process.resourceUsage().maxRSS })}\n`);
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

const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const thousands = (n) => Math.round(n).toLocaleString('en-US');

async function main(options) {
  if (!existsSync(join(repoRoot, 'dist', 'rules', 'index.js'))) throw new Error('dist/rules/index.js is missing: run `npm run build` first');
  let root = options.project;
  let describeSource;
  let tempDir;
  let markedAntiPatterns;
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
    if (!options.project) {
      markedAntiPatterns = antiPatternFamilies.reduce((sum, family) => sum + texts.reduce((n, text) => n + text.split(antiPatternMarker(family)).length - 1, 0), 0);
    }
    const jobDir = tempDir ?? (await mkdtemp(join(tmpdir(), 'spawnguard-lint-bench-')));
    tempDir = jobDir;
    const best = new Map();
    const runs = Math.max(1, Math.floor(options.runs));
    console.log(`lint: ${files.length} files, ${thousands(lines)} lines, ${describeSource}; best of ${runs} fresh process(es) per variant; type-aware via ${options.projectService ? 'projectService' : 'parserOptions.project'}`);
    for (let run = 0; run < runs; run++) {
      // Interleaved, so a slow phase of the shared machine hits every variant alike.
      for (const variant of variants) {
        const jobFile = join(jobDir, `${variant.id}.json`);
        await writeFile(jobFile, JSON.stringify({ variant: variant.id, root, tsconfig, files, projectService: options.projectService }));
        const result = await runVariant(jobFile);
        const previous = best.get(variant.id);
        if (!previous || result.ms < previous.ms) best.set(variant.id, result);
      }
    }

    const rows = variants.map((variant) => {
      const result = best.get(variant.id);
      const findings = Object.values(result.findings).reduce((a, b) => a + b, 0);
      return [variant.label, seconds(result.ms), thousands((lines / result.ms) * 1000), thousands(findings), thousands(result.fatal), `${thousands(result.maxRssKb / 1024)} MB`];
    });
    const header = ['variant', 'time', 'lines/s', 'findings', 'parse errors', 'peak RSS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const format = (row) => row.map((cell, i) => (i === 0 ? pad(cell, widths[i]) : padLeft(cell, widths[i]))).join('  ');
    console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(format).join('\n')}`);

    const ratio = (a, b) => best.get(a).ms / best.get(b).ms;
    const ratios = [
      ['spawnguard recommended syntactic / parse only', ratio('syntactic', 'parse'), 1.3],
      ['spawnguard type-aware / no-floating-promises type-aware', ratio('typed', 'nfp-typed'), 1.0],
    ];
    const ratioWidth = Math.max(...ratios.map(([label]) => label.length));
    console.log(`\n${pad('ratio', ratioWidth)}  measured  target   verdict`);
    for (const [label, value, target] of ratios) {
      console.log(`${pad(label, ratioWidth)}  ${padLeft(`${value.toFixed(2)}x`, 8)}  <= ${target.toFixed(1)}x  ${value <= target ? 'met' : 'MISSED'}`);
    }
    const sgFindings = (id) => Object.entries(best.get(id).findings).filter(([rule]) => rule?.startsWith('spawnguard/'));
    const perRule = sgFindings('syntactic').map(([rule, n]) => `${rule.slice('spawnguard/'.length)} ${n}`).join(', ');
    console.log(`\nspawnguard findings (syntactic): ${perRule || 'none'}${markedAntiPatterns !== undefined ? `; the corpus holds ${markedAntiPatterns} marked anti-patterns (one every 20-45 functions)` : ''}`);
    const fatal = variants.map((v) => best.get(v.id).firstFatal).find(Boolean);
    if (fatal) console.log(`first parse error: ${fatal}`);
  } finally {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

const options = parseArgs(process.argv.slice(2));
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

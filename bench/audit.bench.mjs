#!/usr/bin/env node
// Audit benchmark: on the same project, each in its own process, wall time and peak RSS of
//   tsc --noEmit                      the baseline: what the project's own type check costs
//   spawnguard audit                  type-aware (one ts-morph program shared by every file)
//   spawnguard audit --no-type-info   syntactic only
//   the pipeline's floor                the same loading and ESLint pipeline with every rule off
//                                      (bench/audit-floor.mjs): what the prescribed design costs
//                                      before any detector runs
// Then the same three commands on a one-file project: what each costs before any real work (loading
// the tool and the compiler's lib files).
// Peak RSS comes from /usr/bin/time -f %M. Target: type-aware audit at most 1.2x tsc's time and memory.
//
// usage: node bench/audit.bench.mjs [--project <dir>] [--lines N] [--seed S] [--runs N]
//   --project  audit a real project (its tsconfig.json) instead of the generated 100k-line corpus
//   --runs     best of N fresh processes per command (default 2: the machine is shared)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { benchOptions } from './args.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'spawnguard.js');
const floorScript = join(repoRoot, 'bench', 'audit-floor.mjs');
const tscBin = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const TARGET_RATIO = 1.2;


/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MB. */
function measure(args, cwd) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssLine = run.stderr.trim().split('\n').at(-1) ?? '';
  const peakKb = Number(rssLine);
  if (!Number.isFinite(peakKb)) throw new Error(`cannot read peak RSS from /usr/bin/time: ${run.stderr.slice(-500)}`);
  return { seconds, rssMb: peakKb / 1024, status: run.status, stderr: run.stderr };
}

function best(args, cwd, runs, acceptedStatuses) {
  let result;
  for (let i = 0; i < runs; i++) {
    const run = measure(args, cwd);
    if (!acceptedStatuses.includes(run.status)) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-1500)}`);
    result = result ? { seconds: Math.min(result.seconds, run.seconds), rssMb: Math.min(result.rssMb, run.rssMb) } : run;
  }
  return result;
}

function printTable(rows, tsc) {
  const header = ['command', 'wall (s)', 'peak RSS (MB)', 'time vs tsc', 'RSS vs tsc'];
  const lines = rows.map((row) => [row.label, row.seconds.toFixed(2), row.rssMb.toFixed(0), `${(row.seconds / tsc.seconds).toFixed(2)}x`, `${(row.rssMb / tsc.rssMb).toFixed(2)}x`]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

/** tsc and the audit on a project of one small file: start-up cost, with no real work to amortize it. */
function startUp(runs) {
  const dir = mkdtempSync(join(tmpdir(), 'spawnguard-audit-startup-'));
  try {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', lib: ['ES2023'], types: [] }, include: ['src'] }));
    writeFileSync(join(dir, 'src', 'index.ts'), 'export async function load(url: string): Promise<string> {\n  return (await fetch(url)).text();\n}\n');
    const report = join(dir, 'audit.json');
    const rows = [
      { label: 'tsc --noEmit', args: [tscBin, '--noEmit', '-p', dir], statuses: [0, 1, 2] },
      { label: 'spawnguard audit (type-aware)', args: [bin, 'audit', '-p', dir, '--format', 'json', '--fail-on', 'none', '-o', report], statuses: [0] },
      { label: 'spawnguard audit --no-type-info', args: [bin, 'audit', '-p', dir, '--no-type-info', '--format', 'json', '--fail-on', 'none', '-o', report], statuses: [0] },
    ].map((command) => ({ ...command, ...best(command.args, dir, runs, command.statuses) }));
    console.log(`\nstart-up: the same commands on a one-file project, best of ${runs}\n`);
    printTable(rows, rows[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = benchOptions(process.argv.slice(2), { project: undefined, lines: 100_000, seed: 1, runs: 2 });
if (!existsSync(join(repoRoot, 'dist', 'src', 'cli', 'main.js'))) {
  console.error('the audit bench runs the built CLI: run `npm run build` first');
  process.exit(2);
}

let projectDir = options.project;
let scratch;
let description;
if (!projectDir) {
  scratch = mkdtempSync(join(tmpdir(), 'spawnguard-audit-bench-'));
  projectDir = join(scratch, 'corpus');
  const corpus = await generateCorpus(projectDir, { lines: options.lines, seed: options.seed });
  description = `generated corpus: ${corpus.files.length} files, ${corpus.lines} lines (seed ${options.seed})`;
} else {
  description = `project: ${projectDir}`;
}

try {
  const report = join(scratch ?? mkdtempSync(join(tmpdir(), 'spawnguard-audit-report-')), 'audit.json');
  const commands = [
    // tsc exits 2 when the project has type errors: it still did all the work being measured.
    { label: 'tsc --noEmit', args: [tscBin, '--noEmit', '-p', projectDir], statuses: [0, 1, 2] },
    { label: 'spawnguard audit (type-aware)', args: [bin, 'audit', '-p', projectDir, '--format', 'json', '--fail-on', 'none', '-o', report], statuses: [0] },
    { label: 'spawnguard audit --no-type-info', args: [bin, 'audit', '-p', projectDir, '--no-type-info', '--format', 'json', '--fail-on', 'none', '-o', report], statuses: [0] },
    { label: 'floor: program + ESLint, no rule on', args: [floorScript, projectDir], statuses: [0] },
    { label: 'floor: ESLint, no rule on, no program', args: [floorScript, projectDir, '--no-type-info'], statuses: [0] },
  ];
  const rows = [];
  for (const command of commands) {
    const result = best(command.args, projectDir, options.runs, command.statuses);
    rows.push({ ...command, ...result });
    if (command.label.includes('type-aware')) {
      const audit = JSON.parse(readFileSync(report, 'utf8'));
      description += `; audit: ${audit.files.length} files, ${audit.findings.length} findings, ${audit.errors.length} errors`;
    }
  }
  const tsc = rows[0];
  console.log(description);
  console.log(`best of ${options.runs} run(s) per command, each in its own process; target: type-aware audit <= ${TARGET_RATIO}x tsc\n`);
  printTable(rows, tsc);
  const typed = rows[1];
  const met = typed.seconds <= TARGET_RATIO * tsc.seconds && typed.rssMb <= TARGET_RATIO * tsc.rssMb;
  console.log(`\ntype-aware audit target (<= ${TARGET_RATIO}x tsc time and RSS): ${met ? 'met' : 'MISSED'}`);
  const floor = rows[3];
  const floorWithin = floor.seconds <= TARGET_RATIO * tsc.seconds && floor.rssMb <= TARGET_RATIO * tsc.rssMb;
  console.log(
    `the type-aware pipeline with no rule on takes ${(floor.seconds / tsc.seconds).toFixed(2)}x tsc's time and ${(floor.rssMb / tsc.rssMb).toFixed(2)}x its RSS: ` +
      (floorWithin ? 'the target is within reach of this design' : 'the target is below what this design can reach'),
  );
  startUp(Math.max(options.runs, 3));
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

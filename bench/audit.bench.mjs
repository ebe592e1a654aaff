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
// Then, at CI scale (the same project): `eslint` with the same rules and typed linting, the cached
// re-run, a pull request's 5 changed files (--changed-since), the syntactic audit on 1, 2 and 4
// threads, and 4 shards (each shard's time, their sum and maximum, and the merge).
// Then the engines (--engine oxlint): the syntactic audit on ESLint and on oxlint (which clears the
// files without findings for ESLint), oxlint running the plugin's rules alone, oxlint with tsgolint
// (typescript-go) running typescript-eslint's no-floating-promises and no-misused-promises next to
// tsc and the type-aware audit, and `spawnguard fix --no-type-info` on 1, 2 and 4 threads and on oxlint.
// Peak RSS comes from /usr/bin/time -f %M. Target: type-aware audit at most 1.2x tsc's time and memory.
//
// usage: node bench/audit.bench.mjs [--project <dir>] [--lines N] [--seed S] [--runs N] [--baseline-build <dir>]... [--compare-only]
//   --project         audit a real project (its tsconfig.json) instead of the generated 100k-line corpus
//   --runs            best of N fresh processes per command (default 2: the machine is shared)
//   --baseline-build  also time both audits with the CLI built in <dir> (another checkout of this repository,
//                     `npm run build` done there; repeatable): the first table then holds a change and its
//                     baselines, measured in turns within one run, and says whether their findings are the same
//   --compare-only    print that first table alone (no CI-scale, engine or start-up tables)
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './corpus.mjs';
import { benchOptions } from './args.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repoRoot, 'bin', 'spawnguard.js');
const floorScript = join(repoRoot, 'bench', 'audit-floor.mjs');
const tscBin = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const eslintBin = join(dirname(createRequire(import.meta.url).resolve('eslint/package.json')), 'bin', 'eslint.js');
const oxlintBin = join(dirname(createRequire(import.meta.url).resolve('oxlint/package.json')), 'bin', 'oxlint');
const tsgolintBin = join(dirname(createRequire(import.meta.url).resolve('oxlint-tsgolint/package.json')), 'bin', 'tsgolint.js');
const TARGET_RATIO = 1.2;


/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MB. */
function measure(args, cwd, env) {
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28, ...(env ? { env: { ...process.env, ...env } } : {}) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rssLine = run.stderr.trim().split('\n').at(-1) ?? '';
  const peakKb = Number(rssLine);
  if (!Number.isFinite(peakKb)) throw new Error(`cannot read peak RSS from /usr/bin/time: ${run.stderr.slice(-500)}`);
  return { seconds, rssMb: peakKb / 1024, status: run.status, stderr: run.stderr };
}

function best(args, cwd, runs, acceptedStatuses, env) {
  let result;
  for (let i = 0; i < runs; i++) {
    const run = measure(args, cwd, env);
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

/**
 * What a team waits for in CI: each row against the full type-aware audit. `eslint` runs on a copy
 * of the user's flat config that only adds the plugin with typed linting (projectService), as the
 * README tells users to set it up.
 */
function ciScale(projectDir, scratch, tsc, typed, options) {
  const work = mkdtempSync(join(tmpdir(), 'spawnguard-audit-ci-'));
  const audit = (...args) => [bin, 'audit', '-p', projectDir, '--fail-on', 'none', '--format', 'json', '-o', join(work, 'out.json'), ...args];
  const rows = [];
  const add = (label, result) => rows.push({ label, ...result });
  try {
    const eslintConfig = join(work, 'eslint.config.mjs');
    writeFileSync(
      eslintConfig,
      `import spawnguard from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist', 'rules', 'index.js')).href)};\n` +
        `export default [...spawnguard.configs.recommended, { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ${JSON.stringify(projectDir)} } } }];\n`,
    );
    add('eslint, the same rules, typed (projectService)', best([eslintBin, '--config', eslintConfig, '--no-warn-ignored', '.'], projectDir, options.runs, [0, 1]));
    add('spawnguard audit (type-aware), full', typed);

    const cache = join(work, 'cache.json');
    add('audit --cache, first run (cache empty)', best(audit('--cache-location', cache), projectDir, 1, [0]));
    add('audit --cache, unchanged project', best(audit('--cache-location', cache), projectDir, options.runs, [0]));

    if (scratch) {
      // A pull request touching 5 files of the generated corpus (a git repository only for this).
      const git = (...args) => execFileSync('git', args, { cwd: projectDir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@b' } });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-qm', 'corpus');
      const files = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8')).files;
      for (let i = 0; i < 5; i++) appendFileSync(join(projectDir, files[Math.floor(((i + 0.5) * files.length) / 5)]), '\n// changed in the pull request\n');
      add('audit --changed-since (5 files changed)', best(audit('--changed-since', 'HEAD'), projectDir, options.runs, [0]));
      add('audit --changed-since --no-type-info (5 files)', best(audit('--changed-since', 'HEAD', '--no-type-info'), projectDir, options.runs, [0]));
      git('checkout', '-q', '--', '.');
    }

    for (const threads of [1, 2, 4]) {
      add(`audit --no-type-info --concurrency ${threads}`, best(audit('--no-type-info', '--concurrency', String(threads)), projectDir, options.runs, [0]));
    }

    const shards = [1, 2, 3, 4].map((index) => best([bin, 'audit', '-p', projectDir, '--fail-on', 'none', '--format', 'json', '-o', join(work, `shard-${index}.json`), '--shard', `${index}/4`], projectDir, 1, [0]));
    shards.forEach((shard, i) => add(`audit --shard ${i + 1}/4 (type-aware)`, shard));
    add('4 shards: sum (machine time)', { seconds: shards.reduce((sum, shard) => sum + shard.seconds, 0), rssMb: Math.max(...shards.map((shard) => shard.rssMb)) });
    add('4 shards: max (wall time on 4 CI jobs)', { seconds: Math.max(...shards.map((shard) => shard.seconds)), rssMb: Math.max(...shards.map((shard) => shard.rssMb)) });
    const merge = best([bin, 'merge', ...[1, 2, 3, 4].map((index) => join(work, `shard-${index}.json`)), '--format', 'json', '--fail-on', 'none', '-o', join(work, 'merged.json')], projectDir, options.runs, [0]);
    add('spawnguard merge of the 4 shards', merge);
    const merged = JSON.parse(readFileSync(join(work, 'merged.json'), 'utf8'));
    const whole = spawnSync(process.execPath, audit(), { cwd: projectDir });
    if (whole.status !== 0) throw new Error('the full audit failed');
    const full = JSON.parse(readFileSync(join(work, 'out.json'), 'utf8'));
    const same = JSON.stringify(merged.findings) === JSON.stringify(full.findings);

    console.log(`\nCI scale: against tsc --noEmit (first column) and the full type-aware audit (last column); best of ${options.runs} unless a single run is named\n`);
    printTable(
      rows.map((row) => ({ ...row, label: `${row.label}${row === rows[1] ? '' : ` (${(row.seconds / typed.seconds).toFixed(2)}x full audit)`}` })),
      tsc,
    );
    console.log(`\nthe merged shards ${same ? 'equal' : 'DIFFER FROM'} the full audit (${full.findings.length} findings)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The engines side by side: each row against the syntactic audit on ESLint (last column) and tsc
 * (first). Peak RSS is that of the largest process of the command (oxlint's and tsgolint's own
 * binaries are child processes of their Node launchers).
 */
function engines(projectDir, tsc, typed, options) {
  const work = mkdtempSync(join(tmpdir(), 'spawnguard-audit-engines-'));
  const out = (name) => join(work, name);
  const audit = (name, ...args) => [bin, 'audit', '-p', projectDir, '--no-type-info', '--fail-on', 'none', '--format', 'json', '-o', out(name), ...args];
  const rows = [];
  const add = (label, result) => rows.push({ label, ...result });
  try {
    add('spawnguard audit --no-type-info (ESLint engine)', best(audit('eslint.json'), projectDir, options.runs, [0]));
    add('spawnguard audit --no-type-info --engine oxlint', best(audit('oxlint.json', '--engine', 'oxlint'), projectDir, options.runs, [0]));
    add('spawnguard audit --no-type-info --engine oxlint --concurrency 2', best(audit('oxlint-2.json', '--engine', 'oxlint', '--concurrency', '2'), projectDir, options.runs, [0]));
    const plugin = pathToFileURL(join(repoRoot, 'dist', 'rules', 'index.js')).pathname;
    const rules = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `import p from ${JSON.stringify(plugin)}; console.log(JSON.stringify(Object.assign({}, ...p.configs.recommended.map((c) => c.rules ?? {}))))`], { encoding: 'utf8' }));
    writeFileSync(out('plugin.oxlintrc.json'), JSON.stringify({ jsPlugins: [plugin], plugins: [], categories: { correctness: 'off' }, rules }));
    add("oxlint alone, the plugin's rules (jsPlugins)", best([oxlintBin, '-c', out('plugin.oxlintrc.json'), '--format', 'json', '.'], projectDir, options.runs, [0, 1]));
    add('tsc --noEmit', tsc);
    add('spawnguard audit (type-aware)', typed);
    writeFileSync(out('typed.oxlintrc.json'), JSON.stringify({ plugins: ['typescript'], categories: { correctness: 'off' }, rules: { 'typescript/no-floating-promises': 'error', 'typescript/no-misused-promises': 'error' } }));
    // The bench's corpus has no node_modules for oxlint to find tsgolint in: point it at ours.
    add('oxlint --type-aware (tsgolint): no-floating-promises, no-misused-promises', best([oxlintBin, '-c', out('typed.oxlintrc.json'), '--type-aware', '--format', 'json', '.'], projectDir, options.runs, [0, 1], { OXLINT_TSGOLINT_PATH: tsgolintBin }));
    const fix = (...args) => [bin, 'fix', '--no-type-info', '--dry-run', '--no-install', ...args];
    // The fix exits 2 when a file of the project cannot be read; a dry run writes nothing, so 1 run each.
    for (const threads of [1, 2, 4]) add(`spawnguard fix --no-type-info --dry-run --concurrency ${threads} (1 run)`, best(fix('--concurrency', String(threads)), projectDir, 1, [0, 2]));
    add('spawnguard fix --no-type-info --dry-run --engine oxlint (1 run)', best(fix('--engine', 'oxlint'), projectDir, 1, [0, 2]));
    add('spawnguard fix --no-type-info --dry-run --engine oxlint --concurrency 2 (1 run)', best(fix('--engine', 'oxlint', '--concurrency', '2'), projectDir, 1, [0, 2]));

    const findings = (name) => JSON.parse(readFileSync(out(name), 'utf8'));
    const reference = findings('eslint.json');
    const same = ['oxlint.json', 'oxlint-2.json'].every((name) => JSON.stringify(findings(name).findings) === JSON.stringify(reference.findings) && JSON.stringify(findings(name).errors) === JSON.stringify(reference.errors));
    const syntactic = rows[0];
    console.log(`\nengines: against tsc --noEmit (first columns) and the syntactic audit on ESLint (last column); best of ${options.runs} unless 1 run is named\n`);
    printTable(rows.map((row) => ({ ...row, label: `${row.label} (${(row.seconds / syntactic.seconds).toFixed(2)}x ESLint engine)` })), tsc);
    console.log(`\nthe audit on oxlint ${same ? 'equals' : 'DIFFERS FROM'} the audit on ESLint (${reference.findings.length} findings, ${reference.errors.length} errors)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const options = benchOptions(
  process.argv.slice(2),
  { project: undefined, lines: 100_000, seed: 1, runs: 2 },
  { 'baseline-build': { type: 'string', multiple: true }, 'compare-only': { type: 'boolean' } },
);
const baselineBuilds = (options['baseline-build'] ?? []).map((dir) => resolve(dir));
for (const dir of baselineBuilds) {
  if (existsSync(join(dir, 'dist', 'src', 'cli', 'main.js'))) continue;
  console.error(`the baseline ${dir} has no build: run \`npm run build\` there first`);
  process.exit(2);
}
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
  const reportOf = (args) => args[args.indexOf('-o') + 1];
  // The syntactic audit keeps its own report: the type-aware one is read below.
  commands[2] = { ...commands[2], args: commands[2].args.map((arg) => (arg === report ? `${report}.syntactic.json` : arg)) };
  // Each baseline audit writes its own report, so its findings can be compared with this build's.
  const baselineAudits = baselineBuilds.flatMap((dir, index) =>
    commands.slice(1, 3).map((command) => {
      const args = command.args.map((arg) => (arg === bin ? join(dir, 'bin', 'spawnguard.js') : arg === reportOf(command.args) ? `${arg}.baseline-${index}.json` : arg));
      return { ...command, label: `${command.label}, baseline ${dir}`, args, mine: command };
    }),
  );
  commands.push(...baselineAudits);
  // In turns (each command once per round), so a slow phase of the shared machine hits every command alike.
  const results = commands.map(() => undefined);
  for (let run = 0; run < options.runs; run++) {
    commands.forEach((command, i) => {
      const result = best(command.args, projectDir, 1, command.statuses);
      results[i] = results[i] ? { seconds: Math.min(results[i].seconds, result.seconds), rssMb: Math.min(results[i].rssMb, result.rssMb) } : result;
    });
  }
  const rows = commands.map((command, i) => ({ ...command, ...results[i] }));
  const audit = JSON.parse(readFileSync(report, 'utf8'));
  description += `; audit: ${audit.files.length} files, ${audit.findings.length} findings, ${audit.errors.length} errors`;
  const tsc = rows[0];
  console.log(description);
  console.log(`best of ${options.runs} run(s) per command, each in its own process; target: type-aware audit <= ${TARGET_RATIO}x tsc\n`);
  printTable(rows, tsc);
  const findingsOf = (command) => JSON.stringify(JSON.parse(readFileSync(reportOf(command.args), 'utf8')).findings);
  for (const theirs of baselineAudits) {
    console.log(`${theirs.label}: findings ${findingsOf(theirs.mine) === findingsOf(theirs) ? 'equal' : 'DIFFER FROM'} this build's`);
  }
  const typed = rows[1];
  const met = typed.seconds <= TARGET_RATIO * tsc.seconds && typed.rssMb <= TARGET_RATIO * tsc.rssMb;
  console.log(`\ntype-aware audit target (<= ${TARGET_RATIO}x tsc time and RSS): ${met ? 'met' : 'MISSED'}`);
  const floor = rows[3];
  const floorWithin = floor.seconds <= TARGET_RATIO * tsc.seconds && floor.rssMb <= TARGET_RATIO * tsc.rssMb;
  console.log(
    `the type-aware pipeline with no rule on takes ${(floor.seconds / tsc.seconds).toFixed(2)}x tsc's time and ${(floor.rssMb / tsc.rssMb).toFixed(2)}x its RSS: ` +
      (floorWithin ? 'the target is within reach of this design' : 'the target is below what this design can reach'),
  );
  if (!options['compare-only']) {
    ciScale(projectDir, scratch, tsc, typed, options);
    engines(projectDir, tsc, typed, options);
    startUp(Math.max(options.runs, 3));
  }
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

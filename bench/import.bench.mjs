#!/usr/bin/env node
// Import benchmark: what loading the plugin costs an editor, `eslint` or oxlint before any file is
// linted. Each import in a fresh Node process, best of N, side by side with
//   import('eslint')                      the baseline: what every ESLint user pays already
//   import('spawnguard')                  the plugin (dist/rules/index.js): rules and configs
//   import('@typescript-eslint/parser')   the parser, which loads the TypeScript compiler; the plugin
//                                         loads it only when ESLint parses a TypeScript file
// and, for this build and each baseline, the import followed by a read of every rule: a rule's module
// and its detectors load when ESLint first reads the rule, so that row is what linting with every
// rule on has loaded before its first file (a build that loaded it all at import: the same as its
// import). Time is the `await import()` (and the reads) alone; memory is the RSS it added. The
// plugin must not load the compiler: syntactic linting (plain JS, oxlint's jsPlugins) never needs it.
//
// usage: node bench/import.bench.mjs [--runs N] [--baseline-build <dir>]...
//   --runs            best of N fresh processes per import (default 5)
//   --baseline-build  also import the plugin built in <dir> (another checkout of this repository, `npm run
//                     build` done there; repeatable), in turns with this build's
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchOptions } from './args.mjs';

const benchFile = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(benchFile), '..');
const pluginEntry = join(repoRoot, 'dist', 'rules', 'index.js');

if (process.argv[2] === '--child') {
  const { createRequire } = await import('node:module');
  const [, , , specifier, readEveryRule] = process.argv;
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const plugin = (await import(specifier)).default;
  if (readEveryRule) for (const rule of Object.values(plugin.rules)) void rule.meta;
  const ms = performance.now() - started;
  globalThis.gc?.();
  const rssAdded = process.memoryUsage().rss - rssBefore;
  const compiler = Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(file));
  console.log(JSON.stringify({ ms, rssMb: rssAdded / 2 ** 20, compiler }));
  process.exit(0);
}

const options = benchOptions(process.argv.slice(2), { runs: 5 }, { 'baseline-build': { type: 'string', multiple: true } });
const baselineEntries = (options['baseline-build'] ?? []).map((dir) => ({ dir: resolve(dir), entry: join(resolve(dir), 'dist', 'rules', 'index.js') }));
for (const { entry } of [{ entry: pluginEntry }, ...baselineEntries]) {
  if (existsSync(entry)) continue;
  console.error(`the import bench imports the built plugin: run \`npm run build\` first (${entry})`);
  process.exit(2);
}

const plugins = [
  { label: "import('spawnguard')", specifier: pathToFileURL(pluginEntry).href },
  ...baselineEntries.map(({ dir, entry }) => ({ label: `import('spawnguard'), baseline ${dir}`, specifier: pathToFileURL(entry).href })),
];
const imports = [
  { label: "import('eslint')", specifier: 'eslint' },
  ...plugins,
  ...plugins.map(({ label, specifier }) => ({ label: `${label}, every rule read`, specifier, readEveryRule: true })),
  { label: "import('@typescript-eslint/parser')", specifier: '@typescript-eslint/parser' },
];

function measure({ specifier, readEveryRule }) {
  const run = spawnSync(process.execPath, ['--expose-gc', benchFile, '--child', specifier, ...(readEveryRule ? ['every-rule'] : [])], { cwd: repoRoot, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`import('${specifier}') failed: ${run.stderr.slice(-1500)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

// Interleaved, so a busy moment of the shared machine does not land on one import only.
const results = imports.map(() => []);
for (let run = 0; run < options.runs; run++) imports.forEach((entry, i) => results[i].push(measure(entry)));
const rows = imports.map((entry, i) => ({
  label: entry.label,
  ms: Math.min(...results[i].map((result) => result.ms)),
  rssMb: Math.min(...results[i].map((result) => result.rssMb)),
  compiler: results[i].every((result) => result.compiler),
}));

const baseline = rows[0];
const header = ['import', 'time (ms)', 'RSS added (MB)', 'time vs eslint', 'RSS vs eslint', 'loads typescript'];
const lines = rows.map((row) => [
  row.label,
  row.ms.toFixed(0),
  row.rssMb.toFixed(1),
  `${(row.ms / baseline.ms).toFixed(2)}x`,
  `${(row.rssMb / baseline.rssMb).toFixed(2)}x`,
  row.compiler ? 'yes' : 'no',
]);
const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
const format = (cells) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
console.log(`best of ${options.runs} fresh process(es) per import\n`);
console.log(format(header));
console.log(`|${widths.map((width, i) => (i === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`);
for (const line of lines) console.log(format(line));
const plugin = rows[1];
console.log(`\nthe plugin ${plugin.compiler ? 'LOADS' : 'does not load'} the TypeScript compiler on import`);
process.exit(plugin.compiler ? 1 : 0);

#!/usr/bin/env node
// `npm run eval -- <folder of checkouts> [options]`: audits every labeled repo at its pinned commit,
// in both modes, and scores the findings against eval/labels.json. A developer tool (it runs the
// built CLI on fetched code), not part of CI or `npm test`. See eval/README.md.
//
// `npm run eval -- --tseslint <typescript-eslint checkout> [--ref <tag>]`: the agreement of
// no-floating-promise with typescript-eslint's own no-floating-promises test cases.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleBuildReason } from '../scripts/build-stamp.mjs';
import { fail as failWith, parseCommandLine, pinCheckout } from './checkouts.mjs';
import { formatScoreTable, scoreFindings, validateLabels } from './metrics.mjs';

const evalDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(evalDir, '..');
const modes = { syntactic: ['--no-type-info'], 'type-aware': [] };

const usage = `usage: npm run eval -- <folder of checkouts> [options]
       npm run eval -- --tseslint <typescript-eslint checkout> [--ref <tag>] [--bin <spawnguard.js>]

  --bin <file>         the spawnguard CLI to evaluate (default: this repository's bin/spawnguard.js)
  --mode <m>           syntactic | type-aware | both (default both)
  --repo <a,b>         only these labeled repos
  --tolerance <n>      lines a finding may sit from its label (default 2)
  --save <dir>         keep each audit's JSON there (<repo>.<mode>.json)
  --reuse <dir>        score saved audit JSON instead of running the audit
  --show-missed        also list the labeled positives no finding matched
  --json <file>        write the scores as JSON
  --tseslint <dir>     agreement mode (see eval/README.md)
  --ref <tag>          typescript-eslint tag (default v<installed @typescript-eslint/eslint-plugin>)`;

const { values: options, positionals } = parseCommandLine('eval', usage, {
  bin: { type: 'string' },
  mode: { type: 'string', default: 'both' },
  repo: { type: 'string' },
  tolerance: { type: 'string', default: '2' },
  save: { type: 'string' },
  reuse: { type: 'string' },
  'show-missed': { type: 'boolean', default: false },
  json: { type: 'string' },
  tseslint: { type: 'string' },
  ref: { type: 'string' },
});
const bin = resolve(options.bin ?? join(repoRoot, 'bin', 'spawnguard.js'));
if (!existsSync(bin)) fail(`no spawnguard CLI at ${bin}`);
// Scores of a build older than its sources would be credited to code it does not contain.
const staleBuild = options.reuse ? null : staleBuildReason(resolve(dirname(bin), '..'));
if (staleBuild !== null) fail(staleBuild);

if (options.tseslint) {
  const { runAgreement } = await import('./tseslint-agreement.mjs');
  process.exit(await runAgreement({ checkout: resolve(options.tseslint), ref: options.ref, bin }));
}

if (positionals.length !== 1) fail(`give one folder of checkouts\n${usage}`);
const folder = resolve(positionals[0]);
if (!options.reuse && !existsSync(folder)) fail(`no folder ${folder}`);
const selectedModes = options.mode === 'both' ? Object.keys(modes) : [options.mode];
if (!selectedModes.every((mode) => mode in modes)) fail(`--mode must be syntactic, type-aware or both`);
const tolerance = Number(options.tolerance);
if (!Number.isInteger(tolerance) || tolerance < 0) fail('--tolerance must be a whole number of lines');

const repos = JSON.parse(readFileSync(join(evalDir, 'repos.json'), 'utf8'));
const labels = JSON.parse(readFileSync(join(evalDir, 'labels.json'), 'utf8'));
const problems = validateLabels(labels, new Set(repos.map((repo) => repo.name)));
for (const label of labels) {
  const repo = repos.find((candidate) => candidate.name === label.repo);
  if (repo && repo.commit !== label.commit) problems.push(`label ${label.repo} ${label.file}:${label.line}: commit ${label.commit} is not the pinned ${repo.commit}`);
}
if (problems.length > 0) fail(`eval/labels.json has problems:\n  ${problems.join('\n  ')}`);

const wanted = options.repo ? new Set(options.repo.split(',')) : null;
const selected = repos.filter((repo) => !wanted || wanted.has(repo.name));
if (wanted) for (const name of wanted) if (!repos.some((repo) => repo.name === name)) fail(`--repo ${name} is not in eval/repos.json`);

console.log(`spawnguard: ${bin}\ncheckouts: ${folder}\n`);
const findingsByMode = Object.fromEntries(selectedModes.map((mode) => [mode, []]));
const audited = [];
for (const repo of selected) {
  const dir = join(folder, repo.name);
  if (!options.reuse && !atPinnedCommit(repo, dir)) continue;
  audited.push(repo.name);
  for (const mode of selectedModes) {
    const result = options.reuse ? readSaved(repo, mode) : audit(repo, dir, mode);
    if (!result) continue;
    const errors = result.errors.length > 0 ? `, ${result.errors.length} file error(s)` : '';
    console.log(`  ${repo.name} [${mode}]: ${result.files.length} files, ${result.findings.length} findings${errors}`);
    for (const error of result.errors.filter((e) => /rule|Maximum call stack/i.test(e.message))) {
      console.log(`    error ${error.file}:${error.line}: ${error.message}`);
    }
    for (const finding of result.findings) findingsByMode[mode].push({ ...finding, repo: repo.name });
  }
}

const scores = {};
for (const mode of selectedModes) {
  const score = scoreFindings(findingsByMode[mode], labels, { repos: audited, tolerance });
  scores[mode] = score;
  console.log(`\n## ${mode}\n\n${formatScoreTable(score)}\n`);
  if (score.unlabeled.length > 0) {
    console.log(`### ${mode}: ${score.unlabeled.length} unlabeled finding(s), to be judged\n`);
    for (const f of score.unlabeled) console.log(`- ${f.repo} ${f.file}:${f.line} ${f.ruleId} ${f.risk}: ${f.message}`);
    console.log('');
  }
  if (options['show-missed'] && score.missed.length > 0) {
    console.log(`### ${mode}: ${score.missed.length} labeled positive(s) not found\n`);
    for (const l of score.missed) console.log(`- ${l.repo} ${l.file}:${l.line} ${l.rule} (${l.verdict}): ${l.why}`);
    console.log('');
  }
}
if (options.json) {
  const summary = Object.fromEntries(
    Object.entries(scores).map(([mode, { perRule, overall, high, unlabeled }]) => [mode, { perRule, overall, high, unlabeled }]),
  );
  writeFileSync(options.json, `${JSON.stringify({ bin, repos: audited, tolerance, scores: summary }, null, 2)}\n`);
}

function fail(message) {
  failWith('eval', message);
}

/** Puts the checkout at the pinned commit when it is elsewhere and clean; false (with why) when it cannot. */
function atPinnedCommit(repo, dir) {
  const notPinned = pinCheckout(dir, repo);
  if (notPinned !== null) {
    console.log(`  ${repo.name}: ${notPinned}; skipped`);
    return false;
  }
  return warnWithoutDependencies(repo, dir);
}

function warnWithoutDependencies(repo, dir) {
  if (selectedModes.includes('type-aware') && !existsSync(join(dir, 'node_modules'))) {
    console.log(`  ${repo.name}: no node_modules, so type-aware findings lack library types (npm ci --ignore-scripts in ${dir})`);
  }
  return true;
}

function audit(repo, dir, mode) {
  const run = spawnSync(process.execPath, [bin, 'audit', dir, '--format', 'json', '--fail-on', 'none', ...modes[mode]], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 10 * 60 * 1000,
  });
  // With --fail-on none, exit 1 only says some files could not be audited (they are in `errors`):
  // the report is complete for the rest.
  if (run.status !== 0 && !(run.status === 1 && run.stdout.trimStart().startsWith('{'))) {
    console.log(`  ${repo.name} [${mode}]: audit exited ${run.status ?? run.signal}: ${(run.stderr || '').trim().split('\n').slice(-3).join(' | ')}`);
    return null;
  }
  if (options.save) {
    mkdirSync(options.save, { recursive: true });
    writeFileSync(join(options.save, `${repo.name}.${mode}.json`), run.stdout);
  }
  return JSON.parse(run.stdout);
}

function readSaved(repo, mode) {
  const file = join(options.reuse, `${repo.name}.${mode}.json`);
  if (!existsSync(file)) {
    console.log(`  ${repo.name} [${mode}]: nothing saved at ${file}`);
    return null;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

#!/usr/bin/env node
// `npm run migrate -- <folder of checkouts> [options]`: the proof of issue 13. For each project of
// eval/migrations.json: reset the checkout to its pinned commit, install, start its service, audit,
// run `spawnguard fix --verify "<its tests>" --verify-lint "<its lint/format check>"`, audit again, and with
// --chaos run the fixed code under SPAWNGUARD_CHAOS (eval/smoke/). Each project's result is saved as
// JSON (resumable: --project runs some, the table covers every saved result). See eval/README.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail as failWith, git, gitOutput, parseCommandLine, pinCheckout } from './checkouts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const usage = `usage: npm run migrate -- <folder of checkouts> [--bin <spawnguard bin>] [--project a,b]
       [--skip-install] [--no-chaos] [--chaos-only] [--results <folder>] [--table-only]`;

function parseCommandLineOptions() {
  const { values, positionals } = parseCommandLine('migrate', usage, {
    bin: { type: 'string' },
    project: { type: 'string' },
    'skip-install': { type: 'boolean', default: false },
    'no-chaos': { type: 'boolean', default: false },
    'chaos-only': { type: 'boolean', default: false },
    results: { type: 'string' },
    'table-only': { type: 'boolean', default: false },
  });
  if (positionals.length !== 1) fail(usage);
  const checkouts = resolve(positionals[0]);
  return {
    bin: resolve(values.bin ?? join(here, '../bin/spawnguard.js')),
    projects: values.project?.split(','),
    install: !values['skip-install'],
    chaos: !values['no-chaos'],
    fix: !values['chaos-only'],
    tableOnly: values['table-only'],
    checkouts,
    results: values.results === undefined ? join(checkouts, '.migrate-results') : resolve(values.results),
  };
}

function fail(message) {
  failWith('migrate', message);
}

const log = (message) => console.error(`[migrate ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Runs a shell command; never throws. */
function run(command, { cwd, env = {}, timeout = 20 * 60_000 } = {}) {
  const started = Date.now();
  const result = spawnSync(command, { cwd, shell: true, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024, timeout });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', seconds: (Date.now() - started) / 1000 };
}

/** The checkout at the pinned commit, every change of an earlier run undone (dependencies kept). */
function resetCheckout(dir, project) {
  const notPinned = pinCheckout(dir, project, { discardChanges: true });
  if (notPinned !== null) throw new Error(`${project.name}: ${notPinned}`);
}

function install(dir, project) {
  const stamp = join(dir, 'node_modules', '.spawnguard-migrate');
  const wanted = `${project.commit} ${project.install}`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  log(`${project.name}: ${project.install}`);
  const result = run(project.install, { cwd: dir, env: project.installEnv ?? {} });
  if (result.status !== 0) throw new Error(`install failed (${project.install}):\n${(result.stdout + result.stderr).slice(-2000)}`);
  writeFileSync(stamp, wanted);
}

/** node_modules/@spawnguard/runtime -> the runtime of the spawnguard being measured (not published). */
function linkRuntime(dir, bin) {
  const runtime = resolve(dirname(bin), '..', 'runtime');
  if (!existsSync(join(runtime, 'dist', 'cjs', 'index.js'))) throw new Error(`${runtime} is not built: npm run build there`);
  const scope = join(dir, 'node_modules', '@spawnguard');
  mkdirSync(scope, { recursive: true });
  const link = join(scope, 'runtime');
  try {
    lstatSync(link);
    rmSync(link, { recursive: true, force: true });
  } catch {}
  symlinkSync(runtime, link, 'dir');
}

const portOpen = (port) =>
  new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.on('connect', () => (socket.destroy(), done(true)));
    socket.on('error', () => done(false));
  });

const services = {
  /** redis-server from Debian (`apt-get install -y redis-server`) on the loopback, in memory only. */
  async redis() {
    const port = 6379;
    if (await portOpen(port)) throw new Error(`port ${port} is taken: stop what listens there (the project's tests expect Redis on it)`);
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const spawned = await new Promise((done) => {
      server.once('spawn', () => done(true));
      server.once('error', () => done(false));
    });
    if (!spawned) throw new Error('redis-server not found: apt-get install -y redis-server');
    for (let attempt = 0; attempt < 100 && !(await portOpen(port)); attempt++) await new Promise((done) => setTimeout(done, 100));
    return {
      env: { SMOKE_REDIS_URL: `redis://127.0.0.1:${port}`, BEE_QUEUE_TEST_REDIS: `redis://127.0.0.1:${port}` },
      stop: () =>
        new Promise((done) => {
          server.once('exit', done);
          server.kill('SIGTERM');
        }),
    };
  },
};

function auditCounts(dir, bin, env) {
  const result = run(`node ${JSON.stringify(bin)} audit -f json --fail-on none .`, { cwd: dir, env });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    throw new Error(`audit gave no JSON (exit ${result.status}): ${result.stderr.slice(-1000)}`);
  }
  const byRule = {};
  for (const finding of report.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
  return { findings: report.findings.length, fixable: report.findings.filter((finding) => finding.fixable).length, byRule, list: report.findings };
}

/**
 * The lint/format check of one run of `fix --verify-lint` (its JSON): passed, the files it complains
 * about and its errors (file, rule, message); undefined for a project without a lint command.
 */
function lintOf(run) {
  if (run.lint === null || run.lint === undefined) return undefined;
  const files = [...new Set(run.lintFailures.map((failure) => failure.file || '(the check)'))].sort();
  return { passed: run.lint === 'pass', files, failures: run.lintFailures };
}

/**
 * Passed/failed counts as the runner prints them: jest's and vitest's `Tests` line, ava's, mocha's,
 * node:test's `# pass`/`# fail`; nodeunit counts assertions (`OK: 364 assertions`, `FAILURES: 2/364
 * assertions failed`), not tests.
 */
function testCounts(dirtyOutput) {
  if (!dirtyOutput) return undefined;
  const output = dirtyOutput.replace(/\x1b\[[0-9;]*m/g, '');
  const nodeTest = { passed: /^# pass (\d+)$/m.exec(output), failed: /^# fail (\d+)$/m.exec(output) };
  if (nodeTest.passed && nodeTest.failed) return { passed: Number(nodeTest.passed[1]), failed: Number(nodeTest.failed[1]) };
  const nodeunitOk = /^OK: (\d+) assertions/m.exec(output);
  if (nodeunitOk) return { passed: Number(nodeunitOk[1]), failed: 0, unit: 'assertions' };
  const nodeunitFailed = /^FAILURES: (\d+)\/(\d+) assertions failed/m.exec(output);
  if (nodeunitFailed) return { passed: Number(nodeunitFailed[2]) - Number(nodeunitFailed[1]), failed: Number(nodeunitFailed[1]), unit: 'assertions' };
  const summary = output.split('\n').findLast((line) => /^\s*Tests:?\s+\d/.test(line)) ?? output;
  const last = (pattern) => {
    const all = [...summary.matchAll(pattern)];
    return all.length > 0 ? Number(all.at(-1)[1]) : 0;
  };
  return { passed: last(/(\d+) (?:tests? )?pass(?:ed|ing)/g), failed: last(/(\d+) (?:tests? )?fail(?:ed|ing)/g) };
}

async function chaosRun(dir, project, bin, env, { rate = 0.5, seed = 13 } = {}) {
  if (project.build) {
    const build = run(project.build, { cwd: dir, env });
    if (build.status !== 0) return { ok: false, problem: `build failed: ${(build.stdout + build.stderr).slice(-800)}` };
  }
  const probeOut = join(dir, 'node_modules', '.spawnguard-chaos.jsonl');
  rmSync(probeOut, { force: true });
  const child = spawn(process.execPath, [join(here, 'smoke', project.smoke)], {
    cwd: dir,
    env: {
      ...process.env,
      ...env,
      SPAWNGUARD_CHAOS: `${rate},${seed}`,
      SPAWNGUARD_PROBE_OUT: probeOut,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(here, 'smoke', 'probe.cjs')}`.trim(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, at: Date.now() })));
  let exit;
  const events = () => (existsSync(probeOut) ? readFileSync(probeOut, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);
  // Until the smoke run is serving and chaos struck a few times (or 60 s): an exit before SIGTERM fails.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    exit = await Promise.race([exited, new Promise((done) => setTimeout(() => done(undefined), 250))]);
    if (exit) break;
    if (stdout.includes('SMOKE READY') && events().filter((event) => event.event === 'inject').length >= 3) break;
  }
  const exitedBeforeSigterm = exit !== undefined;
  let sigtermSeconds;
  if (!exit) {
    const sent = Date.now();
    child.kill('SIGTERM');
    exit = await Promise.race([exited, new Promise((done) => setTimeout(() => done(undefined), 20_000))]);
    if (!exit) {
      child.kill('SIGKILL');
      exit = { ...(await exited), killed: true };
    }
    sigtermSeconds = (exit.at - sent) / 1000;
  }
  const all = events();
  const injections = all.filter((event) => event.event === 'inject');
  const failures = all.filter((event) => ['task-error', 'error', 'child-exit'].includes(event.event) && /Chaos/.test(`${event.error ?? event.reason ?? ''}`));
  const cleanExit = !exitedBeforeSigterm && !exit.killed && (exit.code === 0 || exit.signal === 'SIGTERM');
  const ok = !exitedBeforeSigterm && stdout.includes('SMOKE READY') && injections.length > 0 && failures.length >= injections.length && cleanExit;
  return {
    ok,
    rate,
    seed,
    ready: stdout.includes('SMOKE READY'),
    injections: injections.length,
    byKind: Object.fromEntries(['task', 'tick', 'worker', 'process'].map((kind) => [kind, injections.filter((event) => event.kind === kind).length])),
    failuresOnTelemetry: failures.length,
    exitedBeforeSigterm,
    exit: { code: exit.code, signal: exit.signal, killed: Boolean(exit.killed), secondsAfterSigterm: sigtermSeconds },
    smokeSaid: stdout.trim().split('\n').filter((line) => line.startsWith('smoke:')),
    stderrTail: stderr.trim().split('\n').slice(-6),
  };
}

async function migrate(project, options, previous) {
  const dir = join(options.checkouts, project.name);
  const result = { name: project.name, github: project.github, commit: project.commit, spawnguard: spawnguardCommit(options.bin), measuredAt: new Date().toISOString() };
  resetCheckout(dir, project);
  if (options.install) install(dir, project);
  linkRuntime(dir, options.bin);
  const service = project.service ? await services[project.service]() : undefined;
  const env = service?.env ?? {};
  try {
    if (options.fix) {
      log(`${project.name}: audit before`);
      result.auditBefore = auditCounts(dir, options.bin, env);
      // The project's lint runs inside the fix (--verify-lint): before, after, and once --verify put back
      // what broke it; a rewrite it had to put back counts against the kept share.
      const lint = project.lint ? ` --verify-lint ${JSON.stringify(project.lint)}` : '';
      log(`${project.name}: fix --verify "${project.test}"${lint}`);
      const fixRun = run(`node ${JSON.stringify(options.bin)} fix --force --format json --verify ${JSON.stringify(project.test)}${lint} .`, { cwd: dir, env, timeout: 90 * 60_000 });
      result.fixExit = fixRun.status;
      result.seconds = fixRun.seconds;
      let summary;
      try {
        summary = JSON.parse(fixRun.stdout);
      } catch {
        throw new Error(`fix gave no JSON (exit ${fixRun.status}): ${fixRun.stderr.slice(-2000)}`);
      }
      const verification = summary.verification;
      const known = new Set(verification.before.typeErrors ?? []);
      result.fix = {
        filesChanged: summary.filesChanged,
        rewrites: summary.rewrites,
        rewritesKept: summary.rewritesKept,
        leftForHuman: summary.remaining.map((finding) => ({ file: finding.file, line: finding.line, ruleId: finding.ruleId, leftBecause: finding.leftBecause ?? null })),
        reverted: verification.reverted.map((entry) => ({ file: entry.file, wholeFile: entry.wholeFile, findings: entry.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`), reason: entry.reason.split('\n').slice(0, 8).join('\n') })),
        errors: summary.errors,
        dependencies: summary.dependencies,
      };
      result.typeErrors = {
        before: verification.before.typeErrors?.length ?? null,
        introduced: (verification.after.typeErrors ?? []).filter((line) => !known.has(line)),
        final: (verification.final.typeErrors ?? []).filter((line) => !known.has(line)),
      };
      result.tests = {
        before: { result: verification.before.tests, ...testCounts(verification.before.testOutput), tail: verification.before.testOutput?.split('\n').slice(-8) },
        after: { result: verification.after.tests, ...testCounts(verification.after.testOutput), tail: verification.after.testOutput?.split('\n').slice(-8) },
        final: { result: verification.final.tests, ...testCounts(verification.final.testOutput), tail: verification.final.testOutput?.split('\n').slice(-8) },
      };
      log(`${project.name}: audit after`);
      result.auditAfter = auditCounts(dir, options.bin, env);
      result.lintBefore = lintOf(verification.before);
      result.lintAfter = lintOf(verification.final);
      if (result.lintBefore) result.lintNew = result.lintAfter.files.filter((file) => !result.lintBefore.files.includes(file));
    } else if (previous) {
      Object.assign(result, previous, { chaos: undefined, chaosMeasuredWith: spawnguardCommit(options.bin) });
      // --chaos-only: the fixed code again, without --verify (what it undid in the saved run is rewritten too).
      run(`node ${JSON.stringify(options.bin)} fix --force .`, { cwd: dir, env });
    }
    if (options.chaos && project.smoke) {
      log(`${project.name}: chaos smoke run (eval/smoke/${project.smoke})`);
      result.chaos = await chaosRun(dir, project, options.bin, env);
    }
  } finally {
    await service?.stop();
  }
  return result;
}

function spawnguardCommit(bin) {
  try {
    const root = resolve(dirname(bin), '..');
    const dirty = git(root, 'status', '--porcelain', '--untracked-files=no').stdout.trim() ? '+changes' : '';
    return gitOutput(root, 'rev-parse', '--short', 'HEAD') + dirty;
  } catch {
    return 'unknown';
  }
}

const sum = (record) => Object.values(record ?? {}).reduce((total, count) => total + count, 0);

function table(results) {
  const rows = [
    '| project | commit | spawns before → after | rewrites (kept / made) per rule | left for a human | reverted | type errors introduced | tests before → after (passed/failed) | lint/format failures before → after (new) | kept / fixable | chaos | time |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    if (r.error) {
      rows.push(`| ${r.name} | ${r.commit.slice(0, 10)} | error: ${r.error.split('\n')[0]} |||||||||||`);
      continue;
    }
    const perRule = Object.keys(r.fix.rewrites).sort().map((rule) => `${rule} ${r.fix.rewritesKept[rule] ?? 0}/${r.fix.rewrites[rule]}`).join(', ') || 'none';
    const refusedLeft = r.fix.leftForHuman.filter((left) => left.leftBecause);
    const refused = refusedLeft.length;
    // Fixable: what the audit calls fixable, less what the fix refuses with a reason (the rewrite would
    // change behaviour). A refused finding the audit already called unfixable is not taken off twice.
    const refusedKeys = new Set(refusedLeft.map((left) => `${left.file}:${left.line}:${left.ruleId}`));
    const fixable = r.auditBefore.list.filter((finding) => finding.fixable && !refusedKeys.has(`${finding.file}:${finding.line}:${finding.ruleId}`)).length;
    const kept = sum(r.fix.rewritesKept);
    const tests = (run) => `${run.result ?? '-'} ${run.passed ?? '?'}/${run.failed ?? '?'}`;
    const lint = r.lintBefore ? `${r.lintBefore.files.length} → ${r.lintAfter.files.length} (${r.lintNew.length})` : 'none';
    const chaos = r.chaos ? `${r.chaos.ok ? 'survived' : 'FAILED'}: ${r.chaos.injections} injected, ${r.chaos.failuresOnTelemetry} on telemetry, exit ${r.chaos.exit.signal ?? r.chaos.exit.code}` : '-';
    rows.push(
      `| ${r.name} | ${r.commit.slice(0, 10)} | ${r.auditBefore.findings} → ${r.auditAfter.findings} | ${perRule} | ${r.fix.leftForHuman.length} (${refused} refused with a reason) | ${r.fix.reverted.length} | ${r.typeErrors.introduced.length} (after put-back ${r.typeErrors.final.length}) | ${tests(r.tests.before)} → ${tests(r.tests.final)} | ${lint} | ${kept} / ${fixable}${fixable > 0 ? ` (${Math.round((100 * kept) / fixable)}%)` : ''} | ${chaos} | ${Math.round(r.seconds)} s |`,
    );
  }
  return rows.join('\n');
}

const options = parseCommandLineOptions();
const { projects } = JSON.parse(readFileSync(join(here, 'migrations.json'), 'utf8'));
const unknown = (options.projects ?? []).filter((name) => !projects.some((project) => project.name === name));
if (unknown.length > 0) fail(`unknown project(s) ${unknown.join(', ')}; known: ${projects.map((project) => project.name).join(', ')}`);
mkdirSync(options.results, { recursive: true });
const resultFile = (name) => join(options.results, `${name}.json`);
if (!options.tableOnly) {
  for (const project of projects.filter((candidate) => !options.projects || options.projects.includes(candidate.name))) {
    const previous = existsSync(resultFile(project.name)) ? JSON.parse(readFileSync(resultFile(project.name), 'utf8')) : undefined;
    let result;
    try {
      result = await migrate(project, options, previous);
    } catch (error) {
      log(`${project.name}: ${error.message}`);
      result = { name: project.name, commit: project.commit, error: error.message };
    }
    writeFileSync(resultFile(project.name), `${JSON.stringify(result, null, 2)}\n`);
    log(`${project.name}: saved ${resultFile(project.name)}`);
  }
}
const saved = projects.filter((project) => existsSync(resultFile(project.name))).map((project) => JSON.parse(readFileSync(resultFile(project.name), 'utf8')));
console.log(table(saved));
const failedChaos = saved.filter((r) => r.chaos && !r.chaos.ok).map((r) => r.name);
if (failedChaos.length > 0) console.log(`\nchaos: ${failedChaos.join(', ')} did not survive (see ${options.results})`);

#!/usr/bin/env node
// `npm run bench -- runtime`: the supervision runtime (runtime/dist) measured side by side with a bare
// `promise.catch(log)` and Effect's `Effect.runFork` of the same promise, plus restart latency, stop
// time and memory release; then the seeds' circuit breaker beside cockatiel and opossum, and the rate
// limiter beside bottleneck. Run with --expose-gc (bench/run.mjs does). Every figure is measured here.
// usage: node bench/runtime.bench.mjs [--baseline-build <dir>]...
//   --baseline-build  also run the growth-with-size case on the runtime built in <dir> (another checkout
//                     of this repository, with `npm run build` done there), its rounds interleaved with
//                     this build's; repeat it to compare with several builds in one run.
import { Effect } from 'effect';
import Bottleneck from 'bottleneck';
import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import CircuitBreaker from 'opossum';
import { Application, Breaker, MemoryRateLimitStore, Supervisor, TaskSupervisor, channels, rateLimit } from '@spawnguard/runtime';
import diagnostics_channel from 'node:diagnostics_channel';
import { existsSync } from 'node:fs';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchOptions } from './args.mjs';

if (typeof global.gc !== 'function') {
  console.error('run with --expose-gc (npm run bench does)');
  process.exit(2);
}

const options = benchOptions(process.argv.slice(2), {}, { 'baseline-build': { type: 'string', multiple: true } });
const baselines = [];
for (const dir of options['baseline-build'] ?? []) {
  const entry = join(resolve(dir), 'runtime', 'dist', 'index.js');
  if (!existsSync(entry)) {
    console.error(`the baseline ${dir} has no runtime build (${entry}): run \`npm run build\` there first`);
    process.exit(2);
  }
  baselines.push({ label: `baseline ${dir}`, Application: (await import(pathToFileURL(entry).href)).Application });
}

const immediate = () => new Promise((resolve) => setImmediate(resolve));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
async function settledHeap() {
  for (let i = 0; i < 3; i++) {
    await immediate();
    global.gc();
  }
  return process.memoryUsage().heapUsed;
}
function table(title, header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  ');
  console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
const verdict = (ok) => (ok ? 'met' : 'MISSED');

// ---- the same promise, three ways ------------------------------------------------------------
let completed = 0;
async function work() {
  await null;
  completed += 1;
}
const log = (error) => console.error(error);
const tasks = new TaskSupervisor({ name: 'bench' });

const noop = () => {};
/** The ways to start `fn` that the bench compares: each entry starts one call of it. */
function startVariants(fn) {
  return {
    'bare promise.catch(log)': () => {
      fn().catch(log);
    },
    'bare promise.then(noop, log)': () => {
      fn().then(noop, log);
    },
    'tasks.start(fn)': () => {
      tasks.start(fn);
    },
    'tasks.start(() => fn())': () => {
      tasks.start(() => fn());
    },
    'tasks.start(signal => fn())': () => {
      tasks.start((signal) => fn(signal));
    },
    'Effect.runFork(tryPromise)': () => {
      Effect.runFork(Effect.tryPromise(fn));
    },
  };
}
const variants = startVariants(work);

// CPU time (user + system) of this process, not wall time: the machine is shared, and wall time
// mostly measured the neighbours. A gc() first gives every variant the same clean young generation.
async function spawnAndSettle(spawnOne, count) {
  global.gc();
  completed = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) spawnOne();
  while (completed < count) await immediate();
  await immediate(); // every settle reaction (catch, bookkeeping, fiber exit) has run
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / count;
}

const ROUNDS = 5;
/** A warm-up, then ROUNDS rounds of `count` calls of each variant: each variant's CPU ns per call, by round. */
async function nsPerCallByRound(variants, count) {
  for (const spawnOne of Object.values(variants)) await spawnAndSettle(spawnOne, 20_000);
  const ns = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved rounds, so a slow moment of a shared machine hits every variant alike.
    for (const [name, spawnOne] of Object.entries(variants)) ns[name].push(await spawnAndSettle(spawnOne, count));
  }
  return ns;
}

const TASKS_PER_ROUND = 100_000;
const nsPerTask = await nsPerCallByRound(variants, TASKS_PER_ROUND);

let gate;
async function parked() {
  await gate;
}
const parkedVariants = startVariants(parked);
const IN_FLIGHT = 100_000;
const bytesPerTask = {};
for (const [name, spawnOne] of Object.entries(parkedVariants)) {
  let open;
  gate = new Promise((resolve) => (open = resolve));
  const before = await settledHeap();
  for (let i = 0; i < IN_FLIGHT; i++) spawnOne();
  const during = await settledHeap();
  bytesPerTask[name] = (during - before) / IN_FLIGHT;
  open();
  await immediate();
  await immediate();
}

const bare = median(nsPerTask['bare promise.catch(log)']);
const effect = median(nsPerTask['Effect.runFork(tryPromise)']);
table(
  `fire-and-forget: ${TASKS_PER_ROUND.toLocaleString('en')} tasks spawned and settled (CPU ns per task), median of ${ROUNDS} rounds; heap with ${IN_FLIGHT.toLocaleString('en')} in flight`,
  ['variant', 'ns/task', 'x bare', 'x Effect', 'bytes/in-flight task'],
  Object.keys(variants).map((name) => {
    const ns = median(nsPerTask[name]);
    return [name, ns.toFixed(0), (ns / bare).toFixed(2), (ns / effect).toFixed(2), bytesPerTask[name].toFixed(0)];
  }),
);
const ours = median(nsPerTask['tasks.start(fn)']);
table('targets', ['target', 'measured', 'verdict'], [
  ['tasks.start <= 1.5x bare promise', `${(ours / bare).toFixed(2)}x`, verdict(ours / bare <= 1.5)],
  ['tasks.start(() => fn()) <= 1.5x bare', `${(median(nsPerTask['tasks.start(() => fn())']) / bare).toFixed(2)}x`, verdict(median(nsPerTask['tasks.start(() => fn())']) / bare <= 1.5)],
  ['tasks.start <= 0.5x Effect.runFork', `${(ours / effect).toFixed(2)}x`, verdict(ours / effect <= 0.5)],
]);

// ---- restart latency ----------------------------------------------------------------------------
async function restartLatency(strategy, samples) {
  const crash = new Map();
  const children = Array.from({ length: 100 }, (_, i) => ({
    id: `child-${i}`,
    start: ({ signal }) => ({
      done: new Promise((resolve, reject) => {
        crash.set(`child-${i}`, reject);
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    }),
  }));
  const supervisor = new Supervisor({ name: `bench-${strategy}`, strategy, maxRestarts: 1e9, maxSeconds: 1, children });
  await supervisor.start();
  const lastRestarted = strategy === 'one_for_all' ? 'child-99' : undefined;
  const latencies = [];
  let waiting;
  const onRestart = (event) => {
    if (event.supervisor === supervisor.name && waiting && (lastRestarted === undefined || event.id === lastRestarted)) waiting();
  };
  const onExit = () => {}; // a subscriber keeps the expected crashes off stderr
  diagnostics_channel.subscribe(channels.childRestart, onRestart);
  diagnostics_channel.subscribe(channels.childExit, onExit);
  for (let i = 0; i < samples; i++) {
    const victim = `child-${(i * 37) % 100}`;
    const restarted = new Promise((resolve) => (waiting = resolve));
    const start = process.hrtime.bigint();
    crash.get(victim)(new Error('crash'));
    await restarted;
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  diagnostics_channel.unsubscribe(channels.childRestart, onRestart);
  diagnostics_channel.unsubscribe(channels.childExit, onExit);
  await supervisor.stop();
  return latencies;
}
const oneForOne = await restartLatency('one_for_one', 1000);
const oneForAll = await restartLatency('one_for_all', 200);
table('restart latency of a crashed child (100 children; crash -> restarted, for one_for_all the whole group)', ['strategy', 'samples', 'median ms', 'p99 ms', 'target', 'verdict'], [
  ['one_for_one', oneForOne.length, median(oneForOne).toFixed(3), percentile(oneForOne, 99).toFixed(3), 'median < 1 ms', verdict(median(oneForOne) < 1)],
  ['one_for_all', oneForAll.length, median(oneForAll).toFixed(3), percentile(oneForAll, 99).toFixed(3), 'median < 1 ms', verdict(median(oneForAll) < 1)],
]);

// ---- stopping 100k in-flight tasks ---------------------------------------------------------------
const STOP_COUNT = 100_000;
const stopping = new TaskSupervisor({ name: 'bench-stop' });
for (let i = 0; i < STOP_COUNT; i++) {
  stopping.start((signal) => new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true })));
}
const stopStart = process.hrtime.bigint();
await stopping.stop();
const stopMs = Number(process.hrtime.bigint() - stopStart) / 1e6;
table('stopping in-flight tasks (each awaits its signal)', ['tasks', 'stop() ms', 'left in flight'], [
  [STOP_COUNT.toLocaleString('en'), stopMs.toFixed(1), stopping.size],
]);

// ---- memory after 1M completed tasks -------------------------------------------------------------
const MILLION = 1_000_000;
const fresh = new TaskSupervisor({ name: 'bench-heap' });
const heapBefore = await settledHeap();
for (let done = 0; done < MILLION; done += 50_000) {
  completed = 0;
  for (let i = 0; i < 50_000; i++) fresh.start(work);
  while (completed < 50_000) await immediate();
}
await immediate();
const heapAfter = await settledHeap();
const deltaKb = (heapAfter - heapBefore) / 1024;
table('heap after 1M completed tasks.start tasks (after gc)', ['before MB', 'after MB', 'delta KB', 'in flight', 'target', 'verdict'], [
  [(heapBefore / 2 ** 20).toFixed(2), (heapAfter / 2 ** 20).toFixed(2), deltaKb.toFixed(0), fresh.size, 'back to baseline (< 256 KB)', verdict(deltaKb < 256 && fresh.size === 0)],
]);

// ---- circuit breaker: the seeds' fuse beside cockatiel and opossum ----------------------------------
// The same `work()` promise through each breaker while it is closed (the common case: a breaker's cost
// on every healthy call), and a call refused by each while it is open (how fast "fail fast" is).
const refused = () => {
  completed += 1;
};
// Reset times far beyond the run, so that an open breaker stays open however slow the machine is.
const HOUR = 3_600_000;
const fuse = new Breaker('bench', { threshold: 5, windowMs: HOUR, resetMs: HOUR });
const cockatiel = circuitBreaker(handleAll, { halfOpenAfter: HOUR, breaker: new ConsecutiveBreaker(6) });
const opossum = new CircuitBreaker(work, { timeout: false, resetTimeout: HOUR, errorThresholdPercentage: 50 });
/** One call of `work` through each breaker (opossum's breaker wraps its function itself), its rejection to `onRejected`. */
function throughEachBreaker(opossumBreaker, onRejected) {
  return {
    'breaker.run(fn)': () => {
      fuse.run(work).then(noop, onRejected);
    },
    'cockatiel execute(fn)': () => {
      cockatiel.execute(work).then(noop, onRejected);
    },
    'opossum fire()': () => {
      opossumBreaker.fire().then(noop, onRejected);
    },
  };
}
const closedVariants = {
  'bare promise.then(noop, log)': () => {
    work().then(noop, log);
  },
  ...throughEachBreaker(opossum, log),
};
const BREAKER_CALLS = 100_000;
const closedNs = await nsPerCallByRound(closedVariants, BREAKER_CALLS);

// Open each breaker, then time refused calls (each rejects without calling `work`).
const failing = () => Promise.reject(new Error('down'));
for (let i = 0; i < 6; i++) await fuse.run(failing).catch(noop);
for (let i = 0; i < 6; i++) await cockatiel.execute(failing).catch(noop);
const opossumFailing = new CircuitBreaker(failing, { timeout: false, resetTimeout: HOUR, errorThresholdPercentage: 50, volumeThreshold: 1 });
for (let i = 0; i < 6; i++) await opossumFailing.fire().catch(noop);
const openNs = await nsPerCallByRound(throughEachBreaker(opossumFailing, refused), BREAKER_CALLS);
const stillOpen = fuse.state === 'blown' && cockatiel.state === CircuitState.Open && opossumFailing.opened;
opossum.shutdown();
opossumFailing.shutdown();

const bareThen = median(closedNs['bare promise.then(noop, log)']);
table(
  `circuit breaker: ${BREAKER_CALLS.toLocaleString('en')} calls of the same promise (CPU ns per call), median of ${ROUNDS} rounds`,
  ['breaker', 'closed ns/call', 'x bare', 'open (refused) ns/call'],
  Object.keys(closedVariants).map((name) => {
    const closed = median(closedNs[name]);
    return [name, closed.toFixed(0), (closed / bareThen).toFixed(2), openNs[name] ? median(openNs[name]).toFixed(0) : '-'];
  }),
);
console.log(`every breaker still open after the refused calls: ${stillOpen ? 'yes' : 'NO (the open column is void)'}`);

// ---- rate limiter: the seeds' hammer beside bottleneck -----------------------------------------------
// 200 clients, each allowed 50 calls per window, make 20,000 calls round robin (so half of them are
// allowed): one decision per call. The window is an hour, so that no run crosses into a new one. bottleneck has no allow/deny call; its closest form is a Group with
// one limiter per key, a reservoir refilled every window and the OVERFLOW strategy, under which a job
// beyond the reservoir is dropped (its promise rejects) instead of queued.
const CLIENTS = 200;
const LIMIT = 50;
const DECISIONS = 20_000;
const LIMITER_ROUNDS = 3;
const keys = Array.from({ length: CLIENTS }, (_, i) => `client:${i}`);
async function limiterRun(decide) {
  global.gc();
  let allowed = 0;
  const start = process.cpuUsage();
  const pending = [];
  for (let i = 0; i < DECISIONS; i++) {
    const verdict = decide(keys[i % CLIENTS]);
    if (verdict === true) allowed += 1;
    else if (verdict !== false) pending.push(verdict.then(() => (allowed += 1), noop));
  }
  await Promise.all(pending);
  const used = process.cpuUsage(start);
  return { ns: ((used.user + used.system) * 1000) / DECISIONS, allowed };
}
const ourResults = [];
const bottleneckResults = [];
const instant = () => null;
for (let round = 0; round < LIMITER_ROUNDS; round++) {
  const store = new MemoryRateLimitStore();
  ourResults.push(await limiterRun((key) => rateLimit(key, { windowMs: HOUR, limit: LIMIT, store }).allowed));
  const group = new Bottleneck.Group({
    reservoir: LIMIT,
    reservoirRefreshAmount: LIMIT,
    reservoirRefreshInterval: HOUR,
    highWater: 0,
    strategy: Bottleneck.strategy.OVERFLOW,
  });
  bottleneckResults.push(await limiterRun((key) => group.key(key).schedule(instant)));
  await group.disconnect?.();
  for (const limiter of group.limiters()) await limiter.limiter.disconnect();
}

// Memory: 100,000 distinct keys hit once each, then (ours) one hit after their window ended;
// bottleneck's per-key limiters, 10,000 of them.
const MANY = 100_000;
const MANY_LIMITERS = 10_000;
let sweepNow = 0;
const reclaiming = new MemoryRateLimitStore({ clock: () => sweepNow, sweepEveryMs: 1 });
const limiterHeapBefore = await settledHeap();
for (let i = 0; i < MANY; i++) rateLimit(`ip:${i}`, { windowMs: 1000, limit: LIMIT, store: reclaiming, clock: () => sweepNow });
const limiterHeapFull = await settledHeap();
const heldKeys = reclaiming.size;
sweepNow += 1000;
rateLimit('ip:late', { windowMs: 1000, limit: LIMIT, store: reclaiming, clock: () => sweepNow });
const limiterHeapAfter = await settledHeap();
const groupForHeap = new Bottleneck.Group({ reservoir: LIMIT, highWater: 0, strategy: Bottleneck.strategy.OVERFLOW });
const groupHeapBefore = await settledHeap();
for (let i = 0; i < MANY_LIMITERS; i++) groupForHeap.key(`ip:${i}`);
const groupHeapFull = await settledHeap();
for (const limiter of groupForHeap.limiters()) await limiter.limiter.disconnect();

const ourNs = median(ourResults.map((result) => result.ns));
const bottleneckNs = median(bottleneckResults.map((result) => result.ns));
table(
  `rate limiter: ${DECISIONS.toLocaleString('en')} decisions over ${CLIENTS.toLocaleString('en')} keys (limit ${LIMIT} per key and window; CPU ns per decision), median of ${LIMITER_ROUNDS} rounds`,
  ['limiter', 'ns/decision', 'x ours', 'allowed', 'heap bytes/key'],
  [
    ['rateLimit(key) (memory store)', ourNs.toFixed(0), '1.00', ourResults[0].allowed, ((limiterHeapFull - limiterHeapBefore) / MANY).toFixed(0)],
    ['bottleneck Group + OVERFLOW', bottleneckNs.toFixed(0), (bottleneckNs / ourNs).toFixed(2), bottleneckResults[0].allowed, ((groupHeapFull - groupHeapBefore) / MANY_LIMITERS).toFixed(0)],
  ],
);
table('rate limiter memory: 100,000 keys hit once, then one hit after their window ended', ['keys held', 'heap held MB', 'keys after', 'heap after MB', 'target', 'verdict'], [
  [heldKeys.toLocaleString('en'), ((limiterHeapFull - limiterHeapBefore) / 2 ** 20).toFixed(2), reclaiming.size, ((limiterHeapAfter - limiterHeapBefore) / 2 ** 20).toFixed(2), 'ended windows reclaimed (< 256 KB left)', verdict(reclaiming.size === 1 && limiterHeapAfter - limiterHeapBefore < 256 * 1024)],
]);

// ---- issue #10: costs that used to grow with the number of children or linked tasks ---------------
// Adding run-time children of one kind (each `supervise.cache('c', ...)` call becomes c, c#2, c#3...).
// The garbage collections in the window, apart: the per-child work itself stays flat, while the 4,000
// case fills the young generation and its scavenges copy the children it holds (the heap row below).
const collections = [];
const gcObserver = new PerformanceObserver((list) => collections.push(...list.getEntries()));
gcObserver.observe({ entryTypes: ['gc'] });
async function addRuntimeChildren(Runtime, count) {
  const app = new Runtime({ name: `bench-add-${count}` });
  const startedAt = performance.now();
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) app.supervise.cache('c', () => new Map());
  await app.startChild({ id: 'last', start: () => ({}) }); // queued behind every add: all have landed
  const used = process.cpuUsage(start);
  const endedAt = performance.now();
  await app.stop();
  await new Promise((resolve) => setTimeout(resolve, 0)); // the observer hears of a collection on a later turn (an immediate is too soon)
  const gcMs = collections.filter((entry) => entry.startTime >= startedAt && entry.startTime <= endedAt).reduce((sum, entry) => sum + entry.duration, 0);
  collections.length = 0;
  return { ms: (used.user + used.system) / 1000, gcMs };
}
// One measurement of the 1,000 case takes tens of ms, which one GC pause can double: the median of
// interleaved rounds, as every other runtime section. A baseline build's rounds interleave with this
// build's, so the machine's load weighs on both alike.
const growthBuilds = [{ label: 'this build', Application }, ...baselines];
const addRounds = growthBuilds.map(() => []);
for (let round = 0; round < 5; round++) {
  for (const [index, build] of growthBuilds.entries()) {
    addRounds[index].push([await addRuntimeChildren(build.Application, 1000), await addRuntimeChildren(build.Application, 4000)]);
  }
}
// What the 4,000 hold: the scavenges that make the large case dearer per child copy exactly this.
async function heapPerRuntimeChild(Runtime, count) {
  const app = new Runtime({ name: `bench-heap-${count}` });
  const before = await settledHeap();
  for (let i = 0; i < count; i++) app.supervise.cache('c', () => new Map());
  await app.startChild({ id: 'last', start: () => ({}) });
  const held = (await settledHeap()) - before;
  await app.stop();
  return held / count;
}
gcObserver.disconnect();
const growth = [];
for (const [index, rounds] of addRounds.entries()) {
  const add1k = median(rounds.map(([small]) => small.ms));
  const add4k = median(rounds.map(([, large]) => large.ms));
  const gc1k = median(rounds.map(([small]) => small.gcMs));
  const gc4k = median(rounds.map(([, large]) => large.gcMs));
  growth.push({ add1k, add4k, gc1k, gc4k, perChild: add4k / 4 / add1k, heapPerChild: await heapPerRuntimeChild(growthBuilds[index].Application, 4000) });
}
// Tasks linked to one owner signal, 30k in flight at once.
async function ownedTasks(count) {
  const owner = new AbortController();
  const linked = new TaskSupervisor({ name: 'bench-owner' });
  const finishers = [];
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) linked.start(() => new Promise((resolve) => finishers.push(resolve)), { signal: owner.signal });
  for (const finish of finishers) finish();
  while (linked.size > 0) await immediate();
  const used = process.cpuUsage(start);
  return count / ((used.user + used.system) / 1e6);
}
const owned = await ownedTasks(30_000);
table('growth with size (CPU time, median of 5 interleaved rounds; GC: wall time of the collections in the window)', ['case', 'figure', 'target', 'verdict'], [
  ...growthBuilds.flatMap((build, index) => {
    const { add1k, add4k, gc1k, gc4k, perChild, heapPerChild } = growth[index];
    const of = index === 0 ? '' : ` (${build.label})`;
    return [
      [`add 1,000 run-time children of one kind${of}`, `${add1k.toFixed(0)} ms (GC ${gc1k.toFixed(0)} ms)`, '', ''],
      [`add 4,000 run-time children of one kind${of}`, `${add4k.toFixed(0)} ms (GC ${gc4k.toFixed(0)} ms; ${perChild.toFixed(2)}x per child)`, 'per child <= 1.5x the 1,000 case', verdict(perChild <= 1.5)],
      [`heap held per run-time child, 4,000 landed${of}`, `${(heapPerChild / 1024).toFixed(1)} KB`, '', ''],
    ];
  }),
  ['30,000 tasks linked to one owner signal', `${Math.round(owned).toLocaleString('en')} tasks/s`, '', ''],
]);

// ---- last: while a supervised interval ticks (its AsyncLocalStorage is enabled during each tick) ---
const ticking = new Application({ name: 'bench-ticking' });
const tick = ticking.supervise.interval('tick', () => {}, 1);
while (tick.ticks === 0) await immediate();
const withScope = [];
for (let round = 0; round < 5; round++) withScope.push(await spawnAndSettle(variants['tasks.start(() => fn())'], 200_000));
const bareAfter = [];
for (let round = 0; round < 5; round++) bareAfter.push(await spawnAndSettle(variants['bare promise.catch(log)'], 200_000));
await ticking.stop();
table('while a supervised interval ticks every ms (CPU ns per task; compare with the first table)', ['variant', 'median ns', 'vs bare'], [
  ['bare promise.catch(log)', median(bareAfter).toFixed(0), '1.00x'],
  ['tasks.start(() => fn())', median(withScope).toFixed(0), `${(median(withScope) / median(bareAfter)).toFixed(2)}x`],
]);

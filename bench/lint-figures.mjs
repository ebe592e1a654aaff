// The lint bench's arithmetic, kept apart from the processes it runs so a test can check it: the order
// of the variants in each run, what N runs of one variant come to, how a build compares with its
// baseline run by run, and ESLint's per-rule times summed over the linted files.

/**
 * The order of the variants in run `run` (0-based): as listed in even runs, reversed in odd ones. A
 * build and its baseline then swap places every run (A B, B A, ...), so a machine that gets slower or
 * faster during the bench moves both alike instead of always favouring the one that runs first.
 */
export function runOrder(variants, run) {
  return run % 2 === 0 ? [...variants] : [...variants].reverse();
}

/**
 * What the runs of one variant come to: the lowest CPU time and wall time, the highest CPU time, the
 * spread (highest over lowest CPU, minus one) and the run the lowest CPU came from, whose other fields
 * (findings, counts) stand for the variant. Contention only ever adds CPU time (cache misses,
 * migrations), so the lowest of N is the figure least moved by the machine's load.
 */
export function summarizeRuns(results) {
  if (results.length === 0) throw new Error('summarizeRuns: no runs');
  const lowestCpu = results.reduce((best, result) => (result.cpuMs < best.cpuMs ? result : best));
  const highestCpuMs = Math.max(...results.map((result) => result.cpuMs));
  return {
    runs: results.length,
    lowestCpuMs: lowestCpu.cpuMs,
    highestCpuMs,
    spread: highestCpuMs / lowestCpu.cpuMs - 1,
    lowestMs: Math.min(...results.map((result) => result.ms)),
    highestRssKb: Math.max(...results.map((result) => result.maxRssKb)),
    representative: lowestCpu,
  };
}

/**
 * A build against its baseline, run by run: the CPU ratio of the two processes of each run (they ran
 * next to each other, so the machine's drift between runs cancels), as the median and range over the
 * runs. Runs missing either side are skipped.
 */
export function pairedCpuRatios(buildRuns, baselineRuns) {
  const ratios = [];
  for (let i = 0; i < Math.min(buildRuns.length, baselineRuns.length); i++) {
    if (buildRuns[i] && baselineRuns[i]) ratios.push(buildRuns[i].cpuMs / baselineRuns[i].cpuMs);
  }
  if (ratios.length === 0) return undefined;
  const sorted = [...ratios].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { ratios, median, lowest: sorted[0], highest: sorted.at(-1) };
}

/**
 * ESLint's `stats` times of one file (`linter.getTimes()` after `verifyAndFix`) as milliseconds:
 * parsing, and each rule's `create` plus its listeners, added up over the file's passes.
 */
export function ruleTimesOf(times) {
  let parseMs = 0;
  const rules = {};
  for (const pass of times?.passes ?? []) {
    parseMs += pass.parse?.total ?? 0;
    for (const [ruleId, { total }] of Object.entries(pass.rules ?? {})) rules[ruleId] = (rules[ruleId] ?? 0) + total;
  }
  return { parseMs, rules };
}

/** The per-file times of `ruleTimesOf` added up over the files of a run. */
export function addedRuleTimes(files) {
  const total = { parseMs: 0, rules: {} };
  for (const file of files) {
    total.parseMs += file.parseMs;
    for (const [ruleId, ms] of Object.entries(file.rules)) total.rules[ruleId] = (total.rules[ruleId] ?? 0) + ms;
  }
  return total;
}

/**
 * Per-rule times scaled by their process's CPU over wall time. ESLint times each listener by the clock,
 * so on a loaded machine every rule's figure is stretched by the time its process waited for a core;
 * the wait falls on the rules in proportion to their running time, so scaling by the process's own
 * CPU/wall ratio estimates each rule's CPU time.
 */
export function scaledToCpu(ruleTimes, cpuMs, wallMs) {
  const factor = wallMs > 0 ? cpuMs / wallMs : 1;
  return { parseMs: ruleTimes.parseMs * factor, rules: Object.fromEntries(Object.entries(ruleTimes.rules).map(([ruleId, ms]) => [ruleId, ms * factor])) };
}

/** Per rule, the lowest of several runs' times (a rule missing from a run counts from the runs that have it). */
export function lowestRuleTimes(runs) {
  const lowest = { parseMs: Infinity, rules: {} };
  for (const run of runs) {
    lowest.parseMs = Math.min(lowest.parseMs, run.parseMs);
    for (const [ruleId, ms] of Object.entries(run.rules)) lowest.rules[ruleId] = Math.min(lowest.rules[ruleId] ?? Infinity, ms);
  }
  if (lowest.parseMs === Infinity) lowest.parseMs = 0;
  return lowest;
}

/**
 * The rows of the per-rule table: one per rule any column has, slowest first by the first column,
 * each cell the rule's milliseconds in that column or undefined where the column's build has no such
 * rule.
 */
export function ruleTimeRows(columns) {
  const ruleIds = [...new Set(columns.flatMap((column) => Object.keys(column.rules)))];
  const first = columns[0]?.rules ?? {};
  ruleIds.sort((a, b) => (first[b] ?? -1) - (first[a] ?? -1) || a.localeCompare(b));
  return ruleIds.map((ruleId) => ({ ruleId, cells: columns.map((column) => column.rules[ruleId]) }));
}

/**
 * Counts of file-system calls, by kind, from a `{ [fn]: n }` record of the `node:fs` functions the
 * bench child wraps: stats (`statSync`, `lstatSync`), existence checks, file reads, directory reads,
 * real paths. They count work, so unlike times they do not move with the machine's load, except
 * `manifestStat` (stats of package.json and .git paths, also inside `stat`): those chains are looked at
 * again on a clock.
 */
export function fileSystemCounts(calls) {
  const of = (...names) => names.reduce((sum, name) => sum + (calls[name] ?? 0), 0);
  return {
    stat: of('statSync', 'lstatSync'),
    manifestStat: of('statSync:manifest'),
    exists: of('existsSync'),
    readFile: of('readFileSync'),
    readdir: of('readdirSync'),
    realpath: of('realpathSync', 'realpathSync.native'),
  };
}

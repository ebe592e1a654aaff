// Types for bench/lint-figures.mjs, so TypeScript tests can import the lint bench's arithmetic.
export interface RunResult {
  ms: number;
  cpuMs: number;
  maxRssKb: number;
  [field: string]: unknown;
}

export interface RunsSummary<R extends RunResult> {
  runs: number;
  lowestCpuMs: number;
  highestCpuMs: number;
  spread: number;
  lowestMs: number;
  highestRssKb: number;
  representative: R;
}

export interface RuleTimes {
  parseMs: number;
  rules: Record<string, number>;
}

export interface EslintTimes {
  passes: { parse?: { total: number }; rules?: Record<string, { total: number }> }[];
}

export declare function runOrder<T>(variants: readonly T[], run: number): T[];
export declare function summarizeRuns<R extends RunResult>(results: readonly R[]): RunsSummary<R>;
export declare function pairedCpuRatios(
  buildRuns: readonly (RunResult | undefined)[],
  baselineRuns: readonly (RunResult | undefined)[],
): { ratios: number[]; median: number; lowest: number; highest: number } | undefined;
export declare function ruleTimesOf(times: EslintTimes | undefined): RuleTimes;
export declare function addedRuleTimes(files: readonly RuleTimes[]): RuleTimes;
export declare function scaledToCpu(ruleTimes: RuleTimes, cpuMs: number, wallMs: number): RuleTimes;
export declare function lowestRuleTimes(runs: readonly RuleTimes[]): RuleTimes;
export declare function ruleTimeRows(columns: readonly RuleTimes[]): { ruleId: string; cells: (number | undefined)[] }[];
export declare function fileSystemCounts(calls: Record<string, number>): { stat: number; manifestStat: number; exists: number; readFile: number; readdir: number; realpath: number };

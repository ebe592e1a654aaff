// Types for eval/metrics.mjs, so the TypeScript unit test can import it.
export type Verdict = 'tp' | 'fp' | 'fn';

export interface Label {
  repo: string;
  commit: string;
  file: string;
  line: number;
  /** Only to tell apart two findings of one rule on one line (1-based, as the audit reports). */
  column?: number;
  rule: string;
  verdict: Verdict;
  why: string;
  /** On a `tp`: the hand search found it too, so it counts among the hand-found positives. */
  hand?: true;
}

/** An audit finding (docs/audit-json.md) with the repo it came from. */
export interface EvalFinding {
  repo: string;
  file: string;
  line: number;
  column?: number;
  ruleId: string;
  risk: 'HIGH' | 'MEDIUM' | 'LOW';
  [field: string]: unknown;
}

export interface ScoreRow {
  findings: number;
  tp: number;
  fp: number;
  unlabeled: number;
  positives: number;
  found: number;
  handFound: number;
  handFoundHit: number;
  precision: number | null;
  recall: number | null;
  handRecall: number | null;
}

export interface Score {
  perRule: Record<string, ScoreRow>;
  overall: ScoreRow;
  high: ScoreRow;
  unlabeled: EvalFinding[];
  missed: Label[];
}

export declare const verdicts: readonly Verdict[];
export declare function matchFindings(
  findings: readonly EvalFinding[],
  labels: readonly Label[],
  tolerance?: number,
): { matched: { finding: EvalFinding; label: Label }[]; unlabeled: EvalFinding[]; missed: Label[] };
export declare function scoreFindings(
  findings: readonly EvalFinding[],
  labels: readonly Label[],
  options?: { repos?: readonly string[]; tolerance?: number },
): Score;
export declare function validateLabels(labels: readonly Partial<Label>[], knownRepos?: ReadonlySet<string>): string[];
export declare function formatScoreTable(score: Score): string;

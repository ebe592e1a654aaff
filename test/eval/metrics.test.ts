import { describe, expect, it } from 'vitest';
import { formatScoreTable, matchFindings, scoreFindings, validateLabels, type EvalFinding, type Label } from '../../eval/metrics.mjs';

// The scorer behind `npm run eval`: pure functions over findings and labels, no fetched code.

const commit = 'a'.repeat(40);

function label(partial: Partial<Label> & Pick<Label, 'line' | 'verdict'>): Label {
  return { repo: 'app', commit, file: 'src/a.ts', rule: 'no-floating-promise', why: 'read by hand', ...partial };
}

function finding(partial: Partial<EvalFinding> & Pick<EvalFinding, 'line'>): EvalFinding {
  return { repo: 'app', file: 'src/a.ts', ruleId: 'no-floating-promise', risk: 'MEDIUM', ...partial };
}

describe('matchFindings', () => {
  it('matches a finding to a label of the same repo, file and rule within the line tolerance', () => {
    const labels = [label({ line: 10, verdict: 'tp' })];
    expect(matchFindings([finding({ line: 12 })], labels, 2).matched).toHaveLength(1);
    expect(matchFindings([finding({ line: 13 })], labels, 2).unlabeled).toHaveLength(1);
  });

  it('never matches across repo, file or rule', () => {
    const labels = [label({ line: 10, verdict: 'tp' })];
    const findings = [
      finding({ line: 10, repo: 'other' }),
      finding({ line: 10, file: 'src/b.ts' }),
      finding({ line: 10, ruleId: 'no-stray-timer' }),
    ];
    const { matched, unlabeled, missed } = matchFindings(findings, labels, 2);
    expect(matched).toEqual([]);
    expect(unlabeled).toHaveLength(3);
    expect(missed).toEqual(labels);
  });

  it('pairs one to one, closest first, so neighbouring findings keep their own labels', () => {
    const real = label({ line: 10, verdict: 'tp' });
    const wrong = label({ line: 11, verdict: 'fp' });
    // Listed so that a first-come pairing would give line 11's finding the line-10 label.
    const findings = [finding({ line: 11 }), finding({ line: 10 })];
    const { matched, unlabeled } = matchFindings(findings, [real, wrong], 2);
    expect(unlabeled).toEqual([]);
    expect(matched.map(({ finding: f, label: l }) => [f.line, l.line])).toEqual([
      [11, 11],
      [10, 10],
    ]);
  });

  it('uses a label column to tell apart two findings on one line', () => {
    const middleware = label({ line: 30, column: 25, verdict: 'fp' });
    const handler = label({ line: 30, column: 40, verdict: 'tp' });
    const { matched } = matchFindings([finding({ line: 30, column: 40 }), finding({ line: 30, column: 25 })], [middleware, handler], 2);
    expect(matched.map(({ finding: f, label: l }) => [f.column, l.verdict])).toEqual([
      [40, 'tp'],
      [25, 'fp'],
    ]);
  });

  it('leaves a second finding on an already matched label unlabeled', () => {
    const { matched, unlabeled } = matchFindings([finding({ line: 10 }), finding({ line: 10, column: 20 })], [label({ line: 10, verdict: 'tp' })], 2);
    expect(matched).toHaveLength(1);
    expect(unlabeled).toHaveLength(1);
  });

  it('lists as missed only the positive labels nobody matched', () => {
    const labels = [label({ line: 10, verdict: 'tp' }), label({ line: 30, verdict: 'fn' }), label({ line: 50, verdict: 'fp' })];
    expect(matchFindings([finding({ line: 10 })], labels, 2).missed.map((l) => l.line)).toEqual([30]);
  });
});

describe('scoreFindings', () => {
  const labels = [
    label({ line: 10, verdict: 'tp' }),
    label({ line: 20, verdict: 'fp' }),
    label({ line: 30, verdict: 'fp' }),
    label({ line: 40, verdict: 'fn' }),
    label({ line: 50, verdict: 'fn' }),
    label({ line: 5, verdict: 'tp', rule: 'no-stray-timer' }),
  ];

  it('computes precision over labeled findings only and recall over tp and fn labels, per rule and overall', () => {
    const findings = [
      finding({ line: 10 }),
      finding({ line: 20 }),
      finding({ line: 30 }),
      finding({ line: 40 }), // a hand-found positive the rule now reports: a true positive
      finding({ line: 90 }), // nobody judged it yet
      finding({ line: 5, ruleId: 'no-stray-timer' }),
    ];
    const score = scoreFindings(findings, labels);
    const floating = score.perRule['no-floating-promise']!;
    expect(floating).toMatchObject({ findings: 5, tp: 2, fp: 2, unlabeled: 1, positives: 3, found: 2, handFound: 2, handFoundHit: 1 });
    expect(floating.precision).toBe(0.5);
    expect(floating.recall).toBeCloseTo(2 / 3);
    expect(floating.handRecall).toBe(0.5);
    expect(score.perRule['no-stray-timer']).toMatchObject({ tp: 1, fp: 0, precision: 1, recall: 1, handRecall: null });
    expect(score.overall).toMatchObject({ findings: 6, tp: 3, fp: 2, unlabeled: 1, positives: 4, found: 3 });
    expect(score.overall.precision).toBe(0.6);
    expect(score.unlabeled.map((f) => f.line)).toEqual([90]);
    expect(score.missed.map((l) => l.line)).toEqual([50]);
  });

  it('counts tp labels the hand search found again among the hand-found positives', () => {
    const handLabels = [label({ line: 10, verdict: 'tp', hand: true }), label({ line: 20, verdict: 'tp' }), label({ line: 30, verdict: 'fn' })];
    const score = scoreFindings([finding({ line: 10 }), finding({ line: 20 })], handLabels);
    expect(score.overall).toMatchObject({ positives: 3, found: 2, handFound: 2, handFoundHit: 1, handRecall: 0.5 });
  });

  it('gives the HIGH band its own precision', () => {
    const score = scoreFindings(
      [finding({ line: 10, risk: 'HIGH' }), finding({ line: 20, risk: 'HIGH' }), finding({ line: 30, risk: 'LOW' }), finding({ line: 77, risk: 'HIGH' })],
      labels,
    );
    expect(score.high).toMatchObject({ findings: 3, tp: 1, fp: 1, unlabeled: 1, precision: 0.5 });
  });

  it('reports no precision (not 0 or 1) for a rule with no labeled finding', () => {
    const score = scoreFindings([finding({ line: 99 })], labels);
    expect(score.perRule['no-floating-promise']!.precision).toBeNull();
    expect(score.perRule['no-floating-promise']!.recall).toBe(0);
  });

  it('counts only the labels of the repos that were audited', () => {
    const otherRepo = label({ line: 10, verdict: 'fn', repo: 'skipped' });
    const score = scoreFindings([finding({ line: 10 })], [...labels, otherRepo], { repos: ['app'] });
    expect(score.overall.positives).toBe(4);
    expect(score.missed).not.toContain(otherRepo);
  });

  it('prints a row per rule, all rules and the HIGH band', () => {
    const table = formatScoreTable(scoreFindings([finding({ line: 10 }), finding({ line: 20 })], labels));
    expect(table).toContain('| no-floating-promise | 2 | 1 | 1 | 0 | 50% | 33% (1/3) | 0% (0/2) |');
    expect(table).toContain('| **all rules** |');
    expect(table).toContain('| **HIGH band** | 0 |');
  });
});

describe('validateLabels', () => {
  it('accepts well-formed labels', () => {
    expect(validateLabels([label({ line: 1, verdict: 'tp' })], new Set(['app']))).toEqual([]);
  });

  it('names each problem: missing fields, bad verdict or line, unknown repo, duplicates', () => {
    const problems = validateLabels(
      [
        { ...label({ line: 1, verdict: 'tp' }), why: '' },
        { ...label({ line: 2, verdict: 'tp' }), verdict: 'maybe' as never },
        label({ line: 0, verdict: 'fp' }),
        label({ line: 3, verdict: 'fp', repo: 'elsewhere' }),
        label({ line: 4, verdict: 'tp' }),
        label({ line: 4, verdict: 'fp' }),
        label({ line: 5, verdict: 'fp', hand: true }),
      ],
      new Set(['app']),
    );
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/why must be a non-empty string/);
    expect(problems[1]).toMatch(/verdict must be one of tp, fp, fn/);
    expect(problems[2]).toMatch(/line must be a positive integer/);
    expect(problems[3]).toMatch(/repo is not in repos.json/);
    expect(problems[4]).toMatch(/duplicate/);
    expect(problems[5]).toMatch(/hand, when given, must be true on a tp label/);
  });
});

// Pure matching and scoring for `npm run eval`: no file system, no processes, so it is unit-tested
// on its own (test/eval/metrics.test.ts). Types: metrics.d.mts.

/** Verdicts a label can carry: a finding that is real, a finding that is wrong, a real issue no rule reported. */
export const verdicts = /** @type {const} */ (['tp', 'fp', 'fn']);

const isPositive = (label) => label.verdict === 'tp' || label.verdict === 'fn';
/** Found by the hand search (grep of the raw shapes, read): every `fn`, and the `tp` labels it found again (`hand: true`). */
const isHandFound = (label) => label.verdict === 'fn' || (label.verdict === 'tp' && label.hand === true);
const groupKey = (repo, file, rule) => `${repo}\u0000${file}\u0000${rule}`;

/**
 * Pairs each finding with at most one label of the same repo, file and rule whose line is within
 * `tolerance` lines, and each label with at most one finding: the closest pairs are taken first, so
 * two findings a line apart keep their own labels (and, with `column` on the labels, two on one line). Findings left without a label are `unlabeled`
 * (to be judged); they count in neither precision nor recall.
 */
export function matchFindings(findings, labels, tolerance = 2) {
  const labelsByGroup = new Map();
  labels.forEach((label, index) => {
    const key = groupKey(label.repo, label.file, label.rule);
    if (!labelsByGroup.has(key)) labelsByGroup.set(key, []);
    labelsByGroup.get(key).push(index);
  });
  const candidates = [];
  findings.forEach((finding, findingIndex) => {
    for (const labelIndex of labelsByGroup.get(groupKey(finding.repo, finding.file, finding.ruleId)) ?? []) {
      const label = labels[labelIndex];
      const lines = Math.abs(label.line - finding.line);
      // A label's optional column tells apart two findings of one rule on one line (a middleware and
      // the handler after it); a finding in another column stays a candidate, just a worse one.
      const distance = lines + (label.column !== undefined && label.column !== finding.column ? 0.5 : 0);
      if (lines <= tolerance) candidates.push({ findingIndex, labelIndex, distance });
    }
  });
  // Closest first; ties by position, so the pairing does not depend on input order of equals.
  candidates.sort((a, b) => a.distance - b.distance || a.findingIndex - b.findingIndex || a.labelIndex - b.labelIndex);
  const labelOfFinding = new Map();
  const takenLabels = new Set();
  for (const { findingIndex, labelIndex } of candidates) {
    if (labelOfFinding.has(findingIndex) || takenLabels.has(labelIndex)) continue;
    labelOfFinding.set(findingIndex, labelIndex);
    takenLabels.add(labelIndex);
  }
  const matched = [];
  const unlabeled = [];
  findings.forEach((finding, findingIndex) => {
    const labelIndex = labelOfFinding.get(findingIndex);
    if (labelIndex === undefined) unlabeled.push(finding);
    else matched.push({ finding, label: labels[labelIndex] });
  });
  const missed = labels.filter((label, index) => isPositive(label) && !takenLabels.has(index));
  return { matched, unlabeled, missed };
}

const ratio = (numerator, denominator) => (denominator === 0 ? null : numerator / denominator);

function emptyRow() {
  return { findings: 0, tp: 0, fp: 0, unlabeled: 0, positives: 0, found: 0, handFound: 0, handFoundHit: 0 };
}

function finishRow(row) {
  return {
    ...row,
    precision: ratio(row.tp, row.tp + row.fp),
    recall: ratio(row.found, row.positives),
    handRecall: ratio(row.handFoundHit, row.handFound),
  };
}

/**
 * Scores one mode's findings against the labels of the repos that were run.
 * - precision: tp / (tp + fp) over labeled findings (a finding on an `fn` label is a true positive:
 *   the rule now finds what it missed);
 * - recall: positives found / positives labeled (`tp` and `fn` labels);
 * - handRecall: the same over the hand-found positives only (`fn`, and `tp` with `hand: true`);
 * - high: precision of the findings the risk matrix puts at HIGH.
 * `repos` limits the labels to the repos that were audited, so a skipped repo does not count as missed.
 */
export function scoreFindings(findings, labels, { repos, tolerance = 2 } = {}) {
  const inScope = repos ? labels.filter((label) => repos.includes(label.repo)) : labels;
  const { matched, unlabeled, missed } = matchFindings(findings, inScope, tolerance);
  const rows = new Map();
  const row = (rule) => {
    if (!rows.has(rule)) rows.set(rule, emptyRow());
    return rows.get(rule);
  };
  const overall = emptyRow();
  const high = emptyRow();
  for (const { finding, label } of matched) {
    const kind = isPositive(label) ? 'tp' : 'fp';
    for (const target of [row(finding.ruleId), overall]) {
      target.findings++;
      target[kind]++;
    }
    if (finding.risk === 'HIGH') {
      high.findings++;
      high[kind]++;
    }
  }
  for (const finding of unlabeled) {
    for (const target of [row(finding.ruleId), overall]) {
      target.findings++;
      target.unlabeled++;
    }
    if (finding.risk === 'HIGH') {
      high.findings++;
      high.unlabeled++;
    }
  }
  const foundLabels = new Set(matched.filter(({ label }) => isPositive(label)).map(({ label }) => label));
  for (const label of inScope.filter(isPositive)) {
    const hit = foundLabels.has(label);
    for (const target of [row(label.rule), overall]) {
      target.positives++;
      if (hit) target.found++;
      if (isHandFound(label)) {
        target.handFound++;
        if (hit) target.handFoundHit++;
      }
    }
  }
  const perRule = Object.fromEntries([...rows.keys()].sort().map((rule) => [rule, finishRow(rows.get(rule))]));
  return { perRule, overall: finishRow(overall), high: finishRow(high), unlabeled, missed };
}

/** Checks labels for the fields and values the scorer relies on; returns one message per problem. */
export function validateLabels(labels, knownRepos) {
  const problems = [];
  const seen = new Set();
  labels.forEach((label, index) => {
    const where = `label ${index} (${label.repo ?? '?'} ${label.file ?? '?'}:${label.line ?? '?'})`;
    for (const field of ['repo', 'commit', 'file', 'rule', 'why']) {
      if (typeof label[field] !== 'string' || label[field] === '') problems.push(`${where}: ${field} must be a non-empty string`);
    }
    if (!Number.isInteger(label.line) || label.line < 1) problems.push(`${where}: line must be a positive integer`);
    if (label.hand !== undefined && (label.hand !== true || label.verdict !== 'tp')) problems.push(`${where}: hand, when given, must be true on a tp label`);
    if (label.column !== undefined && (!Number.isInteger(label.column) || label.column < 1)) problems.push(`${where}: column, when given, must be a positive integer`);
    if (!verdicts.includes(label.verdict)) problems.push(`${where}: verdict must be one of ${verdicts.join(', ')}`);
    if (knownRepos && !knownRepos.has(label.repo)) problems.push(`${where}: repo is not in repos.json`);
    const key = `${label.repo} ${label.file} ${label.line} ${label.column ?? ''} ${label.rule}`;
    if (seen.has(key)) problems.push(`${where}: duplicate of an earlier label (same repo, file, line, column, rule)`);
    seen.add(key);
  });
  return problems;
}

const percent = (value) => (value === null ? '-' : `${Math.round(value * 100)}%`);

/** One markdown table per mode: a row per rule, then all rules, then the HIGH band. */
export function formatScoreTable(score) {
  const lines = [
    '| rule | findings | tp | fp | unlabeled | precision | recall (found/positives) | hand-found recall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const line = (name, r) =>
    `| ${name} | ${r.findings} | ${r.tp} | ${r.fp} | ${r.unlabeled} | ${percent(r.precision)} | ${percent(r.recall)} (${r.found}/${r.positives}) | ${percent(r.handRecall)} (${r.handFoundHit}/${r.handFound}) |`;
  for (const [rule, r] of Object.entries(score.perRule)) lines.push(line(rule, r));
  lines.push(line('**all rules**', score.overall));
  const h = score.high;
  lines.push(`| **HIGH band** | ${h.findings} | ${h.tp} | ${h.fp} | ${h.unlabeled} | ${percent(h.precision)} | | |`);
  return lines.join('\n');
}

import { parsePatch } from 'diff';
import type { SupervisionNode, SupervisionTree } from '../tree/tree.js';
import type { AuditFinding, AuditResult } from '../audit/types.js';
import { ruleDocsUrl } from '../catalogue/rules.js';
import { packageJson } from '../package-info.js';
import { compareFindings } from '../audit/order.js';
import { RISK_LEVELS, type CrashImpact, type Isolation, type RiskLevel } from '../catalogue/categories.js';
import { pluralise } from './order.js';
import { nodeText } from './tree.js';
import type { ReportDetails, ReporterOptions } from './types.js';

/**
 * The audit as one self-contained HTML page: the risk matrix (sortable, filterable by level, rule and
 * component), every finding with its code, remedy and the fix's diff, and the supervision tree as an
 * inline SVG. No external resource of any kind (a Content-Security-Policy forbids them), so the file
 * can be attached to a CI run and opened offline. Every text from the audited code goes through
 * `escapeHtml`; the page's script reads only data attributes.
 */
export function formatHtml(result: AuditResult, options: ReporterOptions): string {
  const details = options.details ?? {};
  const findings = [...result.findings].sort(compareFindings);
  const title = `spawnguard audit: ${summaryLine(result)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${packageJson.name} ${packageJson.version}`)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>spawnguard audit</h1>
<p class="root">${escapeHtml(result.root)}</p>
${summaryCards(result)}
</header>
<main>
${findings.length > 0 ? riskGrid(findings) : ''}
${matrix(findings)}
${treeSection(details.tree, findings)}
${findingSections(findings, details)}
${errorSection(result)}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function summaryLine(result: AuditResult): string {
  const files = pluralise(result.files.length, 'file');
  if (result.findings.length === 0) return `no unsupervised spawns found in ${files}`;
  return `${pluralise(result.findings.length, 'finding')} in ${files} (${RISK_LEVELS.map((level) => `${result.summary[level]} ${level}`).join(', ')})`;
}

function summaryCards(result: AuditResult): string {
  const cards = RISK_LEVELS.map(
    (level) => `<div class="card level-${level}"><span class="count">${result.summary[level]}</span><span class="label">${level}</span></div>`,
  );
  const facts = [`${pluralise(result.files.length, 'file')} audited`];
  if (result.errors.length > 0) facts.push(`<a href="#errors">${pluralise(result.errors.length, 'file')} could not be audited</a>`);
  if (result.baselined) facts.push(`${pluralise(result.baselined, 'finding')} matched the baseline and are not shown`);
  return `<div class="cards">${cards.join('')}<div class="card facts">${facts.join('<br>')}</div></div>`;
}

const IMPACTS: readonly CrashImpact[] = ['process-crash', 'silent-data-loss', 'resource-leak', 'hung-work', 'memory-growth', 'stale-state', 'reported-loss'];
const ISOLATIONS: readonly Isolation[] = ['none', 'partial', 'contained'];

/** Counts per crash impact and isolation, each cell in the colour of its riskiest finding. */
function riskGrid(findings: readonly AuditFinding[]): string {
  const header = ISOLATIONS.map((isolation) => `<th scope="col">${isolation}</th>`).join('');
  const rows = IMPACTS.map((impact) => {
    const cells = ISOLATIONS.map((isolation) => {
      const here = findings.filter((finding) => finding.impact === impact && finding.isolation === isolation);
      if (here.length === 0) return '<td class="empty">·</td>';
      const worst = RISK_LEVELS.find((level) => here.some((finding) => finding.risk === level))!;
      return `<td class="level-${worst}" title="${here.length} ${escapeHtml(`${impact} / ${isolation}`)}, worst ${worst}">${here.length}</td>`;
    });
    return `<tr><th scope="row">${impact}</th>${cells.join('')}</tr>`;
  });
  return `<section id="grid"><h2>Crash impact × isolation</h2>
<table class="grid"><thead><tr><th scope="col">impact \\ isolation</th>${header}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function options(values: readonly string[], all: string): string {
  return [`<option value="">${all}</option>`, ...values.map((value) => `<option value="${escapeHtml(value)}">${escapeHtml(value)}</option>`)].join('');
}

const COLUMNS = [
  ['risk', 'Risk'],
  // The component starts with the file: the row shows line:column, sorting goes by file and line.
  ['location', 'Line'],
  ['component', 'Component'],
  ['rule', 'Rule'],
  ['impact', 'Impact'],
  ['isolation', 'Isolation'],
  ['fix', 'Fix'],
] as const;

function matrix(findings: readonly AuditFinding[]): string {
  if (findings.length === 0) return '<section id="matrix-section"><h2>Risk matrix</h2><p class="clean">No unsupervised spawns found.</p></section>';
  const distinct = (pick: (finding: AuditFinding) => string) => [...new Set(findings.map(pick))].sort();
  const filters = `<div class="filters">
<label>Level <select id="filter-level">${options(RISK_LEVELS.filter((level) => findings.some((finding) => finding.risk === level)), 'all levels')}</select></label>
<label>Rule <select id="filter-rule">${options(distinct((finding) => finding.ruleId), 'all rules')}</select></label>
<label>Component <select id="filter-component">${options(distinct((finding) => finding.component), 'all components')}</select></label>
<span id="shown" aria-live="polite">${pluralise(findings.length, 'finding')}</span>
</div>`;
  const header = COLUMNS.map(([key, label]) => `<th scope="col" data-key="${key}"><button type="button">${label}</button></th>`).join('');
  const rows = findings.map((finding, index) => {
    const location = `${finding.file}:${finding.line}:${finding.column}`;
    return `<tr id="row-${index}" data-order="${index}" data-level="${finding.risk}" data-rule="${escapeHtml(finding.ruleId)}" data-component="${escapeHtml(finding.component)}"
 data-sort-risk="${RISK_LEVELS.indexOf(finding.risk)}" data-sort-location="${escapeHtml(`${finding.file}\t${pad(finding.line)}:${pad(finding.column)}`)}" data-sort-component="${escapeHtml(finding.component)}" data-sort-rule="${escapeHtml(finding.ruleId)}" data-sort-impact="${finding.impact}" data-sort-isolation="${finding.isolation}" data-sort-fix="${finding.fixable ? 0 : 1}">
<td><span class="badge level-${finding.risk}">${finding.risk}</span></td><td><a href="#finding-${index}" title="${escapeHtml(location)}"><code>${finding.line}:${finding.column}</code></a></td><td>${escapeHtml(finding.component)}</td><td><code>${escapeHtml(finding.ruleId)}</code></td><td>${finding.impact}</td><td>${finding.isolation}</td><td>${finding.fixable ? '<span class="fixable">spawnguard fix</span>' : '<span class="manual">by hand</span>'}</td></tr>`;
  });
  return `<section id="matrix-section"><h2>Risk matrix</h2>
${filters}
<table id="matrix"><thead><tr>${header}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

/** Zero-padded so that text order is numeric order. */
function pad(value: number): string {
  return String(value).padStart(7, '0');
}

function findingSections(findings: readonly AuditFinding[], details: ReportDetails): string {
  if (findings.length === 0) return '';
  const articles = findings.map((finding, index) => {
    const source = details.sources?.get(finding.file);
    const diff = finding.fixable ? details.fixDiffs?.get(finding.file) : undefined;
    const hunks = diff === undefined ? '' : diffHunks(diff, finding);
    const fix = finding.fixable
      ? hunks
        ? `<h4>What <code>spawnguard fix</code> changes</h4>${hunks}`
        : '<p class="note"><code>spawnguard fix</code> rewrites it (run <code>spawnguard fix --dry-run</code> for the diff).</p>'
      : '<p class="note">No mechanical rewrite: this one needs a human.</p>';
    return `<article class="finding level-${finding.risk}" id="finding-${index}" data-row="row-${index}">
<h3><span class="badge level-${finding.risk}">${finding.risk}</span> <a class="rule" href="${escapeHtml(ruleDocsUrl(finding.ruleId))}"><code>${escapeHtml(finding.ruleId)}</code></a> <span class="component">${escapeHtml(finding.component)}</span></h3>
<p class="where"><code>${escapeHtml(`${finding.file}:${finding.line}:${finding.column}`)}</code> · ${finding.impact} · isolation ${finding.isolation}</p>
<p class="message">${escapeHtml(finding.message)}</p>
<p class="remedy"><strong>What to do:</strong> ${escapeHtml(finding.remedy)}</p>
${source === undefined ? '' : excerpt(source, finding)}
${fix}
</article>`;
  });
  const fixError = details.fixError === undefined ? '' : `<p class="note" id="fix-error">The fix's diffs could not be computed: ${escapeHtml(details.fixError)}</p>\n`;
  return `<section id="findings"><h2>Findings</h2>\n${fixError}${articles.join('\n')}\n</section>`;
}

const CONTEXT_LINES = 2;
const MAX_FLAGGED_LINES = 12;

/** The flagged lines with two lines of context either side, numbered, flagged lines marked. */
function excerpt(source: string, finding: AuditFinding): string {
  const lines = source.split(/\r?\n/);
  const lastFlagged = Math.min(finding.endLine, finding.line + MAX_FLAGGED_LINES - 1);
  const first = Math.max(1, finding.line - CONTEXT_LINES);
  const last = Math.min(lines.length, lastFlagged + CONTEXT_LINES);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const flagged = number >= finding.line && number <= lastFlagged;
    out.push(`<span class="line${flagged ? ' flagged' : ''}"><span class="ln">${String(number).padStart(width)}</span>${escapeHtml(lines[number - 1] ?? '')}</span>`);
  }
  if (lastFlagged < finding.endLine) out.push(`<span class="line more">… ${finding.endLine - lastFlagged} more line(s)</span>`);
  // Each line is a block of its own: a newline between them would add an empty line.
  return `<pre class="code">${out.join('')}</pre>`;
}

/** The hunks of the file's fix diff that touch the finding's lines (the diff is `spawnguard fix --dry-run`'s). */
function diffHunks(diff: string, finding: AuditFinding): string {
  const [patch] = parsePatch(diff);
  const touching = (patch?.hunks ?? []).filter((hunk) => hunk.oldStart <= finding.endLine && hunk.oldStart + Math.max(hunk.oldLines, 1) - 1 >= finding.line);
  if (touching.length === 0) return '';
  const lines = touching.flatMap((hunk) => [
    `<span class="hunk">@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@</span>`,
    ...hunk.lines.map((line) => {
      const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('\\') ? 'meta' : 'ctx';
      return `<span class="${kind}">${escapeHtml(line)}</span>`;
    }),
  ]);
  return `<pre class="diff">${lines.join('')}</pre>`;
}

function errorSection(result: AuditResult): string {
  if (result.errors.length === 0) return '';
  const items = result.errors.map((error) => `<li><code>${escapeHtml(`${error.file}:${error.line}:${error.column}`)}</code> ${escapeHtml(error.message)}</li>`);
  return `<section id="errors"><h2>${pluralise(result.errors.length, 'file')} could not be audited</h2><ul>${items.join('')}</ul></section>`;
}

// The supervision tree as a left-to-right diagram, laid out like an outline: leaves on consecutive
// rows, a parent on the row of its first child (so a supervisor with hundreds of tasks stays at the
// top of its group, in view), children just right of their parent, elbow edges. Monospace text, so
// a box's width follows from its label's length without measuring it in a browser.
const CHAR_WIDTH = 7.4;
const BOX_HEIGHT = 24;
const ROW_GAP = 8;
const COLUMN_GAP = 36;
const PADDING_X = 10;
const MARGIN = 12;
const MAX_LABEL = 88;

interface PlacedNode {
  node: SupervisionNode;
  x: number;
  y: number;
  width: number;
  parent: PlacedNode | null;
}

/**
 * A finding sits under its module's `(unsupervised)` node, so its box names the rule, the symbol and
 * the line rather than the file again.
 */
function boxText(node: SupervisionNode): string {
  if (node.kind !== 'finding') return truncate(nodeText(node));
  const symbol = node.label.includes(' > ') ? node.label.slice(node.label.indexOf(' > ') + 3) : '';
  return truncate(`${node.risk ?? ''} ${node.ruleId ?? ''}${symbol ? ` ${symbol}` : ''}${node.location ? ` :${node.location.line}` : ''}`.trim());
}

function truncate(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** Parents before their children (pre-order), with positions; iterative, as a declared tree can be deep. */
function layoutTree(tree: SupervisionTree): { placed: PlacedNode[]; width: number; height: number } {
  const placed: PlacedNode[] = [];
  let row = 0;
  let width = 0;
  const stack: PlacedNode[] = [];
  const pushChildren = (nodes: readonly SupervisionNode[], parent: PlacedNode | null) => {
    for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i]!, x: 0, y: 0, width: 0, parent });
  };
  tree.roots.forEach((root, index) => {
    // The next row, and a blank one between separate trees; the (unsupervised) groups sit closer.
    if (index > 0) row += root.kind === 'unsupervised' && tree.roots[index - 1]!.kind === 'unsupervised' ? 1.5 : 2;
    pushChildren([root], null);
    while (stack.length > 0) {
      const item = stack.pop()!;
      item.width = boxText(item.node).length * CHAR_WIDTH + 2 * PADDING_X;
      item.x = item.parent ? item.parent.x + item.parent.width + COLUMN_GAP : MARGIN;
      // Pre-order visits a parent and then its first child on the same row; every later node starts a row.
      if (item.parent !== null && item.parent.node.children[0] !== item.node) row++;
      item.y = MARGIN + row * (BOX_HEIGHT + ROW_GAP);
      width = Math.max(width, item.x + item.width + MARGIN);
      placed.push(item);
      pushChildren(item.node.children, item);
    }
  });
  return { placed, width, height: MARGIN * 2 + (row + 1) * (BOX_HEIGHT + ROW_GAP) - ROW_GAP };
}

function nodeClass(node: SupervisionNode): string {
  if (node.kind === 'finding') return `node finding level-${node.risk ?? 'LOW'}`;
  if (node.kind === 'application' || node.kind === 'supervisor' || node.kind === 'dynamic-supervisor' || node.kind === 'task-supervisor') return 'node supervisor';
  return `node ${node.kind}`;
}

function findingKey(file: string, line: number, column: number, ruleId: string | undefined): string {
  return `${file}:${line}:${column}:${ruleId ?? ''}`;
}

function treeSection(tree: SupervisionTree | undefined, findings: readonly AuditFinding[]): string {
  if (tree === undefined) return '';
  const heading = '<h2>Supervision tree</h2>';
  if (tree.roots.length === 0) return `<section id="tree">${heading}<p class="clean">No supervision tree declared and no unsupervised spawns found.</p></section>`;
  const { placed, width, height } = layoutTree(tree);
  const cardOf = new Map(findings.map((finding, index) => [findingKey(finding.file, finding.line, finding.column, finding.ruleId), `finding-${index}`]));
  const edges: string[] = [];
  const boxes: string[] = [];
  for (const item of placed) {
    const { x, y } = item;
    if (item.parent) {
      const fromX = item.parent.x + item.parent.width;
      const fromY = item.parent.y + BOX_HEIGHT / 2;
      const midX = fromX + COLUMN_GAP / 2;
      edges.push(`<path class="edge${item.node.kind === 'finding' || item.node.kind === 'unsupervised' ? ' loose' : ''}" d="M${round(fromX)} ${fromY}H${round(midX)}V${y + BOX_HEIGHT / 2}H${round(x)}"/>`);
    }
    const { location } = item.node;
    const where = location ? `\n${location.file}:${location.line}:${location.column}` : '';
    const box = `<g class="${nodeClass(item.node)}"><title>${escapeHtml(nodeText(item.node) + where)}</title><rect x="${round(x)}" y="${y}" width="${round(item.width)}" height="${BOX_HEIGHT}" rx="5"/><text x="${round(x + PADDING_X)}" y="${y + BOX_HEIGHT / 2}">${escapeHtml(boxText(item.node))}</text></g>`;
    const card = item.node.kind === 'finding' && location ? cardOf.get(findingKey(location.file, location.line, location.column, item.node.ruleId)) : undefined;
    boxes.push(card ? `<a href="#${card}">${box}</a>` : box);
  }
  const legend = `<p class="legend"><span class="key supervisor">supervisor</span><span class="key spawn">supervised child</span><span class="key unsupervised">(unsupervised) per module</span><span class="key finding level-HIGH">HIGH</span><span class="key finding level-MEDIUM">MEDIUM</span><span class="key finding level-LOW">LOW</span></p>`;
  return `<section id="tree">${heading}${legend}<div class="tree-scroll"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="supervision tree" width="${round(width)}" height="${height}" viewBox="0 0 ${round(width)} ${height}">${edges.join('')}${boxes.join('')}</svg></div></section>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

const RISK_COLOURS: Record<RiskLevel, { strong: string; soft: string }> = {
  HIGH: { strong: '#c62828', soft: '#fdecea' },
  MEDIUM: { strong: '#d36b00', soft: '#fff3e0' },
  LOW: { strong: '#1565c0', soft: '#e8f1fb' },
};

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header { padding: 20px 32px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
h1 { margin: 0; font-size: 22px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 4px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
h4 { font-size: 13px; margin: 10px 0 4px; color: var(--muted); }
main { padding: 0 32px 40px; max-width: 1400px; }
code, pre, svg text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
a { color: #0b5cad; }
.root { margin: 2px 0 12px; color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { min-width: 110px; padding: 8px 14px; border-radius: 8px; border: 1px solid var(--line); background: #fff; }
.card .count { display: block; font-size: 26px; font-weight: 700; line-height: 1.1; }
.card .label { font-size: 12px; letter-spacing: .05em; color: var(--muted); }
.card.facts { color: var(--muted); font-size: 13px; align-self: stretch; display: flex; flex-direction: column; justify-content: center; }
${RISK_LEVELS.map((level) => `.card.level-${level} { border-left: 6px solid ${RISK_COLOURS[level].strong}; } .card.level-${level} .count { color: ${RISK_COLOURS[level].strong}; }
.badge.level-${level} { background: ${RISK_COLOURS[level].strong}; }
table.grid td.level-${level} { background: ${RISK_COLOURS[level].soft}; color: ${RISK_COLOURS[level].strong}; }
article.finding.level-${level} { border-left-color: ${RISK_COLOURS[level].strong}; }
.node.finding.level-${level} rect, .key.finding.level-${level} { stroke: ${RISK_COLOURS[level].strong}; border-color: ${RISK_COLOURS[level].strong}; }
.node.finding.level-${level} text { fill: ${RISK_COLOURS[level].strong}; }`).join('\n')}
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 11px; font-weight: 700; letter-spacing: .04em; }
table { border-collapse: collapse; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 4px 12px; text-align: center; }
table.grid th[scope=row] { text-align: left; font-weight: 500; }
table.grid td { font-weight: 700; min-width: 80px; }
table.grid td.empty { color: #c0c7ce; font-weight: 400; }
.filters { display: flex; gap: 16px; flex-wrap: wrap; align-items: center; margin-bottom: 10px; }
.filters label { font-size: 13px; color: var(--muted); display: flex; gap: 6px; align-items: center; }
.filters select { font: inherit; color: var(--ink); padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: #fff; max-width: 360px; }
#shown { margin-left: auto; color: var(--muted); font-size: 13px; }
#matrix { width: 100%; }
#matrix th, #matrix td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
#matrix thead th { position: sticky; top: 0; background: var(--panel); white-space: nowrap; }
#matrix td:nth-child(1), #matrix td:nth-child(2), #matrix td:nth-child(4), #matrix td:nth-child(5), #matrix td:nth-child(6), #matrix td:nth-child(7) { white-space: nowrap; }
#matrix th button { all: unset; cursor: pointer; font-weight: 600; }
#matrix th button::after { content: " ↕"; color: #aab3bc; }
#matrix th[aria-sort=ascending] button::after { content: " ▲"; color: var(--ink); }
#matrix th[aria-sort=descending] button::after { content: " ▼"; color: var(--ink); }
#matrix tbody tr:hover { background: #f3f6f9; }
.fixable { color: #1a7f37; font-weight: 600; }
.manual { color: var(--muted); }
.tree-scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--line); border-radius: 8px; background: #fbfcfd; }
svg .edge { fill: none; stroke: #8c959f; stroke-width: 1.2; }
svg .edge.loose { stroke: #e5a5a5; stroke-dasharray: 4 3; }
svg text { dominant-baseline: central; fill: var(--ink); }
svg .node rect { fill: #fff; stroke: #8c959f; stroke-width: 1.4; }
svg .node.supervisor rect { fill: #e8ecfb; stroke: #3f51b5; }
svg .node.supervisor text { font-weight: 700; fill: #283593; }
svg .node.spawn rect, svg .node.child rect { fill: #e9f6ec; stroke: #2e7d32; }
svg .node.unknown rect { fill: #f3f4f6; stroke-dasharray: 3 3; }
svg .node.unsupervised rect { fill: #fdecea; stroke: #c62828; stroke-width: 2; stroke-dasharray: 6 3; }
svg .node.unsupervised text { fill: #b71c1c; font-weight: 700; }
svg .node.finding rect { fill: #fff; stroke-width: 1.6; }
.legend { display: flex; gap: 10px; flex-wrap: wrap; font-size: 12px; margin: 4px 0 8px; }
.key { padding: 1px 8px; border: 1.5px solid #8c959f; border-radius: 5px; }
.key.supervisor { background: #e8ecfb; border-color: #3f51b5; }
.key.spawn { background: #e9f6ec; border-color: #2e7d32; }
.key.unsupervised { background: #fdecea; border: 2px dashed #c62828; }
article.finding { border: 1px solid var(--line); border-left: 6px solid; border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
article.finding:target { box-shadow: 0 0 0 3px #9cc3f5; }
.where { margin: 0; color: var(--muted); font-size: 12px; }
.component { font-weight: 500; }
.message { margin: 8px 0 4px; }
.remedy { margin: 4px 0; }
.note { color: var(--muted); font-size: 13px; }
pre { margin: 6px 0; padding: 8px 0; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
pre .line, pre .hunk, pre .add, pre .del, pre .ctx, pre .meta { display: block; padding: 0 12px; white-space: pre; }
pre .ln { display: inline-block; color: #8c959f; margin-right: 12px; user-select: none; }
pre .flagged { background: #fff5cc; box-shadow: inset 3px 0 #d4a72c; }
pre .more { color: var(--muted); }
pre .hunk { color: #6f42c1; }
pre .add { background: #e6ffec; }
pre .del { background: #ffebe9; }
pre .meta { color: var(--muted); }
.clean { color: #1a7f37; font-weight: 600; }
[hidden] { display: none !important; }
`;

// Plain ES2020 for the browser: the filters hide rows (and their finding cards), a header click sorts
// by that column, a second click reverses it; ties keep the audit's order.
const SCRIPT = `
(function () {
  var table = document.getElementById('matrix');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filters = ['level', 'rule', 'component'].map(function (name) { return { name: name, select: document.getElementById('filter-' + name) }; });
  var shown = document.getElementById('shown');
  function apply() {
    var count = 0;
    rows.forEach(function (row) {
      var visible = filters.every(function (filter) { return filter.select.value === '' || row.dataset[filter.name] === filter.select.value; });
      row.hidden = !visible;
      var card = document.getElementById('finding-' + row.dataset.order);
      if (card) card.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = count === rows.length ? rows.length + (rows.length === 1 ? ' finding' : ' findings') : count + ' of ' + rows.length + ' findings';
  }
  filters.forEach(function (filter) { filter.select.addEventListener('change', apply); });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var key = 'sort' + th.dataset.key.charAt(0).toUpperCase() + th.dataset.key.slice(1);
      rows.slice().sort(function (a, b) {
        var x = a.dataset[key], y = b.dataset[key];
        var order = x < y ? -1 : x > y ? 1 : 0;
        return (ascending ? order : -order) || a.dataset.order - b.dataset.order;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
})();
`;

import { describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml } from '../../src/report/html.js';
import { emptyResult, sampleResult } from './sample-result.js';

describe('html reporter (the text; the page itself is tested in Chromium, html-browser.test.ts)', () => {
  it('escapes every text that comes from the audited code or the result', () => {
    const result = sampleResult();
    const hostile = '<img src=x onerror="alert(1)"> & \'quoted\'';
    result.findings[0] = { ...result.findings[0]!, message: hostile, component: `src/a.ts > ${hostile}`, file: 'src/"odd" <name>.ts' };
    result.root = '/work/<root>';
    const html = formatHtml(result, { color: false });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('src/"odd"');
    expect(html).toContain(escapeHtml(hostile));
    expect(html).toContain('/work/&lt;root&gt;');
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('has one row and one card per finding, without details too, and the errors', () => {
    const result = sampleResult();
    const html = formatHtml(result, { color: false });
    expect(html.match(/<tr id="row-/g)).toHaveLength(result.findings.length);
    expect(html.match(/<article class="finding/g)).toHaveLength(result.findings.length);
    for (const error of result.errors) expect(html).toContain(escapeHtml(error.message));
    // No details: no tree section and no diffs, a pointer to the dry run for what fix would change.
    expect(html).not.toContain('id="tree"');
    expect(html).toContain('spawnguard fix --dry-run');
  });

  it('says why the diffs are missing when the dry run of the fix failed', () => {
    const html = formatHtml(sampleResult(), { color: false, details: { fixError: 'cannot read <tsconfig>' } });
    expect(html).toContain("The fix's diffs could not be computed: cannot read &lt;tsconfig&gt;");
  });

  it('says so when there is nothing to report', () => {
    const html = formatHtml(emptyResult(), { color: false });
    expect(html).toContain('No unsupervised spawns found.');
    expect(html).not.toContain('id="matrix"');
  });
});

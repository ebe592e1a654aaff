// Issue 12, output friction: Markdown code spans show text as written and the report fits a PR
// comment; SARIF locations are relative to the repository root.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/types.js';
import { formatMarkdown, MARKDOWN_MAX_LENGTH } from '../../src/report/markdown.js';
import { reporters } from '../../src/report/index.js';
import { emptyResult, sampleResult } from './sample-result.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('markdown code spans', () => {
  it('keep < and & as written, escape the table pipe, and hold backticks with a longer fence', () => {
    const result = { ...emptyResult(), errors: [{ file: 'src/<gen>|a`b.ts', line: 1, column: 2, message: 'Parsing error: <div> expected' }] };
    const text = formatMarkdown(result);
    expect(text).toContain('- ``src/<gen>\\|a`b.ts:1:2`` Parsing error: &lt;div> expected');
    expect(text).not.toContain('`src/&lt;gen>');
  });
});

describe('markdown size', () => {
  it('stops before a PR comment is too long and says how many findings it left out', () => {
    const [template] = sampleResult().findings as [AuditFinding];
    const findings = Array.from({ length: 600 }, (_, index) => ({ ...template, risk: 'HIGH' as const, line: index + 1, message: `${'A long message. '.repeat(8)}${index}` }));
    const text = formatMarkdown({ ...emptyResult(), findings, summary: { HIGH: 600, MEDIUM: 0, LOW: 0 } });
    expect(text.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(50);
    expect(text).toContain(`… and ${600 - rows.length} more findings not shown`);
    expect(text.trimEnd().endsWith('lists them all.')).toBe(true);
    // Nothing is cut when it fits.
    expect(formatMarkdown(sampleResult())).not.toContain('not shown');
  });
});

describe('sarif locations', () => {
  it('are relative to the git root, with %SRCROOT% pointing at it', () => {
    const repo = mkdtempSync(join(tmpdir(), 'spawnguard-sarif-'));
    made.push(repo);
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'packages/api'), { recursive: true });
    const log = JSON.parse(reporters.sarif({ ...sampleResult(), root: join(repo, 'packages/api') }, { color: false })) as Log;
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(pathToFileURL(`${repo}/`).href);
    const uris = (run.results ?? []).map((result) => result.locations?.[0]?.physicalLocation?.artifactLocation);
    expect(uris).toContainEqual({ uri: 'packages/api/src/server.ts', uriBaseId: '%SRCROOT%' });
    expect(run.invocations?.[0]?.toolExecutionNotifications?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('packages/api/src/broken.ts');
  });
});

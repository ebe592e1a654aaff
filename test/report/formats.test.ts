import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../rules/index.js';
import { reporters } from '../../src/report/index.js';
import { FINGERPRINT_KEY } from '../../src/report/sarif.js';
import { emptyResult, sampleResult } from './sample-result.js';

const SCHEMA_PATH = 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

function sarifValidator() {
  // The schema is draft-04; without its draft-04 markers ajv reads it as draft-07 (the two agree on
  // everything this schema uses). One of its patterns is not valid with the `u` flag ajv adds by default.
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///base/'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}

describe('json reporter', () => {
  it('prints exactly the audit result', () => {
    const result = sampleResult();
    const text = reporters.json(result, { color: false });
    expect(JSON.parse(text)).toEqual(result);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('sarif reporter', () => {
  const validate = sarifValidator();
  const log = JSON.parse(reporters.sarif(sampleResult(), { color: false })) as Log;
  const run = log.runs[0]!;

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const empty = JSON.parse(reporters.sarif(emptyResult(), { color: false })) as unknown;
    expect(validate(empty), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the validator itself rejects a broken log (line 0, missing message)', () => {
    const broken = structuredClone(log);
    broken.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validate(broken)).toBe(false);
    const noMessage = structuredClone(log) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete noMessage.runs[0]!.results[0]!.message;
    expect(validate(noMessage)).toBe(false);
  });

  it('describes the tool and every rule with help text, a docs link and a default level', () => {
    const driver = run.tool.driver;
    expect(driver.name).toBe('spawnguard');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules?.map((rule) => rule.id)).toEqual(ruleIds);
    for (const rule of driver.rules ?? []) {
      expect(rule.helpUri).toMatch(new RegExp(`/docs/rules/${rule.id}\\.md$`));
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.fullDescription?.text).toMatch(/Crash impact: [a-z-]+; isolation: (none|partial|contained)\./);
      expect(rule.help?.text).toMatch(/tasks\.|supervise\.|report\(|signal|once\(/);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
      expect(rule.properties?.tags).toContain('reliability');
    }
  });

  it('maps each finding to a result with level, relative location, rule index and fingerprint', () => {
    const results = run.results ?? [];
    expect(results).toHaveLength(4);
    const floating = results.find((result) => result.ruleId === 'no-floating-promise')!;
    expect(floating.level).toBe('error');
    expect(run.tool.driver.rules?.[floating.ruleIndex!]?.id).toBe('no-floating-promise');
    expect(floating.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/server.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 20 },
    });
    expect(floating.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: 'fp-no-floating-promise-12' });
    expect(floating.message.text).toContain('trackUsage()');
    expect(floating.message.text).toContain('tasks.start');
    expect(results.find((result) => result.ruleId === 'no-unowned-state')?.level).toBe('warning');
    expect(results.find((result) => result.ruleId === 'require-cancellation')?.level).toBe('note');
  });

  it('percent-encodes file paths and anchors them at the audit root', () => {
    const timer = run.results?.find((result) => result.ruleId === 'no-stray-timer');
    expect(timer?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('src/flush%20dir/flush.ts');
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe('file:///srv/app/');
  });

  it('reports files that could not be audited as tool execution notifications', () => {
    const notifications = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.level).toBe('error');
    expect(notifications[0]?.message.text).toContain("src/broken.ts: ',' expected.");
    expect(notifications[0]?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 3, startColumn: 7 });
  });

  it('keeps regions valid for errors without a position (line 0)', () => {
    const result = { ...emptyResult(), errors: [{ file: 'bin.dat', line: 0, column: 0, message: 'binary file' }] };
    const parsed = JSON.parse(reporters.sarif(result, { color: false })) as unknown;
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});

describe('markdown reporter', () => {
  const text = reporters.markdown(sampleResult(), { color: false });

  it('opens with the counts per level', () => {
    expect(text).toMatch(/^## spawnguard audit\n\n.*\*\*2 HIGH\*\*.*\*\*1 MEDIUM\*\*.*\*\*1 LOW\*\* — 4 findings in 4 files\n/);
  });

  it('has one collapsible table per level, HIGH first and open', () => {
    const high = text.indexOf('<strong>HIGH</strong> (2)');
    const medium = text.indexOf('<strong>MEDIUM</strong> (1)');
    const low = text.indexOf('<strong>LOW</strong> (1)');
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(low).toBeGreaterThan(medium);
    expect(text.match(/<details open>/g)).toHaveLength(1);
    expect(text.lastIndexOf('<details open>', high)).toBeGreaterThan(text.lastIndexOf('</details>', high));
  });

  it('escapes pipes so a message cannot split a table row', () => {
    const row = text.split('\n').find((line) => line.includes('require-cancellation'))!;
    expect(row).toContain('fetch() has no signal \\| timeout.');
    expect(row.split(/(?<!\\)\|/).length).toBe(8);
  });

  it('lists unparsable files in a collapsible section', () => {
    expect(text).toMatch(/<summary>⚠️ 1 file could not be audited<\/summary>\n\n- `src\/broken.ts:3:7` ',' expected\./);
  });

  it('says so when there is nothing to report', () => {
    expect(reporters.markdown(emptyResult(), { color: false })).toBe('## spawnguard audit\n\nNo unsupervised spawns found in 1 file.\n');
  });
});

import { Linter } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import plugin, { ruleIds } from '../rules/index.js';

/**
 * Each rule's realistic fixture (fixtures/<rule>/before.*) declares what the `strict` config must
 * report on it for that rule (expected-findings.json); the audit and the codemods reuse the same
 * fixtures, so this is where their expectations are pinned.
 */
interface ExpectedFinding {
  file: string;
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
}

const fixturesRoot = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ruleFixtures = ruleIds.filter((id) => existsSync(join(fixturesRoot, id, 'expected-findings.json')));

function lintFixture(ruleId: string, file: string): ExpectedFinding[] {
  const linter = new Linter();
  const code = readFileSync(join(fixturesRoot, ruleId, file), 'utf8');
  const messages = linter.verify(code, plugin.configs.strict as Linter.Config[], { filename: join(fixturesRoot, ruleId, file) });
  const fatal = messages.filter((message) => message.fatal);
  expect(fatal, `${ruleId}/${file} must parse`).toEqual([]);
  return messages
    .filter((message) => message.ruleId === `spawnguard/${ruleId}`)
    .map((message) => ({ file, ruleId, messageId: message.messageId ?? '', line: message.line, column: message.column }));
}

const byPosition = (a: ExpectedFinding, b: ExpectedFinding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.messageId.localeCompare(b.messageId);

describe('rule fixtures report exactly their expected findings', () => {
  it('every rule has a fixture', () => {
    expect(ruleFixtures.sort()).toEqual([...ruleIds].sort());
  });

  for (const ruleId of ruleFixtures) {
    it(ruleId, () => {
      const expected = (JSON.parse(readFileSync(join(fixturesRoot, ruleId, 'expected-findings.json'), 'utf8')) as ExpectedFinding[]).map(
        (finding) => ({ ...finding, ruleId }),
      );
      expect(expected.length, 'a fixture with no expected finding proves nothing').toBeGreaterThan(0);
      const files = readdirSync(join(fixturesRoot, ruleId)).filter((name) => /^before\.[cm]?[jt]sx?$/.test(name));
      const actual = files.flatMap((file) => lintFixture(ruleId, file));
      expect(actual.sort(byPosition)).toEqual(expected.sort(byPosition));
    });
  }
});

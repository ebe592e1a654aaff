// Invariant 1 (docs/architecture.md): for every fixture, `eslint` with the plugin and `spawnguard audit`
// report the same set of (rule, file, line, column), and the same files that do not parse.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin, { ruleIds, rules } from '../../rules/index.js';
import { runAudit } from '../../src/audit/audit.js';
import { isAuditableSource } from '../../src/audit/file-set.js';
import { riskModel } from '../../src/risk/model.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ownFixture = fileURLToPath(new URL('./fixture-project', import.meta.url));

function holdsSources(folder: string): boolean {
  return readdirSync(folder, { withFileTypes: true, recursive: true }).some((entry) => entry.isFile() && isAuditableSource(entry.name));
}

const fixtureFolders = readdirSync(join(repoRoot, 'fixtures'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(repoRoot, 'fixtures', entry.name))
  .filter(holdsSources);
const folders = [...fixtureFolders, ownFixture];

const key = (ruleId: string, file: string, line: number, column: number) => `${ruleId} ${file}:${line}:${column}`;

async function eslintFindings(folder: string) {
  const eslint = new ESLint({
    cwd: folder,
    overrideConfigFile: true,
    // strict: the fixture marks a spawn of every rule, no-unowned-state (strict only) among them.
    overrideConfig: [...(plugin.configs.strict as unknown as Linter.Config[]), { linterOptions: { reportUnusedDisableDirectives: 'off' } }],
  });
  const results = await eslint.lintFiles(['.']);
  const toRelative = (file: string) => relative(folder, file).split(sep).join('/');
  return {
    findings: results.flatMap((result) => result.messages.filter((message) => message.ruleId?.startsWith('spawnguard/')).map((message) => key(message.ruleId!.slice('spawnguard/'.length), toRelative(result.filePath), message.line, message.column))).sort(),
    unparsable: results.filter((result) => result.messages.some((message) => message.fatal)).map((result) => toRelative(result.filePath)).sort(),
    files: results.map((result) => toRelative(result.filePath)).filter(isAuditableSource).sort(),
  };
}

async function auditFindings(folder: string, typeInfo: boolean) {
  const result = await runAudit({ cwd: repoRoot, paths: [folder], includeTests: true, typeInfo, config: 'strict', riskModel });
  const toFolderRelative = (file: string) => relative(folder, join(result.root, file)).split(sep).join('/');
  return {
    findings: result.findings.map((finding) => key(finding.ruleId, toFolderRelative(finding.file), finding.line, finding.column)).sort(),
    unparsable: result.errors.map((error) => toFolderRelative(error.file)).sort(),
    files: result.files.map(toFolderRelative).sort(),
  };
}

describe.each(folders.map((folder) => [relative(repoRoot, folder), folder]))('invariant 1 on %s', (_name, folder) => {
  it('the audit (syntactic) reports exactly what eslint with the plugin reports', async () => {
    const eslint = await eslintFindings(folder);
    const audit = await auditFindings(folder, false);
    expect(audit.files).toEqual(eslint.files);
    expect(audit.unparsable).toEqual(eslint.unparsable);
    expect(audit.findings).toEqual(eslint.findings);
  });
});

/** Rules still in their placeholder form report nothing yet; their markers are checked once they land. */
const implementedRules = new Set<string>(ruleIds.filter((id) => !('pending' in rules[id].meta.messages)));

describe('the audit on its own fixture', () => {
  const markers = readdirSync(join(ownFixture, 'src')).flatMap((name) =>
    readFileSync(join(ownFixture, 'src', name), 'utf8')
      .split('\n')
      .flatMap((text, index) => [...text.matchAll(/expect: ([a-z-]+)/g)].map((match) => ({ ruleId: match[1]!, file: `src/${name}`, line: index + 1 }))),
  );

  it('carries a marker for every rule of the catalogue', async () => {
    expect(new Set(markers.map((marker) => marker.ruleId))).toEqual(new Set(ruleIds));
  });

  it.each([false, true])('finds every marked spawn of the implemented rules (type info: %s), and reports the file that does not parse', async (typeInfo) => {
    const audit = await auditFindings(ownFixture, typeInfo);
    const foundLines = new Set(audit.findings.map((finding) => finding.replace(/:\d+$/, '')));
    const expected = markers.filter((marker) => implementedRules.has(marker.ruleId)).map((marker) => `${marker.ruleId} ${marker.file}:${marker.line}`);
    expect(expected.filter((line) => !foundLines.has(line))).toEqual([]);
    expect(audit.findings.filter((finding) => finding.includes('src/clean.ts'))).toEqual([]);
    expect(audit.unparsable).toEqual(['src/broken.js']);
  });

  it('gives the same findings with and without type information on these syntactic cases', async () => {
    expect((await auditFindings(ownFixture, true)).findings).toEqual((await auditFindings(ownFixture, false)).findings);
  });
});

// docs/architecture.md ("Two detection modes"): the type-aware mode must never report more false positives than the syntactic one on the
// same fixtures. On the rule fixtures every finding is listed (expected-findings.json), so typed and
// syntactic must agree exactly. The demo app's imported async function called and dropped
// (src/server.ts:57) was a true positive only types revealed; the syntactic mode now reads the
// imported file too (issue 9), so no fixture has one left.
const typeOnlyTruePositives: Record<string, string[]> = {};

describe.each(fixtureFolders.map((folder) => [relative(repoRoot, folder).split(sep).join('/'), folder]))(
  'type-aware vs syntactic on %s',
  (name, folder) => {
    it('type information adds no finding beyond the known true positives, and loses none', async () => {
      const syntactic = (await auditFindings(folder, false)).findings;
      const typed = (await auditFindings(folder, true)).findings;
      expect(syntactic.filter((finding) => !typed.includes(finding))).toEqual([]);
      expect(typed.filter((finding) => !syntactic.includes(finding))).toEqual(typeOnlyTruePositives[name] ?? []);
    });
  },
);

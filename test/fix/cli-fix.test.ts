import { applyPatch, parsePatch } from 'diff';
import jscodeshift from 'jscodeshift';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../rules/index.js';
import { main } from '../../src/cli/main.js';
import { locateFindings } from '../../src/fix/finding-locator.js';
import { fixableRuleIds, fixSource } from '../../src/fix/transform.js';
import { captureIO } from '../cli/capture-io.js';
import { writeFiles } from '../audit/temp-project.js';
import { needsAHumanSample, ruleSamples } from './support/rule-samples.js';
import { fixableFindings } from './support/source-checks.js';
import { git, snapshot, stateOf, tempGitRepo } from './support/temp-git-repo.js';

/**
 * `spawnguard fix` through the CLI entry point, in temporary git repositories: the dry-run diff, the
 * writes, the dirty-file guard, rule selection, the exit codes, and files left byte-identical.
 */
const j = jscodeshift.withParser('tsx');
const fixable = fixableRuleIds();

const projectBase = {
  'package.json': '{ "name": "sample", "type": "module", "private": true }\n',
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "module": "NodeNext", "noEmit": true }, "include": ["src"] }\n',
  'src/clean.ts': `export async function total(values: number[]) {\n  return values.reduce((sum, value) => sum + value, 0);\n}\n`,
};

/** A project with one module per fixable rule (`src/<rule>.ts`), one clean module, and one that needs a human. */
function sampleProject(): string {
  return tempGitRepo({
    ...projectBase,
    ...Object.fromEntries(fixable.map((ruleId) => [`src/${ruleId}.ts`, ruleSamples[ruleId]])),
    'src/needs-a-human.ts': needsAHumanSample,
  });
}

const samplePaths = () => [...fixable.map((ruleId) => `src/${ruleId}.ts`), 'src/clean.ts', 'src/needs-a-human.ts'];

async function fix(root: string, ...argv: string[]) {
  const { io, written } = captureIO(root);
  const code = await main(['fix', ...argv], io);
  return { code, ...written };
}

/** What fixSource makes of a file of the project: the output the CLI must produce. */
function expectedFix(root: string, path: string, rules: readonly RuleId[] = fixable): string | null {
  return fixSource(stateOf(root, path).text, join(root, path), j, { rules, root }).output;
}

describe('spawnguard fix (CLI)', () => {
  it('has at least one rule with rewrites, and each sample holds a finding its rule can rewrite', () => {
    expect(fixable.length).toBeGreaterThan(0);
    for (const ruleId of fixable) {
      const findings = fixableFindings(ruleSamples[ruleId], `/sample/src/${ruleId}.ts`, [ruleId], '/sample');
      expect(findings.map((finding) => finding.ruleId), ruleId).toContain(ruleId);
    }
  });

  it('--dry-run prints a unified diff that turns each file into its fix, and writes nothing', async () => {
    const root = sampleProject();
    const before = snapshot(root, samplePaths());
    const expected = Object.fromEntries(fixable.map((ruleId) => [`src/${ruleId}.ts`, expectedFix(root, `src/${ruleId}.ts`)]));

    const result = await fix(root, '--dry-run', '--rules', fixable.join(','));

    expect(result.code).toBe(0);
    for (const path of samplePaths()) expect(stateOf(root, path), path).toEqual(before[path]);
    // The diffs come first, then the summary.
    const patches = parsePatch(result.stdout.slice(0, result.stdout.indexOf('spawnguard fix:')));
    expect(patches.map((patch) => patch.newFileName).sort()).toEqual(fixable.map((ruleId) => `b/src/${ruleId}.ts`).sort());
    for (const patch of patches) {
      const path = patch.oldFileName!.replace(/^a\//, '');
      expect(expected[path], path).toEqual(expect.any(String));
      expect(applyPatch(before[path]!.text, patch), path).toBe(expected[path]);
    }
    expect(result.stdout).toContain(`would change ${fixable.length} of ${samplePaths().length} files`);
  });

  it('--dry-run shows the floating promise put under tasks.start with the runtime import', async () => {
    const root = tempGitRepo({ ...projectBase, 'src/usage.ts': ruleSamples['no-floating-promise'] });
    const result = await fix(root, '--dry-run', '--rules', 'no-floating-promise');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--- a/src/usage.ts');
    expect(result.stdout).toContain('+++ b/src/usage.ts');
    expect(result.stdout).toContain('\n-  track(usage);\n');
    expect(result.stdout).toContain("\n+  tasks.start(async () => track(usage), { name: 'usage.track' });\n");
    expect(result.stdout).toContain("\n+import { tasks } from '@spawnguard/runtime';\n");
  });

  it('without --dry-run writes the fixed files, leaves the others byte-identical (mtime too), and a second run finds nothing', async () => {
    const root = sampleProject();
    const before = snapshot(root, samplePaths());
    const expected = Object.fromEntries(fixable.map((ruleId) => [`src/${ruleId}.ts`, expectedFix(root, `src/${ruleId}.ts`)]));

    const result = await fix(root, '--rules', fixable.join(','));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`changed ${fixable.length} of ${samplePaths().length} files`);
    for (const ruleId of fixable) {
      expect(stateOf(root, `src/${ruleId}.ts`).text).toBe(expected[`src/${ruleId}.ts`]);
      expect(result.stdout).toMatch(new RegExp(`\\b1  ${ruleId}\\n`));
    }
    for (const path of ['src/clean.ts', 'src/needs-a-human.ts']) expect(stateOf(root, path), path).toEqual(before[path]);

    git(root, 'commit', '-q', '-am', 'fixed');
    const again = await fix(root, '--rules', fixable.join(','));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`changed 0 of ${samplePaths().length} files`);
  });

  it('leaves a file with uncommitted changes alone (exit 2) and still fixes the clean ones; --force rewrites it', async () => {
    const [dirtyRule, ...otherRules] = fixable;
    const root = sampleProject();
    const dirtyPath = `src/${dirtyRule}.ts`;
    writeFiles(root, { [dirtyPath]: `${ruleSamples[dirtyRule!]}// work in progress\n` });
    const dirtyBefore = snapshot(root, [dirtyPath])[dirtyPath]!;

    const refused = await fix(root, '--rules', fixable.join(','));

    expect(refused.code).toBe(2);
    expect(refused.stdout).toMatch(new RegExp(`Left alone \\(uncommitted changes[^\\n]*\\n  ${dirtyPath.replace(/[.]/g, '\\.')}\\n`));
    expect(stateOf(root, dirtyPath)).toEqual(dirtyBefore);
    for (const ruleId of otherRules) expect(fixableFindings(stateOf(root, `src/${ruleId}.ts`).text, join(root, `src/${ruleId}.ts`), fixable, root)).toEqual([]);

    const expected = expectedFix(root, dirtyPath);
    const forced = await fix(root, '--force', '--rules', fixable.join(','));
    expect(forced.code).toBe(0);
    expect(stateOf(root, dirtyPath).text).toBe(expected);
    expect(expected).toContain('// work in progress');
  });

  it('treats an untracked file as uncommitted work', async () => {
    const root = tempGitRepo(projectBase);
    writeFiles(root, { 'src/new.ts': ruleSamples[fixable[0]!] });
    const before = snapshot(root, ['src/new.ts'])['src/new.ts'];
    const result = await fix(root);
    expect(result.code).toBe(2);
    expect(stateOf(root, 'src/new.ts')).toEqual(before);
  });

  describe.each(fixable)('--rules %s', (ruleId) => {
    it('rewrites that rule only', async () => {
      const root = sampleProject();
      const before = snapshot(root, samplePaths());
      const expected = expectedFix(root, `src/${ruleId}.ts`, [ruleId]);

      const result = await fix(root, '--rules', ruleId);

      expect(result.code).toBe(0);
      expect(stateOf(root, `src/${ruleId}.ts`).text).toBe(expected);
      for (const path of samplePaths().filter((path) => path !== `src/${ruleId}.ts`)) expect(stateOf(root, path), path).toEqual(before[path]);
    });
  });

  it('by default rewrites what the default audit reports: module state (a strict-only rule) only when named', async () => {
    const root = tempGitRepo({ ...projectBase, 'src/state.ts': ruleSamples['no-unowned-state'], 'src/usage.ts': ruleSamples['no-floating-promise'] });
    const before = snapshot(root, ['src/state.ts']);

    const byDefault = await fix(root);
    expect(byDefault.code).toBe(0);
    expect(stateOf(root, 'src/state.ts')).toEqual(before['src/state.ts']);
    expect(stateOf(root, 'src/usage.ts').text).toContain('tasks.start(');

    git(root, 'commit', '-q', '-am', 'fixed the recommended rules');
    const named = await fix(root, '--rules', 'no-unowned-state');
    expect(named.code).toBe(0);
    expect(stateOf(root, 'src/state.ts').text).toContain('supervise.cache(');
  });

  it('--config strict rewrites what an audit with --config strict reports: module state without naming it', async () => {
    const root = tempGitRepo({ ...projectBase, 'src/state.ts': ruleSamples['no-unowned-state'], 'src/usage.ts': ruleSamples['no-floating-promise'] });

    const strict = await fix(root, '--config', 'strict');

    expect(strict.code).toBe(0);
    expect(stateOf(root, 'src/state.ts').text).toContain('supervise.cache(');
    expect(stateOf(root, 'src/usage.ts').text).toContain('tasks.start(');
  });

  it('--config runs the rules with that config\'s settings: strict\'s options find what recommended\'s do not', () => {
    const root = tempGitRepo({ ...projectBase });
    // An empty catch around synchronous code: only strict's checkSyncCatch reports it.
    const source = 'export function parse(text: string) {\n  try {\n    return JSON.parse(text);\n  } catch {}\n}\n';
    const file = join(root, 'src/parse.ts');
    const found = (config: 'recommended' | 'strict') => locateFindings(source, file, ['no-swallowed-error'], root, undefined, config).findings.map((finding) => `${finding.ruleId}:${finding.line}`);
    expect(found('recommended')).toEqual([]);
    expect(found('strict')).toEqual(['no-swallowed-error:4']);
  });

  it('--config rejects an unknown config with exit 2 and writes nothing', async () => {
    const root = sampleProject();
    const before = snapshot(root, samplePaths());

    const result = await fix(root, '--config', 'loose');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--config.*loose/);
    for (const path of samplePaths()) expect(stateOf(root, path), path).toEqual(before[path]);
  });

  it('--rules rejects an unknown rule with exit 2 and writes nothing', async () => {
    const root = sampleProject();
    const before = snapshot(root, samplePaths());
    const result = await fix(root, '--rules', 'no-such-rule');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-rule');
    for (const path of samplePaths()) expect(stateOf(root, path), path).toEqual(before[path]);
  });

  it('lists findings that need a human; --fail-on-remaining turns them into exit 1', async () => {
    const root = tempGitRepo({ ...projectBase, 'src/needs-a-human.ts': needsAHumanSample });
    const plain = await fix(root, '--dry-run', '--rules', 'no-orphan-worker');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/1 finding\(s\) need a human:\n  src\/needs-a-human\.ts:4:\d+  no-orphan-worker  /);

    const gated = await fix(root, '--dry-run', '--rules', 'no-orphan-worker', '--fail-on-remaining');
    expect(gated.code).toBe(1);

    const clean = tempGitRepo(projectBase);
    expect((await fix(clean, '--fail-on-remaining')).code).toBe(0);
  });

  it('places findings left for a human in the file as it is on disk: the original in a dry run, the fixed text once written', async () => {
    const mixed = [
      "import { fork } from 'node:child_process';",
      '',
      'async function track(usage: string): Promise<void> {',
      "  if (!usage) throw new Error('no usage');",
      '}',
      '',
      'export function handle(usage: string) {',
      '  track(usage);',
      '}',
      '',
      'export function startChild() {',
      "  const child = fork('./child.js');",
      "  child.send('start');",
      '}',
      '',
    ].join('\n');
    const root = tempGitRepo({ ...projectBase, 'src/mixed.ts': mixed });
    const childLine = (text: string) => text.split('\n').findIndex((line) => line.includes('fork(')) + 1;

    const dry = await fix(root, '--dry-run');
    expect(dry.stdout).toContain(`src/mixed.ts:${childLine(mixed)}:`);

    const written = await fix(root);
    expect(written.code).toBe(0);
    const fixed = stateOf(root, 'src/mixed.ts').text;
    expect(fixed).toContain('tasks.start(');
    // The runtime import went in above: the finding moved down a line in the written file.
    expect(childLine(fixed)).toBe(childLine(mixed) + 1);
    expect(written.stdout).toContain(`src/mixed.ts:${childLine(fixed)}:`);
    expect(written.stdout).not.toContain('(in the fixed text)');
  });

  it('reports a file that does not parse (exit 2) and fixes the others', async () => {
    const root = sampleProject();
    writeFiles(root, { 'src/broken.ts': 'export function broken( {\n' });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'broken file');
    const brokenBefore = snapshot(root, ['src/broken.ts'])['src/broken.ts'];

    const result = await fix(root, '--rules', fixable.join(','));

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/src\/broken\.ts: .*(parse|Parsing)/);
    expect(stateOf(root, 'src/broken.ts')).toEqual(brokenBefore);
    for (const ruleId of fixable) expect(fixableFindings(stateOf(root, `src/${ruleId}.ts`).text, join(root, `src/${ruleId}.ts`), fixable, root)).toEqual([]);
  });
});

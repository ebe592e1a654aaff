import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ruleIndex from '../rules/index.js';

/**
 * The plugin's configs as a user gets them: a bare project whose `eslint.config.js` imports the
 * BUILT plugin (dist/rules/index.js, what `import spawnguard from 'spawnguard'` resolves to through
 * package.json "exports") and spreads or nests `configs.recommended` / `configs.strict`, linted by
 * ESLint's own `ESLint` class with nothing else configured. Importing the plugin from source would
 * test the TypeScript, not the package; so dist/ is rebuilt here when any source file is newer.
 *
 * Findings are asserted for no-unowned-state and no-swallowed-error (the rules this test's files are
 * written to trigger); the other rules have their own tests, and only their absence of parse errors
 * (every file parses in its dialect) is asserted here.
 */
const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const builtPlugin = join(repoRoot, 'dist/rules/index.js');
// A bare project has no node_modules of its own: its config reaches ESLint's helpers by URL.
const eslintConfigHelpers = import.meta.resolve('eslint/config');
const CHECKED_RULES = new Set(['spawnguard/no-unowned-state', 'spawnguard/no-swallowed-error']);

function newestSourceTime(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(): void {
  const sourceTime = Math.max(newestSourceTime(join(repoRoot, 'src')), newestSourceTime(join(repoRoot, 'rules')));
  if (existsSync(builtPlugin) && statSync(builtPlugin).mtimeMs >= sourceTime) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  } catch {
    // tsc -b still emits when some other file of the project has a type error; the type check is
    // `npm run typecheck`'s job. What matters here is that the plugin was emitted, checked below.
  }
  expect(existsSync(builtPlugin), 'npm run build must emit dist/rules/index.js').toBe(true);
}

/** The user's files: each has findings of the two checked rules, some only under `strict`. */
const projectFiles: Record<string, string> = {
  'sessions.ts': [
    'const sessions = new Map<string, string>();',
    'export function login(id: string, user: string): void {',
    '  sessions.set(id, user);',
    '}',
    'export async function refresh(fetchUser: () => Promise<string>): Promise<void> {',
    '  try {',
    '    await fetchUser();',
    '  } catch {}',
    '}',
    '',
  ].join('\n'),
  'save-button.tsx': [
    'export function SaveButton({ save }: { save: () => Promise<void> }) {',
    '  return <button onClick={() => save().catch(() => {})}>Save</button>;',
    '}',
    '',
  ].join('\n'),
  'legacy.js': [
    'const memo = new WeakMap();',
    'export function remember(key, value) {',
    '  memo.set(key, value);',
    '}',
    'export function parse(text) {',
    '  try {',
    '    return JSON.parse(text);',
    '  } catch {}',
    '}',
    '',
  ].join('\n'),
  'routes.mjs': [
    "import { loadRoutes } from './route-table.mjs';",
    'await loadRoutes();',
    "process.on('unhandledRejection', () => {});",
    '',
  ].join('\n'),
  'handlers.cjs': [
    'const handlers = {};',
    'function remember(id, fn) { handlers[id] = fn; }',
    'function handle(id) {',
    '  return handlers[id]();',
    '}',
    'module.exports = { handle, remember };',
    '',
  ].join('\n'),
  // issue 9: JSX in a .js file (React, Docusaurus sites) parses as it does in .jsx
  'page.js': [
    'const drafts = new Map();',
    'export function Page() {',
    '  return <input onChange={(event) => drafts.set(event.target.id, event.target.value)} />;',
    '}',
    '',
  ].join('\n'),
  'editor.jsx': [
    'const drafts = new Map();',
    'export function Editor() {',
    '  return <input onChange={(event) => drafts.set(event.target.id, event.target.value)} />;',
    '}',
    '',
  ].join('\n'),
};

interface Finding {
  file: string;
  ruleId: string;
  messageId: string;
  line: number;
  column: number;
}

const recommendedFindings: Finding[] = [
  { file: 'save-button.tsx', ruleId: 'spawnguard/no-swallowed-error', messageId: 'swallowingHandler', line: 2, column: 46 },
  { file: 'routes.mjs', ruleId: 'spawnguard/no-swallowed-error', messageId: 'swallowingProcessHandler', line: 3, column: 34 },
  { file: 'sessions.ts', ruleId: 'spawnguard/no-swallowed-error', messageId: 'emptyCatchBlock', line: 8, column: 5 },
];

/** What `strict` adds: no-unowned-state (strict only), with the WeakMap memo table, and the empty catch around synchronous code. */
const strictOnlyFindings: Finding[] = [
  { file: 'editor.jsx', ruleId: 'spawnguard/no-unowned-state', messageId: 'moduleContainer', line: 1, column: 16 },
  { file: 'handlers.cjs', ruleId: 'spawnguard/no-unowned-state', messageId: 'moduleContainer', line: 1, column: 18 },
  { file: 'page.js', ruleId: 'spawnguard/no-unowned-state', messageId: 'moduleContainer', line: 1, column: 16 },
  { file: 'routes.mjs', ruleId: 'spawnguard/no-unowned-state', messageId: 'topLevelInit', line: 2, column: 7 },
  { file: 'sessions.ts', ruleId: 'spawnguard/no-unowned-state', messageId: 'moduleContainer', line: 1, column: 18 },
  { file: 'legacy.js', ruleId: 'spawnguard/no-unowned-state', messageId: 'moduleContainer', line: 1, column: 14 },
  { file: 'legacy.js', ruleId: 'spawnguard/no-swallowed-error', messageId: 'emptyCatchBlock', line: 8, column: 5 },
];

const byPosition = (a: Finding, b: Finding) =>
  a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);

const projects: string[] = [];

/** A bare user project: only an eslint.config.js of the given body and the files above. */
function userProject(configBody: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'spawnguard-config-'));
  projects.push(folder);
  writeFileSync(
    join(folder, 'eslint.config.js'),
    `import spawnguard from '${pathToFileURL(builtPlugin).href}';\n` +
      `import { defineConfig } from '${eslintConfigHelpers}';\n` +
      `export default ${configBody};\n`,
  );
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: 'user-project', type: 'module', private: true }));
  for (const [name, text] of Object.entries(projectFiles)) writeFileSync(join(folder, name), text);
  return folder;
}

async function lint(configBody: string): Promise<{ checked: Finding[]; all: ESLint.LintResult[] }> {
  const folder = userProject(configBody);
  const eslint = new ESLint({ cwd: folder, overrideConfigFile: join(folder, 'eslint.config.js') });
  const results = await eslint.lintFiles(Object.keys(projectFiles));
  const checked = results.flatMap((result) =>
    result.messages
      .filter((message) => message.ruleId !== null && CHECKED_RULES.has(message.ruleId))
      .map((message) => ({
        file: relative(folder, result.filePath),
        ruleId: message.ruleId ?? '',
        messageId: message.messageId ?? '',
        line: message.line,
        column: message.column,
      })),
  );
  return { checked: checked.sort(byPosition), all: results };
}

function expectEveryFileParsed(results: ESLint.LintResult[]): void {
  expect(results.map((result) => result.filePath.split(/[\\/]/).pop()).sort()).toEqual(Object.keys(projectFiles).sort());
  const problems = results.flatMap((result) => result.messages.filter((message) => message.fatal || message.ruleId === null));
  expect(problems).toEqual([]);
  for (const result of results) {
    for (const message of result.messages) expect(message.ruleId).toMatch(/^spawnguard\//);
  }
}

describe('the plugin configs in a bare user project (built dist/)', () => {
  beforeAll(ensureBuilt, 180_000);
  afterAll(() => {
    for (const folder of projects) rmSync(folder, { recursive: true, force: true });
  });

  it('recommended, spread: every dialect parses and the expected findings are reported', async () => {
    const { checked, all } = await lint('[...spawnguard.configs.recommended]');
    expectEveryFileParsed(all);
    expect(checked).toEqual([...recommendedFindings].sort(byPosition));
  });

  // ESLint 10 flattens nested config arrays only through `defineConfig` (eslint/config); a bare
  // `[spawnguard.configs.recommended]` is rejected by ESLint itself, whatever the plugin exports.
  it('recommended, nested as one element of defineConfig([...]): the same findings', async () => {
    const { checked, all } = await lint('defineConfig([spawnguard.configs.recommended])');
    expectEveryFileParsed(all);
    expect(checked).toEqual([...recommendedFindings].sort(byPosition));
  });

  it('recommended, nested in a bare array: ESLint 10 refuses nested arrays (use spread or defineConfig)', async () => {
    await expect(lint('[spawnguard.configs.recommended]')).rejects.toThrow('Unexpected array');
  });

  it('strict reports everything recommended does, plus module state (the weak memo table too) and the synchronous empty catch', async () => {
    const recommended = await lint('[...spawnguard.configs.recommended]');
    const strict = await lint('[...spawnguard.configs.strict]');
    expectEveryFileParsed(strict.all);
    expect(strict.checked).toEqual([...recommendedFindings, ...strictOnlyFindings].sort(byPosition));
    const count = (results: ESLint.LintResult[]) => results.reduce((total, result) => total + result.messages.length, 0);
    expect(count(strict.all)).toBeGreaterThan(count(recommended.all));
  });

  it('registers the plugin as `spawnguard` and parses TypeScript with @typescript-eslint/parser', async () => {
    const folder = userProject('[...spawnguard.configs.recommended]');
    const eslint = new ESLint({ cwd: folder, overrideConfigFile: join(folder, 'eslint.config.js') });
    const config = (await eslint.calculateConfigForFile(join(folder, 'sessions.ts'))) as {
      plugins: Record<string, unknown>;
      languageOptions: { parser: { meta?: { name?: string } } };
      rules: Record<string, unknown>;
    };
    expect(Object.keys(config.plugins)).toContain('spawnguard');
    expect(config.languageOptions.parser.meta?.name).toBe('typescript-eslint/parser');
    expect(config.rules['spawnguard/no-floating-promise']).toBeDefined();
    expect(config.rules['spawnguard/no-unowned-state']).toBeUndefined();
  });
});

/** The rules index (docs/rules/README.md) must say what the rules' meta says. */
describe('docs/rules/README.md', () => {
  const readme = readFileSync(join(repoRoot, 'docs/rules/README.md'), 'utf8');
  const tableRows = (heading: RegExp) =>
    readme
      .split('\n')
      .filter((line) => heading.test(line))
      .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));

  it('lists every rule with its configs, fixability, suggestions and risk', () => {
    const rows = tableRows(/^\| \[`[a-z-]+`\]\(/);
    expect(rows.map((row) => /`([a-z-]+)`/.exec(row[0] ?? '')?.[1]).sort()).toEqual([...ruleIndex.ruleIds].sort());
    for (const row of rows) {
      const id = /`([a-z-]+)`/.exec(row[0] ?? '')?.[1] as ruleIndex.RuleId;
      const meta = ruleIndex.rules[id].meta;
      const docs = meta.docs as unknown as { recommended: string; risk: { impact: string; isolation: string; fixable: string } };
      expect(row[0], id).toBe(`[\`${id}\`](${id}.md)`);
      expect(row[2], id).toBe(docs.recommended === 'recommended' ? 'recommended, strict' : 'strict');
      expect(row[3], id).toBe(docs.risk.fixable);
      expect(row[4], id).toBe(meta.hasSuggestions ? 'yes' : 'no');
      expect(row[5], id).toBe(`${docs.risk.impact} / ${docs.risk.isolation}`);
    }
  });

  it('lists the options strict runs each rule with', () => {
    const rows = tableRows(/^\| `[a-z-]+` \| `\{/);
    const documented = Object.fromEntries(rows.map((row) => [(row[0] ?? '').replaceAll('`', ''), JSON.parse((row[1] ?? '').replaceAll('`', '').replace(/(\w+):/g, '"$1":'))]));
    const strictRules = ruleIndex.default.configs.strict.find((entry) => entry.rules)?.rules ?? {};
    const actual = Object.fromEntries(
      Object.entries(strictRules)
        .filter(([, setting]) => Array.isArray(setting) && setting.length > 1)
        .map(([name, setting]) => [name.replace('spawnguard/', ''), (setting as unknown[])[1]]),
    );
    expect(documented).toEqual(actual);
  });
});

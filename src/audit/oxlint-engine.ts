import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { parseForESLint } from '@typescript-eslint/parser';
import { scopesOfManager } from '../ast/scopes.js';
import { JSX_JAVASCRIPT_EXTENSIONS, ruleIds } from '../../rules/index.js';
import { packageRoot } from '../package-info.js';
import type { RiskModel } from '../risk/types.js';
import type { FileOutcome } from './cache.js';
import { PLUGIN_PREFIX, type RuleSettings } from './eslint-config.js';
import { AuditSetupError } from './project.js';
import { oxlintBinary } from './oxlint-binary.js';
import { runInstalledCli } from './installed-cli.js';

export type { Engine } from './oxlint-binary.js';

/**
 * `--engine oxlint`: oxlint (a Rust parser, the plugin's own rules loaded as `jsPlugins`) screens
 * every file, and ESLint, the reference engine, lints only the files the screen cannot clear. Every
 * finding therefore still comes from ESLint, with its message id, suggestion and the AST the risk
 * model locates it in: the screen only decides which files can have none. A file is cleared when
 * oxlint reports nothing in it (no finding, no parse error, no crash) and none of these holds:
 *  - its text names a spawnguard rule (`spawnguard/...`, not the runtime's `@spawnguard/...`): a
 *    disable directive or inline config, whose problems only ESLint reports; or it holds an
 *    `oxlint-` directive, which only oxlint obeys;
 *  - its text can hold a project-wide fact of the risk model (a process-wide error handler), which
 *    needs the file's AST;
 *  - it is JavaScript that espree, ESLint's JavaScript parser, refuses: oxc accepts JSX in a `.js`
 *    file, `with` and HTML comments in modules, where the audit reports a parse error.
 * oxlint is an optional peer dependency; a run that fails leaves its files to ESLint.
 */

/** The built plugin oxlint loads (oxlint runs plain JavaScript, so the tests need `npm run build` too). */
const builtPlugin = join(packageRoot, 'dist', 'rules', 'index.js');

/** The files oxlint is given per run: far below any argv limit. */
const FILES_PER_RUN = 2_000;

/** The one-line error (exit 2) for `--engine oxlint` without oxlint. */
export function requireOxlint(cwd: string, folders?: readonly string[]): string {
  const binary = oxlintBinary(cwd, folders);
  if (!binary) throw new AuditSetupError('--engine oxlint needs the oxlint package (an optional peer dependency): npm install -D oxlint');
  return binary;
}

interface OxlintReport {
  diagnostics: { filename?: string }[];
  number_of_files?: number;
}

/**
 * Runs oxlint over `files` with the given spawnguard rule settings and returns the files it reports
 * anything in (a finding, a parse error, a rule crash), or undefined when oxlint itself failed.
 */
function flaggedByOxlint(binary: string, files: readonly string[], rules: RuleSettings, cwd: string): Set<string> | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'spawnguard-oxlint-'));
  try {
    const config = join(dir, '.oxlintrc.json');
    // Only the plugin's rules: oxlint's native plugins and categories off, every spawnguard rule
    // the settings do not name off too (as the audit's ESLint config has them).
    const allOff = Object.fromEntries(ruleIds.map((id) => [`${PLUGIN_PREFIX}${id}`, 'off']));
    writeFileSync(config, JSON.stringify({ jsPlugins: [builtPlugin], plugins: [], categories: { correctness: 'off' }, rules: { ...allOff, ...rules } }));
    const flagged = new Set<string>();
    for (let start = 0; start < files.length; start += FILES_PER_RUN) {
      const chunk = files.slice(start, start + FILES_PER_RUN);
      const run = runInstalledCli(binary, ['-c', config, '--format', 'json', '--no-ignore', '--disable-nested-config', ...chunk], { cwd });
      if (run.status !== 0 && run.status !== 1) return undefined;
      let report: OxlintReport;
      try {
        report = JSON.parse(run.stdout) as OxlintReport;
      } catch {
        return undefined;
      }
      // A file oxlint left out (ignored, or a kind it does not lint) has not been screened.
      if (report.number_of_files !== chunk.length) return undefined;
      for (const diagnostic of report.diagnostics) {
        // A diagnostic about no file in particular: nothing can be cleared.
        if (diagnostic.filename === undefined) return undefined;
        flagged.add(resolve(cwd, diagnostic.filename));
      }
    }
    return flagged;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text that may be a directive about spawnguard's rules (ESLint's) or any rule (oxlint's own). */
const DIRECTIVE_TEXT = /(?<!@)spawnguard\/|oxlint-/;

const JAVASCRIPT = new Set(['.js', '.jsx', '.mjs', '.cjs']);

interface Espree {
  parse(text: string, options: object): unknown;
}
let espree: Espree | undefined;

/** Whether ESLint's own JavaScript parser reads the file as the audit's config has it (ESLint's defaults; JSX in .js and .jsx, as the plugin's configs have it). */
function espreeParses(file: string, text: string): boolean {
  const extension = extname(file);
  if (!JAVASCRIPT.has(extension)) return true;
  // The espree of the installed ESLint, the one the audit's ESLint parses with.
  espree ??= createRequire(createRequire(import.meta.url).resolve('eslint'))('espree') as Espree;
  try {
    espree.parse(text.startsWith('\ufeff') ? text.slice(1) : text, {
      ecmaVersion: 'latest',
      sourceType: extension === '.cjs' ? 'commonjs' : 'module',
      ecmaFeatures: { jsx: JSX_JAVASCRIPT_EXTENSIONS.includes(extension) },
    });
    return true;
  } catch {
    return false;
  }
}

export interface Screening {
  /** The files ESLint must lint, in the order given. */
  toLint: [string, string][];
  /** The cleared files, with what ESLint would have made of each: no finding, no problem, no fact. */
  cleared: [string, FileOutcome][];
  /** Set when oxlint failed on some files (they are all in `toLint`). */
  notice?: string;
}

/**
 * Screens `files` (absolute path and text) with oxlint, one run per distinct rule settings; see the
 * module comment for what clears a file. `cwd` is where oxlint runs (its report names files from there).
 */
export function screenWithOxlint(
  binary: string,
  files: readonly (readonly [string, string, ...unknown[]])[],
  rulesOf: (file: string) => RuleSettings,
  riskModel: RiskModel,
  cwd: string,
): Screening {
  const groups = new Map<string, { rules: RuleSettings; files: string[] }>();
  for (const [file] of files) {
    const rules = rulesOf(file);
    const key = JSON.stringify(rules);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { rules, files: [] }));
    group.files.push(file);
  }
  const flagged = new Set<string>();
  let failed = 0;
  for (const group of groups.values()) {
    const found = flaggedByOxlint(binary, group.files, group.rules, cwd);
    if (found) for (const file of found) flagged.add(file);
    else {
      failed += group.files.length;
      for (const file of group.files) flagged.add(file);
    }
  }
  const empty = parseForESLint('', { range: true, loc: true });
  const noFacts = riskModel.collectFileFacts(empty.ast as TSESTree.Program, scopesOfManager(empty.scopeManager));
  const screening: Screening = { toLint: [], cleared: [] };
  for (const [file, text] of files) {
    const needsEslint = flagged.has(file) || DIRECTIVE_TEXT.test(text) || riskModel.mayContributeFacts(text) || !espreeParses(file, text);
    if (needsEslint) screening.toLint.push([file, text]);
    else screening.cleared.push([file, { ok: true, findings: [], problems: [], facts: noFacts }]);
  }
  if (failed > 0) screening.notice = `oxlint failed on ${failed} file(s); ESLint linted them`;
  return screening;
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TypeScript from 'typescript';
import plugin, { ruleIds } from '../../rules/index.js';
import type { RuleSettings } from './eslint-config.js';
import { TYPESCRIPT_EXTENSIONS } from './file-set.js';

export type ConfigName = 'recommended' | 'strict';

const PLUGIN_PREFIX = 'spawnguard/';
const KNOWN_RULES = new Set<string>(ruleIds.map((id) => `${PLUGIN_PREFIX}${id}`));

/** One rule message, positions 1-based like ESLint, with the range of the flagged code. */
export interface RuleMessage {
  /** Catalogue id, without the `spawnguard/` prefix. */
  ruleId: string;
  messageId: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  range: [number, number];
  /**
   * The rule's first suggestion, as ESLint gives it (all its edits merged into one range); the rule
   * offers one where the shape can be rewritten mechanically.
   */
  suggestion: { desc: string; range: [number, number]; text: string } | undefined;
}

/** A problem ESLint itself reports about spawnguard in the file: a directive naming an unknown rule, an invalid inline config. */
export interface LintProblem {
  line: number;
  column: number;
  message: string;
}

export type FileLint =
  | { ok: true; messages: RuleMessage[]; problems: LintProblem[]; ast: TSESTree.Program; sourceCode: TSESLint.SourceCode }
  | { ok: false; line: number; column: number; message: string };

/** The rule settings a named config of the plugin gives (`spawnguard/<id>` to its entry). */
export function configRuleSettings(name: ConfigName): RuleSettings {
  const settings: RuleSettings = {};
  for (const config of plugin.configs[name] as unknown as Linter.Config[]) Object.assign(settings, config.rules);
  return settings;
}

/**
 * The config the audit lints with: exactly the plugin's flat config a user puts in eslint.config.js
 * (so the audit and `eslint` agree, invariant 1 in docs/architecture.md), with the project's own settings for spawnguard's
 * rules when given (every rule it does not turn on is off), plus, in type-aware mode, the shared
 * program for TypeScript files. Unused-disable-directive reports are turned off: they are not findings.
 */
export function auditConfig(rules: ConfigName | RuleSettings, program: TypeScript.Program | undefined): Linter.Config[] {
  const configName: ConfigName = typeof rules === 'string' ? rules : 'recommended';
  const ownRules: Linter.Config[] =
    typeof rules === 'string' ? [] : [{ rules: { ...Object.fromEntries([...KNOWN_RULES].map((ruleId) => [ruleId, 'off'])), ...rules } }];
  const typeInfo: Linter.Config[] = program
    ? [{ files: TYPESCRIPT_EXTENSIONS.map((extension) => `**/*${extension}`), languageOptions: { parserOptions: { programs: [program] } } }]
    : [];
  return [
    ...(plugin.configs[configName] as unknown as Linter.Config[]),
    ...ownRules,
    ...typeInfo,
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ];
}

interface ConfigArrayClass {
  new (configs: Linter.Config[], options: { basePath: string }): Linter.Config[] & { normalizeSync(): void };
}

/**
 * ESLint's own config array class. `Linter#verify` normalizes a plain config array from scratch on
 * every call (schema checks, rule option defaults, per-file merging: a tenth of the audit's lint
 * time); handed an already normalized array it reuses its per-file config cache, as the `ESLint`
 * class does. The class is not exported, so it is loaded from the installed eslint; should a future
 * eslint move it, the plain array still works, only slower.
 */
function loadConfigArrayClass(): ConfigArrayClass | undefined {
  try {
    const require = createRequire(import.meta.url);
    const eslintRoot = dirname(require.resolve('eslint/package.json'));
    const loaded = require(join(eslintRoot, 'lib', 'config', 'flat-config-array.js')) as { FlatConfigArray?: ConfigArrayClass };
    return typeof loaded.FlatConfigArray === 'function' ? loaded.FlatConfigArray : undefined;
  } catch {
    return undefined;
  }
}

function normalizedConfig(cwd: string, config: Linter.Config[]): Linter.Config[] {
  const ConfigArray = loadConfigArrayClass();
  if (!ConfigArray) return config;
  const normalized = new ConfigArray(config, { basePath: cwd });
  normalized.normalizeSync();
  return normalized;
}

/** What ESLint adds to an error a rule throws while it traverses a file. */
interface RuleTraversalError {
  message?: unknown;
  name?: unknown;
  ruleId?: unknown;
  currentNode?: { loc?: { start: { line: number; column: number } } };
}

/**
 * A rule threw on this file (a checker overflow, a detector bug): the file becomes an error naming
 * the rule, the error's own first line (without what ESLint appends) and the node it was visiting,
 * so the other files' audit goes on and the user can find the construct that broke it.
 */
function ruleCrash(error: unknown, sourceCode: unknown): FileLint {
  const thrown = (error ?? {}) as RuleTraversalError;
  const [firstLine = 'unknown error'] = String(thrown.message ?? error).split('\n');
  const name = typeof thrown.name === 'string' && thrown.name !== 'Error' ? `${thrown.name}: ` : '';
  const rule = typeof thrown.ruleId === 'string' ? `rule ${thrown.ruleId} crashed: ` : 'internal error while linting: ';
  const start = sourceCode ? thrown.currentNode?.loc?.start : undefined;
  return { ok: false, line: start?.line ?? 1, column: start ? start.column + 1 : 1, message: `${rule}${name}${firstLine}` };
}

/** A `.js`/`.jsx` file may be CommonJS whatever its package says; `.cjs` is read as CommonJS by ESLint already. */
const MAYBE_COMMONJS = /\.jsx?$/;

/** One ESLint linter and the normalized config it runs. */
interface ConfiguredLinter {
  linter: Linter;
  config: Linter.Config[];
}

/**
 * Runs the rules over one file at a time; the file's ESTree stays available until the next file.
 * A `.js` file that does not parse as an ES module is read again as CommonJS (sloppy mode: `function
 * protected() {}` is valid there), as Node runs a file of a package without `"type": "module"`; ESLint
 * would report a parsing error. A file that parses as neither keeps the module parser's error.
 */
export class FileLinter {
  readonly #cwd: string;
  readonly #config: Linter.Config[];
  readonly #asModule: ConfiguredLinter;
  #asCommonJs: ConfiguredLinter | undefined;

  constructor(cwd: string, config: Linter.Config[]) {
    this.#cwd = cwd;
    this.#config = config;
    this.#asModule = { linter: new Linter({ cwd }), config: normalizedConfig(cwd, config) };
  }

  lint(file: string, text: string): FileLint {
    const asModule = this.#lintWith(this.#asModule, file, text);
    if (!('parseError' in asModule) || !MAYBE_COMMONJS.test(file)) return asModule;
    this.#asCommonJs ??= {
      linter: new Linter({ cwd: this.#cwd }),
      config: normalizedConfig(this.#cwd, [...this.#config, { files: ['**/*.js', '**/*.jsx'], languageOptions: { sourceType: 'commonjs' } }]),
    };
    const asCommonJs = this.#lintWith(this.#asCommonJs, file, text);
    return 'parseError' in asCommonJs ? asModule : asCommonJs;
  }

  #lintWith({ linter, config }: ConfiguredLinter, file: string, text: string): FileLint | (FileLint & { ok: false; parseError: true }) {
    let messages: Linter.LintMessage[];
    try {
      messages = linter.verify(text, config, { filename: file });
    } catch (error) {
      return ruleCrash(error, linter.getSourceCode());
    }
    const fatal = messages.find((message) => message.fatal);
    if (fatal) return { ok: false, line: fatal.line || 1, column: fatal.column || 1, message: fatal.message, parseError: true };
    const sourceCode = linter.getSourceCode();
    const ruleMessages: RuleMessage[] = [];
    const problems: LintProblem[] = [];
    for (const message of messages) {
      if (!message.ruleId?.startsWith(PLUGIN_PREFIX)) continue;
      // ESLint's own reports under a spawnguard rule id carry no messageId: a directive naming a
      // rule that does not exist, an inline config the rule's schema refuses. Not findings.
      if (!KNOWN_RULES.has(message.ruleId) || message.messageId === undefined) {
        problems.push({ line: message.line || 1, column: message.column || 1, message: message.message.trim() });
        continue;
      }
      const endLine = message.endLine ?? message.line;
      const endColumn = message.endColumn ?? message.column;
      const [suggestion] = message.suggestions ?? [];
      ruleMessages.push({
        ruleId: message.ruleId.slice(PLUGIN_PREFIX.length),
        messageId: message.messageId ?? '',
        message: message.message,
        line: message.line,
        column: message.column,
        endLine,
        endColumn,
        range: [
          sourceCode.getIndexFromLoc({ line: message.line, column: message.column - 1 }),
          sourceCode.getIndexFromLoc({ line: endLine, column: endColumn - 1 }),
        ],
        suggestion: suggestion && { desc: suggestion.desc, range: suggestion.fix.range, text: suggestion.fix.text },
      });
    }
    return {
      ok: true,
      messages: ruleMessages,
      problems,
      ast: sourceCode.ast as unknown as TSESTree.Program,
      sourceCode: sourceCode as unknown as TSESLint.SourceCode,
    };
  }
}

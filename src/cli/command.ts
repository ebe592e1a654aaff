import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ENGINES, oxlintBinary, type Engine } from '../audit/oxlint-binary.js';
import type { ProjectOptions } from '../audit/project.js';
import type { CliIO } from './io.js';

/** Exit codes, as ESLint's: 0 clean, 1 the gate failed, 2 usage error or the tool itself failed. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** One subcommand: `main` dispatches to it by name. */
export interface Command {
  /** One line for `spawnguard --help`. */
  summary: string;
  /** What it takes: parsed by `parseCommandArgs`, listed in `help` by `optionsHelp`. */
  options: OptionTable;
  /** The full text of `spawnguard <command> --help`. */
  help: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** Bad arguments: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * One command-line option, the one home of everything about it: how node:util's parseArgs reads it
 * (`type`, `short`) and its line in the command's `--help` (`value`, `help`, `default`, `choices`).
 */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's name in the help (`<file>`). */
  readonly value?: string;
  /** What it does, for --help. Absent for an option shown on the line of the one it negates (`--no-color` beside `--color`). */
  readonly help?: string;
  /** What holds when it is not given. With `choices`, the value a missing option takes (`choiceOf`); otherwise the words the help shows. */
  readonly default?: string;
  /** The values it takes; `choiceOf` refuses any other. */
  readonly choices?: readonly string[];
}

/** A command's options: parseArgs reads them (`parseCommandArgs`) and its help lists them (`optionsHelp`), in this order. */
export type OptionTable = Readonly<Record<string, CliOption>>;

/** What parseArgs is given for a table: its `type` and `short`, the rest being the help's. */
type ParserOptions<T extends OptionTable> = { -readonly [K in keyof T]: { type: T[K]['type']; short?: string } };

type Options = NonNullable<ParseArgsConfig['options']>;
/** Spelled out so the declaration emit can name it (node's own result types are not exported). */
export type ParsedCommandArgs<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** node:util parseArgs (strict, positionals allowed) over a command's option table, with its errors turned into UsageErrors that say which flag is wrong. */
export function parseCommandArgs<T extends OptionTable>(argv: readonly string[], table: T): ParsedCommandArgs<ParserOptions<T>> {
  const options = Object.fromEntries(
    Object.entries(table).map(([name, option]) => [name, option.short === undefined ? { type: option.type } : { type: option.type, short: option.short }]),
  ) as ParserOptions<T>;
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/** Checks an option that takes one of a few values. */
export function oneOf<const V extends string>(flag: string, value: string | undefined, allowed: readonly V[], fallback: V): V {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as V;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** An option that takes one of `choices`, `default` when not given. */
export interface ChoiceOption<V extends string> extends CliOption {
  readonly type: 'string';
  readonly choices: readonly V[];
  readonly default: V;
}

/** The value of a choice option as given, checked against its table entry's choices (its default when not given). */
export function choiceOf<V extends string>(flag: string, option: ChoiceOption<V>, value: string | undefined): V {
  return oneOf(flag, value, option.choices, option.default);
}

/** Where a flag's help starts: longer flags get a line of their own. */
const HELP_COLUMN = 29;
/** Help lines are folded at this width. */
const HELP_WIDTH = 96;

/**
 * The `Options:` lines of a command's --help, from its table: `-f, --format <format>` and what the
 * option does, its choices and its default; an option without `help` is named beside the one it
 * negates (`--color, --no-color`).
 */
export function optionsHelp(table: OptionTable): string {
  const lines: string[] = [];
  for (const [name, option] of Object.entries(table)) {
    if (option.help === undefined) continue;
    const negation = `no-${name}`;
    const flags = `${option.short === undefined ? '    ' : `-${option.short}, `}--${name}${table[negation]?.help === undefined && negation in table ? `, --${negation}` : ''}`;
    const label = `  ${flags}${option.value === undefined ? '' : ` ${option.value}`}`;
    const text = [
      option.choices === undefined ? '' : option.choices.join(' | '),
      option.choices === undefined ? option.help : option.help === '' ? '' : `: ${option.help}`,
      option.default === undefined ? '' : ` (default: ${option.default})`,
    ].join('');
    let line: string;
    if (label.length + 2 <= HELP_COLUMN) line = label.padEnd(HELP_COLUMN);
    else {
      lines.push(label);
      line = ' '.repeat(HELP_COLUMN);
    }
    let empty = true;
    for (const word of text.split(' ')) {
      if (!empty && line.length + 1 + word.length > HELP_WIDTH) {
        lines.push(line);
        line = ' '.repeat(HELP_COLUMN);
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      empty = false;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/*
 * The options more than one command takes, one home each: a command spreads the ones it takes into
 * its table, so a flag is spelled, typed, abbreviated and explained the same everywhere.
 */

/** `-h`: every command (spread last, so the help lists it last). */
export const helpOption = { help: { type: 'boolean', short: 'h', help: 'show this help' } } as const satisfies OptionTable;

/** `-f`: every command that prints a result, in the formats it has. */
export function formatOption<const V extends string>(formats: readonly V[], fallback: V) {
  const format: ChoiceOption<V> = { type: 'string', short: 'f', value: '<format>', help: '', choices: formats, default: fallback };
  return { format } as const;
}

/** Where a result goes and whether it is coloured (audit, merge, tree): read by `writeOutputFile` and `colorFlag`. */
export const reportOptions = {
  output: { type: 'string', short: 'o', value: '<file>', help: 'write the result to a file instead of stdout (folders are created)' },
  color: { type: 'boolean', help: 'force colour on or off', default: 'on a terminal, FORCE_COLOR, NO_COLOR' },
  'no-color': { type: 'boolean' },
} as const satisfies OptionTable;

/** Which files are read, and whether TypeScript's checker reads them (audit, tree, fix). */
export const sourceOptions = {
  'no-type-info': { type: 'boolean', help: 'syntactic only: no TypeScript program; faster, misses the promises only types reveal' },
  'include-tests': { type: 'boolean', help: 'also take test files (*.test.*, *.spec.*, test/, tests/, __tests__/)' },
} as const satisfies OptionTable;

/** How the lint runs (audit, fix): `threadCount` reads `--concurrency`, `engineOption` reads `--engine`. */
export const lintRunOptions = {
  concurrency: {
    type: 'string',
    value: '<n>',
    help: 'run on n worker threads: a number, auto (one per core) or off; with --no-type-info only; the same result as one thread',
    default: 'off',
  },
  engine: {
    type: 'string',
    value: '<name>',
    help: 'with --no-type-info, oxlint (when installed) clears the files with nothing to report and ESLint lints the rest; the same result, faster',
    choices: ENGINES,
    default: 'eslint',
  },
} as const satisfies OptionTable;

export const CONFIG_NAMES = ['recommended', 'strict'] as const;

/**
 * The options every command that loads a project takes (audit, tree), so they read the same
 * everywhere; a command adds its own to these.
 */
export const projectOptions = {
  project: { type: 'string', short: 'p', value: '<tsconfig>', help: 'tsconfig file or folder', default: 'the nearest tsconfig.json of each file' },
  config: { type: 'string', short: 'c', value: '<name>', help: "these rules instead of eslint.config.*'s", choices: CONFIG_NAMES },
  'no-config-lookup': { type: 'boolean', help: 'read no eslint.config.* (its rules and ignores): a fresh clone whose config imports packages not installed yet' },
  ...sourceOptions,
  'max-file-size': { type: 'string', value: '<size>', help: 'skip larger or minified files found by walking (0: no limit)', default: '1m' },
} as const satisfies OptionTable;

/** `--config`: undefined when not given (the project's eslint.config.* then decides the rules). */
export function configOption(value: string | undefined): (typeof CONFIG_NAMES)[number] | undefined {
  return value === undefined ? undefined : oneOf('config', value, CONFIG_NAMES, 'recommended');
}

/** `--max-file-size`: bytes, with an optional k/m suffix (1024-based); 0 lifts the limit. */
export function maxFileSizeOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*([kKmM]?)[bB]?$/.exec(value.trim());
  if (!match) throw new UsageError(`--max-file-size must be a size such as 500k, 2m or 0 (got '${value}')`);
  const unit = match[2]!.toLowerCase() === 'k' ? 1024 : match[2]!.toLowerCase() === 'm' ? 1024 * 1024 : 1;
  return Math.round(Number(match[1]) * unit);
}

/** What `audit` and `tree` pass to the audit from the options they share (projectOptions). */
export function projectRunOptions(
  values: {
    project?: string | undefined;
    'include-tests'?: boolean | undefined;
    'no-type-info'?: boolean | undefined;
    config?: string | undefined;
    'no-config-lookup'?: boolean | undefined;
    'max-file-size'?: string | undefined;
  },
  positionals: readonly string[],
  io: CliIO,
): ProjectOptions & { config?: (typeof CONFIG_NAMES)[number]; configLookup?: boolean } {
  const config = configOption(values.config);
  const maxFileSize = maxFileSizeOption(values['max-file-size']);
  return {
    cwd: io.cwd,
    paths: positionals,
    ...(values.project === undefined ? {} : { tsconfig: values.project }),
    includeTests: values['include-tests'] ?? false,
    typeInfo: !values['no-type-info'],
    ...(config ? { config } : {}),
    ...(values['no-config-lookup'] ? { configLookup: false } : {}),
    ...(maxFileSize === undefined ? {} : { maxFileSize }),
  };
}

/**
 * `--engine eslint|oxlint` (audit and fix): oxlint screens syntactic runs only, ESLint being the one
 * type-aware engine, and must be installed (a one-line error, exit 2, otherwise).
 */
export function engineOption(value: string | undefined, typeInfo: boolean, cwd: string): Engine {
  const engine = oneOf('engine', value, lintRunOptions.engine.choices, lintRunOptions.engine.default);
  if (engine === 'oxlint') {
    if (typeInfo) throw new UsageError('--engine oxlint needs --no-type-info: ESLint is the only type-aware engine');
    if (!oxlintBinary(cwd)) throw new UsageError('--engine oxlint needs the oxlint package (an optional peer dependency): npm install -D oxlint');
  }
  return engine;
}

/** `--concurrency n|auto|off` (audit and fix), as ESLint's: how many threads lint. */
export function threadCount(value: string | undefined): number {
  if (value === undefined || value === 'off') return 1;
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--concurrency must be a positive number, auto or off (got '${value}')`);
  return count;
}

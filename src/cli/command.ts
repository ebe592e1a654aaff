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
  /** The full text of `spawnguard <command> --help`. */
  help: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}

/** Bad arguments: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;
/** Spelled out so the declaration emit can name it (node's own result types are not exported). */
export type ParsedCommandArgs<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

/** node:util parseArgs (strict, positionals allowed), with its errors turned into UsageErrors that say which flag is wrong. */
export function parseCommandArgs<T extends Options>(argv: readonly string[], options: T): ParsedCommandArgs<T> {
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

/*
 * The option tables, one home per option: a command spreads the tables of the options it takes, so
 * a flag is spelled, typed and abbreviated the same everywhere.
 */

/** `-h`: every command. */
export const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** `-f`: every command that prints a result; which formats, and the default, are the command's own. */
export const formatOption = { format: { type: 'string', short: 'f' } } as const;

/** Where a report goes and whether it is coloured (audit, merge, tree): read by `colorFlag` and `writeOutputFile`. */
export const reportOptions = {
  ...formatOption,
  output: { type: 'string', short: 'o' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const;

/** Which files are read, and whether TypeScript's checker reads them (audit, tree, fix). */
export const sourceOptions = {
  'no-type-info': { type: 'boolean' },
  'include-tests': { type: 'boolean' },
} as const;

/** How the lint runs (audit, fix): `threadCount` reads `--concurrency`, `engineOption` reads `--engine`. */
export const lintRunOptions = {
  concurrency: { type: 'string' },
  engine: { type: 'string' },
} as const;

/**
 * The options every command that loads a project takes (audit, tree), so they read the same
 * everywhere; a command adds its own to these.
 */
export const projectOptions = {
  project: { type: 'string', short: 'p' },
  'max-file-size': { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-config-lookup': { type: 'boolean' },
  ...sourceOptions,
  ...reportOptions,
  ...helpOption,
} as const;

export const CONFIG_NAMES = ['recommended', 'strict'] as const;

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
  const engine = oneOf('engine', value, ENGINES, 'eslint');
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

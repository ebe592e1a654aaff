import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuditSetupError } from '../audit/project.js';

/** Where a command writes and what it knows of its terminal: the real process, or a test's capture. */
export interface CliStream {
  write(text: string): void;
  isTTY: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

export function processIO(): CliIO {
  const stream = (target: NodeJS.WriteStream): CliStream => {
    // `spawnguard audit | head`: once the reader has gone (EPIPE) the rest of the output has
    // nowhere to go; dropping it ends the run quietly with its own exit code, as ESLint does.
    let readerGone = false;
    target.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      readerGone = true;
    });
    return {
    write: (text) => {
      if (!readerGone) target.write(text);
    },
    get isTTY() {
      return target.isTTY === true;
    },
    get columns() {
      return target.columns;
    },
    };
  };
  return { stdout: stream(process.stdout), stderr: stream(process.stderr), cwd: process.cwd(), env: process.env };
}

/**
 * Whether to colour: `--color` / `--no-color` first, then FORCE_COLOR (https://force-color.org;
 * `0` or `false` turn colour off), then NO_COLOR (https://no-color.org), else only on a terminal.
 */
export function wantsColor(stream: CliStream, env: CliIO['env'], flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env['NO_COLOR']) return false;
  return stream.isTTY;
}

/** `--color` / `--no-color` as parsed; undefined when neither was given (the last one wins). */
export function colorFlag(values: { color?: boolean | undefined; 'no-color'?: boolean | undefined }, argv: readonly string[]): boolean | undefined {
  const last = [...argv].reverse().find((arg) => arg === '--color' || arg === '--no-color');
  if (last === undefined) return values.color ?? (values['no-color'] ? false : undefined);
  return last === '--color';
}

/** `--output`: creates the missing folders (as ESLint does); a path that cannot be written is one clear error. */
export function writeOutputFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new AuditSetupError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

import { join } from 'node:path';
import { packageRoot } from '../package-info.js';
import { installedCli } from './installed-cli.js';

/**
 * The lint engines and where oxlint is installed: what the CLI checks before a run, kept apart from
 * the engine itself (src/audit/oxlint-engine.ts), which loads the rules and the parser.
 */
export type Engine = 'eslint' | 'oxlint';
export const ENGINES: readonly Engine[] = ['eslint', 'oxlint'];

/** The last lookup, kept because the CLI's check of `--engine oxlint` and the run ask the same question. */
let lastLookup: { folders: string; found: string | undefined } | undefined;

/**
 * oxlint's `bin/oxlint`, resolved from these folders (by default this package's installation, then
 * the audited project's); undefined when not installed. Asked again with the same folders, the
 * last answer is given.
 */
export function oxlintBinary(cwd: string, folders: readonly string[] = [packageRoot, cwd]): string | undefined {
  const key = folders.join('\0');
  if (lastLookup?.folders === key) return lastLookup.found;
  let found: string | undefined;
  for (const folder of folders) {
    found = installedCli('oxlint', 'oxlint', join(folder, 'package.json'));
    if (found !== undefined) break;
  }
  lastLookup = { folders: key, found };
  return found;
}

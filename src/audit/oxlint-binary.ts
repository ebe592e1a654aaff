import { join } from 'node:path';
import { packageRoot } from '../package-info.js';
import { installedCli } from './installed-cli.js';

/**
 * The lint engines and where oxlint is installed: what the CLI checks before a run, kept apart from
 * the engine itself (src/audit/oxlint-engine.ts), which loads the rules and the parser.
 */
export type Engine = 'eslint' | 'oxlint';
export const ENGINES: readonly Engine[] = ['eslint', 'oxlint'];

/** Where oxlint was found from each list of folders: the CLI's check and the run ask the same question. */
const oxlintByFolders = new Map<string, string | undefined>();

/**
 * oxlint's `bin/oxlint`, resolved from these folders (by default this package's installation, then
 * the audited project's); undefined when not installed. Looked up once per process and folders.
 */
export function oxlintBinary(cwd: string, folders: readonly string[] = [packageRoot, cwd]): string | undefined {
  const key = folders.join('\0');
  if (oxlintByFolders.has(key)) return oxlintByFolders.get(key);
  let found: string | undefined;
  for (const folder of folders) {
    found = installedCli('oxlint', 'oxlint', join(folder, 'package.json'));
    if (found !== undefined) break;
  }
  oxlintByFolders.set(key, found);
  return found;
}

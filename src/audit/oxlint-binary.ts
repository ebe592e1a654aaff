import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../package-info.js';

/**
 * The lint engines and where oxlint is installed: what the CLI checks before a run, kept apart from
 * the engine itself (src/audit/oxlint-engine.ts), which loads the rules and the parser.
 */
export type Engine = 'eslint' | 'oxlint';
export const ENGINES: readonly Engine[] = ['eslint', 'oxlint'];

/**
 * oxlint's `bin/oxlint`, resolved from these folders (by default this package's installation, then
 * the audited project's); undefined when not installed.
 */
export function oxlintBinary(cwd: string, folders: readonly string[] = [packageRoot, cwd]): string | undefined {
  for (const folder of folders) {
    try {
      return join(dirname(createRequire(join(folder, 'package.json')).resolve('oxlint/package.json')), 'bin', 'oxlint');
    } catch {
      // not installed there
    }
  }
  return undefined;
}

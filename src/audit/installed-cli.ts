import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The command-line tools spawnguard runs from an installation rather than from PATH (oxlint,
 * prettier, tsc): a package's `bin` script, found by Node's own resolution, run with this Node, so
 * neither a shell nor PATH takes part.
 */

/**
 * The script of `packageName`'s command `command` (its package.json `bin`), as Node resolves the
 * package from the folder of the file `from`; undefined when it is not installed there.
 */
export function installedCli(packageName: string, command: string, from: string): string | undefined {
  try {
    const manifestPath = createRequire(from).resolve(`${packageName}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
    return bin ? join(dirname(manifestPath), bin) : undefined;
  } catch {
    // not installed there
    return undefined;
  }
}

/** Runs an installed CLI's script with this Node, its output as text. */
export function runInstalledCli(script: string, args: readonly string[], options: { cwd: string; input?: string }): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [script, ...args], { cwd: options.cwd, input: options.input, encoding: 'utf8', maxBuffer: 1 << 30 });
}

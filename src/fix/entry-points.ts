import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { nearestManifest } from '../detect/nearest-manifest.js';
import { isLibraryFile } from '../rewrite/refusals.js';

/**
 * After a fix that put work under the runtime, the files where `handleSignals()` still has to be
 * added by hand, so that SIGTERM and SIGINT stop the supervision tree: per package of a fixed file,
 * its `bin` files, the file its `start` script runs, and (in an application) its `main` and the files
 * that call `listen()`. A published library's `main` and servers are left out: only the application
 * that imports it may hand the runtime its signals. A file that already calls it is left out too.
 */
export function entryPointsToWire(root: string, fixedFiles: readonly string[], textOf: (path: string) => string | undefined, sources: Iterable<string>): string[] {
  const packages = new Map<string, Record<string, unknown>>();
  for (const file of fixedFiles) {
    const manifest = nearestManifest(file);
    if (manifest) packages.set(dirname(manifest.path), manifest.json);
  }
  const entries = new Set<string>();
  for (const [packageDir, json] of packages) {
    const application = !isLibraryFile(join(packageDir, 'package.json'));
    const named: unknown[] = [typeof json['bin'] === 'object' && json['bin'] !== null ? Object.values(json['bin']) : json['bin']].flat();
    if (application) named.push(json['main']);
    const start = (json['scripts'] as Record<string, unknown> | undefined)?.['start'];
    if (typeof start === 'string') named.push(...start.split(/[\s;&|()]+/).filter((token) => token !== '' && !token.startsWith('-') && !token.includes('=')));
    for (const name of named) {
      if (typeof name !== 'string' || name === '') continue;
      const file = existingFile(resolve(packageDir, name));
      if (file !== undefined) entries.add(file);
    }
    if (!application) continue;
    for (const path of sources) {
      if (path.startsWith(packageDir + '/') && /\.listen\(/.test(textOf(path) ?? '')) entries.add(path);
    }
  }
  return [...entries]
    .filter((path) => !/\bhandleSignals\(/.test(textOf(path) ?? readFileSync(path, 'utf8')))
    .map((path) => relative(root, path).replace(/\\/g, '/'))
    .sort();
}

/** The file itself, or the TypeScript source of a compiled name (`bin/cli.js` written as `bin/cli.ts`). */
function existingFile(path: string): string | undefined {
  const withoutExtension = path.slice(0, path.length - extname(path).length);
  return [path, `${withoutExtension}.ts`, `${withoutExtension}.mts`, `${withoutExtension}.cts`].find((candidate) => extname(candidate) !== '' && existsSync(candidate));
}

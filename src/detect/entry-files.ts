import { basename, extname, relative, resolve } from 'node:path';
import { packageRoot } from './frameworks.js';

/**
 * Entry files: the program itself (a server's `main.ts`, a CLI, a script, an example), not a module
 * other code imports. A call at the top level of one IS the program: `main();` whose rejection
 * prints the error and exits 1, as the author wants; `init();` that sets the program up once. Neither
 * is floating work nor state someone must own.
 */
const ENTRY_BASENAMES = new Set(['main', 'server', 'cli', 'bootstrap', 'start', 'run']);
const ENTRY_DIRECTORIES = new Set(['scripts', 'script', 'bin', 'examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmarks']);

export function isEntryFile(filename: string): boolean {
  const name = basename(filename, extname(filename));
  if (ENTRY_BASENAMES.has(name)) return true;
  // Directories inside the project only: a checkout under ~/scripts/ is not a script.
  const absolute = resolve(filename);
  const root = packageRoot(absolute);
  const inside = root === null ? absolute : relative(root, absolute);
  return inside.split(/[\\/]/).slice(0, -1).some((directory) => ENTRY_DIRECTORIES.has(directory));
}

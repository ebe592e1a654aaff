import { basename, extname, relative, resolve } from 'node:path';
import { packageRoot } from './frameworks.js';

/**
 * What a file is for, from where it sits. Entry files: the program itself (a server's `main.ts`, a CLI, a script, an example), not a module
 * other code imports. A call at the top level of one IS the program: `main();` whose rejection
 * prints the error and exits 1, as the author wants; `init();` that sets the program up once. Neither
 * is floating work nor state someone must own.
 */
const ENTRY_BASENAMES = new Set(['main', 'server', 'cli', 'bootstrap', 'start', 'run']);
const ENTRY_DIRECTORIES = new Set(['scripts', 'script', 'bin', 'examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmarks']);

export function isEntryFile(filename: string): boolean {
  const name = basename(filename, extname(filename));
  return ENTRY_BASENAMES.has(name) || projectDirectories(filename).some((directory) => ENTRY_DIRECTORIES.has(directory));
}

/**
 * Browser code kept in a server's repository (`client/`, `frontend/`, `browser/`, `public/`, `www/`):
 * there an unhandled rejection is a console error, not a process crash.
 */
const BROWSER_DIRECTORIES = new Set(['client', 'frontend', 'browser', 'public', 'www']);

export function isBrowserFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => BROWSER_DIRECTORIES.has(directory));
}

/**
 * Development tooling (`scripts/`, `script/`, `tools/`, `extra/`): build, release and maintenance
 * chores run by a person at a terminal or by CI, who sees a hang and stops the run.
 */
const TOOLING_DIRECTORIES = new Set(['scripts', 'script', 'tools', 'extra']);

export function isDevelopmentTooling(filename: string): boolean {
  return projectDirectories(filename).some((directory) => TOOLING_DIRECTORIES.has(directory));
}

/**
 * Demonstration code (`examples/`, `playground/`, `bench/`): it starts things, runs, and stops them;
 * a failure ends the demo, which is what its reader wants to see.
 */
const DEMO_DIRECTORIES = new Set(['examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmarks']);

export function isDemoFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => DEMO_DIRECTORIES.has(directory));
}

/** The directories of `filename` inside its project (a checkout under ~/scripts/ is not a script). */
function projectDirectories(filename: string): string[] {
  const absolute = resolve(filename);
  const root = packageRoot(absolute);
  const inside = root === null ? absolute : relative(root, absolute);
  return inside.split(/[\\/]/).slice(0, -1);
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { installsKeepAliveHandler } from './keep-alive.js';
import { nearestManifest, repositoryRootOf } from './nearest-manifest.js';
import { runsAtModuleTopLevel } from '../ast/functions.js';

/**
 * What a file is for, from where it sits. Entry files: the program itself (a server's `main.ts`, a CLI, a script, an example), not a module
 * other code imports. A call at the top level of one IS the program: `main();` whose rejection
 * prints the error and exits 1, as the author wants; `init();` that sets the program up once. Neither
 * is floating work nor state someone must own.
 */
const ENTRY_BASENAMES = new Set(['main', 'server', 'cli', 'bootstrap', 'start', 'run']);

export function isEntryFile(filename: string): boolean {
  const name = basename(filename, extname(filename));
  return (
    ENTRY_BASENAMES.has(name) ||
    projectDirectories(filename).some((directory) => directory === 'bin' || DEMO_DIRECTORIES.has(directory) || TOOLING_DIRECTORIES.has(directory)) ||
    isNamedProgram(filename)
  );
}

/**
 * The nearest package.json runs the file as a program: a `bin` entry, or a `scripts` command that
 * names it (`"reset-password": "node extra/reset-password.js"`, `"start": "ts-node index.ts"`).
 */
function isNamedProgram(filename: string): boolean {
  const absolute = resolve(filename);
  const manifest = nearestManifest(absolute);
  if (!manifest) return false;
  const root = dirname(manifest.path);
  const { bin, scripts } = manifest.json;
  const commands: string[] = [];
  if (typeof bin === 'string') commands.push(bin);
  else if (bin && typeof bin === 'object') commands.push(...Object.values(bin).filter((value): value is string => typeof value === 'string'));
  if (scripts && typeof scripts === 'object') commands.push(...Object.values(scripts).filter((value): value is string => typeof value === 'string'));
  const withoutExtension = absolute.slice(0, absolute.length - extname(absolute).length);
  return commands.some((command) =>
    command
      .split(/[\s;&|()]+/)
      .map((token) => token.replace(/^["']|["']$/g, ''))
      .filter((token) => token !== '' && !token.startsWith('-') && !token.includes('='))
      .some((token) => {
        // `node extra/reset.js` runs the compiled extra/reset.ts; `ts-node index` runs index.ts.
        const named = resolve(root, token);
        return named === absolute || named.slice(0, named.length - extname(named).length) === withoutExtension;
      }),
  );
}

/**
 * Top-level code of an entry file runs the program, unless the file keeps the process alive after an
 * unhandled rejection (keep-alive.ts: a `process.on('unhandledRejection', log)` that neither exits nor rethrows):
 * then a failed start-up does not end the program, it leaves a half-started server running, and the
 * floating start-up call is a real finding.
 */
export function isProgramStartUp(statement: TSESTree.Node, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!runsAtModuleTopLevel(statement) || !isEntryFile(filename)) return false;
  return !installsKeepAliveHandler(sourceCode.ast);
}

/**
 * Browser code kept in a server's repository (`client/`, `frontend/`, `browser/`, `public/`, `www/`):
 * there an unhandled rejection is a console error, not a process crash.
 */
export const BROWSER_DIRECTORIES: ReadonlySet<string> = new Set(['client', 'frontend', 'browser', 'public', 'www']);

export function isBrowserFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => BROWSER_DIRECTORIES.has(directory));
}

/**
 * Development tooling (`scripts/`, `script/`, `tools/`, `extra/`): build, release and maintenance
 * chores run by a person at a terminal or by CI, who sees a hang and stops the run; a rejection
 * anywhere in one ends the run with the error, which is what its author runs it for.
 */
export const TOOLING_DIRECTORIES: ReadonlySet<string> = new Set(['scripts', 'script', 'tools', 'extra']);

export function isDevelopmentTooling(filename: string): boolean {
  return projectDirectories(filename).some((directory) => TOOLING_DIRECTORIES.has(directory));
}

/**
 * Demonstration code (`examples/`, `playground/`, `bench/`, `benchmark/`): it starts things, runs, and stops them;
 * a failure ends the demo, which is what its reader wants to see.
 */
export const DEMO_DIRECTORIES: ReadonlySet<string> = new Set(['examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmark', 'benchmarks']);

export function isDemoFile(filename: string): boolean {
  return projectDirectories(filename).some((directory) => DEMO_DIRECTORIES.has(directory));
}

/**
 * The directories of `filename` inside its repository (a checkout under ~/scripts/ is not a script).
 * An example with its own package.json (`examples/docker/worker/package.json`) is still under
 * `examples/`: the walk goes up to the outermost package.json of the repository.
 */
function projectDirectories(filename: string): readonly string[] {
  // Each rule asks for the file being linted, several times: the last answer stands while its root does.
  const absolute = lastDirectories?.filename === filename ? lastDirectories.absolute : resolve(filename);
  const root = repositoryRootOf(absolute);
  if (lastDirectories?.filename === filename && lastDirectories.root === root) return lastDirectories.directories;
  const inside = root === null ? absolute : relative(root, absolute);
  const directories = inside.split(/[\\/]/).slice(0, -1);
  // A relative name resolves against the working directory, which can change between calls.
  if (isAbsolute(filename)) lastDirectories = { filename, absolute, root, directories };
  return directories;
}
let lastDirectories: { filename: string; absolute: string; root: string | null; directories: readonly string[] } | undefined;


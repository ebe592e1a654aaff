import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * package.json files: the one place that finds and reads them, for the rules (the project's root,
 * its frameworks and their installed versions, its module type, whether it publishes the file) and
 * for the fix (where to declare the runtime).
 *
 * What the disk said is remembered for FRESH_FOR_MS after it was looked at. Rules ask for every
 * file, often several times, and an audit lints thousands of files in a few folders: a walk up from
 * each file on each question was about 16 `stat`s per file. An editor's ESLint server, though, lives
 * for hours while package.json files are edited and packages installed, and ESLint's rule API has no
 * "a lint run starts" signal to clear a cache on (rules are created per file, and one ESLint instance
 * lints many runs). So the clock is the run boundary: an entry is looked at again once it is older
 * than the window, counted from the look and not from the last use, so a folder asked about on every
 * keystroke is still re-read. An edited, created, deleted or newly installed package.json is thus
 * seen within the window; an unchanged one (same modification time and size) is not parsed again.
 * Where a run does have a start (an audit, a fix), it calls `forgetManifests()`.
 */
const FRESH_FOR_MS = 1_000;

/** A package.json that exists; `json` is null when it cannot be read or is not a JSON object. */
export interface ManifestFile {
  path: string;
  json: Record<string, unknown> | null;
}

/** The package.json that governs a file (an unreadable or invalid one counts as empty). */
export interface Manifest {
  path: string;
  json: Record<string, unknown>;
}

interface Look<T> {
  /** Date.now() when the disk was looked at: for a chain, its oldest part's look. */
  at: number;
  value: T;
}

interface FileLook extends ManifestFile {
  mtimeMs: number;
  size: number;
}

const files = new Map<string, Look<FileLook | undefined>>();
const chains = new Map<string, Look<readonly ManifestFile[]>>();

function isFresh(look: Look<unknown> | undefined, now: number): boolean {
  // A clock set back counts as stale.
  return look !== undefined && now >= look.at && now - look.at < FRESH_FOR_MS;
}

function lookAtFile(path: string, now: number): Look<FileLook | undefined> {
  const known = files.get(path);
  if (known && isFresh(known, now)) return known;
  let stats: { mtimeMs: number; size: number; isFile(): boolean } | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  let value: FileLook | undefined;
  if (!stats) value = undefined;
  else if (known?.value && known.value.mtimeMs === stats.mtimeMs && known.value.size === stats.size) value = known.value;
  // A folder (`.git`, looked for by repositoryRootOf) is there, with nothing to parse.
  else value = { path, mtimeMs: stats.mtimeMs, size: stats.size, json: stats.isFile() ? parseObject(path) : null };
  const look = { at: now, value };
  files.set(path, look);
  return look;
}

function parseObject(path: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** `relativePath` (a package.json, or one under node_modules) in the file's folder and each folder above it that has one, nearest first. */
function chainAbove(filePath: string, relativePath: string): readonly ManifestFile[] {
  return chainLook(filePath, relativePath).value;
}

function chainLook(filePath: string, relativePath: string): Look<readonly ManifestFile[]> {
  const start = dirname(resolve(filePath));
  const key = `${start}\0${relativePath}`;
  const now = Date.now();
  const known = chains.get(key);
  if (known && isFresh(known, now)) return known;
  const found: ManifestFile[] = [];
  let at = now;
  for (let directory = start; ; ) {
    const look = lookAtFile(join(directory, relativePath), now);
    at = Math.min(at, look.at);
    if (look.value) found.push({ path: look.value.path, json: look.value.json });
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  const look = { at, value: found };
  chains.set(key, look);
  return look;
}

/** Every package.json from the file's folder up to the root, nearest first. */
export function manifestsAbove(filePath: string): readonly ManifestFile[] {
  return chainAbove(filePath, 'package.json');
}

/** The package.json of `packageName` in each node_modules the file would resolve it from, nearest first. */
export function installedManifests(filePath: string, packageName: string): readonly ManifestFile[] {
  return chainAbove(filePath, join('node_modules', packageName, 'package.json'));
}

/** The nearest package.json above the file, as Node finds it for the file's module type. */
export function nearestManifest(filePath: string): Manifest | undefined {
  const nearest = manifestsAbove(filePath)[0];
  return nearest ? { path: nearest.path, json: nearest.json ?? {} } : undefined;
}

/** The nearest package.json above the file that holds a JSON object (an invalid one is passed over). */
export function nearestValidManifest(filePath: string): Manifest | undefined {
  const manifest = manifestsAbove(filePath).find((candidate) => candidate.json !== null);
  return manifest?.json ? { path: manifest.path, json: manifest.json } : undefined;
}

/**
 * The outermost folder with a package.json above `filename`, not leaving the git repository it is in:
 * an example with its own package.json (`examples/docker/worker/package.json`) still sits under the
 * repository's `examples/`. Null when no package.json governs the file.
 */
export function repositoryRootOf(filename: string): string | null {
  // The rules ask for the file being linted several times each (entry-files' folder checks): its last answer is kept as fresh as the chains it came from.
  const now = Date.now();
  if (lastRoot?.filename === filename && isFresh(lastRoot, now)) return lastRoot.value;
  const manifestLook = chainLook(filename, 'package.json');
  const repositoryLook = chainLook(filename, '.git');
  const manifests = manifestLook.value.filter((manifest) => manifest.json !== null);
  const repository = repositoryLook.value[0];
  const boundary = repository ? dirname(repository.path) : null;
  const inside = boundary === null ? manifests : manifests.filter((manifest) => isWithin(dirname(manifest.path), boundary));
  const root = manifests.length === 0 ? null : dirname((inside.at(-1) ?? manifests[0]!).path);
  lastRoot = { filename, at: Math.min(manifestLook.at, repositoryLook.at), value: root };
  return root;
}
let lastRoot: (Look<string | null> & { filename: string }) | undefined;

function isWithin(directory: string, ancestor: string): boolean {
  const path = relative(ancestor, directory);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** Drops everything remembered: a run with a start (an audit, a fix) reads package.json files as they are now. */
export function forgetManifests(): void {
  files.clear();
  chains.clear();
  lastRoot = undefined;
}

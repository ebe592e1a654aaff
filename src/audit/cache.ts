import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { packageJson, packageRoot } from '../package-info.js';
import type { FileFacts, LocatedFinding } from '../risk/types.js';
import type { LintProblem, RuleMessage } from './linting.js';
import { readSource } from './source-reader.js';

/** One finding as linting a file produced it, before the project-wide rating. */
export interface FileFinding {
  message: RuleMessage;
  located: LocatedFinding;
  code: string;
  /** Why `spawnguard fix` leaves this suggested shape to a human (rewrite/refusals.ts), if it does. */
  refusal?: string;
}

/** What linting one file gave: its findings and facts, or why it could not be linted. */
export type FileOutcome =
  | { ok: true; findings: FileFinding[]; problems: LintProblem[]; facts: FileFacts }
  | { ok: false; line: number; column: number; message: string };

interface CacheEntry {
  hash: string;
  /** The file's own settings (its rules from the ESLint config, the mode): another makes a miss. */
  context: string;
  /** Every project file the outcome can depend on (relative to the cache's root), with its hash then. */
  dependencies: Record<string, string>;
  outcome: FileOutcome;
}

interface CacheContents {
  version: 1;
  key: string;
  files: Record<string, CacheEntry>;
}

const CACHE_VERSION = 1;
export const DEFAULT_CACHE_FILE = '.spawnguardcache';

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 27);
}

/**
 * `--cache`: each file's outcome, kept between runs as ESLint's `.eslintcache` keeps its results.
 * An entry is served only when the file, and every project file it imports directly or indirectly,
 * is byte for byte what it was (hashes, not mtimes: a fresh CI checkout has new mtimes), and when the
 * run's key is the same (tool version and code, `--config`, the lockfile) and so are the file's own
 * settings (its rules, the mode). Its tsconfig and that file's declaration files count among what it
 * imports, and so does its nearest package.json. Anything else makes a miss, never a stale result.
 */
export class AuditCache {
  readonly #path: string;
  readonly #root: string;
  readonly #key: string;
  readonly #entries: Map<string, CacheEntry>;
  readonly #hashes = new Map<string, string | null>();

  private constructor(path: string, root: string, key: string, entries: Map<string, CacheEntry>) {
    this.#path = path;
    this.#root = root;
    this.#key = key;
    this.#entries = entries;
  }

  /**
   * `location` is a file, or a folder to hold `.spawnguardcache`. A cache that is missing, corrupt,
   * of another version or made under another key starts empty.
   */
  static open(location: string, root: string, key: string): AuditCache {
    const path = isFolderLocation(location) ? join(location, DEFAULT_CACHE_FILE) : location;
    let entries = new Map<string, CacheEntry>();
    try {
      const contents = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheContents>;
      if (contents.version === CACHE_VERSION && contents.key === key && contents.files && typeof contents.files === 'object') {
        entries = new Map(Object.entries(contents.files));
      }
    } catch {
      // No cache yet, or one that cannot be read: every file is a miss.
    }
    return new AuditCache(path, root, key, entries);
  }

  get path(): string {
    return this.#path;
  }

  /** The outcome kept for `file`, if neither it nor anything it imports changed. */
  lookup(file: string, context: string): FileOutcome | undefined {
    const entry = this.#entries.get(this.#relative(file));
    if (!entry || entry.context !== context || entry.hash !== this.#hashOf(file)) return undefined;
    for (const [dependency, hash] of Object.entries(entry.dependencies)) {
      if (this.#hashOf(resolve(this.#root, dependency)) !== hash) return undefined;
    }
    return entry.outcome;
  }

  store(file: string, context: string, dependencies: readonly string[], outcome: FileOutcome): void {
    const hash = this.#hashOf(file);
    if (hash === null) return;
    const hashes: Record<string, string> = {};
    for (const dependency of dependencies) {
      const dependencyHash = this.#hashOf(dependency);
      // A dependency that cannot be read cannot be checked next time: do not keep the entry.
      if (dependencyHash === null) return;
      hashes[this.#relative(dependency)] = dependencyHash;
    }
    this.#entries.set(this.#relative(file), { hash, context, dependencies: hashes, outcome });
  }

  /** Writes the cache atomically (a temporary file beside it, then a rename), dropping deleted files. */
  save(): void {
    const files: Record<string, CacheEntry> = {};
    for (const [file, entry] of [...this.#entries].sort(([a], [b]) => a.localeCompare(b))) {
      if (existsSync(resolve(this.#root, file))) files[file] = entry;
    }
    const contents: CacheContents = { version: CACHE_VERSION, key: this.#key, files };
    mkdirSync(dirname(this.#path), { recursive: true });
    const temporary = `${this.#path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(contents));
    renameSync(temporary, this.#path);
  }

  #relative(file: string): string {
    return relative(this.#root, file).split(sep).join('/');
  }

  #hashOf(file: string): string | null {
    let hash = this.#hashes.get(file);
    if (hash === undefined) {
      const text = existsSync(file) ? readSourceText(file) : undefined;
      hash = text === undefined ? null : hashText(text);
      this.#hashes.set(file, hash);
    }
    return hash;
  }
}

function readSourceText(file: string): string | undefined {
  const read = readSource(file);
  return read.ok ? read.text : undefined;
}

function isFolderLocation(location: string): boolean {
  if (location.endsWith('/') || location.endsWith(sep)) return true;
  try {
    return statSync(location).isDirectory();
  } catch {
    return false;
  }
}

/** The lockfile nearest above `root` (package-lock, pnpm, yarn, bun): it stands for the types of every package. */
function lockfileText(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    for (const name of ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock']) {
      const path = join(dir, name);
      if (existsSync(path)) return `${name}\0${readFileSync(path, 'utf8')}`;
    }
    if (dirname(dir) === dir) return '';
  }
}

let toolFingerprint: string | undefined;

/**
 * The tool's own code that decides findings (rules, detectors, risk model), hashed: a changed rule
 * without a version bump (a local build, a patch) must not be served its old results.
 */
function ownCodeFingerprint(): string {
  if (toolFingerprint !== undefined) return toolFingerprint;
  const hash = createHash('sha256').update(packageJson.version);
  const fromBuild = existsSync(join(packageRoot, 'dist', 'rules'));
  const folders = fromBuild ? [join(packageRoot, 'dist')] : [join(packageRoot, 'rules'), join(packageRoot, 'src')];
  const stack = [...folders];
  const files: string[] = [];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (['.js', '.ts'].includes(extname(entry.name))) files.push(path);
    }
  }
  for (const file of files.sort()) hash.update(file.slice(packageRoot.length)).update(readFileSync(file));
  toolFingerprint = hash.digest('base64url');
  return toolFingerprint;
}

/** What every cached outcome of a run depends on, besides its own file, settings and imports. */
export function cacheKey(parts: { root: string; config: unknown }): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        tool: ownCodeFingerprint(),
        node: process.versions.node,
        config: parts.config,
        lockfile: hashText(lockfileText(parts.root)),
      }),
    )
    .digest('base64url');
}

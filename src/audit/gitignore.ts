import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The folder holding `.git` above (or at) `start`, if any. */
export function findGitRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Answers "does git ignore this path?" the way git does for the common cases: every `.gitignore`
 * from the top folder down to the path's folder applies to it, relative to the folder holding it,
 * a path inside an ignored folder is ignored, and at a repository root `.git/info/exclude` applies
 * as a root `.gitignore` does. `top` is the repository root when there is one, else the folder
 * being scanned. Ignore files are read once per folder; one that cannot be read (a folder named
 * `.gitignore`, no permission) is reported through `onProblem` and treated as empty.
 */
export class GitignoreRules {
  readonly #top: string;
  readonly #perFolder = new Map<string, Ignore | null>();
  readonly #onProblem: (message: string) => void;

  constructor(top: string, onProblem: (message: string) => void = () => {}) {
    this.#top = top;
    this.#onProblem = onProblem;
  }

  isIgnored(absolutePath: string, isFolder = false): boolean {
    const fromTop = relative(this.#top, absolutePath);
    if (fromTop === '' || fromTop.startsWith('..')) return false;
    const segments = fromTop.split(sep);
    // Check each ancestor folder as a folder first: git never re-includes a path under an ignored folder.
    let folder = this.#top;
    for (let i = 0; i < segments.length; i++) {
      const last = i === segments.length - 1;
      const candidate = join(folder, segments[i]!);
      if (this.#matches(candidate, last ? isFolder : true)) return true;
      folder = candidate;
    }
    return false;
  }

  /** Whether any `.gitignore` between the top and `path`'s folder ignores `path`. */
  #matches(path: string, isFolder: boolean): boolean {
    for (let folder = dirname(path); ; folder = dirname(folder)) {
      const rules = this.#rulesOf(folder);
      if (rules) {
        const relativePath = relative(folder, path).split(sep).join('/') + (isFolder ? '/' : '');
        if (rules.ignores(relativePath)) return true;
      }
      if (folder === this.#top || dirname(folder) === folder) return false;
    }
  }

  #rulesOf(folder: string): Ignore | null {
    let rules = this.#perFolder.get(folder);
    if (rules === undefined) {
      const files = [join(folder, '.gitignore')];
      if (folder === this.#top) files.unshift(join(folder, '.git', 'info', 'exclude'));
      const texts = files.map((file) => this.#read(file)).filter((text) => text !== undefined);
      rules = texts.length > 0 ? ignore().add(texts.join('\n')) : null;
      this.#perFolder.set(folder, rules);
    }
    return rules;
  }

  #read(file: string): string | undefined {
    if (!existsSync(file)) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      this.#onProblem(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); its patterns are not applied`);
      return undefined;
    }
  }
}

/**
 * The hand-written source files under a folder, breadth first: what a question about "the whole
 * project" reads (client-defaults' axios default, module-state's callers of a function). Bounded, so
 * a huge tree answers "not seen" instead of stalling the lint.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { countWork } from './work-counts.js';

/** Enough for a large server repository; past it the walk stops (the caller treats the rest as unknown). */
export const MAX_SOURCE_FILES = 5_000;
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
/** Dependencies, build output, and test code (which is not the program). */
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'test', 'tests', '__tests__', 'spec', 'e2e']);

/** A directory the walk never enters. */
export function isSkippedDirectory(name: string): boolean {
  return SKIPPED_DIRECTORIES.has(name) || name.startsWith('.');
}

export interface SourceFiles {
  files: string[];
  /** The walk stopped at MAX_SOURCE_FILES: files past it were not seen. */
  truncated: boolean;
}

/**
 * Source files under `root`, not entering hidden or skipped directories; with `ownPackageOnly`, not
 * entering a folder with its own package.json either (another package, run as another process).
 */
export function sourceFilesUnder(root: string, ownPackageOnly: boolean): SourceFiles {
  const files: string[] = [];
  const folders = [root];
  countWork('source tree walks');
  while (folders.length > 0) {
    if (files.length >= MAX_SOURCE_FILES) {
      countWork('files listed by source tree walks', files.length);
      return { files, truncated: true };
    }
    const folder = folders.shift()!;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    if (ownPackageOnly && folder !== root && entries.some((entry) => entry.isFile() && entry.name === 'package.json')) continue;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !isSkippedDirectory(entry.name)) folders.push(path);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) files.push(path);
    }
  }
  countWork('files listed by source tree walks', files.length);
  return { files, truncated: false };
}

#!/usr/bin/env node
// The source stamp: a hash of everything `npm run build` compiles, written into dist/ by the build
// and compared by the tools that run a build (the eval), so that they refuse a dist/ older than its
// sources. File times cannot tell: `tsc -b` leaves an output it would write unchanged untouched, and
// a checkout or a stash sets a source's time to when it happened, not to when its text changed.
//
// usage: node scripts/build-stamp.mjs --write   (the last step of `npm run build`)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders the build compiles (tsconfig.build.json and the runtime's tsconfigs) and its settings. */
const SOURCE_FOLDERS = ['src', 'rules', 'runtime/src'];
const BUILD_SETTINGS = ['tsconfig.base.json', 'tsconfig.build.json', 'runtime/tsconfig.json', 'runtime/tsconfig.cjs.json'];
const STAMP_FILE = join('dist', '.source-stamp');

function sourceFiles(root, folder) {
  const dir = join(root, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The hash of the sources and build settings of the checkout at `root` (sha256, hex). */
export function sourceStamp(root) {
  const files = [...SOURCE_FOLDERS.flatMap((folder) => sourceFiles(root, folder)), ...BUILD_SETTINGS.filter((file) => existsSync(join(root, file)))].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}

export function writeSourceStamp(root) {
  writeFileSync(join(root, STAMP_FILE), `${sourceStamp(root)}\n`);
}

/**
 * Why the build of the checkout at `root` cannot be run as its sources stand, or null when its
 * stamp matches them. One line, naming the fix.
 */
export function staleBuildReason(root) {
  const stampFile = join(root, STAMP_FILE);
  if (!existsSync(stampFile)) return `${join(root, 'dist')} has no source stamp (not built, or built before stamps): run \`npm run build\` in ${root}`;
  if (readFileSync(stampFile, 'utf8').trim() !== sourceStamp(root)) return `${join(root, 'dist')} is older than the sources in ${root}: run \`npm run build\` there`;
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== '--write' || process.argv.length !== 3) {
    console.error('usage: node scripts/build-stamp.mjs --write');
    process.exit(2);
  }
  writeSourceStamp(fileURLToPath(new URL('..', import.meta.url)));
}

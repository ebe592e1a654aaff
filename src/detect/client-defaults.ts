/**
 * Process-wide defaults an HTTP client is given by the project itself: `axios.defaults.timeout =
 * 300 * 1000` in a server's start-up (uptime-kuma) bounds every request the default axios instance
 * makes in that process, whichever file makes it. The project is the package the file belongs to (its
 * nearest package.json), without the packages nested in it (an example with its own package.json
 * runs in another process).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { nearestManifest } from './nearest-manifest.js';
import { sourceFilesUnder } from './source-files.js';

/** A lint process in an editor sees the project change: the answer is looked at again after this. */
const FRESH_FOR_MS = 30_000;
const MAX_FILE_BYTES = 1_000_000;
/** `axios.defaults.timeout = <not 0>`: 0 is axios's own "no timeout". */
const AXIOS_DEFAULT_TIMEOUT = /\baxios\.defaults\.timeout\s*=(?!=)\s*(?!0\s*[;\n])\S/;
const IMPORTS_AXIOS = /\brequire\(\s*['"]axios['"]\s*\)|\bfrom\s+['"]axios['"]/;

const answers = new Map<string, { at: number; value: boolean }>();

/** The project (the package `filename` belongs to) sets a default timeout on the axios instance it imports. */
export function projectSetsAxiosDefaultTimeout(filename: string): boolean {
  const manifest = nearestManifest(filename);
  if (!manifest) return false;
  const root = dirname(manifest.path);
  const now = Date.now();
  const known = answers.get(root);
  if (known && now >= known.at && now - known.at < FRESH_FOR_MS) return known.value;
  // Past the walk's bound the answer is "not seen" (the rule reports as before).
  const value = sourceFilesUnder(root, true).files.some(setsAxiosDefaultTimeout);
  answers.set(root, { at: now, value });
  return value;
}

function setsAxiosDefaultTimeout(file: string): boolean {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return false;
    const text = readFileSync(file, 'utf8');
    return AXIOS_DEFAULT_TIMEOUT.test(text) && IMPORTS_AXIOS.test(text);
  } catch {
    return false;
  }
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package.json that governs a file: the nearest one above it, with its parsed content (an
 * unreadable or invalid one counts as empty). Remembered per folder: the rules and the fix ask for
 * every file of a folder.
 */
export interface Manifest {
  path: string;
  json: Record<string, unknown>;
}

const manifests = new Map<string, Manifest | undefined>();

export function nearestManifest(filePath: string): Manifest | undefined {
  const start = dirname(filePath);
  if (manifests.has(start)) return manifests.get(start);
  let found: Manifest | undefined;
  for (let dir = start; ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      let json: Record<string, unknown> = {};
      try {
        const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
        if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
      } catch {
        // An unreadable manifest says nothing about the package.
      }
      found = { path, json };
      break;
    }
    if (dirname(dir) === dir) break;
  }
  manifests.set(start, found);
  return found;
}

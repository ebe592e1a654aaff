import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The toolkit's own package.json, found by walking up from this module: the same code runs from
 * source (tests) and from dist/ (the published bin), which sit at different depths.
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'spawnguard') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('spawnguard: cannot find its own package.json');
    dir = parent;
  }
}

export const packageRoot = findPackageRoot();
export const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The tests of the published entry points (bin/, codemods/, the package's main) run the build in
 * dist/, so it is brought up to date before any test runs: `tsc -b` rebuilds what changed and is a
 * quick no-op otherwise. A stale dist/ would test yesterday's code.
 */
export default function buildDist(): void {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-b', 'runtime', 'tsconfig.build.json'], { cwd: repoRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed before the tests:\n${build.stdout}${build.stderr}`);
}

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The tests of the published entry points (bin/, codemods/, the package's main) run the build in
 * dist/, so it is brought up to date before any test runs, by `npm run build` itself (one list of
 * build steps, the source stamp the eval checks included): `tsc -b` rebuilds what changed and is a
 * quick no-op otherwise. A stale dist/ would test yesterday's code.
 */
export default function buildDist(): void {
  const repoRoot = fileURLToPath(new URL('..', import.meta.url));
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`npm run build failed before the tests:\n${build.stdout}${build.stderr}${build.error?.message ?? ''}`);
}

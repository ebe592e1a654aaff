// What importing the plugin loads: an editor on plain JavaScript, `eslint` on a JS project and
// oxlint's jsPlugins import it and lint syntactically, so neither the TypeScript compiler nor
// ESLint itself may come with it (the TypeScript parser is loaded on the first TypeScript file;
// the rules import @typescript-eslint/utils' subpaths, not its root, which loads ESLint). In a child
// process on the build, so nothing this test runner loaded counts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const builtPlugin = join(repoRoot, 'dist', 'rules', 'index.js');

describe("import('spawnguard')", () => {
  it('loads neither the TypeScript compiler nor ESLint, and gives the plugin with its configs', () => {
    const script = `import { createRequire } from 'node:module';
const plugin = (await import(${JSON.stringify(pathToFileURL(builtPlugin).href)})).default;
const files = Object.keys(createRequire(import.meta.url).cache);
process.stdout.write(JSON.stringify({
  typescript: files.some((file) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(file)),
  eslint: files.some((file) => /[\\\\/]node_modules[\\\\/]eslint[\\\\/]/.test(file)),
  parser: files.some((file) => /[\\\\/]@typescript-eslint[\\\\/]parser[\\\\/]dist[\\\\/]/.test(file)),
  configs: Object.keys(plugin.configs),
}));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ typescript: false, eslint: false, parser: false, configs: ['recommended', 'strict'] });
  });
});

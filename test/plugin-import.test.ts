// What importing the plugin loads: an editor on plain JavaScript, `eslint` on a JS project and
// oxlint's jsPlugins import it and lint syntactically, so neither the TypeScript compiler nor
// ESLint itself may come with it (the TypeScript parser is loaded on the first TypeScript file;
// the rules import @typescript-eslint/utils' subpaths, not its root, which loads ESLint). In a child
// process on the build, so nothing this test runner loaded counts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('loads no rule module and no detector until ESLint reads a rule, then only the rules it runs', () => {
    const work = mkdtempSync(join(tmpdir(), 'spawnguard-import-'));
    const loadLog = join(work, 'loaded.txt');
    try {
      // The ES modules the import loads, as Node's loader sees them (a hook that logs each load).
      const logLoads = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(loadLog)}, url + '\\n'); return next(url, context); }`;
      const script = `import { createRequire, register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(logLoads)}));
const plugin = (await import(${JSON.stringify(pathToFileURL(builtPlugin).href)})).default;
const { Linter } = await import('eslint');
const messages = new Linter().verify('setInterval(() => {}, 1000);\\nasync function save() {}\\nsave();\\n', [
  { plugins: { spawnguard: plugin }, rules: { 'spawnguard/no-stray-timer': 'error' } },
], 'poller.js');
const required = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.startsWith(${JSON.stringify(join(repoRoot, 'dist'))}));
process.stdout.write(JSON.stringify({ found: messages.map((message) => message.ruleId + ':' + message.line), required }));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const loadedAtImport = readFileSync(loadLog, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith(pathToFileURL(join(repoRoot, 'dist')).href))
        .map((url) => url.slice(pathToFileURL(repoRoot).href.length));
      expect(loadedAtImport.sort()).toEqual(['dist/rules/index.js', 'dist/rules/rule-modules.js', 'dist/src/catalogue/rules.js', 'dist/src/package-info.js']);
      // The one rule the config turns on is loaded (by \`require\`, which Node's cache records) and reports.
      const { found, required } = JSON.parse(run.stdout) as { found: string[]; required: string[] };
      expect(found).toEqual(['spawnguard/no-stray-timer:1']);
      expect(required).toEqual([join(repoRoot, 'dist', 'rules', 'no-stray-timer.js')]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('works the same from CommonJS (an eslint.config.cjs), strict config included', () => {
    const script = `const plugin = require(${JSON.stringify(builtPlugin)});
const { Linter } = require('eslint');
const code = 'setInterval(() => {}, 1000);\\ntry { run(); } catch {}\\n';
const lint = (config) => new Linter().verify(code, config, 'poller.js').map((message) => message.ruleId + ':' + message.line);
process.stdout.write(JSON.stringify({ recommended: lint(plugin.configs.recommended), strict: lint(plugin.configs.strict) }));`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // The synchronous empty catch is strict's (no-swallowed-error's strictOptions, read from its module).
    expect(JSON.parse(run.stdout)).toEqual({
      recommended: ['spawnguard/no-stray-timer:1'],
      strict: ['spawnguard/no-stray-timer:1', 'spawnguard/no-swallowed-error:2'],
    });
  });

  // A Node that cannot require an ES module (below the engines floor, as an older editor's bundled
  // Node; Node 20.19+ can turn it off with this flag, which later Node lines may drop).
  it.runIf(process.allowedNodeEnvironmentFlags.has('--experimental-require-module'))(
    'below the floor, the first read of a rule says which Node it needs',
    () => {
      const script = `const plugin = (await import(${JSON.stringify(pathToFileURL(builtPlugin).href)})).default;
try { plugin.rules['no-stray-timer'].meta; } catch (error) { process.stdout.write(error.message); }`;
      const run = spawnSync(process.execPath, ['--no-experimental-require-module', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
      expect(run.stdout).toBe(`spawnguard needs Node >= 20.19 to load its rules (require of an ES module); this is Node ${process.versions.node}`);
    },
  );
});

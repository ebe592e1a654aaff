import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime, repoRoot, runNode, type Outcome } from './helpers/built-runtime.js';

// The runtime ships a CommonJS and an ES module build, each with its types, for the Node versions
// runtime/package.json states. These tests run `node` on the built files, as a user's program would.

const runtimeDir = join(repoRoot, 'runtime');
const manifest = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')) as {
  engines: { node: string };
  exports: Record<string, Record<string, { types: string; default: string }>>;
};

beforeAll(() => {
  buildRuntime();
});

/**
 * The node that runs the built files: this one, or the one SPAWNGUARD_TEST_NODE names (.ci/run points
 * it at Node 18, the oldest version runtime/package.json states).
 */
const nodeUnderTest = process.env['SPAWNGUARD_TEST_NODE'] ?? process.execPath;

/** `node` on the built files, without a time limit of its own (see `runNode`). */
function runBuilt(args: string[]): Promise<Outcome> {
  return runNode(args, { node: nodeUnderTest });
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return dir.endsWith('dist') && entry.name === 'cjs' ? [] : jsFiles(join(dir, entry.name));
    return entry.name.endsWith('.js') ? [join(dir, entry.name)] : [];
  });
}

/** What both scenarios print: where the package resolved, and a crash-restart-stop round trip. */
const scenario = `
  const events = [];
  diagnostics_channel.subscribe(runtime.channels.childRestart, (event) => events.push('restart ' + event.id));
  diagnostics_channel.subscribe(runtime.channels.childExit, () => {}); // crashes seen, not printed
  diagnostics_channel.subscribe(runtime.channels.taskError, (event) => events.push('task error ' + event.error.message));
  let crash;
  const sup = new runtime.Supervisor({
    name: 'packaged',
    children: [{ id: 'w', start: () => ({ done: new Promise((_, reject) => (crash = reject)), stop() {} }) }],
  });
  (async () => {
    await sup.start();
    crash(new Error('boom'));
    while (events.length === 0) await new Promise((resolve) => setImmediate(resolve));
    runtime.tasks.start(async () => { throw new Error('lost'); });
    while (events.length === 1) await new Promise((resolve) => setImmediate(resolve));
    await sup.stop();
    console.log(JSON.stringify({ resolved, events, signalListeners: process.listenerCount('SIGTERM') }));
  })();
`;

describe('the CommonJS build', () => {
  it('is what require() loads, and it works', async () => {
    const outcome = await runBuilt([
      '--input-type=commonjs',
      '-e',
      `const diagnostics_channel = require('node:diagnostics_channel');
       const runtime = require('@spawnguard/runtime');
       const resolved = require.resolve('@spawnguard/runtime');
       ${scenario}`,
    ]);
    expect(outcome.stderr).toBe('');
    const result = JSON.parse(outcome.stdout) as { resolved: string; events: string[]; signalListeners: number };
    expect(result.resolved).toBe(join(runtimeDir, 'dist/cjs/index.js'));
    expect(result.events).toEqual(['restart w', 'task error lost']);
    expect(result.signalListeners).toBe(0);
  });

  it('carries no comment but its source-map link: the documentation is in the .d.ts files and the ES module build', () => {
    for (const file of jsFiles(join(runtimeDir, 'dist/cjs'))) {
      const text = readFileSync(file, 'utf8');
      const comments = text.split('\n').filter((line) => /^\s*(\/\/|\/\*|\*\/|\*(\s|$))/.test(line) && !line.startsWith('//# sourceMappingURL='));
      expect(comments, file).toEqual([]);
    }
    expect(readFileSync(join(runtimeDir, 'dist/cjs/supervisor.d.ts'), 'utf8')).toContain('/**');
    expect(readFileSync(join(runtimeDir, 'dist/supervisor.js'), 'utf8')).toContain('/**');
  });

  it('keeps the lines tsc wrote, so a stack trace read through its source maps names the TypeScript line that threw', async () => {
    const outcome = await runBuilt([
      '--enable-source-maps',
      '-e',
      `try { new (require('@spawnguard/runtime').Supervisor)({ maxRestarts: -1 }); } catch (error) { console.log(error.stack.split('\\n')[1]); }`,
    ]);
    const frame = /\((.*supervisor\.ts):(\d+):\d+\)/.exec(outcome.stdout);
    expect(frame, outcome.stdout + outcome.stderr).not.toBeNull();
    const thrower = readFileSync(join(runtimeDir, 'src/supervisor.ts'), 'utf8').split('\n')[Number(frame![2]) - 1];
    expect(thrower).toContain('throw new RangeError(`maxRestarts must be');
  });

  it('is ES2020 syntax, so engines and bundlers older than the toolkit load it untranspiled', () => {
    const files = jsFiles(join(runtimeDir, 'dist/cjs'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(() => parse(readFileSync(file, 'utf8'), { ecmaVersion: 2020, sourceType: 'script' }), file).not.toThrow();
    }
  });
});

describe('the ES module build', () => {
  it('is what import loads, and it works', async () => {
    const outcome = await runBuilt([
      '--input-type=module',
      '-e',
      `import diagnostics_channel from 'node:diagnostics_channel';
       import * as runtime from '@spawnguard/runtime';
       import { fileURLToPath } from 'node:url';
       const resolved = fileURLToPath(import.meta.resolve('@spawnguard/runtime'));
       ${scenario}`,
    ]);
    expect(outcome.stderr).toBe('');
    const result = JSON.parse(outcome.stdout) as { resolved: string; events: string[]; signalListeners: number };
    expect(result.resolved).toBe(join(runtimeDir, 'dist/index.js'));
    expect(result.events).toEqual(['restart w', 'task error lost']);
    expect(result.signalListeners).toBe(0);
  });

  it('is ES2022 syntax', () => {
    const files = jsFiles(join(runtimeDir, 'dist'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(() => parse(readFileSync(file, 'utf8'), { ecmaVersion: 2022, sourceType: 'module' }), file).not.toThrow();
    }
  });

  it('recognises a shutdown exit made by the CommonJS build loaded beside it', async () => {
    const outcome = await runBuilt([
      '--input-type=module',
      '-e',
      `import { createRequire } from 'node:module';
       import { isShutdownExit } from '@spawnguard/runtime';
       const cjs = createRequire(import.meta.url)('@spawnguard/runtime');
       console.log(cjs.isShutdownExit === isShutdownExit, isShutdownExit(new cjs.ShutdownExit()));`,
    ]);
    expect(outcome.stdout).toBe('false true\n');
  });
});

describe('the package', () => {
  it('maps import and require to their own build and types, and every file it names exists', () => {
    const entry = manifest.exports['.'] as Record<string, { types: string; default: string }>;
    expect(Object.keys(entry)).toEqual(['import', 'require']);
    expect(entry.import?.default).toBe('./dist/index.js');
    expect(entry.require?.default).toBe('./dist/cjs/index.js');
    for (const condition of Object.values(entry)) {
      expect(existsSync(join(runtimeDir, condition.types))).toBe(true);
      expect(existsSync(join(runtimeDir, condition.default))).toBe(true);
    }
  });

  it('states the Node versions it supports in package.json and README.md alike', () => {
    expect(manifest.engines.node).toBe('>=18');
    expect(readFileSync(join(runtimeDir, 'README.md'), 'utf8')).toContain('Node >= 18');
  });

  it('stays small enough to inline: under 40 KB of gzipped JavaScript per build', () => {
    for (const dir of ['dist', 'dist/cjs']) {
      const source = jsFiles(join(runtimeDir, dir))
        .map((file) => readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''))
        .join('\n');
      expect(gzipSync(source).length).toBeLessThan(40_000);
    }
  });
});

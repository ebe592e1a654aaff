import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRuntime, runScript } from './helpers/built-runtime.js';

// The runtime ships inside users' services: importing it must load nothing of the toolkit
// (eslint, ts-morph, jscodeshift, typescript) and nothing outside node:* at all.

const runtimeDir = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const specifier = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('the runtime has no dependencies', () => {
  it('imports only node:* modules and relative files in runtime/src', () => {
    const files = sourceFiles(join(runtimeDir, 'src'));
    expect(files.length).toBeGreaterThan(10);
    const foreign: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
        const target = match[1] ?? match[2] ?? match[3] ?? '';
        if (!target.startsWith('node:') && !target.startsWith('./') && !target.startsWith('../')) {
          foreign.push(`${relative(runtimeDir, file)}: ${target}`);
        }
      }
    }
    expect(foreign).toEqual([]);
  });

  it('declares no dependencies in runtime/package.json', () => {
    const manifest = JSON.parse(readFileSync(join(runtimeDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      expect(manifest[field] ?? {}).toEqual({});
    }
  });

  describe('importing the built entry in a fresh process', () => {
    beforeAll(() => {
      buildRuntime();
    });

    it('loads only the runtime itself and node builtins', async () => {
      const outcome = await runScript(`
        import { createRequire } from 'node:module';
        const runtime = await import('@spawnguard/runtime');
        const loaded = Object.keys(createRequire(import.meta.url).cache);
        console.log(JSON.stringify({ exports: Object.keys(runtime).sort(), loaded }));
      `);
      expect(outcome.stderr).toBe('');
      const { exports, loaded } = JSON.parse(outcome.stdout) as { exports: string[]; loaded: string[] };
      expect(exports).toEqual(
        [
          'Application',
          'DynamicSupervisor',
          'ShutdownExit',
          'Supervisor',
          'TaskSupervisor',
          'channels',
          'handleSignals',
          'isShutdownExit',
          'report',
          'root',
          'supervise',
          'tasks',
          // the seeds' circuit breaker, rate limiter, registry and chaos mode
          'Breaker',
          'BreakerBlownError',
          'breaker',
          'MemoryRateLimitStore',
          'defaultRateLimitStore',
          'rateLimit',
          'Registry',
          'ChaosError',
          'chaos',
        ].sort(),
      );
      // No CommonJS module was required along the way (eslint, ts-morph, jscodeshift are CommonJS).
      expect(loaded.filter((path) => /eslint|ts-morph|jscodeshift|typescript/.test(path))).toEqual([]);
    });

    it('resolves every ES module it loads inside runtime/dist', async () => {
      const outcome = await runScript(`
        import { register } from 'node:module';
        const seen = [];
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (url) => seen.push(url));
        port1.unref();
        register('data:text/javascript,' + encodeURIComponent(
          "let port; export function initialize(data) { port = data.port; port.on('message', () => port.postMessage('flushed')); port.unref(); }" +
          "export async function resolve(specifier, context, next) { const result = await next(specifier, context); port.postMessage(result.url); return result; }"
        ), { data: { port: port2 }, transferList: [port2] });
        await import('@spawnguard/runtime');
        // The hooks thread answers after every URL it posted: once the answer is here, so are they.
        port1.ref();
        const flushed = new Promise((resolve) => port1.on('message', (message) => message === 'flushed' && resolve()));
        port1.postMessage('flush');
        await flushed;
        port1.unref();
        console.log(JSON.stringify(seen.filter((url) => url !== 'flushed')));
      `);
      const urls = JSON.parse(outcome.stdout) as string[];
      expect(urls.length).toBeGreaterThan(5);
      const outside = urls.filter((url) => !url.startsWith('node:') && !url.includes('/runtime/dist/'));
      expect(outside).toEqual([]);
    });
  });
});

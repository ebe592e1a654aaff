import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The package.json cache of src/detect/nearest-manifest.ts: what a long-lived editor process sees
 * after package.json changes, and how many times a lint of many files reads the disk for it. The
 * clock is faked (only Date, which the cache reads), so nothing here depends on how fast the machine is.
 */

// Counts the file-system calls made for package.json files, whatever module makes them.
const manifestCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const counted = <F extends (path: never, ...rest: never[]) => unknown>(call: F): F =>
    ((path: Parameters<F>[0], ...rest: never[]) => {
      if (String(path).endsWith('package.json')) manifestCalls.count++;
      return call(path, ...rest);
    }) as F;
  const statSync = counted(fs.statSync);
  const readFileSync = counted(fs.readFileSync);
  const existsSync = counted(fs.existsSync);
  return { ...fs, statSync, readFileSync, existsSync, default: { ...fs, statSync, readFileSync, existsSync } };
});

const { expressMajor } = await import('../../src/detect/frameworks.js');
const { forgetManifests, nearestManifest, nearestValidManifest, repositoryRootOf } = await import('../../src/detect/nearest-manifest.js');
/** The folder of the nearest valid package.json: the project a file belongs to. */
const projectRootOf = (file: string) => { const manifest = nearestValidManifest(file); return manifest ? dirname(manifest.path) : null; };
const { rules } = await import('../../rules/index.js');
const tsParser = await import('@typescript-eslint/parser');

const ROUTE = "import express from 'express';\nasync function handle(...args: unknown[]): Promise<void> {}\nconst app = express();\napp.get('/users', async (req, res) => handle(req, res));\n";

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-manifest-'));
  vi.useFakeTimers({ toFake: ['Date'] });
  forgetManifests();
  manifestCalls.count = 0;
});

afterEach(() => {
  vi.useRealTimers();
  rmSync(root, { recursive: true, force: true });
});

function writeJson(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

/** What an editor's ESLint server does on each keystroke: lint one file's text with the same Linter. */
function detachedCallbacks(linter: Linter, filename: string): number {
  const config: Linter.Config[] = [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser as Linter.Parser },
      plugins: { spawnguard: { rules } as never },
      rules: { 'spawnguard/no-detached-async-callback': 'error' },
    },
  ];
  const messages = linter.verify(ROUTE, config, { filename });
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages.filter((message) => message.ruleId === 'spawnguard/no-detached-async-callback').length;
}

describe('package.json lookups in a long-lived process (the editor)', () => {
  it('an Express 4 project moved to Express 5 in package.json stops reporting route handlers once the file is linted again', () => {
    writeJson(join(root, 'package.json'), { dependencies: { express: '^4.21.2' } });
    const file = join(root, 'src', 'routes.ts');
    const linter = new Linter({ cwd: root });
    expect(detachedCallbacks(linter, file)).toBe(1);

    writeJson(join(root, 'package.json'), { dependencies: { express: '^5.1.0' } });
    vi.setSystemTime(Date.now() + 1_000);
    expect(detachedCallbacks(linter, file)).toBe(0);
  });

  it('a newly installed express (node_modules) is seen, and wins over the declared range', () => {
    writeJson(join(root, 'package.json'), { dependencies: { express: '^4.21.2' } });
    const file = join(root, 'src', 'routes.ts');
    expect(expressMajor(file)).toBe(4);

    writeJson(join(root, 'node_modules', 'express', 'package.json'), { name: 'express', version: '5.1.0' });
    vi.setSystemTime(Date.now() + 1_000);
    expect(expressMajor(file)).toBe(5);
  });

  it('a package.json created nearer the file, and then deleted, is seen both times', () => {
    writeJson(join(root, 'package.json'), { name: 'outer' });
    const file = join(root, 'packages', 'inner', 'index.ts');
    expect(projectRootOf(file)).toBe(root);

    writeJson(join(root, 'packages', 'inner', 'package.json'), { name: 'inner' });
    vi.setSystemTime(Date.now() + 1_000);
    expect(projectRootOf(file)).toBe(join(root, 'packages', 'inner'));

    rmSync(join(root, 'packages', 'inner', 'package.json'));
    vi.setSystemTime(Date.now() + 1_000);
    expect(projectRootOf(file)).toBe(root);
  });

  it('the repository root (the outermost package.json): one created above is remembered as absent within the window, and seen after it', () => {
    writeJson(join(root, 'project', 'package.json'), { name: 'inner' });
    const file = join(root, 'project', 'src', 'index.ts');
    expect(repositoryRootOf(file)).toBe(join(root, 'project'));
    writeJson(join(root, 'package.json'), { name: 'outer' });
    expect(repositoryRootOf(file)).toBe(join(root, 'project'));
    vi.setSystemTime(Date.now() + 1_000);
    expect(repositoryRootOf(file)).toBe(root);
    rmSync(join(root, 'package.json'));
    forgetManifests();
    expect(repositoryRootOf(file)).toBe(join(root, 'project'));
  });

  it('forgetManifests (an audit starting) sees an edit at once', () => {
    writeJson(join(root, 'package.json'), { dependencies: { express: '^4.21.2' } });
    const file = join(root, 'app.ts');
    expect(expressMajor(file)).toBe(4);
    writeJson(join(root, 'package.json'), { dependencies: { express: '^5.1.0' } });
    forgetManifests();
    expect(expressMajor(file)).toBe(5);
  });
});

describe('which package.json governs a file', () => {
  it('the nearest one, even when it is not valid JSON (as Node reads a module type); the project root passes over it', () => {
    writeJson(join(root, 'package.json'), { name: 'outer', type: 'module' });
    mkdirSync(join(root, 'broken'));
    writeFileSync(join(root, 'broken', 'package.json'), '{ not json');
    const file = join(root, 'broken', 'index.js');
    expect(nearestManifest(file)).toEqual({ path: join(root, 'broken', 'package.json'), json: {} });
    expect(projectRootOf(file)).toBe(root);
  });
});

describe('how often a lint reads the disk for package.json', () => {
  function lintFolder(count: number): number {
    const linter = new Linter({ cwd: root });
    forgetManifests();
    manifestCalls.count = 0;
    for (let i = 0; i < count; i++) detachedCallbacks(linter, join(root, 'src', 'routes', `route-${i}.ts`));
    return manifestCalls.count;
  }

  it('is the same for 40 files of one folder as for one (O(1) per folder, not per file or per question)', () => {
    writeJson(join(root, 'package.json'), { dependencies: { express: '^4.21.2' } });
    const one = lintFolder(1);
    expect(one).toBeGreaterThan(0);
    expect(lintFolder(40)).toBe(one);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dependencyJavaScriptOf, dependencyModuleFile, packageNameOf } from '../../src/detect/dependency-code.js';
import { forgetManifests } from '../../src/detect/nearest-manifest.js';

// Which installed package bodies "cannot reject" may read: the one every install of the checkout runs
// (declared by the importing file's manifest, its installed version pinned exactly or by the lockfile
// for that folder), found as Node loads it (exports conditions, main, subpaths).

let root: string;

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

/** A project declaring `telemetry` at `range`, with version `installed` under node_modules (main: index.js). */
function project(range: string, installed: string, extra: Record<string, string> = {}): string {
  write({
    'package.json': JSON.stringify({ name: 'app', dependencies: { telemetry: range } }),
    'node_modules/telemetry/package.json': JSON.stringify({ name: 'telemetry', version: installed, main: 'lib/index.js', types: 'lib/index.d.ts' }),
    'node_modules/telemetry/lib/index.js': 'exports.record = async function record() {};\n',
    'node_modules/telemetry/lib/index.d.ts': 'export declare function record(): Promise<void>;\n',
    'src/app.ts': '',
    ...extra,
  });
  return join(root, 'src/app.ts');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-dependency-code-'));
  forgetManifests();
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('packageNameOf', () => {
  it('names the package of a bare specifier, not a relative, built-in or node: one', () => {
    expect(packageNameOf('plausible-telemetry')).toBe('plausible-telemetry');
    expect(packageNameOf('@scope/name/sub/path')).toBe('@scope/name');
    expect(packageNameOf('lodash/fp')).toBe('lodash');
    expect(packageNameOf('./local')).toBeNull();
    expect(packageNameOf('fs')).toBeNull();
    expect(packageNameOf('node:events')).toBeNull();
    expect(packageNameOf('#internal')).toBeNull();
  });
});

describe('dependencyModuleFile: only the pinned install', () => {
  it('reads a package the manifest pins exactly', () => {
    const from = project('1.2.3', '1.2.3');
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBe(join(root, 'node_modules/telemetry/lib/index.js'));
  });

  it('not one whose installed version differs from the exact pin (a stale install)', () => {
    const from = project('1.2.3', '1.2.4');
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBeNull();
  });

  it('not one under a range without a lockfile', () => {
    const from = project('^1.2.0', '1.2.3');
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBeNull();
  });

  it('not one the manifest does not declare (hoisted there for another package)', () => {
    const from = project('1.2.3', '1.2.3');
    write({ 'node_modules/other/package.json': JSON.stringify({ name: 'other', version: '1.0.0' }), 'node_modules/other/index.js': '' });
    expect(dependencyModuleFile(from, 'other', 'import')).toBeNull();
  });

  it('a range that package-lock.json records at the installed version for that folder', () => {
    const lock = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/telemetry': { version } } });
    const from = project('^1.2.0', '1.2.3', { 'package-lock.json': lock('1.2.3') });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).not.toBeNull();
    write({ 'package-lock.json': lock('1.2.22') });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBeNull();
  });

  it('a range that yarn.lock records at the installed version (classic and berry)', () => {
    const from = project('^1.2.0', '1.2.3', { 'yarn.lock': '# yarn lockfile v1\n\n"telemetry@^1.2.0":\n  version "1.2.3"\n  resolved "https://registry.example/telemetry-1.2.3.tgz"\n' });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).not.toBeNull();
    write({ 'yarn.lock': '__metadata:\n  version: 6\n\n"telemetry@npm:^1.2.0":\n  version: 1.2.3\n  resolution: "telemetry@npm:1.2.3"\n' });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).not.toBeNull();
    write({ 'yarn.lock': '"telemetry@^1.2.0":\n  version "1.2.9"\n\n"other@^1.0.0":\n  version "1.2.3"\n' });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBeNull();
  });

  it('a range that pnpm-lock.yaml records at the installed version', () => {
    const from = project('^1.2.0', '1.2.3', { 'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  telemetry@1.2.3:\n    resolution: {integrity: sha512-x}\n" });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).not.toBeNull();
    write({ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\npackages:\n  telemetry@1.2.30:\n    resolution: {integrity: sha512-x}\n" });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBeNull();
  });
});

describe('dependencyModuleFile: the file Node loads', () => {
  it('picks the exports entry by the loader: import or require', () => {
    const from = project('1.2.3', '1.2.3', {
      'node_modules/telemetry/package.json': JSON.stringify({ name: 'telemetry', version: '1.2.3', exports: { '.': { types: './index.d.ts', import: './esm/index.mjs', require: './cjs/index.cjs' }, './transport': './lib/transport.js' } }),
      'node_modules/telemetry/esm/index.mjs': 'export async function record() {}\n',
      'node_modules/telemetry/cjs/index.cjs': 'exports.record = async () => {};\n',
      'node_modules/telemetry/lib/transport.js': 'exports.send = async () => {};\n',
    });
    expect(dependencyModuleFile(from, 'telemetry', 'import')).toBe(join(root, 'node_modules/telemetry/esm/index.mjs'));
    expect(dependencyModuleFile(from, 'telemetry', 'require')).toBe(join(root, 'node_modules/telemetry/cjs/index.cjs'));
    expect(dependencyModuleFile(from, 'telemetry/transport', 'import')).toBe(join(root, 'node_modules/telemetry/lib/transport.js'));
    // A subpath the exports map does not list is not loadable.
    expect(dependencyModuleFile(from, 'telemetry/lib/index.js', 'import')).toBeNull();
  });

  it('without exports: main, and a subpath with its extension added', () => {
    const from = project('1.2.3', '1.2.3', { 'node_modules/telemetry/lib/transport.js': '' });
    expect(dependencyModuleFile(from, 'telemetry/lib/transport', 'require')).toBe(join(root, 'node_modules/telemetry/lib/transport.js'));
  });
});

describe('dependencyJavaScriptOf', () => {
  it('maps the declaration file to the JavaScript beside it, for the pinned install only', () => {
    const from = project('1.2.3', '1.2.3');
    expect(dependencyJavaScriptOf(join(root, 'node_modules/telemetry/lib/index.d.ts'), from)).toBe(join(root, 'node_modules/telemetry/lib/index.js'));
    expect(dependencyJavaScriptOf(join(root, 'node_modules/@types/telemetry/index.d.ts'), from)).toBeNull();
  });

  it('not a declaration of another copy of the package than the one the file loads', () => {
    const from = project('1.2.3', '1.2.3', {
      'node_modules/wrapper/node_modules/telemetry/package.json': JSON.stringify({ name: 'telemetry', version: '1.2.3', main: 'lib/index.js' }),
      'node_modules/wrapper/node_modules/telemetry/lib/index.js': '',
      'node_modules/wrapper/node_modules/telemetry/lib/index.d.ts': '',
    });
    expect(dependencyJavaScriptOf(join(root, 'node_modules/wrapper/node_modules/telemetry/lib/index.d.ts'), from)).toBeNull();
  });
});

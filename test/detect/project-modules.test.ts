import { parse } from '@typescript-eslint/parser';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedNode, moduleFile, resolveRelativeModule, topLevelBinding } from '../../src/detect/project-modules.js';

let root: string;

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-project-modules-'));
  write({
    'app.ts': '',
    'both.ts': 'export const from = "ts";',
    'both.js': 'exports.from = "js";',
    'view.tsx': 'export function View() {}',
    'types.d.ts': 'export declare function f(): void;',
    'lib/index.js': 'module.exports = {};',
    '.hidden': 'not a module',
    'jobs.js': 'async function runJob() {}\nmodule.exports = { runJob };',
    'barrel.js': "const { runJob: run } = require('./jobs');\nmodule.exports = { runJob: run };",
    'member.js': "var runJob = require('./jobs').runJob;\nexports.runJob = runJob;",
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveRelativeModule', () => {
  const from = () => join(root, 'app.ts');

  it('prefers the TypeScript source an output specifier names, as TypeScript resolves it', () => {
    expect(resolveRelativeModule(from(), './both.js')).toBe(join(root, 'both.ts'));
    expect(resolveRelativeModule(from(), './view.jsx')).toBe(join(root, 'view.tsx'));
  });

  it('finds extensionless files and directory indexes', () => {
    expect(resolveRelativeModule(from(), './both')).toBe(join(root, 'both.ts'));
    expect(resolveRelativeModule(from(), './lib')).toBe(join(root, 'lib/index.js'));
  });

  it('never answers a declaration file, a package name, or a dot-named package', () => {
    expect(resolveRelativeModule(from(), './types.d.ts')).toBeNull();
    expect(resolveRelativeModule(from(), './types')).toBeNull();
    expect(resolveRelativeModule(from(), 'jobs')).toBeNull();
    expect(resolveRelativeModule(from(), '.hidden')).toBeNull();
  });
});

describe('topLevelBinding', () => {
  const binding = (code: string, name: string) => topLevelBinding(parse(code, { range: true, loc: true }), name);

  it('follows a require bound by const, let or var, whole, as a member, or destructured', () => {
    expect(binding("var Base = require('./base');", 'Base')).toEqual({ kind: 'module', specifier: './base', path: [] });
    expect(binding("let Base = require('./base').Base;", 'Base')).toEqual({ kind: 'module', specifier: './base', path: ['Base'] });
    expect(binding("const { Base: B, other } = require('./base');", 'B')).toEqual({ kind: 'module', specifier: './base', path: ['Base'] });
  });

  it('knows a const value but not a let or var one, which may be reassigned', () => {
    expect(binding('const f = async () => {};', 'f')).toMatchObject({ kind: 'local' });
    expect(binding('let f = async () => {};', 'f')).toBeNull();
    expect(binding("const { f } = load('./x');", 'f')).toBeNull();
  });
});

describe('exportedNode', () => {
  it('follows a CommonJS re-export of a destructured or member require to the function', () => {
    for (const barrel of ['./barrel', './member.js']) {
      const file = moduleFile(join(root, 'app.ts'), barrel);
      const found = file ? exportedNode(file, ['runJob']) : null;
      expect(found?.file.fileName).toBe(join(root, 'jobs.js'));
      expect(found?.node.type).toBe('FunctionDeclaration');
      expect(found?.rest).toEqual([]);
    }
  });
});

import * as tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { constructedClassOrigin, GLOBALS, matchApi, resolveCallee } from '../../src/detect/module-bindings.js';

interface ProbeOptions {
  typescript?: boolean;
  sourceType?: 'module' | 'commonjs';
}
type ProbeContext = { sourceCode: { getScope(node: unknown): never; getText(node: unknown): string } };

/** Lints `code` (as file.ts or file.js) with one probe rule made by `create`, as the real rules see it. */
function lintWithProbe(code: string, options: ProbeOptions, create: (context: ProbeContext) => Record<string, (node: never) => void>): void {
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: {
          sourceType: options.sourceType ?? 'module',
          ...(options.typescript ? { parser: tsParser as Linter.Parser } : {}),
        },
        plugins: { probe: { rules: { probe: { create } as never } } },
        rules: { 'probe/probe': 'error' },
      },
    ],
    options.typescript ? 'file.ts' : 'file.js',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
}

/** Resolves every call and `new` in `code` through a probe rule, as the real rules do. */
function originsOfCalls(code: string, options: ProbeOptions = {}) {
  const found: Record<string, string | null> = {};
  lintWithProbe(code, options, (context) => {
    const record = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const origin = resolveCallee(node, context.sourceCode.getScope(node));
      found[context.sourceCode.getText(node)] = origin ? `${origin.module ?? GLOBALS}:${origin.path.join('.')}` : null;
    };
    return { CallExpression: record, NewExpression: record };
  });
  return found;
}

describe('resolveCallee', () => {
  it('follows ES module imports: named, aliased, default, namespace, and local aliases', () => {
    const origins = originsOfCalls(`
      import { spawn as run } from 'node:child_process';
      import * as cp from 'child_process';
      import childProcess from 'node:child_process';
      const again = run;
      run('a'); cp.exec('b'); childProcess.fork('c'); again('d'); cp?.execFile('e');
    `);
    expect(origins).toMatchObject({
      "run('a')": 'child_process:spawn',
      "cp.exec('b')": 'child_process:exec',
      "childProcess.fork('c')": 'child_process:fork',
      "again('d')": 'child_process:spawn',
      "cp?.execFile('e')": 'child_process:execFile',
    });
  });

  it('follows CommonJS require: whole module, destructured, member, inline', () => {
    const origins = originsOfCalls(
      `
      const cp = require('child_process');
      const { fork, spawn: start } = require('node:child_process');
      const exec = require('child_process').exec;
      cp.spawn('a'); fork('b'); start('c'); exec('d'); require('child_process').execFile('e');
    `,
      { sourceType: 'commonjs' },
    );
    expect(origins).toMatchObject({
      "cp.spawn('a')": 'child_process:spawn',
      "fork('b')": 'child_process:fork',
      "start('c')": 'child_process:spawn',
      "exec('d')": 'child_process:exec',
      "require('child_process').execFile('e')": 'child_process:execFile',
    });
  });

  it('handles TypeScript import-equals, nested namespaces, non-null and dynamic import', async () => {
    const origins = originsOfCalls(
      `
      import cp = require('child_process');
      import fs from 'node:fs';
      const { Worker } = await import('node:worker_threads');
      cp!.spawn('a'); fs.promises.readFile('b'); new Worker('c');
    `,
      { typescript: true },
    );
    expect(origins).toMatchObject({
      "cp!.spawn('a')": 'child_process:spawn',
      "fs.promises.readFile('b')": 'fs:promises.readFile',
      "new Worker('c')": 'worker_threads:Worker',
    });
  });

  it('treats undeclared names as globals, through globalThis too, and respects shadowing', () => {
    const origins = originsOfCalls(`
      setInterval(tick, 1); globalThis.setTimeout(tick, 2); fetch('u');
      function local(fetch) { return fetch('shadowed'); }
      function tick() {}
    `);
    expect(origins['setInterval(tick, 1)']).toBe(`${GLOBALS}:setInterval`);
    expect(origins['globalThis.setTimeout(tick, 2)']).toBe(`${GLOBALS}:setTimeout`);
    expect(origins["fetch('u')"]).toBe(`${GLOBALS}:fetch`);
    expect(origins["fetch('shadowed')"]).toBeNull();
    expect(origins['tick()']).toBeUndefined();
  });

  it('does not follow reassigned variables or computed members', () => {
    const origins = originsOfCalls(`
      import { spawn } from 'child_process';
      let run = spawn; run = () => {};
      const name = 'spawn';
      import * as cp from 'child_process';
      run('a'); cp[name]('b');
    `);
    expect(origins["run('a')"]).toBeNull();
    expect(origins["cp[name]('b')"]).toBeNull();
  });
});

describe('matchApi', () => {
  it('matches module and global entries by dotted path', () => {
    const table = { child_process: ['spawn'], fs: ['promises.readFile'], [GLOBALS]: ['fetch'] };
    expect(matchApi({ module: 'child_process', path: ['spawn'] }, table)).toBe('child_process.spawn');
    expect(matchApi({ module: 'fs', path: ['promises', 'readFile'] }, table)).toBe('fs.promises.readFile');
    expect(matchApi({ module: null, path: ['fetch'] }, table)).toBe('fetch');
    expect(matchApi({ module: 'child_process', path: ['exec'] }, table)).toBeNull();
    expect(matchApi({ module: 'child_process', path: [] }, table)).toBeNull();
    expect(matchApi(null, table)).toBeNull();
  });
});

/** The package class each call's receiver was built from (`constructedClassOrigin`), by the receiver's text. */
function classesOfReceivers(code: string, options: ProbeOptions = {}) {
  const found: Record<string, string | null> = {};
  lintWithProbe(code, options, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type !== 'MemberExpression') return;
      const origin = constructedClassOrigin(node.callee.object, context.sourceCode.getScope(node));
      found[context.sourceCode.getText(node.callee.object)] = origin ? `${origin.module}:${origin.path.join('.')}` : null;
    },
  }));
  return found;
}

describe('constructedClassOrigin', () => {
  it('finds the package class of a const, a field every value of which is its construction, and an annotation', () => {
    const classes = classesOfReceivers(
      `
      const { RateLimiter } = require('limiter');
      const limits = require('limiter');
      const pool = new (require('pg').Pool)();
      const bucket = new limits.TokenBucket({});
      class Gate {
        constructor(options) { this.limiter = new RateLimiter(options); }
        reset(options) { this.limiter = new RateLimiter(options); }
        pass() { return this.limiter.removeTokens(1); }
      }
      pool.end(); bucket.removeTokens(1);
      `,
      { sourceType: 'commonjs' },
    );
    expect(classes).toEqual({ 'this.limiter': 'limiter:RateLimiter', pool: 'pg:Pool', bucket: 'limiter:TokenBucket' });
  });

  it('finds it from an annotation of a parameter, a field or a parameter property', () => {
    const classes = classesOfReceivers(
      `
      import { Pool } from 'pg';
      import { RateLimiter } from 'limiter';
      class Store {
        private limiter: RateLimiter;
        constructor(private pool: Pool) {}
        close() { return this.pool.end(); }
        take() { return this.limiter.removeTokens(1); }
      }
      export function release(other: Pool) { other.end(); }
      `,
      { typescript: true },
    );
    expect(classes).toEqual({ 'this.pool': 'pg:Pool', 'this.limiter': 'limiter:RateLimiter', other: 'pg:Pool' });
  });

  it('knows none for a local class, a factory, a reassigned binding, a field given two classes or written otherwise', () => {
    const classes = classesOfReceivers(`
      import { RateLimiter } from 'limiter';
      import { Pool } from 'pg';
      import makePool from 'pg-factory';
      class Local { go() {} }
      const local = new Local();
      const made = makePool();
      let changing = new Pool();
      changing = new Pool();
      class Gate {
        constructor() { this.limiter = new RateLimiter({}); this.lazy ??= new Pool(); }
        swap() { this.limiter = new Pool(); }
        go() { this.limiter.removeTokens(1); this.lazy.end(); }
      }
      local.go(); made.end(); changing.end();
    `);
    expect(classes).toEqual({ local: null, made: null, changing: null, 'this.limiter': null, 'this.lazy': null });
  });
});

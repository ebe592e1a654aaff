// The CI-scale features of the audit: shards joined by merge equal the whole run, the cache never
// serves a stale result, and --changed-since audits exactly the files of the change.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAudit, runAuditConcurrently, type AuditOptions } from '../../src/audit/audit.js';
import { lintOnThreads, type ThreadFile } from '../../src/audit/lint-threads.js';
import { mergeResults } from '../../src/audit/merge.js';
import { filesOfShard, parseShard } from '../../src/audit/shard.js';
import type { AuditResult } from '../../src/audit/types.js';
import { riskModel } from '../../src/risk/model.js';
import { tempProject, writeFiles } from './temp-project.js';

const demoApp = fileURLToPath(new URL('../../fixtures/demo-app', import.meta.url));

function audit(cwd: string, options: Partial<AuditOptions> = {}): Promise<AuditResult> {
  // strict: no-unowned-state (strict only) gives these projects their module-state findings.
  return runAudit({ cwd, paths: [], includeTests: false, typeInfo: false, config: 'strict', riskModel, ...options });
}

/** A project whose findings' ratings depend on a fact in another file (the process error handler). */
const PROJECT = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', target: 'es2022', skipLibCheck: true }, include: ['src'] }),
  'src/store.ts': 'export async function save(value: string): Promise<void> { if (!value) throw new Error("empty"); }\n',
  'src/a.ts': "import { save } from './store.js';\nexport function a(v: string): void { save(v); }\n",
  'src/b.ts': "import { save } from './store.js';\nexport function b(v: string): void { setInterval(() => save(v), 1000); }\n",
  'src/c.ts': "import { save } from './store.js';\nexport function c(v: string): void { save(v).catch(() => {}); }\n",
  'src/d.ts': "export const cache = new Map<string, string>();\nexport function remember(k: string, v: string): void { cache.set(k, v); }\n",
  'src/main.ts': "process.on('unhandledRejection', (reason) => { console.error(reason); });\nexport {};\n",
};

describe('--shard and spawnguard merge', () => {
  it('cuts the file set into disjoint parts that cover it, the same way on every run', async () => {
    const files = Array.from({ length: 23 }, (_, i) => `/p/src/f${String(i).padStart(2, '0')}.ts`);
    const parts = [1, 2, 3, 4].map((index) => filesOfShard(files, (file) => file.length * (1 + (file.charCodeAt(10) % 3)), { index, count: 4 }));
    expect(parts.flatMap((part) => [...part]).sort()).toEqual(files);
    expect(parts.every((part) => part.size > 0)).toBe(true);
    expect(filesOfShard(files, () => 1, { index: 2, count: 4 })).toEqual(filesOfShard([...files].reverse(), () => 1, { index: 2, count: 4 }));
    expect(() => parseShard('5/4')).toThrow(/--shard must be i\/n/);
    expect(() => parseShard('0/4')).toThrow(/--shard/);
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });

  for (const typeInfo of [false, true]) {
    it(`merging 4 shards equals the unsharded audit (${typeInfo ? 'type-aware' : 'syntactic'})`, async () => {
      const root = tempProject(PROJECT);
      const whole = await audit(root, { typeInfo });
      const shards = await Promise.all([1, 2, 3, 4].map((index) => audit(root, { typeInfo, shard: { index, count: 4 } })));
      // Each shard rates with the whole project's facts: the handler in main.ts lowers every crash.
      expect(shards.filter((shard) => shard.findings.length > 0).length).toBeGreaterThan(1);
      const merged = mergeResults(shards);
      // What the equality is about: findings spread over the files. Both modes see that a.ts drops
      // save()'s promise (the syntactic mode reads store.ts). Only the syntactic mode reports b.ts's
      // interval callback: this project has no @types/node, so the checker reads lib.dom's
      // setInterval, whose TimerHandler takes any Function.
      expect(whole.findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort()).toEqual([
        'src/a.ts no-floating-promise',
        ...(typeInfo ? [] : ['src/b.ts no-detached-async-callback']),
        'src/b.ts no-stray-timer',
        'src/c.ts no-swallowed-error',
        'src/d.ts no-unowned-state',
      ]);
      expect(merged).toEqual(whole);
    });
  }

  it('merging the demo app in 3 type-aware shards equals the unsharded audit', async () => {
    const whole = await audit(demoApp, { typeInfo: true });
    const merged = mergeResults(await Promise.all([1, 2, 3].map((index) => audit(demoApp, { typeInfo: true, shard: { index, count: 3 } }))));
    // Findings of six rules, spread over the app's files, so the shards split them.
    expect(new Set(whole.findings.map((finding) => finding.ruleId))).toEqual(
      new Set(['no-floating-promise', 'no-orphan-worker', 'no-stray-timer', 'no-swallowed-error', 'no-unowned-state', 'require-cancellation']),
    );
    expect(merged).toEqual(whole);
  });

  it('refuses a missing, repeated or foreign part rather than passing the gate on part of the project', async () => {
    const root = tempProject(PROJECT);
    const [one, two, three] = await Promise.all([1, 2, 3].map((index) => audit(root, { shard: { index, count: 3 } })));
    expect(() => mergeResults([one!, three!])).toThrow('missing shard 2/3');
    expect(() => mergeResults([one!, two!, two!, three!])).toThrow('shard 2/3 is given twice');
    const whole = await audit(root);
    expect(() => mergeResults([one!, two!, whole])).toThrow(/some results are shards/);
    expect(() => mergeResults([whole, whole])).toThrow(/is in two of the results/);
    expect(() => mergeResults([{ hello: 'world' } as unknown as AuditResult])).toThrow(/not a spawnguard audit result/);
  });
});

describe('--cache', () => {
  it('serves an unchanged project from the cache without linting a file, with the same result', async () => {
    const root = tempProject(PROJECT);
    const first = await audit(root, { typeInfo: true, cacheLocation: '.spawnguardcache' });
    const linted: number[] = [];
    const second = await audit(root, { typeInfo: true, cacheLocation: '.spawnguardcache', onProgress: (_done, total) => linted.push(total) });
    expect(linted).toEqual([0]);
    expect(second).toEqual(first);
  });

  it('never serves a stale result: an imported function that becomes async makes its importer\'s finding appear', async () => {
    const root = tempProject({
      'tsconfig.json': PROJECT['tsconfig.json'],
      'src/lib.ts': 'export function load(): void {}\n',
      'src/reexport.ts': "export { load } from './lib.js';\n",
      'src/main.ts': "import { load } from './reexport.js';\nexport function start(): void { load(); }\n",
      'src/other.ts': 'export const answer = 42;\n',
    });
    expect((await audit(root, { typeInfo: true, cacheLocation: 'cache-dir/' })).findings).toEqual([]);
    writeFileSync(join(root, 'src/lib.ts'), 'export async function load(): Promise<void> {}\n');
    const linted: number[] = [];
    const after = await audit(root, { typeInfo: true, cacheLocation: 'cache-dir/', onProgress: (_done, total) => linted.push(total) });
    expect(after.findings.map(({ ruleId, file, line }) => `${ruleId} ${file}:${line}`)).toEqual(['no-floating-promise src/main.ts:2']);
    // lib.ts, the file re-exporting it and its importer are linted again; other.ts is not.
    expect(linted[0]).toBe(3);
    expect(after).toEqual(await audit(root, { typeInfo: true }));
  });

  it('never serves a stale result when package.json changes what the file is: a library that becomes an application', async () => {
    const cacheModule = 'const rateCache = new Map<string, number>();\nexport function remember(key: string, rate: number) { rateCache.set(key, rate); }\n';
    const root = tempProject({ 'package.json': JSON.stringify({ name: 'lib', main: './index.js' }), 'src/rates.ts': cacheModule });
    const fixableOf = (result: AuditResult) => result.findings.find((finding) => finding.ruleId === 'no-unowned-state')?.fixable;
    expect(fixableOf(await audit(root, { cacheLocation: 'c.json' }))).toBe(false);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    expect(fixableOf(await audit(root, { cacheLocation: 'c.json' }))).toBe(true);
  });

  it('starts afresh when the rules\' config changes or the cache file is corrupt', async () => {
    const root = tempProject(PROJECT);
    await audit(root, { config: 'recommended', cacheLocation: 'c.json' });
    const linted: number[] = [];
    const strict = await audit(root, { config: 'strict', cacheLocation: 'c.json', onProgress: (_done, total) => linted.push(total) });
    expect(linted[0]).toBe(6);
    expect(strict).toEqual(await audit(root, { config: 'strict' }));
    writeFileSync(join(root, 'c.json'), '{ not json');
    expect(await audit(root, { config: 'strict', cacheLocation: 'c.json' })).toEqual(strict);
  });
});

describe('--changed-since', () => {
  function git(cwd: string, ...args: string[]): void {
    execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  }

  for (const typeInfo of [false, true]) {
    it(`audits the files changed since the ref's merge base, staged, unstaged and untracked (${typeInfo ? 'type-aware' : 'syntactic'})`, async () => {
      const root = tempProject(PROJECT);
      git(root, 'init', '-q', '-b', 'main');
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'base');
      git(root, 'checkout', '-qb', 'feature');
      writeFiles(root, { 'src/a.ts': `${PROJECT['src/a.ts']}export function again(v: string): void { a(v); }\n` });
      git(root, 'commit', '-qam', 'change a');
      writeFiles(root, { 'src/b.ts': `// touched\n${PROJECT['src/b.ts']}`, 'src/new.ts': "import { save } from './store.js';\nsave('x');\n" });

      const changed = await audit(root, { typeInfo, changedSince: 'main' });
      expect(changed.files).toEqual(['src/a.ts', 'src/b.ts', 'src/new.ts']);
      const whole = await audit(root, { typeInfo });
      expect(changed.findings).toEqual(whole.findings.filter((finding) => changed.files.includes(finding.file)));
      expect(changed.findings.length).toBeGreaterThan(0);
    });
  }

  it('says which git command failed for a ref that does not exist', async () => {
    const root = tempProject(PROJECT);
    git(root, 'init', '-q');
    await expect(audit(root, { changedSince: 'no-such-ref' })).rejects.toThrow(/--changed-since: git merge-base no-such-ref HEAD failed/);
  });
});

describe('--concurrency', () => {
  const many = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [
      `src/m${i}.ts`,
      i % 3 === 0 ? `export const t${i} = setInterval(() => {}, ${i + 1});\n` : i % 3 === 1 ? `import { save } from './store.js';\nsave('${i}').catch(() => {});\n` : `export const cache${i} = new Map();\nexport function put${i}(k: string) { cache${i}.set(k, 1); }\n`,
    ]),
  );

  // Starting a thread loads ESLint and the rules again: seconds on a busy machine, hence the timeout.
  it('lints on worker threads with the same result as one thread', { timeout: 120_000 }, async () => {
    const root = tempProject({ ...PROJECT, ...many, 'src/broken.ts': 'export const = ;\n' });
    const one = await audit(root);
    expect(one.findings.length).toBeGreaterThan(25);
    expect(one.errors.map((error) => error.file)).toEqual(['src/broken.ts']);
    const done: number[] = [];
    const spread = await runAuditConcurrently({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'strict', riskModel, onProgress: (count) => done.push(count) }, 3);
    expect(spread).toEqual(one);
    expect(done.at(-1)).toBe(one.files.length);
    expect(await runAuditConcurrently({ cwd: demoApp, paths: [], includeTests: false, typeInfo: false, config: 'strict', riskModel }, 2)).toEqual(await audit(demoApp, { config: 'strict' }));
  });

  it('loses nothing when the threads die: their batches become errors and the rest comes back to the caller', { timeout: 120_000 }, async () => {
    // Settings no thread can key its linter by (JSON has no BigInt) throw outside any file's lint:
    // each thread dies on its first batch, as one that runs out of memory would.
    const files: ThreadFile[] = Array.from({ length: 40 }, (_, i) => [`/nowhere/f${i}.ts`, 'export {};\n', { 'spawnguard/no-floating-promise': ['error', 1n] as unknown as 'error' }]);
    const recorded = new Map<string, string>();
    const left = await lintOnThreads(files, 2, '/nowhere', (file, outcome) => recorded.set(file, outcome.ok ? 'ok' : outcome.message));
    expect(recorded.size).toBe(32);
    expect([...recorded.values()].every((message) => message.startsWith('internal error while auditing: the lint thread stopped'))).toBe(true);
    expect(left.map(([file]) => file)).toEqual(files.slice(32).map(([file]) => file));
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AuditResult } from '../../src/audit/types.js';
import { main } from '../../src/cli/main.js';
import { tempProject } from '../audit/temp-project.js';
import { captureIO } from './capture-io.js';

// Stand-in rules of known risk: track*() is HIGH, setInterval() MEDIUM, buffer*() LOW (../audit/fake-plugin.ts).
vi.mock('../../rules/index.js', () => import('../audit/fake-plugin.js'));
vi.mock('../../src/risk/model.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  riskModel: (await import('../audit/fake-plugin.js')).riskModel,
}));

async function run(argv: string[], cwd: string) {
  const { io, written } = captureIO(cwd);
  const code = await main(argv, io);
  return { code, ...written };
}

const FILES = {
  'src/a.ts': 'trackUsage();\n',
  'src/b.ts': 'setInterval(tick, 10);\n',
  'src/c.ts': 'bufferLine();\n',
  'src/d.ts': 'export const quiet = 1;\n',
};

async function shardResults(root: string, count: number): Promise<string[]> {
  const paths: string[] = [];
  for (let index = 1; index <= count; index++) {
    const path = `shard-${index}.json`;
    const shard = await run(['audit', '--no-type-info', '--shard', `${index}/${count}`, '--format', 'json', '--fail-on', 'none', '-o', path], root);
    expect(shard.code).toBe(0);
    paths.push(path);
  }
  return paths;
}

describe('spawnguard merge', () => {
  it('applies the gate to the whole: the merged shards fail where one shard alone passes', async () => {
    const root = tempProject(FILES);
    const paths = await shardResults(root, 2);
    const shards = paths.map((path) => JSON.parse(readFileSync(join(root, path), 'utf8')) as AuditResult);
    expect(shards.map((shard) => shard.shard)).toEqual([{ index: 1, count: 2 }, { index: 2, count: 2 }]);
    // One shard alone holds no HIGH finding: gated alone, its CI job would pass.
    expect(shards.map((shard) => shard.summary.HIGH).sort()).toEqual([0, 1]);
    const merged = await run(['merge', ...paths, '--format', 'json'], root);
    expect(merged.code).toBe(1);
    const whole = await run(['audit', '--no-type-info', '--format', 'json'], root);
    expect(JSON.parse(merged.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(await run(['merge', ...paths, '--fail-on', 'none'], root)).toMatchObject({ code: 0 });
  });

  it('applies a baseline to the merged findings, in any format', async () => {
    const root = tempProject(FILES);
    const paths = await shardResults(root, 3);
    expect(await run(['audit', '--no-type-info', '--baseline', 'baseline.json', '--update-baseline', '--fail-on', 'none'], root)).toMatchObject({ code: 0 });
    const gated = await run(['merge', ...paths, '--baseline', 'baseline.json', '--fail-on', 'low', '--format', 'markdown'], root);
    expect(gated.code).toBe(0);
    const sarif = await run(['merge', ...paths, '--format', 'sarif', '--fail-on', 'low'], root);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(3);
  });

  it('exits 2 with one line for a missing shard, a file that is not a result, or no files', async () => {
    const root = tempProject({ ...FILES, 'not-a-result.json': '{"hello": 1}', 'broken.json': '{' });
    const paths = await shardResults(root, 3);
    const missing = await run(['merge', paths[0]!, paths[2]!], root);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe('spawnguard merge: missing shard 2/3: a partial merge would pass the gate by accident\n');
    expect(await run(['merge', 'not-a-result.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('not a spawnguard audit result') });
    expect(await run(['merge', 'broken.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read broken.json') });
    expect(await run(['merge', 'nope.json'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read nope.json: ENOENT') });
    expect(await run(['merge'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('give the JSON results to merge') });
  });
});

describe('spawnguard audit: --cache, --concurrency, --shard flags', () => {
  it('exits 2 with one line on a bad value, before any work', async () => {
    const root = tempProject(FILES);
    expect(await run(['audit', '--shard', '3/2'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining("--shard must be i/n with 1 <= i <= n (got '3/2')") });
    expect(await run(['audit', '--concurrency', '0', '--no-type-info'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--concurrency must be a positive number, auto or off') });
    expect(await run(['audit', '--concurrency', '2'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--concurrency needs --no-type-info') });
  });

  it('--cache writes .spawnguardcache in the working folder and the next run gives the same report', async () => {
    const root = tempProject(FILES);
    const first = await run(['audit', '--no-type-info', '--cache', '--format', 'json'], root);
    expect(existsSync(join(root, '.spawnguardcache'))).toBe(true);
    const second = await run(['audit', '--no-type-info', '--cache', '--format', 'json'], root);
    expect(second).toEqual(first);
    expect(first.code).toBe(1);
  });
});

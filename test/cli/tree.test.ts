import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempProject } from '../audit/temp-project.js';
import { captureIO } from './capture-io.js';

const APP = `import { Supervisor, supervise } from '@spawnguard/runtime';

export const cacheSupervisor = new Supervisor({
  strategy: 'one_for_all',
  children: [supervise.cache('prompt-cache', () => new Map())],
});
`;
const LOOSE = `export async function track(user: string): Promise<void> {
  await Promise.resolve(user);
}

export function handle(user: string): void {
  track(user);
}
`;

async function tree(argv: string[], cwd: string) {
  const { io, written } = captureIO(cwd);
  const code = await main(['tree', ...argv], io);
  return { code, ...written };
}

describe('spawnguard tree', () => {
  it('prints the declared supervisor and hangs the unsupervised spawn under its module', async () => {
    const root = tempProject({ 'src/app.ts': APP, 'src/usage.ts': LOOSE });
    const text = await tree(['--no-type-info'], root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('cacheSupervisor');
    expect(text.stdout).toContain('(unsupervised)');
    expect(text.stdout).toContain('no-floating-promise');

    const json = JSON.parse((await tree(['--format', 'json'], root)).stdout) as { roots: { label: string; kind: string; children: { ruleId?: string }[] }[] };
    const unsupervised = json.roots.filter((node) => node.kind === 'unsupervised');
    expect(unsupervised.flatMap((node) => node.children.map((child) => child.ruleId))).toContain('no-floating-promise');
    expect((await tree(['-f', 'mermaid', '--no-type-info'], root)).stdout).toMatch(/^(flowchart|graph)/m);
  });

  it('rejects an unknown format with exit 2', async () => {
    const root = tempProject({ 'a.ts': '' });
    expect(await tree(['--format', 'dot'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of text, mermaid, json') });
  });
});

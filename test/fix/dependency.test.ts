import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { packageJson } from '../../src/package-info.js';
import { captureIO } from '../cli/capture-io.js';
import { tempProject } from '../audit/temp-project.js';

/**
 * `spawnguard fix` adds imports of @spawnguard/runtime: the package of the fixed files must declare it
 * (issue 12, issue 13 "Feedback"), with the package manager the project uses.
 */
const floating = "async function send(): Promise<void> {}\nexport function run() {\n  send();\n}\n";
const manifest = { name: 'app', private: true, type: 'module', dependencies: { zod: '^3.0.0' } };

async function fix(root: string, ...argv: string[]) {
  const { io, written } = captureIO(root);
  const code = await main(['fix', '--force', '--no-type-info', ...argv], io);
  return { code, ...written };
}

describe('spawnguard fix declares the runtime', () => {
  it('adds @spawnguard/runtime to the dependencies of the nearest package.json, keeping its indentation', async () => {
    const root = tempProject({ 'package.json': JSON.stringify(manifest, null, 4) + '\n', 'package-lock.json': '{}\n', 'src/run.ts': floating });
    const { code, stdout } = await fix(root);
    expect(code).toBe(0);
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    expect(JSON.parse(text).dependencies).toEqual({ '@spawnguard/runtime': `^${packageJson.version}`, zod: '^3.0.0' });
    expect(text).toMatch(/^ {4}"name"/m);
    expect(stdout).toContain('Declared @spawnguard/runtime in package.json; run `npm install` there');
  });

  it('with --no-install prints the exact command for the package manager in use, and leaves package.json alone', async () => {
    const text = JSON.stringify(manifest, null, 2) + '\n';
    const root = tempProject({ 'package.json': text, 'pnpm-lock.yaml': 'lockfileVersion: 9\n', 'src/run.ts': floating });
    const { code, stdout } = await fix(root, '--no-install');
    expect(code).toBe(0);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(text);
    expect(stdout).toContain(`package.json does not declare @spawnguard/runtime, which the fixed files import: run \`pnpm add @spawnguard/runtime@^${packageJson.version}\` there.`);
  });

  it('says nothing and changes nothing when the package already declares it', async () => {
    const declared = { ...manifest, dependencies: { '@spawnguard/runtime': '*' } };
    const text = JSON.stringify(declared, null, 2) + '\n';
    const root = tempProject({ 'package.json': text, 'yarn.lock': '', 'src/run.ts': floating });
    const { stdout } = await fix(root);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe(text);
    expect(stdout).not.toContain('@spawnguard/runtime in');
    expect(stdout).not.toContain('does not declare');
  });
});

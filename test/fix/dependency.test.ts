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

describe('spawnguard fix names the entry points where handleSignals() must still be added', () => {
  const server = "import { createServer } from 'node:http';\nimport { run } from './run.js';\ncreateServer(() => run()).listen(3000);\n";

  it('lists the files package.json runs and the files that call listen(), in the summary and in JSON', async () => {
    const app = { name: 'app', private: true, type: 'module', main: 'src/index.ts', bin: { 'app-cli': './bin/cli.js' }, scripts: { start: 'node dist/server.js', test: 'vitest' } };
    const files = {
      'package.json': JSON.stringify(app),
      'src/run.ts': floating,
      'src/server.ts': server,
      'src/index.ts': "export { run } from './run.js';\n",
      'bin/cli.js': "import { run } from '../src/run.js';\nrun();\n",
    };
    const { code, stdout } = await fix(tempProject(files), '--no-install');
    expect(code).toBe(0);
    expect(stdout).toContain('\nThe fix added supervised work: call handleSignals() from @spawnguard/runtime at start-up in bin/cli.js, src/index.ts, src/server.ts (SIGTERM and SIGINT then stop it cleanly).\n');
    const json = JSON.parse((await fix(tempProject(files), '--no-install', '--format', 'json')).stdout);
    expect(json.entryPoints).toEqual(['bin/cli.js', 'src/index.ts', 'src/server.ts']);
  });

  it('leaves out an entry point that already calls handleSignals(), and a published library\'s main (an importer did not hand it the signals)', async () => {
    const library = { name: 'lib', type: 'module', main: 'src/index.ts', scripts: { start: 'node src/server.ts' } };
    const files = {
      'package.json': JSON.stringify(library),
      'src/run.ts': floating,
      'src/server.ts': `import { handleSignals } from '@spawnguard/runtime';\nhandleSignals();\n${server}`,
      'src/index.ts': "export { run } from './run.js';\n",
    };
    const { stdout } = await fix(tempProject(files), '--no-install', '--format', 'json');
    expect(JSON.parse(stdout).entryPoints).toEqual([]);
  });

  it('says nothing when the fix changed nothing', async () => {
    const { stdout } = await fix(tempProject({ 'package.json': JSON.stringify({ name: 'app', private: true, main: 'src/server.ts' }), 'src/server.ts': server }), '--no-install');
    expect(stdout).not.toContain('handleSignals');
  });
});

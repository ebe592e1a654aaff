import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../cli/capture-io.js';
import { tempProject } from '../audit/temp-project.js';

/**
 * Issue 13: on bee-queue every rewritten file failed the project's prettier check (its config has
 * `bracketSpacing: false`, and a wrapped handler moves code onto new lines). A file the project's own
 * prettier accepted before the fix is formatted with it after; any other file is left as rewritten.
 */
const prettier = resolve(dirname(fileURLToPath(import.meta.url)), '../../node_modules/prettier');

function project(files: Record<string, string>) {
  const root = tempProject({
    'package.json': '{ "name": "app", "private": true }\n',
    '.prettierrc': '{ "singleQuote": true, "bracketSpacing": false }\n',
    ...files,
  });
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(prettier, join(root, 'node_modules', 'prettier'), 'dir');
  return root;
}

async function fix(root: string, ...argv: string[]) {
  const { io, written } = captureIO(root);
  const code = await main(['fix', '--force', '--no-type-info', '--no-install', ...argv], io);
  return { code, ...written };
}

// Formatted as prettier formats it with that config (a long handler, so the wrapped call must wrap).
const formatted = `const {EventEmitter} = require('node:events');

const queue = new EventEmitter();

async function start() {}

queue.on('ready', async () => {
  await start();
});

start();
`;

describe('spawnguard fix follows the project’s prettier', () => {
  it('formats a rewritten file that the project’s prettier accepted before', async () => {
    const root = project({ 'src/queue.js': formatted });
    const { code } = await fix(root);
    const after = readFileSync(join(root, 'src/queue.js'), 'utf8');
    expect(after).toContain("const {tasks} = require('@spawnguard/runtime');");
    expect(after).toContain("tasks.start(() => start(), {name: 'queue.start'});");
    expect(after).toContain("queue.on(\n  'ready',\n  tasks.callback(\n    async () => {\n      await start();\n    },\n    {name: 'queue.ready'},\n  ),\n);");
    expect(code).toBe(0);
  }, 60_000);

  it('leaves a file the project’s prettier did not accept as the rewrite wrote it', async () => {
    const unformatted = formatted.replace("const {EventEmitter} = require('node:events');", 'const { EventEmitter } = require("node:events")');
    const root = project({ 'src/queue.js': unformatted });
    await fix(root);
    const after = readFileSync(join(root, 'src/queue.js'), 'utf8');
    expect(after).toContain('const { EventEmitter } = require("node:events")');
    expect(after).toContain("queue.on('ready', tasks.callback(async () => {");
  }, 60_000);

  it('--no-format leaves the rewrite as written', async () => {
    const root = project({ 'src/queue.js': formatted });
    await fix(root, '--no-format');
    expect(readFileSync(join(root, 'src/queue.js'), 'utf8')).toContain("queue.on('ready', tasks.callback(async () => {");
  }, 60_000);
});

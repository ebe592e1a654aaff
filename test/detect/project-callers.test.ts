import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { fullGarbageCollector } from '../../src/audit/heap.js';
import { filesReadForCallers, projectCallSites } from '../../src/detect/project-callers.js';

// The callers index lives as long as the lint process (an editor, a whole audit). What it keeps is
// each identifier and the files naming it, never the files' text.

const FILES = 24;
/** Bytes of each file's text that are no identifier at all: what the index must not hold. */
const FILLER_BYTES = 400_000;

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'spawnguard-project-callers-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'callers-project', private: true }));
  writeFileSync(join(root, 'src', 'start.ts'), "import { startEverything } from './boot.js';\nstartEverything();\n");
  writeFileSync(join(root, 'src', 'boot.ts'), 'export function startEverything() {}\n');
  // Each file names one identifier of its own longer than V8's shortest slice (13 characters).
  for (let i = 0; i < FILES; i++) {
    writeFileSync(join(root, 'src', `large-${i}.ts`), `export const identifierOfFileNumber${i} = 1;\n// ${'- '.repeat(FILLER_BYTES / 2)}\n`);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('projectCallSites: the repository index', () => {
  it('finds the call in another file, reading the repository once', () => {
    const before = filesReadForCallers();
    const sites = projectCallSites(join(root, 'src', 'boot.ts'), 'startEverything');
    expect(sites?.map((site) => site.file.fileName)).toEqual([join(root, 'src', 'start.ts')]);
    expect(filesReadForCallers() - before).toBe(FILES + 2);
  });

  it('keeps no file text alive: its names are copies, not slices of the text they were read from', () => {
    const collect = fullGarbageCollector();
    collect();
    const before = getHeapStatistics().used_heap_size;
    // A repository of its own, so its index is built now (the first test's is kept for its freshness window).
    const other = mkdtempSync(join(tmpdir(), 'spawnguard-project-callers-'));
    onTestFinished(() => rmSync(other, { recursive: true, force: true }));
    mkdirSync(join(other, 'src'));
    writeFileSync(join(other, 'package.json'), JSON.stringify({ name: 'other-project', private: true }));
    for (let i = 0; i < FILES; i++) {
      writeFileSync(join(other, 'src', `large-${i}.ts`), `export const identifierOfFileNumber${i} = 1;\n// ${'- '.repeat(FILLER_BYTES / 2)}\n`);
    }
    expect(projectCallSites(join(other, 'src', 'large-0.ts'), 'identifierOfFileNumber0')).toEqual([]);
    collect();
    const held = getHeapStatistics().used_heap_size - before;
    // Holding the texts would be FILES * FILLER_BYTES = 9.6 MB; the names and file lists are a few KB.
    expect(held).toBeLessThan((FILES * FILLER_BYTES) / 4);
  });

  it("does not take a parameter of the same name for a use of the function (feathers' `(socket) => socket.feathers` beside `socket({ done })`)", () => {
    const server = "import { socket } from './transport.js';\nexport const idOf = (socket: { id: string }) => socket.id;\nsocket({ done: Promise.resolve() });\n";
    const transportIn = (files: Record<string, string>): string => {
      const repository = mkdtempSync(join(tmpdir(), 'spawnguard-project-callers-'));
      onTestFinished(() => rmSync(repository, { recursive: true, force: true }));
      mkdirSync(join(repository, 'src'));
      writeFileSync(join(repository, 'package.json'), JSON.stringify({ name: 'shadowing-project', private: true }));
      writeFileSync(join(repository, 'src', 'transport.ts'), 'export function socket(options: { done: Promise<void> }) {\n  return options;\n}\n');
      for (const [name, text] of Object.entries(files)) writeFileSync(join(repository, 'src', name), text);
      return join(repository, 'src', 'transport.ts');
    };
    expect(projectCallSites(transportIn({ 'server.ts': server }), 'socket')?.map((site) => site.call.loc.start.line)).toEqual([3]);
    // The function itself handed on as a value: its callers are unknown.
    const handedOn = "import { socket } from './transport.js';\nexport const transports = [socket];\n";
    expect(projectCallSites(transportIn({ 'server.ts': server, 'handed-on.ts': handedOn }), 'socket')).toBeNull();
  });
});

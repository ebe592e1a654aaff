// The audit must never crash on bad input: hundreds of generated and mutated files (truncated,
// binary bytes, invalid UTF-8, deep nesting, huge lines) are audited in one run; every file is
// accounted for and every file that is not readable text appears in `errors`. The size limit is
// lifted (maxFileSize 0) so the huge-line files are audited rather than skipped as minified.
// The seeds are fixed and the sizes chosen so that the time limits hold with a wide margin on a
// loaded machine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
import { readSource } from '../../src/audit/source-reader.js';
import { riskModel } from '../../src/risk/model.js';
import { tempProject } from './temp-project.js';

const fixtureSource = (name: string) => readFileSync(new URL(`./fixture-project/src/${name}`, import.meta.url), 'utf8');
const SNIPPETS = [
  fixtureSource('usage.ts'),
  fixtureSource('export.mjs'),
  fixtureSource('legacy.cjs'),
  fixtureSource('clean.ts'),
  'export const view = (props) => <button onClick={async () => { await save(props); }}>go</button>;\n',
  'class Poller {\n  #timer = setInterval(() => this.tick(), 5);\n  tick() { fetch("/x").then(() => {}); }\n}\n',
  '(async () => {\n  await import("./x.js");\n})();\nprocess.on("unhandledRejection", () => {});\n',
];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

type Mutation = (text: string) => string | Uint8Array;
const encoder = new TextEncoder();

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.constant((text: string) => text), weight: 3 },
  { arbitrary: fc.nat().map((cut) => (text: string) => text.slice(0, cut % (text.length + 1))), weight: 3 },
  { arbitrary: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 24 })).map(([at, bytes]) => (text: string) => {
    const encoded = encoder.encode(text);
    const position = at % (encoded.length + 1);
    return new Uint8Array([...encoded.subarray(0, position), ...bytes, ...encoded.subarray(position)]);
  }), weight: 3 },
  { arbitrary: fc.tuple(fc.integer({ min: 50, max: 3000 }), fc.constantFrom(['[', ']'], ['(', ')'], ['{', '}'], ['f(() => ', ')'], ['a ? (', ') : b'])).map(
    ([depth, [open, close]]) => (text: string) => `${text}\nconst deep = ${open.repeat(depth)}1${close.repeat(depth)};\n`,
  ), weight: 2 },
  { arbitrary: fc.integer({ min: 10_000, max: 100_000 }).map((length) => (text: string) => `const line = "${'x'.repeat(length)}"; fetch(line);\n${text}`), weight: 1 },
  { arbitrary: fc.nat().map((seed) => (text: string) => text.split('').filter((_, i) => (i * 7 + seed) % 13 !== 0).join('')), weight: 3 },
);

const generatedFile = fc.record({ snippet: fc.constantFrom(...SNIPPETS), mutate: mutation, extension: fc.constantFrom(...EXTENSIONS) });

function generateProject(count: number, seed: number): Record<string, string | Uint8Array> {
  const samples = fc.sample(generatedFile, { numRuns: count, seed });
  return Object.fromEntries(samples.map(({ snippet, mutate, extension }, index) => [`src/f${index}${extension}`, mutate(snippet)]));
}

function expectEveryFileAccountedFor(root: string, files: Record<string, string | Uint8Array>, result: Awaited<ReturnType<typeof runAudit>>): void {
  expect(result.files).toEqual(Object.keys(files).sort());
  const erroredFiles = new Set(result.errors.map((error) => error.file));
  const unreadable = Object.keys(files).filter((file) => !readSource(join(root, file)).ok);
  expect(unreadable.filter((file) => !erroredFiles.has(file))).toEqual([]);
  for (const error of result.errors) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.message.length).toBeGreaterThan(0);
  }
  for (const finding of result.findings) expect(erroredFiles.has(finding.file)).toBe(false);
}

describe('fuzzing the audit', () => {
  it('syntactic: 300 generated and mutated files, no crash, every unreadable file in errors', { timeout: 240_000 }, async () => {
    const files = generateProject(300, 4242);
    const root = tempProject(files);
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'recommended', riskModel, maxFileSize: 0 });
    expectEveryFileAccountedFor(root, files, result);
    // The mix really holds each kind of bad input.
    expect(result.errors.some((error) => /binary/.test(error.message))).toBe(true);
    expect(result.errors.some((error) => /not UTF-8/.test(error.message))).toBe(true);
    expect(result.errors.some((error) => /Parsing error/.test(error.message))).toBe(true);
    expect(result.files.length - result.errors.length).toBeGreaterThan(30);
  });

  it('type-aware: 150 mutated files through the shared program, no crash', { timeout: 240_000 }, async () => {
    const files = generateProject(150, 7);
    const root = tempProject(files);
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: true, config: 'strict', riskModel, maxFileSize: 0 });
    expectEveryFileAccountedFor(root, files, result);
  });
});

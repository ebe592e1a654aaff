import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { antiPatternFamilies, antiPatternMarker, buildCorpus, generateCorpus } from '../bench/corpus.mjs';

// Big enough that the round-robin over the eight families (one unit every 20-45 functions) covers all.
const requestedLines = 4000;

/** What each family's unit must look like, so the marker cannot claim a pattern the code lacks. */
const familyShapes: Record<string, { has: RegExp; lacks?: RegExp }> = {
  'no-floating-promise': { has: /^\s+(void \w+\(\w+\);|\w+\(\w+\);|\(async \(\) => \{)$/m },
  'no-detached-async-callback': { has: /(subscribe|forEach|\.on\('\w+',) ?\(?async \(/ },
  'no-stray-timer': { has: /setInterval\(|setTimeout\(tick,/, lacks: /clear(Interval|Timeout)/ },
  'no-orphan-worker': { has: /new Worker\(|\bspawn\(/, lacks: /\.on\('(error|exit)'|terminate\(|kill\(/ },
  'no-unowned-state': { has: /^const \w+(: [^=]+)? = (new Map|\{\})/m },
  'no-swallowed-error': { has: /\.catch\(\(\) => \{\}\)|catch \{\}/ },
  'require-cancellation': { has: /fetch\(|request\(\{/, lacks: /signal|timeout/i },
  'no-unbounded-buffer': { has: /\.write\(|\.push\(/, lacks: /drain/ },
};

function antiPatternUnits(files: Map<string, string>): Map<string, string[]> {
  const units = new Map<string, string[]>();
  for (const text of files.values()) {
    for (const family of antiPatternFamilies) {
      const at = text.indexOf(antiPatternMarker(family));
      // Units are appended last in their module, so a unit runs to the end of the file.
      if (at >= 0) units.set(family, [...(units.get(family) ?? []), text.slice(at)]);
    }
  }
  return units;
}

describe('bench/corpus.mjs', () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof generateCorpus>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spawnguard-corpus-'));
    result = await generateCorpus(join(dir, 'a'), { lines: requestedLines, seed: 1 });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same bytes for the same seed and different bytes for another seed', async () => {
    const again = await generateCorpus(join(dir, 'b'), { lines: requestedLines, seed: 1 });
    expect(again.files).toEqual(result.files);
    for (const file of result.files) {
      const [first, second] = await Promise.all([readFile(join(result.dir, file)), readFile(join(again.dir, file))]);
      expect(second.equals(first), file).toBe(true);
    }
    const other = buildCorpus({ lines: requestedLines, seed: 2 });
    const sameSeed = buildCorpus({ lines: requestedLines, seed: 1 });
    expect([...other.values()].join('')).not.toBe([...sameSeed.values()].join(''));
  });

  it('writes at least the requested number of lines and reports the count it wrote', async () => {
    let counted = 0;
    for (const file of result.files) counted += (await readFile(join(result.dir, file), 'utf8')).split('\n').length - 1;
    expect(counted).toBe(result.lines);
    expect(result.lines).toBeGreaterThanOrEqual(requestedLines);
    // Not wildly more either: one feature's worth of overshoot at most.
    expect(result.lines).toBeLessThan(requestedLines + 1000);
  });

  it('is an ESM project with a strict NodeNext tsconfig and code in the expected folders', async () => {
    const pkg = JSON.parse(await readFile(join(result.dir, 'package.json'), 'utf8')) as { type: string };
    expect(pkg.type).toBe('module');
    const tsconfig = JSON.parse(await readFile(join(result.dir, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: Record<string, unknown>;
      include: string[];
    };
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', noEmit: true });
    expect(tsconfig.include).toEqual(['src']);
    for (const folder of ['services', 'routes', 'repositories', 'models', 'lib', 'types']) {
      expect(result.files.some((file) => file.startsWith(`src/${folder}/`)), folder).toBe(true);
    }
  });

  it('type-checks with no diagnostics', () => {
    const configPath = join(result.dir, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile) as { config: unknown };
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, result.dir);
    expect(parsed.errors).toEqual([]);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const messages = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(messages).toEqual([]);
    expect(parsed.fileNames.length).toBe(result.files.filter((file) => file.endsWith('.ts')).length);
  });

  it('contains every anti-pattern family, each in its characteristic shape', () => {
    const units = antiPatternUnits(buildCorpus({ lines: requestedLines, seed: 1 }));
    expect([...units.keys()].sort()).toEqual([...antiPatternFamilies].sort());
    for (const [family, texts] of units) {
      const shape = familyShapes[family];
      expect(shape, family).toBeDefined();
      for (const text of texts) {
        expect(text, family).toMatch(shape!.has);
        if (shape!.lacks) expect(text, family).not.toMatch(shape!.lacks);
      }
    }
  });

  it('mixes anti-patterns in at a realistic rate among supervised code', () => {
    const files = buildCorpus({ lines: 20_000, seed: 3 });
    const text = [...files.values()].join('\n');
    const antiPatterns = text.match(/corpus:anti-pattern /g)?.length ?? 0;
    const functions = text.match(/\bfunction\b|^\s+(async )?\w+\([^)]*\)(: [^{]+)? \{$|=> \{?/gm)?.length ?? 0;
    expect(functions / antiPatterns).toBeGreaterThan(15);
    expect(functions / antiPatterns).toBeLessThan(80);
    for (const supervised of ['tasks.start(', 'supervise.interval(', 'supervise.worker(', 'supervise.cache(', 'report(']) {
      expect(text, supervised).toContain(supervised);
    }
    expect(text).toContain("from '@spawnguard/runtime'");
    expect(files.get('src/types/spawnguard-runtime.d.ts')).toContain("declare module '@spawnguard/runtime'");
  });
});

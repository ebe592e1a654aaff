import jscodeshift from 'jscodeshift';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleIds, type RuleId } from '../../rules/index.js';
import { locateFindings } from '../../src/fix/finding-locator.js';
import { fixableRuleIds, fixSource } from '../../src/fix/transform.js';
import { generateFile, type GeneratedFile } from './support/pattern-files.js';
import {
  fixableFindings,
  jscodeshiftParseError,
  lostComments,
  runtimeImportCount,
  typescriptEslintParseError,
} from './support/source-checks.js';

/**
 * Invariant 2 (docs/architecture.md) over generated files: a few hundred modules mixing every rule's anti-patterns with
 * nesting, comments and odd formatting (no semicolons, extra parentheses, trailing commas, tabs, CRLF),
 * in TS, TSX, ESM and CommonJS, some already importing the runtime. For each: the output re-parses
 * under both parsers, no fixable finding is left, a second run is a no-op, every comment survives,
 * and a file with nothing to fix is returned as null (untouched).
 *
 * FUZZ_SEED and FUZZ_FILES vary the run; a failure names the file's seed, which regenerates it alone
 * with `generateFile(seed)`.
 */
const firstSeed = Number(process.env['FUZZ_SEED'] ?? 1);
const fileCount = Number(process.env['FUZZ_FILES'] ?? 300);
const root = '/fuzz-project';
const j = jscodeshift.withParser('tsx');

interface Outcome {
  file: GeneratedFile;
  absolute: string;
  output: string | null;
  rewrites: Partial<Record<RuleId, number>>;
  error?: string;
  fixableBefore: number;
}

const label = (outcome: Outcome) => `${outcome.file.path} (seed ${outcome.file.seed})`;

describe(`spawnguard fix on ${fileCount} generated files (seed ${firstSeed})`, () => {
  const outcomes: Outcome[] = [];
  const rules = fixableRuleIds();

  beforeAll(() => {
    for (let seed = firstSeed; seed < firstSeed + fileCount; seed++) {
      const file = generateFile(seed);
      const absolute = `${root}/${file.path}`;
      const fixableBefore = fixableFindings(file.source, absolute, rules, root).length;
      try {
        const result = fixSource(file.source, absolute, j, { root });
        outcomes.push({ file, absolute, output: result.output, rewrites: result.rewrites, fixableBefore });
      } catch (error) {
        outcomes.push({ file, absolute, output: null, rewrites: {}, fixableBefore, error: (error as Error).message });
      }
    }
  }, 240_000);

  const changed = () => outcomes.filter((outcome): outcome is Outcome & { output: string } => outcome.output !== null);

  it('generates files every fixable rule has something to rewrite in (the test has teeth)', () => {
    expect(rules.length).toBeGreaterThan(0);
    const rewritten = new Set(outcomes.flatMap((outcome) => Object.keys(outcome.rewrites)));
    expect([...rewritten].sort()).toEqual([...rules].sort());
    expect(changed().length).toBeGreaterThan(fileCount / 5);
    expect(outcomes.filter((outcome) => outcome.file.clean).length).toBeGreaterThan(0);
    // Each quirk occurs in files that were actually rewritten, or the checks below would not see it.
    const traitsRewritten = new Set(changed().flatMap((outcome) => outcome.file.traits));
    const traits = ['ts', 'tsx', 'esm', 'cjs', 'crlf', 'no-semicolons', 'tabs', 'trailing-commas', 'extra-parentheses', 'runtime-imported'];
    expect(traits.filter((trait) => !traitsRewritten.has(trait))).toEqual([]);
  });

  it('every generated input parses, and fixSource never throws on it', () => {
    const inputErrors = outcomes.flatMap((outcome) => {
      const parseError = locateFindings(outcome.file.source, outcome.absolute, [], root).parseError;
      return parseError ? [`${label(outcome)}: input: ${parseError.message}`] : [];
    });
    expect(inputErrors).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.error).map((outcome) => `${label(outcome)}: ${outcome.error}`)).toEqual([]);
  });

  it('the output re-parses with the tsx parser and with @typescript-eslint/parser', () => {
    const failures = changed().flatMap((outcome) => {
      const babel = jscodeshiftParseError(outcome.output, j);
      const typescriptEslint = typescriptEslintParseError(outcome.output, outcome.absolute);
      return [
        ...(babel ? [`${label(outcome)}: tsx: ${babel}`] : []),
        ...(typescriptEslint ? [`${label(outcome)}: @typescript-eslint/parser: ${typescriptEslint}`] : []),
      ];
    });
    expect(failures).toEqual([]);
  });

  it('after the fix the rules report no finding that has a rewriter and was suggestable', () => {
    // An unchanged file is its own result: it must not have held a fixable finding either.
    const leftovers = outcomes.flatMap((outcome) =>
      fixableFindings(outcome.output ?? outcome.file.source, outcome.absolute, rules, root).map(
        (finding) => `${label(outcome)}:${finding.line}:${finding.column}: ${finding.ruleId}/${finding.messageId}`,
      ),
    );
    expect(leftovers).toEqual([]);
  });

  it('a second run changes nothing', () => {
    const notIdempotent = changed().flatMap((outcome) => {
      try {
        const again = fixSource(outcome.output, outcome.absolute, j, { root }).output;
        return again === null ? [] : [`${label(outcome)}: second run changed it again`];
      } catch (error) {
        return [`${label(outcome)}: second run threw ${(error as Error).message}`];
      }
    });
    expect(notIdempotent).toEqual([]);
  });

  it('every comment of the input is still in the output', () => {
    const lost = changed().flatMap((outcome) =>
      lostComments(outcome.file.source, outcome.output, outcome.absolute).map((comment) => `${label(outcome)}: ${comment}`),
    );
    expect(lost).toEqual([]);
  });

  it('a file with no fixable finding is returned as null, and a rewritten file imports the runtime at most once (once when it uses it)', () => {
    const wronglyTouched = outcomes
      .filter((outcome) => outcome.fixableBefore === 0 && outcome.output !== null)
      .map((outcome) => `${label(outcome)}: changed with nothing to fix`);
    expect(wronglyTouched).toEqual([]);
    // Some rewrites need no runtime name (`await once(stream, 'drain')`): those add no runtime import.
    const usesRuntime = /\b(tasks|supervise)\.|\breport\(/g;
    const imports = changed().flatMap((outcome) => {
      const count = runtimeImportCount(outcome.output, outcome.absolute);
      const newUses = (outcome.output.match(usesRuntime)?.length ?? 0) > (outcome.file.source.match(usesRuntime)?.length ?? 0);
      return count > 1 || (newUses && count !== 1) ? [`${label(outcome)}: ${count} runtime imports`] : [];
    });
    expect(imports).toEqual([]);
  });

  it('clean files hold no finding of any rule and come back as null', () => {
    const clean = outcomes.filter((outcome) => outcome.file.clean);
    const flagged = clean.flatMap((outcome) =>
      locateFindings(outcome.file.source, outcome.absolute, ruleIds, root).findings.map(
        (finding) => `${label(outcome)}:${finding.line}: ${finding.ruleId}/${finding.messageId}`,
      ),
    );
    expect(flagged).toEqual([]);
    expect(clean.filter((outcome) => outcome.output !== null).map(label)).toEqual([]);
  });

  it('CRLF files keep CRLF line endings in the rewritten code', () => {
    const mixed = changed()
      .filter((outcome) => outcome.file.source.includes('\r\n') && /(^|[^\r])\n/.test(outcome.output))
      .map((outcome) => `${label(outcome)}: bare \\n in the output of a CRLF file`);
    expect(mixed).toEqual([]);
  });
});

/**
 * The smallest inputs behind the fuzz failures above. recast parses a normalised copy of the text
 * (CRLF -> LF, leading tabs expanded to tabWidth 4 spaces), so Babel's node offsets differ from the
 * offsets ESLint reports on the original text: the range lookup in transform.ts misses the node.
 */
describe('regressions the fuzz found', () => {
  const floating = (newline: string, indent: string) =>
    ['async function poll(value) {}', 'export function tick() {', `${indent}void poll('tick');`, '}', ''].join(newline);

  it('rewrites a floating promise in tab-indented code', () => {
    const result = fixSource(floating('\n', '\t\t'), `${root}/src/tabs.mjs`, j, { root });
    expect(result.output ?? '(unchanged: null)').toContain("\t\ttasks.start(() => poll('tick'), { name: 'tabs.poll' });");
    expect(result.remaining).toEqual([]);
  });

  it.each([
    ['no-stray-timer', "export function beat() {\n  setInterval(() => console.log('beat'), 1000)\n}\n", "supervise.interval("],
    ['no-orphan-worker', "import { spawn } from 'node:child_process'\nexport function list() {\n  spawn('ls', ['-l'])\n}\n", "supervise.process("],
  ] as const)('rewrites %s in a file without semicolons', (ruleId, source, expected) => {
    const result = fixSource(source, `${root}/src/no-semicolons.mjs`, j, { root, rules: [ruleId] });
    expect(result.output ?? '(unchanged: null)').toContain(expected);
  });

  it('rewrites a floating promise in a CRLF file and keeps its CRLF line endings', () => {
    const result = fixSource(floating('\r\n', '  '), `${root}/src/crlf.mjs`, j, { root });
    expect(result.output ?? '(unchanged: null)').toContain("tasks.start(() => poll('tick'), { name: 'crlf.poll' });\r\n");
    expect(result.output?.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

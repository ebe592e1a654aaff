// `npm run eval -- --tseslint <typescript-eslint checkout> [--ref <tag>]`: how far spawnguard's
// no-floating-promise agrees with typescript-eslint's own no-floating-promises test cases (default
// options, type-aware). The cases are read from the checkout at run time, never copied here.
//
// The test file is TypeScript that calls `ruleTester.run(name, rule, { valid, invalid })`; rather
// than re-implementing its syntax (template literals with expressions, helper calls), it is
// transpiled and evaluated with stub imports that capture the object handed to `run`. Only the
// test file's own code runs, with a `require` that serves nothing but those stubs and `path`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path, { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const testFile = 'packages/eslint-plugin/tests/rules/no-floating-promises.test.ts';
const fixturesDir = 'packages/eslint-plugin/tests/fixtures';

/** Runs git on a work tree or a bare repository (a fetched mirror). */
function gitRunner(checkout) {
  const bare = !existsSync(join(checkout, '.git')) && existsSync(join(checkout, 'HEAD'));
  const base = bare ? ['--git-dir', checkout] : ['-C', checkout];
  return (...args) => spawnSync('git', [...base, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The `{ valid, invalid }` object the test file passes to `ruleTester.run`, captured by evaluating the
 * transpiled file with stub imports.
 */
export function extractCases(source, { typescript, fixturesRoot }) {
  const { outputText } = typescript.transpileModule(source, {
    compilerOptions: { module: typescript.ModuleKind.CommonJS, target: typescript.ScriptTarget.ES2022, esModuleInterop: true },
  });
  let captured = null;
  const tester = { run: (_name, _rule, tests) => (captured = tests) };
  class RuleTester {
    run(name, rule, tests) {
      tester.run(name, rule, tests);
    }
  }
  const stubs = {
    'node:path': path,
    path,
    '../../src/rules/no-floating-promises': { __esModule: true, default: {} },
    '../RuleTester': { createRuleTesterWithTypes: () => tester, getFixturesRootDir: () => fixturesRoot },
    '@typescript-eslint/rule-tester': { RuleTester, noFormat: (strings, ...values) => String.raw({ raw: strings }, ...values) },
  };
  const sandboxRequire = (id) => {
    if (!(id in stubs)) throw new Error(`the test file imports ${id}, which the extractor does not stub`);
    return stubs[id];
  };
  const module = { exports: {} };
  vm.runInNewContext(outputText, {
    require: sandboxRequire,
    module,
    exports: module.exports,
    __dirname: join(fixturesRoot, '..', 'rules'),
    process: { env: {}, cwd: () => fixturesRoot },
  });
  if (!captured || !Array.isArray(captured.valid) || !Array.isArray(captured.invalid)) {
    throw new Error('the test file did not call ruleTester.run(name, rule, { valid, invalid })');
  }
  return captured;
}

const hasNonDefaultOptions = (testCase) =>
  Array.isArray(testCase.options) && testCase.options.some((option) => option && Object.keys(option).length > 0);

/** True when the code uses the `void` operator anywhere: typescript-eslint ignores `void p` by default, spawnguard reports it. */
function usesVoid(code, parse) {
  let found = false;
  const visit = (node) => {
    if (found || !node || typeof node.type !== 'string') return;
    if (node.type === 'UnaryExpression' && node.operator === 'void') {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
    }
  };
  try {
    visit(parse(code, { jsx: true, range: false, loc: false }));
  } catch {
    return false;
  }
  return found;
}

/** Sorts the cases: which count, which are set aside and why. */
export function selectCases({ valid, invalid }, parse) {
  const normalise = (testCase) => (typeof testCase === 'string' ? { code: testCase } : testCase);
  const selected = { valid: [], invalid: [] };
  const setAside = { skipped: 0, options: 0, void: 0 };
  for (const [kind, cases] of [
    ['valid', valid],
    ['invalid', invalid],
  ]) {
    cases.map(normalise).forEach((testCase, index) => {
      if (testCase.skip) setAside.skipped++;
      else if (hasNonDefaultOptions(testCase)) setAside.options++;
      else if (usesVoid(testCase.code, parse)) setAside.void++;
      else selected[kind].push({ ...testCase, index });
    });
  }
  return { selected, setAside };
}

export async function runAgreement({ checkout, ref, bin }) {
  const spawnguardRoot = resolve(dirname(bin), '..');
  const requireFromSpawnguard = createRequire(join(spawnguardRoot, 'package.json'));
  const installed = requireFromSpawnguard('@typescript-eslint/eslint-plugin/package.json').version;
  const wantedRef = ref ?? `v${installed}`;
  const git = gitRunner(checkout);
  if (git('rev-parse', '--verify', '--quiet', `${wantedRef}^{commit}`).status !== 0) {
    const tags = git('tag', '--sort=-v:refname', '--list', 'v8.*').stdout.trim().split('\n').slice(0, 3).join(', ');
    console.error(`eval: ${wantedRef} is not in ${checkout} (its newest tags: ${tags || 'none'}); pass --ref <tag>`);
    return 2;
  }
  const show = (file) => {
    const result = git('show', `${wantedRef}:${file}`);
    if (result.status !== 0) throw new Error(`${file} is not at ${wantedRef}: ${result.stderr.trim()}`);
    return result.stdout;
  };

  // The cases run against a copy of typescript-eslint's fixture project, with this repository's
  // node_modules beside it for @types/node.
  const work = mkdtempSync(join(tmpdir(), 'spawnguard-tseslint-'));
  try {
    const fixtureFiles = git('ls-tree', '--name-only', wantedRef, `${fixturesDir}/`).stdout.trim().split('\n');
    for (const file of fixtureFiles) {
      const type = git('cat-file', '-t', `${wantedRef}:${file}`).stdout.trim();
      if (type === 'blob') writeFileSync(join(work, path.posix.basename(file)), show(file));
    }
    symlinkSync(join(spawnguardRoot, 'node_modules'), join(work, 'node_modules'), 'dir');

    const typescript = requireFromSpawnguard('typescript');
    const tsParser = requireFromSpawnguard('@typescript-eslint/parser');
    const { Linter } = requireFromSpawnguard('eslint');
    const plugin = (await import(pathToFileURL(join(spawnguardRoot, 'dist', 'rules', 'index.js')).href)).default;

    const cases = extractCases(show(testFile), { typescript, fixturesRoot: work });
    const { selected, setAside } = selectCases(cases, tsParser.parse);

    const linter = new Linter({ cwd: work });
    const config = [
      {
        files: ['**/*.ts', '**/*.tsx'],
        plugins: { spawnguard: plugin },
        languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: work } },
        rules: { 'spawnguard/no-floating-promise': 'error' },
      },
    ];
    const run = (testCase) => {
      try {
        const messages = linter.verify(testCase.code, config, { filename: join(work, testCase.filename ?? 'file.ts') });
        const fatal = messages.find((message) => message.fatal);
        if (fatal) return { crash: `parse: ${fatal.message}` };
        return { lines: messages.filter((m) => m.ruleId === 'spawnguard/no-floating-promise').map((m) => m.line) };
      } catch (error) {
        return { crash: String(error?.message ?? error).split('\n')[0] };
      }
    };

    // An invalid case agrees when reported at least once, a valid one when nothing is reported; a
    // throw agrees with neither.
    const misses = { invalid: [], valid: [] };
    const agreed = { invalid: 0, valid: 0 };
    const crashes = [];
    let expectedLines = 0;
    let hitLines = 0;
    for (const kind of ['invalid', 'valid']) {
      for (const testCase of selected[kind]) {
        const result = run(testCase);
        if (result.crash) {
          crashes.push({ kind, testCase, message: result.crash });
          misses[kind].push(testCase);
          continue;
        }
        if ((result.lines.length > 0) === (kind === 'invalid')) agreed[kind]++;
        else misses[kind].push({ ...testCase, reportedLines: result.lines });
        if (kind !== 'invalid') continue;
        for (const error of testCase.errors ?? []) {
          if (typeof error.line !== 'number') continue;
          expectedLines++;
          if (result.lines.includes(error.line)) hitLines++;
        }
      }
    }
    const flagged = agreed.invalid;
    const quiet = agreed.valid;

    const percent = (n, d) => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);
    console.log(`typescript-eslint ${wantedRef} (installed @typescript-eslint ${installed}), ${testFile}`);
    console.log(`spawnguard: ${spawnguardRoot}\n`);
    console.log(`cases: ${cases.valid.length} valid, ${cases.invalid.length} invalid; set aside: ${setAside.options} with non-default options, ${setAside.void} using void, ${setAside.skipped} skipped\n`);
    console.log('| typescript-eslint says | cases | spawnguard agrees | agreement |');
    console.log('|---|---:|---:|---:|');
    console.log(`| invalid (must be flagged) | ${selected.invalid.length} | ${flagged} | ${percent(flagged, selected.invalid.length)} |`);
    console.log(`| valid (must stay quiet) | ${selected.valid.length} | ${quiet} | ${percent(quiet, selected.valid.length)} |`);
    console.log(`\nexpected error lines reported (invalid cases): ${hitLines}/${expectedLines} (${percent(hitLines, expectedLines)})`);
    if (crashes.length > 0) {
      console.log(`\n${crashes.length} case(s) where the rule or parser threw:`);
      for (const { kind, testCase, message } of crashes) console.log(`- ${kind} #${testCase.index}: ${message}`);
    }
    const show3 = (code) => code.trim().split('\n').slice(0, 4).join(' ⏎ ').slice(0, 200);
    if (misses.invalid.length > 0) {
      console.log(`\ninvalid cases not flagged (${misses.invalid.length}):`);
      for (const testCase of misses.invalid) console.log(`- #${testCase.index}: ${show3(testCase.code)}`);
    }
    if (misses.valid.length > 0) {
      console.log(`\nvalid cases flagged (${misses.valid.length}):`);
      for (const testCase of misses.valid) console.log(`- #${testCase.index} (lines ${testCase.reportedLines ?? '-'}): ${show3(testCase.code)}`);
    }
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

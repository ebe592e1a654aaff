import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

/**
 * One harness for every rule test: each case runs twice, once syntactic (no type information, as in a
 * bare editor set-up) and once type-aware (a real TypeScript program over test/rules/typed-project),
 * because docs/architecture.md ("Two detection modes") requires both modes to be right and the type-aware one to add no false positive.
 *
 * Case filenames pick the parser and dialect: `file.ts` (default), `react.tsx`, `file.mjs`,
 * `file.cjs` (CommonJS: sourceType commonjs), `script.js`, `component.jsx`. Those files exist (empty) in
 * typed-project (TypeScript drops a .js beside a .ts of the same name, hence the other names) so
 * the project service can place them in the program. `projects/<name>/app.ts` is a file of one of the
 * small projects under typed-project/projects, whose package.json (and node_modules) say which
 * framework versions the project uses; both modes see it at its real path.
 */
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const typedProjectRoot = fileURLToPath(new URL('./typed-project/', import.meta.url));

/**
 * typescript-eslint's promise rules by name only (never enabled), so a case can carry a project's
 * `eslint-disable-next-line @typescript-eslint/no-misused-promises` without ESLint reporting an
 * unknown rule, or the directive as unused (nothing runs that rule here).
 */
const inertRule: TSESLint.RuleModule<string, []> = { meta: { type: 'problem', messages: {}, schema: [] }, defaultOptions: [], create: () => ({}) };
const typescriptEslintNames = { '@typescript-eslint': { rules: { 'no-misused-promises': inertRule, 'no-floating-promises': inertRule } } };

const syntactic = new RuleTester({
  plugins: typescriptEslintNames,
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const typed = new RuleTester({
  plugins: typescriptEslintNames,
  linterOptions: { reportUnusedDisableDirectives: 'off' },
  languageOptions: {
    parserOptions: {
      ecmaFeatures: { jsx: true },
      tsconfigRootDir: typedProjectRoot,
      project: './tsconfig.json',
    },
  },
});

type AnyCase<M extends string, O extends readonly unknown[]> = ValidTestCase<O> | InvalidTestCase<M, O>;

function withDialect<M extends string, O extends readonly unknown[], C extends AnyCase<M, O>>(testCase: C, typedMode: boolean): C {
  const filename = testCase.filename ?? 'file.ts';
  const commonjs = filename.endsWith('.cjs');
  // The rule tester forces parserOptions.sourceType 'module'; CommonJS needs 'script' there too.
  const languageOptions = commonjs
    ? {
        languageOptions: {
          ...testCase.languageOptions,
          sourceType: 'commonjs' as const,
          parserOptions: { ...testCase.languageOptions?.parserOptions, sourceType: 'script' as const },
        },
      }
    : {};
  return {
    ...testCase,
    ...languageOptions,
    // The typed tester resolves names against tsconfigRootDir; the syntactic one needs the real path.
    filename: !typedMode && filename.startsWith('projects/') ? `${typedProjectRoot}${filename}` : filename,
    ...(typedMode && testCase.name ? { name: `${testCase.name} [typed]` } : {}),
  };
}

export interface RuleCases<M extends string, O extends readonly unknown[]> {
  valid: (string | ValidTestCase<O>)[];
  invalid: InvalidTestCase<M, O>[];
  /** Cases only the type-aware mode can decide (it must not add false positives; it may find more). */
  typedOnly?: { valid?: ValidTestCase<O>[]; invalid?: InvalidTestCase<M, O>[] };
}

export function testRuleInBothModes<M extends string, O extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<M, O>,
  cases: RuleCases<M, O>,
): void {
  const normalise = (testCase: string | ValidTestCase<O>): ValidTestCase<O> =>
    typeof testCase === 'string' ? { code: testCase } : testCase;
  const syntacticTests: RunTests<M, O> = {
    valid: cases.valid.map((testCase) => withDialect<M, O, ValidTestCase<O>>(normalise(testCase), false)),
    invalid: cases.invalid.map((testCase) => withDialect(testCase, false)),
  };
  const typedTests: RunTests<M, O> = {
    valid: [...cases.valid.map(normalise), ...(cases.typedOnly?.valid ?? [])].map((testCase) =>
      withDialect<M, O, ValidTestCase<O>>(testCase, true),
    ),
    invalid: [...cases.invalid, ...(cases.typedOnly?.invalid ?? [])].map((testCase) => withDialect(testCase, true)),
  };
  describe('syntactic', () => syntactic.run(name, rule, syntacticTests));
  describe('type-aware', () => typed.run(name, rule, typedTests));
}

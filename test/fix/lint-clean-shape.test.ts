import tseslint from '@typescript-eslint/eslint-plugin';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import jscodeshift from 'jscodeshift';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/transform.js';

/**
 * What the no-floating-promise rewrite writes must pass the lint rules common configs turn on for the
 * promise it wraps (issue 13: p-queue's xo failed `@typescript-eslint/promise-function-async` on
 * `tasks.start(() => job())`). The rules themselves judge the codemod's output: typescript-eslint's
 * typed rules on TypeScript, ESLint's own `require-await` on JavaScript.
 */
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const typedProjectRoot = fileURLToPath(new URL('../rules/typed-project/', import.meta.url));
const typed = new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: typedProjectRoot, project: './tsconfig.json' } } });

// p-queue's shape: a job started, nobody awaiting it.
const queue = `async function job(): Promise<void> {}
export function tryToStartAnother(): boolean {
  job();
  return true;
}
`;
const j = jscodeshift.withParser('tsx');
const fixedTypeScript = fixSource(queue, `${typedProjectRoot}file.ts`, j, { root: typedProjectRoot }).output!;
const fixedJavaScript = fixSource(queue.replace(': Promise<void>', '').replace(': boolean', ''), `${typedProjectRoot}file.mjs`, j, { root: typedProjectRoot }).output!;

describe('the tasks.start rewrite and common lint rules', () => {
  it('starts the task in an async arrow in TypeScript and a plain one in JavaScript', () => {
    expect(fixedTypeScript).toContain("tasks.start(async () => job(), { name: 'file.job' });");
    expect(fixedJavaScript).toContain("tasks.start(() => job(), { name: 'file.job' });");
  });

  const rule = (name: string) => tseslint.rules[name as keyof typeof tseslint.rules] as never;
  // The old shape fails promise-function-async: proof the check below can fail.
  typed.run('promise-function-async', rule('promise-function-async'), {
    valid: [{ name: 'the rewrite', code: fixedTypeScript, filename: 'file.ts' }],
    invalid: [
      {
        name: 'the shape written before (p-queue\'s xo error)',
        code: fixedTypeScript.replace('async () => job()', '() => job()'),
        filename: 'file.ts',
        errors: [{ messageId: 'missingAsync' }],
        output: fixedTypeScript,
      },
    ],
  });
  typed.run('require-await', rule('require-await'), { valid: [{ name: 'the rewrite', code: fixedTypeScript, filename: 'file.ts' }], invalid: [] });
  typed.run('return-await', rule('return-await'), { valid: [{ name: 'the rewrite', code: fixedTypeScript, filename: 'file.ts' }], invalid: [] });

  it('leaves JavaScript clean under ESLint’s require-await, which an async arrow without await would fail', () => {
    const linter = new Linter({ configType: 'flat' });
    const lint = (code: string) => linter.verify(code, [{ rules: { 'require-await': 'error' } }], 'file.mjs').map((message) => message.ruleId);
    expect(lint(fixedJavaScript)).toEqual([]);
    expect(lint(fixedJavaScript.replace('() => job()', 'async () => job()'))).toEqual(['require-await']);
  });
});

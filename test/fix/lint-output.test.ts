import { describe, expect, it } from 'vitest';
import { lintFailuresIn, newLintFailures } from '../../src/fix/lint-output.js';

/** How `fix --verify-lint` reads what a project's lint or format check prints (src/fix/lint-output.ts). */
describe('lint output', () => {
  const root = '/p';

  it('reads ESLint’s stylish output: absolute file headings, errors with their rule, warnings left out', () => {
    const output = [
      '',
      '/p/src/a.ts',
      '   6:1   error    `@spawnguard/runtime` import should occur before import of `./queue.js`  import-x/order',
      '  12:9   warning  Unexpected todo comment                                                 no-warning-comments',
      '  20:3   error    Parsing error: Unexpected token',
      '',
      '✖ 3 problems (2 errors, 1 warning)',
    ].join('\n');
    expect(lintFailuresIn(output, root, 1)).toEqual([
      { file: 'src/a.ts', rule: 'import-x/order', message: '`@spawnguard/runtime` import should occur before import of `./queue.js`' },
      { file: 'src/a.ts', rule: '(no rule)', message: 'Parsing error: Unexpected token' },
    ]);
  });

  it('reads xo’s output (p-queue, session 5): relative headings with a position, ✖ errors and ⚠ warnings', () => {
    const output = [
      '',
      '  source/queue.ts:9:2',
      '  ⚠    9:2   Unexpected todo comment: TODO: Make this required in the next....    no-warning-comments',
      '',
      '  source/index.ts:6:1',
      '  ⚠  120:3   Unexpected todo comment: TODO: Remove this fallback in the next....  no-warning-comments',
      '  ✖    6:1   @spawnguard/runtime import should occur before import of ./queue.js  import-x/order',
      '  ✖  323:20  Functions that return promises must be async.                        @typescript-eslint/promise-function-async',
      '',
      '  2 warnings',
      '  2 errors',
    ].join('\n');
    expect(lintFailuresIn(output, root, 1).map(({ file, rule }) => `${file} ${rule}`)).toEqual([
      'source/index.ts import-x/order',
      'source/index.ts @typescript-eslint/promise-function-async',
    ]);
  });

  it('reads ESLint’s unix and compact formats and prettier --check', () => {
    expect(lintFailuresIn('/p/lib/x.js:3:7: Missing semicolon. [Error/semi]\n/p/lib/x.js:4:1: Todo [Warning/no-warning-comments]\n', root, 1)).toEqual([
      { file: 'lib/x.js', rule: 'semi', message: 'Missing semicolon.' },
    ]);
    expect(lintFailuresIn('/p/lib/x.js: line 3, col 7, Error - Missing semicolon. (semi)\n', root, 1)).toEqual([{ file: 'lib/x.js', rule: 'semi', message: 'Missing semicolon.' }]);
    expect(lintFailuresIn('Checking formatting...\n[warn] lib/queue.js\n[warn] Code style issues found in the above file. Run Prettier with --write to fix.\n', root, 1)).toEqual([
      { file: 'lib/queue.js', rule: 'prettier', message: 'not formatted as prettier would' },
    ]);
  });

  it('counts a failing check whose output it cannot read as one complaint, and a passing one as none', () => {
    expect(lintFailuresIn('Oops: config not found\n', root, 2)).toEqual([{ file: '', rule: 'exit 2', message: 'Oops: config not found' }]);
    expect(lintFailuresIn('all good\n', root, 0)).toEqual([]);
  });

  it('finds the new complaints by file and rule, whatever their lines (an added import moves them)', () => {
    const before = [
      { file: 'a.ts', rule: 'no-var', message: 'at 3' },
      { file: 'a.ts', rule: 'no-var', message: 'at 9' },
    ];
    const after = [
      { file: 'a.ts', rule: 'no-var', message: 'at 4' },
      { file: 'a.ts', rule: 'no-var', message: 'at 10' },
      { file: 'a.ts', rule: 'no-var', message: 'at 12' },
      { file: 'b.ts', rule: 'no-var', message: 'at 1' },
    ];
    expect(newLintFailures(before, after)).toEqual([after[2], after[3]]);
    expect(newLintFailures(after, before)).toEqual([]);
  });
});

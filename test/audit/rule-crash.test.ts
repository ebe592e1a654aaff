import type { Linter, Rule } from 'eslint';
import { describe, expect, it } from 'vitest';
import { FileLinter } from '../../src/audit/linting.js';

// A rule that throws on one node (as a checker overflow would): the file's lint must come back as
// an error naming the rule, its message and the node's position, never as an exception.
const throwingRule: Rule.RuleModule = {
  meta: { type: 'problem', schema: [], messages: {} },
  create() {
    return {
      Identifier(node: Rule.Node & { name?: string }) {
        if (node.name === 'boom') throw new RangeError('Maximum call stack size exceeded');
      },
    };
  },
};

const config: Linter.Config[] = [
  { plugins: { spawnguard: { rules: { 'no-floating-promise': throwingRule } } }, rules: { 'spawnguard/no-floating-promise': 'error' } },
];

describe('a rule that throws', () => {
  it('becomes the file error with the rule, the message and the real position', () => {
    const lint = new FileLinter(process.cwd(), config).lint(`${process.cwd()}/src/app.js`, 'const a = 1;\nconst  boom = 2;\n');
    expect(lint).toEqual({
      ok: false,
      line: 2,
      column: 8,
      message: 'rule spawnguard/no-floating-promise crashed: RangeError: Maximum call stack size exceeded',
    });
  });

  it('leaves the next file to lint normally', () => {
    const linter = new FileLinter(process.cwd(), config);
    linter.lint(`${process.cwd()}/src/a.js`, 'boom;');
    const next = linter.lint(`${process.cwd()}/src/b.js`, 'const fine = 1;');
    expect(next.ok).toBe(true);
  });
});

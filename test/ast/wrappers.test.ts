import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { skipMethodCalls } from '../../src/ast/wrappers.js';

/** The source text skipMethodCalls leaves of the expression statement `code`. */
function receiverText(code: string, method: string): string {
  const program = parse(code, { range: true });
  const statement = program.body[0] as TSESTree.ExpressionStatement;
  const receiver = skipMethodCalls(statement.expression, method);
  return code.slice(receiver.range[0], receiver.range[1]);
}

describe('skipMethodCalls', () => {
  it('leaves the receiver under any number of calls of the method, wrappers skipped', () => {
    expect(receiverText('p.finally(f).finally(g);', 'finally')).toBe('p');
    expect(receiverText('(tick.bind(this) as Handler).bind(other);', 'bind')).toBe('tick');
    expect(receiverText('(p!.finally as F)(f);', 'finally')).toBe('p');
  });

  it('stops at a call of another method, and leaves a plain value as it is', () => {
    expect(receiverText('p.then(f).finally(g);', 'finally')).toBe('p.then(f)');
    expect(receiverText('run(p);', 'finally')).toBe('run(p)');
    expect(receiverText('p;', 'finally')).toBe('p');
  });
});

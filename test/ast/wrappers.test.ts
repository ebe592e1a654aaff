import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { outermostSameValue, skipMethodCalls } from '../../src/ast/wrappers.js';

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

describe('outermostSameValue', () => {
  /** The source text of the outermost node that still denotes the identifier `h` in the expression statement `code`. */
  function sameValueText(code: string): string {
    const program = parse(code, { range: true });
    let found: TSESTree.Node | undefined;
    simpleTraverse(program, {
      enter(node) {
        if (node.type === 'Identifier' && node.name === 'h') found ??= node;
      },
    }, true);
    const value = outermostSameValue(found!);
    return code.slice(value.range[0], value.range[1]);
  }

  it('climbs every transparent wrapper, a branch of a conditional and the right of a logical expression', () => {
    expect(sameValueText('run((h as T)!);')).toBe('(h as T)!');
    expect(sameValueText('run(<T>(h satisfies U));')).toBe('<T>(h satisfies U)');
    expect(sameValueText('run(c ? x : h);')).toBe('c ? x : h');
    expect(sameValueText('run(a || h);')).toBe('a || h');
  });

  it('stops at the test of a conditional, the left of a logical expression and a member access', () => {
    expect(sameValueText('run(h ? x : y);')).toBe('h');
    expect(sameValueText('run(h || a);')).toBe('h');
    expect(sameValueText('run(h.x as T);')).toBe('h');
  });
});

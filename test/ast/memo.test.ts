import { describe, expect, it } from 'vitest';
import { namedMemo } from '../../src/ast/memo.js';

describe('namedMemo: answers kept per object and name', () => {
  it('computes each (object, name) answer once, null included, and keeps objects and names apart', () => {
    const memo = namedMemo<object, string | null>();
    const a = {};
    const b = {};
    const asked: string[] = [];
    const answer = (key: string, value: string | null) => () => {
      asked.push(key);
      return value;
    };
    expect(memo.get(a, 'x', answer('a.x', 'one'))).toBe('one');
    expect(memo.get(a, 'x', answer('a.x again', 'other'))).toBe('one');
    expect(memo.get(a, 'y', answer('a.y', null))).toBeNull();
    expect(memo.get(a, 'y', answer('a.y again', 'late'))).toBeNull();
    expect(memo.get(b, 'x', answer('b.x', 'two'))).toBe('two');
    expect(asked).toEqual(['a.x', 'a.y', 'b.x']);
  });
});

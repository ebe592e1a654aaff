import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isFunctionNode } from '../../src/ast/functions.js';
import { functionName } from '../../src/ast/names.js';

/** The name functionName gives each function of `code`, in source order. */
function namesOfFunctions(code: string): (string | null)[] {
  const program = parse(code, { range: true, loc: true });
  const functions: TSESTree.FunctionLike[] = [];
  simpleTraverse(program, {
    enter(node) {
      if (isFunctionNode(node)) functions.push(node);
    },
  }, true);
  return functions.map((fn) => functionName(fn));
}

describe('functionName', () => {
  it('names a declaration, a bound variable, a method and a property', () => {
    expect(namesOfFunctions('function a() {}\nconst b = () => {};\nclass C { c() {} }\nconst o = { d() {}, e: function () {} };')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('names a function assigned to a property by the property', () => {
    expect(namesOfFunctions('nodemon.reset = function () {};\nthis.stop = () => {};\nFoo.prototype["start"] = function () {};')).toEqual(['reset', 'stop', 'start']);
  });

  it('gives no name to an anonymous callback, a function assigned to a plain variable, or one on the left of nothing', () => {
    expect(namesOfFunctions('run(() => {});\nlet f; f = function () {};\nx.y = wrap(function () {});')).toEqual([null, null, null]);
  });
});

import { parse, simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { isFunctionNode } from '../../src/ast/functions.js';
import { exportsUnderItsOwnName, functionName, isDefinedName, isExportingReference } from '../../src/ast/names.js';

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

describe('isDefinedName', () => {
  /** For each identifier of `code` named `name`, in source order: is it the name its parent defines? */
  function definedNames(code: string, name: string): boolean[] {
    const program = parse(code, { range: true });
    const answers: boolean[] = [];
    simpleTraverse(program, {
      enter(node) {
        if (node.type === 'Identifier' && node.name === name) answers.push(isDefinedName(node));
      },
    }, true);
    return answers;
  }

  it('is true for the name a declaration, a class member or an object key defines', () => {
    expect(definedNames('function f() {}\nconst g = function f() {};\nclass f {}\nconst C = class f {};\nconst f = 1;', 'f')).toEqual([true, true, true, true, true]);
    expect(definedNames('class C { f() {} f = 1; accessor f = 2 }\nconst o = { f: 1 };', 'f')).toEqual([true, true, true, true]);
  });

  it('is false for a use of the value: a call, an argument, a computed key, a member read, an initialiser', () => {
    expect(definedNames('f();\nrun(f);\nconst o = { [f]: 1 };\nclass C { [f]() {} }\nx.f;\nconst g = f;', 'f')).toEqual([false, false, false, false, false, false]);
  });
});

/** For each reference to `f` in `code` (not its declaration): `export` when it hands `f` to other modules, `own` when under the name `f`. */
function exportsOfF(code: string): string[] {
  const program = parse(code, { range: true, loc: true });
  const found: string[] = [];
  simpleTraverse(program, {
    enter(node) {
      const parent = node.parent;
      if (node.type !== 'Identifier' || node.name !== 'f' || parent?.type === 'FunctionDeclaration') return;
      // A name, not a reference: `exports.f`, the key of `{ f }`, the exported name of `export { x as f }`.
      if ((parent?.type === 'MemberExpression' && parent.property === node) || (parent?.type === 'Property' && parent.key === node)) return;
      if (parent?.type === 'ExportSpecifier' && parent.exported === node && parent.local !== node) return;
      found.push(isExportingReference(node) ? (exportsUnderItsOwnName(node) ? 'export own' : 'export renamed') : 'other');
    },
  }, true);
  return found;
}

describe('isExportingReference / exportsUnderItsOwnName', () => {
  it('tells an export under the function own name from one under another name', () => {
    expect(exportsOfF('function f() {}\nmodule.exports = { f };')).toEqual(['export own']);
    expect(exportsOfF('function f() {}\nexports.f = f;')).toEqual(['export own']);
    expect(exportsOfF('function f() {}\nmodule.exports.f = f;')).toEqual(['export own']);
    expect(exportsOfF('function f() {}\nexports.g = f;')).toEqual(['export renamed']);
    expect(exportsOfF('function f() {}\nmodule.exports = f;')).toEqual(['export renamed']);
    expect(exportsOfF('function f() {}\nexport { f as g };')).toEqual(['export renamed']);
    expect(exportsOfF('function f() {}\nexport default f;')).toEqual(['export renamed']);
    expect(exportsOfF('function f() {}\nrun(f);')).toEqual(['other']);
  });
});

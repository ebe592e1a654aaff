import { describe, expect, it } from 'vitest';
import { parseTypeScriptSource, typescriptExportReturns } from '../../src/detect/typescript-exports.js';

// The cheap path must give the answer promises' ESTree path gives (`exportStep`, `syntacticReturns`,
// `instanceMethodReturns`, `memberValue`), or none at all: `undefined` hands the question to that path.
function answer(code: string, path: string[], method?: string, fileName = '/project/lib.ts') {
  const source = parseTypeScriptSource(fileName, code);
  if (!source) throw new Error('did not parse');
  return typescriptExportReturns(source, path, method);
}

describe('typescriptExportReturns: plain exported functions', () => {
  it.each([
    ['export async function f() {}', 'promise'],
    ['export function f(): Promise<void> { return g(); }', 'promise'],
    ['export function f(): PromiseLike<void> { return g(); }', 'promise'],
    ['export function f() { console.log(1); }', 'other'],
    ['export function f() { if (x) return; return g(); }', 'other'], // a bare return: returnedExpressions is undefined
    ['export function f() { return g(); }', 'ask'],
    ['export function f() { const h = () => { return g(); }; h(); }', 'other'], // the nested return runs later
    ['export function f() { class A { m() { return 1; } } }', 'other'],
    ['export function* f() { return g(); }', 'other'],
    ['export async function* f() {}', 'other'],
    ['export const f = async () => {};', 'promise'],
    ['export const f = (async () => {}) as Handler;', 'promise'],
    ['export const f = () => g();', 'ask'],
    ['export const f = function () { return 1; };', 'ask'],
    ['export const f = makeThing();', 'other'],
    ['export class f {}', 'other'],
    ['export function f(): Promise<void>;\nexport function f(x?: number): Promise<void> { return g(); }', 'promise'], // the overload is passed over
  ])('%s -> %s', (code, expected) => {
    expect(answer(code, ['f'])).toBe(expected);
  });

  it('takes the first ES export that names it, as exportTarget does, and leaves CommonJS to the ESTree path', () => {
    expect(answer('module.exports.f = () => g();\nexport async function f() {}', ['f'])).toBe('promise');
    expect(answer('exports.f = async () => {};', ['f'])).toBeUndefined();
  });

  it.each([
    ['export { g as f };\nasync function g() {}', ['f']],
    ["export { f } from './other.js';", ['f']],
    ["export * from './other.js';", ['f']],
    ['export default async function () {}', ['default']],
    ['export async function f() {}', ['f', 'member']],
    ['export let f = async () => {};', ['f']],
    ['export namespace N { export async function f() {} }', ['f']],
    ['declare const x: number;\nexport declare function f(): Promise<void>;', ['f']],
  ])('hands %s to the ESTree path', (code, path) => {
    expect(answer(code, path)).toBeUndefined();
  });

  it('does not answer for a file with syntax errors (the ESTree path finds no program there)', () => {
    expect(parseTypeScriptSource('/project/lib.ts', 'export async function f( {')).toBeNull();
  });

  it('reads JavaScript and JSX files with their own script kind', () => {
    expect(answer('export async function f() { return <div />; }', ['f'], undefined, '/project/lib.jsx')).toBe('promise');
    expect(answer('export function f() { return g(); }', ['f'], undefined, '/project/lib.mjs')).toBe('ask');
  });
});

describe('typescriptExportReturns: a method asked of an instance of an exported class', () => {
  it.each([
    ['export class C { async start() {} }', 'start', 'promise'],
    ['export class C { stop(): void {} }', 'stop', 'other'],
    ['export class C { run() { return this.go(); } }', 'run', 'ask'],
    ['export class C { start = async () => {}; }', 'start', 'promise'],
    ['export class C { start: () => Promise<void>; }', 'start', 'other'], // a field with no value: memberValue gives null
    ['export abstract class C { abstract send(): Promise<void>; }', 'send', 'promise'],
    ['export class C extends Base { other() {} }', 'start', 'ask'], // inherited: for the ESTree path's analysis
    ['export class C { other() {} }', 'start', 'other'],
    ['export class C { get start() { return g(); } async start2() {} }', 'start', 'other'], // an accessor is passed over
    ['export const C = class { async start() {} };', 'start', 'promise'],
    ['export const C = makeClass();', 'start', 'ask'],
  ])('%s, .%s() -> %s', (code, method, expected) => {
    expect(answer(code, ['C'], method)).toBe(expected);
  });

  it('hands quoted, computed and private member names to the ESTree path', () => {
    expect(answer("export class C { 'start'() {} }", ['C'], 'start')).toBeUndefined();
    expect(answer('export class C { #start() {} start() {} }', ['C'], 'start')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { namesReturningNoPromiseByTokens, parseTypeScriptSource, typescriptExportReturns } from '../../src/detect/typescript-exports.js';

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

describe('namesReturningNoPromiseByTokens: the screen before any parse', () => {
  /** The names the tokens answer for; each must be one the parse answers 'other' for. */
  function screened(code: string, fileName = '/project/lib.ts'): string[] {
    const names = [...namesReturningNoPromiseByTokens(fileName, code).functions];
    const source = parseTypeScriptSource(fileName, code);
    if (!source) throw new Error('did not parse');
    for (const name of names) expect({ name, answer: typescriptExportReturns(source, [name], undefined) }).toEqual({ name, answer: 'other' });
    return names.sort();
  }

  it.each([
    ['export function f(app: App): void { app.get("/", async (req, res) => { res.json(await g()); }); }', ['f']],
    ['export function f<T extends { a: () => void }>(x: T): Map<string, () => void> { log(x); }', ['f']],
    ['export function* f() { yield 1; }', ['f']],
    ["// return g();\nexport function f() { const s = '}'; const t = `${'{'}x${`}`}`; const r = /[{]return/; log(s, t, r); }", ['f']],
    ['export function f() { log(1); }\nexport function g() { log(2); }\nexport const h = () => 1;\nexport class C {}\nexport interface I {}\nexport type T = string;\nexport enum E { A }', ['f', 'g']],
    ['export function f() { const h = () => { return 1; }; h(); }', []], // the parse sees the return is nested: 'other', but the tokens cannot
    ['export function f() { return; }', []],
    ['export async function f() { log(1); }', []],
    ['export function f(): Promise<void> { log(1); }', []],
    ['export function f(): PromiseLike<void> { log(1); }', []],
    ['export function f(): Foo | Promise<void> { log(1); }', []],
    ['export function f(): Promise { log(1); }', []],
    ['export function f(): void;\nexport function f(x?: number): void { log(x); }', []], // an overload
    ['export function f() { log(1); }\nexport { f as g };', []],
    ['export function f() { log(1); }\nexport default f;', []],
    ['export function f() { log(1); }\nf();', []],
    ['function f() { log(1); }\nexport { f };', []],
    ['export function f() { log(1); }\nexport namespace N { export const x = 1; }', []], // a statement exportedDeclaration does not read past
    ['export function f() { const half = (a + b) / 2; log(half); }', []], // `/` after `)`: the tokens cannot tell division from a pattern
    ['export function f() { let type = 4; log(type / 2); }', []], // `/` after a contextual keyword used as a name
  ])('%s -> %j', (code, names) => {
    expect(screened(code)).toEqual(names);
  });

  it('reads no JSX, and nothing where the tokens do not match up', () => {
    expect([...namesReturningNoPromiseByTokens('/project/view.tsx', 'export function f() { log(<div />); }').functions]).toEqual([]);
    expect([...namesReturningNoPromiseByTokens('/project/lib.ts', 'export function f() { log(1); ').functions]).toEqual([]);
    expect([...namesReturningNoPromiseByTokens('/project/lib.ts', 'export function f() { log(`${1`); }').functions]).toEqual([]);
  });
});

describe('namesReturningNoPromiseByTokens: methods of an exported class, before any parse', () => {
  /** `Class.method` for each method the tokens answer for; each must be one the parse answers 'other' for. */
  function screened(code: string, fileName = '/project/service.ts'): string[] {
    const source = parseTypeScriptSource(fileName, code);
    if (!source) throw new Error('did not parse');
    const answered: string[] = [];
    for (const [className, methods] of namesReturningNoPromiseByTokens(fileName, code).methods) {
      for (const method of methods) {
        expect({ method, answer: typescriptExportReturns(source, [className], method) }).toEqual({ method, answer: 'other' });
        answered.push(`${className}.${method}`);
      }
    }
    return answered.sort();
  }

  it.each([
    // The corpus' service: a plain method beside async ones, a field, a constructor with parameter properties.
    [
      `import { Topic } from './events.js';
export class S {
  readonly created = new Topic<Ticket>('created');
  private cache: Map<string, Ticket[]> = new Map();
  constructor(private readonly repository: Repository, private readonly log: Logger) {}
  async get(id: string): Promise<Ticket> { const found = await this.repository.find(id); if (!found) throw new Error(id); return found; }
  archiveQuietly(id: string): void { this.repository.update(id).catch(report('s')); }
  notify(item: Ticket): void { tasks.start(async (signal) => { await fetch(url, { signal }); }); }
  static create<T>(log: Logger): void { log.info('made'); }
  close() { this.cache.clear(); }
}`,
      ['S.archiveQuietly', 'S.close', 'S.create', 'S.notify'],
    ],
    ['export class C<T extends { a: 1 }> extends Base<T> implements I, J.K { stop(): void { log(1); } }', ['C.stop']],
    ['@Injectable()\nexport class C {\n  @Get(\'/x\') @Log stop(): string { log(1); }\n  public override delete(): void { log(2); }\n}', ['C.delete', 'C.stop']],
    ['export class C { run() { return this.go(); } stop() { log(1); } }', ['C.stop']], // a return: the parse decides
    ['export class C { run(): Promise<void> { log(1); } pause(): PromiseLike<void> { log(1); } wait(): Foo | Promise<void> { log(1); } }', []],
    ['export class C { async run() { log(1); } *gen() { yield 1; } }', []],
    ['export class C { run: () => void; stop = () => { log(1); }; }', []], // fields: a value or none, the parse decides
    ['export class C { run(): void; run(x?: number): void { log(x); } }', []], // an overload: the first member is the signature
    ['export class C { get run() { return 1; } run2() { log(1); } set run(v) { log(v); } }', ['C.run2']],
    ['export class C { stop() { log(1); } stop2() { log(2); } }\nexport { C as D };', []], // named by an export clause
    ['export class C { stop() { log(1); } }\nconst c: C = new C();', []], // another top-level mention
    ["export class C { stop() { log(1); } ['run']() { log(2); } halt() { log(3); } }", ['C.stop']], // a computed name: read up to it
    ['export class C { #run() { log(1); } stop() { log(2); } }', []],
    ['export class C { [key: string]: unknown; stop() { log(1); } }', []], // an index signature
    ['export class C { static { init(); } stop() { log(1); } }', []],
    ['export class C { x = 1\n  stop() { log(1); } }', []], // no semicolon: where the field ends is the grammar's to say
    ['export class C { stop(): Ticket[] { log(1); } halt(): Ticket | undefined { log(2); } end(): { a: 1 } { log(3); } }', []], // return types of more than one name
    ['export abstract class C { stop() { log(1); } }', []],
    ['export default class C { stop() { log(1); } }', []],
    ['export class C { async\n  stop() { log(1); } }', []], // `async` then a line break is a field named async
    ['export class C { static async stop() { log(1); } halt() { log(2); } }', ['C.halt']],
    ['export class C { stop() { log(1); } }\nexport namespace N { export const x = 1; }', []],
  ])('%s -> %j', (code, methods) => {
    expect(screened(code)).toEqual(methods);
  });

  it('reads no JSX, and nothing where the tokens do not match up', () => {
    expect([...namesReturningNoPromiseByTokens('/project/view.tsx', 'export class C { stop() { log(1); } }').methods]).toEqual([]);
    expect([...namesReturningNoPromiseByTokens('/project/lib.ts', 'export class C { stop() { log(1); } ').methods]).toEqual([]);
  });
});

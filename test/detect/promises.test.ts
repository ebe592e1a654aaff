import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { parsePromiseChainCall, promiseAnalysis, rejectionHandlingCall } from '../../src/detect/promises.js';

/** Runs `probe` on every expression statement of `code` (syntactic mode) and collects its answers by statement text. */
function answers(code: string, probe: (context: TSESLint.RuleContext<string, []>, expression: TSESTree.Expression) => unknown) {
  const found: Record<string, unknown> = {};
  const rule = {
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        ExpressionStatement(statement: TSESTree.ExpressionStatement) {
          found[context.sourceCode.getText(statement.expression)] = probe(context, statement.expression);
        },
      };
    },
  };
  const messages = new Linter().verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser }, plugins: { probe: { rules: { it: rule as never } } }, rules: { 'probe/it': 'error' } }],
    'file.ts',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe('parsePromiseChainCall', () => {
  it('places each handler of then/catch/finally, through optional chaining', () => {
    const found = answers('p.then(a, b);\np?.catch(h);\np.finally(f);\np.other(x);', (_context, expression) => {
      const chain = parsePromiseChainCall(expression);
      return chain && [chain.kind, chain.onFulfilled?.type ?? null, chain.onRejected?.type ?? null, chain.onFinally?.type ?? null];
    });
    expect(found).toEqual({
      'p.then(a, b)': ['then', 'Identifier', 'Identifier', null],
      'p?.catch(h)': ['catch', null, 'Identifier', null],
      'p.finally(f)': ['finally', null, null, 'Identifier'],
      'p.other(x)': null,
    });
  });

  it('finds the rejection handler of a chain through finally, and ignores undefined/null handlers', () => {
    const found = answers('p.catch(h).finally(f);\np.then(f);\np.catch(undefined);\np.then(f, null);\np.then(f, h);', (_context, expression) =>
      rejectionHandlingCall(expression)?.kind ?? null,
    );
    expect(found).toEqual({
      'p.catch(h).finally(f)': 'catch',
      'p.then(f)': null,
      'p.catch(undefined)': null,
      'p.then(f, null)': null,
      'p.then(f, h)': 'then',
    });
  });
});

describe('parsePromiseChainCall with spread arguments', () => {
  it('knows no handler once a spread argument hides the positions', () => {
    const found = answers('p.then(...handlers, h);\np.then(f, ...rest);', (_context, expression) => {
      const chain = parsePromiseChainCall(expression);
      return chain && [chain.onFulfilled?.type ?? null, chain.onRejected?.type ?? null];
    });
    expect(found).toEqual({ 'p.then(...handlers, h)': [null, null], 'p.then(f, ...rest)': ['Identifier', null] });
  });
});

describe('promiseAnalysis: arrays of promises and promises that cannot reject', () => {
  it('finds arrays holding promises, not arrays of plain values', () => {
    const code = 'async function save() {}\n[save(), 1];\n[1, 2];\n[1].map(async () => 1);\n[1].map((n) => n);\nsave();';
    const found = answers(code, (context, expression) => promiseAnalysis(context).promiseArraySource(expression)?.kind ?? null);
    expect(found).toEqual({ '[save(), 1]': 'promise-array', '[1, 2]': null, '[1].map(async () => 1)': 'promise-array', '[1].map((n) => n)': null, 'save()': null });
  });

  it('judges a callee by the promise it returns: built from parts that never reject, or carrying its own handler', () => {
    const code = [
      "import { EventEmitter } from 'node:events';",
      'const bus = new EventEmitter();',
      'async function send() {}',
      "function ready() { return new Promise((resolve) => bus.once('ready', resolve)); }",
      "function readyOrFail() { return new Promise((resolve, reject) => { bus.once('ready', resolve); bus.once('error', reject); }); }",
      'function settled() { return Promise.allSettled([send()]).finally(() => {}); }',
      'function handled() { const p = send(); p.catch(console.error); return p; }',
      'function unhandled() { const p = send(); p.then(() => {}); return p; }',
      'ready;',
      'readyOrFail;',
      'settled;',
      'handled;',
      'unhandled;',
    ].join('\n');
    const found = answers(code, (context, expression) => promiseAnalysis(context).cannotReject(expression));
    expect(found).toMatchObject({ ready: true, readyOrFail: false, settled: true, handled: true, unhandled: false });
  });
});

describe('promiseAnalysis', () => {
  it('says why an expression is a promise, and nothing for plain values and runtime calls', () => {
    const code = [
      "import { tasks } from '@spawnguard/runtime';",
      "import { readFile } from 'node:fs/promises';",
      'async function send() {}',
      'function plain() { return 1; }',
      'function relay() { return send(); }',
      'send();',
      'relay();',
      'plain();',
      "readFile('x');",
      'Promise.all([]);',
      'new Promise(() => {});',
      '(async () => {})();',
      'tasks.async(() => send());',
    ].join('\n');
    const found = answers(code, (context, expression) => promiseAnalysis(context).promiseSource(expression));
    expect(found).toEqual({
      'send()': { kind: 'promise-function-call', name: 'send' },
      'relay()': { kind: 'promise-function-call', name: 'relay' },
      'plain()': null,
      "readFile('x')": { kind: 'known-api', name: 'fs/promises.readFile' },
      'Promise.all([])': { kind: 'promise-static', name: 'Promise.all' },
      'new Promise(() => {})': { kind: 'promise-constructor', name: 'new Promise' },
      '(async () => {})()': { kind: 'async-iife', name: 'async IIFE' },
      'tasks.async(() => send())': null,
    });
  });

  it('recognises callbacks that return promises: async functions, references, bind, promisify', () => {
    const code = [
      "import { promisify } from 'node:util';",
      'async function handle() {}',
      'declare function use(x: unknown): void;',
      'use(handle);',
      'use(handle.bind(null));',
      'use(promisify(setTimeout));',
      'use(() => handle());',
      'use(() => 1);',
    ].join('\n');
    const found = answers(code, (context, expression) => {
      const call = expression as TSESTree.CallExpression;
      return call.arguments[0] ? promiseAnalysis(context).callbackReturnsPromise(call.arguments[0]) : null;
    });
    expect(found).toEqual({
      'use(handle)': true,
      'use(handle.bind(null))': true,
      'use(promisify(setTimeout))': true,
      'use(() => handle())': true,
      'use(() => 1)': false,
    });
  });

  it('answers for a function of a cycle whichever function of it was asked first', () => {
    // Judged inside `pick`, `relay` meets `pick` again and counts it as no promise there; asked on
    // its own, `relay` returns `pick(true)`, which is one (its other branch is `fetch`).
    const code = [
      'function pick(cached: boolean) { return cached ? relay() : fetch("/x"); }',
      'function relay() { return pick(true); }',
      'pick(false);',
      'relay();',
    ].join('\n');
    const found = answers(code, (context, expression) => promiseAnalysis(context).promiseSource(expression)?.name ?? null);
    expect(found).toEqual({ 'pick(false)': 'pick', 'relay()': 'relay' });
  });
});

/** typescript-estree's module that parses a file without a program, as the parser (and promises.ts) load it. */
const typescriptEstreeSourceFiles = createRequire(createRequire(import.meta.url).resolve('@typescript-eslint/parser'))(
  join(dirname(createRequire(createRequire(import.meta.url).resolve('@typescript-eslint/parser')).resolve('@typescript-eslint/typescript-estree')), 'create-program', 'createSourceFile.js'),
) as { createNoProgram(settings: { filePath: string }): unknown };

describe('the cross-file question (type-aware): another project file judged by its own code', () => {
  const typedProject = fileURLToPath(new URL('../rules/typed-project/', import.meta.url));

  /** `cannotReject` of each expression statement's callee in `code`, linted as typed-project/file.ts with the project's program. */
  function cannotRejectTyped(code: string): Record<string, boolean> {
    const found: Record<string, boolean> = {};
    const rule = {
      create(context: TSESLint.RuleContext<string, []>) {
        return {
          ExpressionStatement(statement: TSESTree.ExpressionStatement) {
            const call = statement.expression as TSESTree.CallExpression;
            found[context.sourceCode.getText(statement.expression)] = promiseAnalysis(context).cannotReject(call.callee);
          },
        };
      },
    };
    const messages = new Linter().verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: {
            parser: tsParser as Linter.Parser,
            // As @typescript-eslint/rule-tester: with CI=true typescript-estree would otherwise infer a
            // single run and lint file.ts as it is on disk instead of `code`.
            parserOptions: { project: './tsconfig.json', tsconfigRootDir: typedProject, disallowAutomaticSingleRunInference: true },
          },
          plugins: { probe: { rules: { it: rule as never } } },
          rules: { 'probe/it': 'error' },
        },
      ],
      join(typedProject, 'file.ts'),
    );
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    return found;
  }

  it("converts the program's own SourceFile of the declaring file: TypeScript does not parse it again", () => {
    // typescript-estree's path for a parse without a program: TypeScript parses the text into a new SourceFile.
    const parsedAgain = vi.spyOn(typescriptEstreeSourceFiles, 'createNoProgram');
    try {
      const found = cannotRejectTyped("import { refreshQuietly, refreshLoudly } from './helpers/self-handling.js';\nrefreshQuietly();\nrefreshLoudly();");
      expect(found).toEqual({ 'refreshQuietly()': true, 'refreshLoudly()': false });
      expect(parsedAgain.mock.calls.map(([settings]) => settings.filePath)).toEqual([]);
    } finally {
      parsedAgain.mockRestore();
    }
  });
});

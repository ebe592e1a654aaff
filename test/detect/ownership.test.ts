import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { describeOwner, describeStorage, followHandle, type HandleUse } from '../../src/detect/ownership.js';

interface Followed {
  home: string;
  owner: string;
  storage: string | null;
  uses: string[];
}

function describeUse(use: HandleUse, sourceCode: Readonly<TSESLint.SourceCode>): string {
  switch (use.kind) {
    case 'method':
      return `method:${use.name}`;
    case 'argument':
      return `argument:${sourceCode.getText(use.call.callee)}#${use.index}`;
    case 'callback':
      return `callback:${sourceCode.getText(use.fn)}`;
    case 'property':
      return `property:${use.name}`;
    case 'escape':
      return `escape:${use.node.type}`;
  }
}

/** Follows the handle of every `spawnHandle()` call in `code`, as the rules do. */
function follow(code: string): Followed[] {
  const found: Followed[] = [];
  const probe = {
    create(context: TSESLint.RuleContext<string, []>) {
      return {
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== 'spawnHandle') return;
          const { home, uses } = followHandle(node, context.sourceCode);
          found.push({
            home: home.kind === 'elsewhere' ? `elsewhere:${home.how}` : home.kind,
            owner: describeOwner(home),
            storage: describeStorage(home),
            uses: uses.map((use) => describeUse(use, context.sourceCode)),
          });
        },
      };
    },
  };
  const messages = new Linter().verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as Linter.Parser },
        plugins: { probe: { rules: { follow: probe as never } } },
        rules: { 'probe/follow': 'error' },
      },
    ],
    'file.ts',
  );
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return found;
}

describe('followHandle: where the handle lives', () => {
  it('discarded, void and chained statements have no owner', () => {
    expect(follow('spawnHandle();\nvoid spawnHandle();\nspawnHandle().on("exit", f).unref();')).toEqual([
      { home: 'discarded', owner: 'its owner', storage: null, uses: [] },
      { home: 'discarded', owner: 'its owner', storage: null, uses: [] },
      { home: 'discarded', owner: 'its owner', storage: null, uses: ['method:on', 'method:unref'] },
    ]);
  });

  it('a module variable is owned by the module, with every use in any function', () => {
    const [followed] = follow('const h = spawnHandle();\nh.on("error", f);\nexport function stop() { clearInterval(h); h.kill(); }');
    expect(followed).toEqual({
      home: 'variable',
      owner: 'this module',
      storage: 'h',
      uses: ['method:on', 'argument:clearInterval#0', 'method:kill'],
    });
  });

  it('a local is owned by its function and the closures inside it', () => {
    const [followed] = follow('function start() {\n  const h = spawnHandle();\n  return () => h.terminate();\n}');
    expect(followed).toMatchObject({ home: 'variable', owner: '`start()`', uses: ['method:terminate'] });
  });

  it('this.field and field initialisers are owned by the class, across methods, not by another class', () => {
    const code = [
      'class A {',
      '  w = spawnHandle();',
      '  start() { this.t = spawnHandle(); }',
      '  stop() { this.t.kill(); this.w[Symbol.dispose](); }',
      '}',
      'class B { stop() { this.t.terminate(); } }',
    ].join('\n');
    expect(follow(code)).toEqual([
      { home: 'field', owner: 'class `A`', storage: 'this.w', uses: ['method:@@dispose'] },
      { home: 'field', owner: 'class `A`', storage: 'this.t', uses: ['method:kill'] },
    ]);
  });

  it('a collection: array push, then element uses through for-of and forEach', () => {
    const code = 'const all: unknown[] = [];\nall.push(spawnHandle());\nfor (const h of all) h.kill();\nall.forEach(clearInterval);';
    expect(follow(code)).toEqual([{ home: 'collection', owner: 'this module', storage: 'all', uses: ['method:kill', 'callback:clearInterval'] }]);
  });

  it('.add on something that is not an array or Set hands the handle over', () => {
    expect(follow('declare const pool: { add(x: unknown): void };\npool.add(spawnHandle());')[0]?.home).toBe('elsewhere:passed');
  });

  it('returned, passed, and put on objects: elsewhere', () => {
    expect(follow('function a() { return spawnHandle(); }\nconst b = () => spawnHandle();\nkeep(spawnHandle());\nconst o = { h: spawnHandle() };\nother.h = spawnHandle();').map((f) => f.home)).toEqual([
      'elsewhere:returned',
      'elsewhere:returned',
      'elsewhere:passed',
      'elsewhere:property',
      'elsewhere:property',
    ]);
  });

  it('follows aliases into their own home and records escapes', () => {
    const code = 'class A {\n  start() { const h = spawnHandle(); this.h = h; register(h); }\n  stop() { this.h.kill(); }\n}';
    expect(follow(code)[0]?.uses.sort()).toEqual(['argument:register#0', 'method:kill']);
  });

  it('an exported variable escapes to its importers', () => {
    expect(follow('export const h = spawnHandle();')[0]?.uses).toEqual(['escape:Identifier']);
  });

  it('chains on a stored handle keep following the same handle', () => {
    expect(follow('const c = spawnHandle();\nc.on("error", f).once("exit", g);\nc.stdout;')[0]?.uses).toEqual(['method:on', 'method:once', 'property:stdout']);
  });
});

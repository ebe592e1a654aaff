import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/transform.js';

/**
 * Rewrites that parsed but were wrong, found by fuzzing `spawnguard fix` (3,000 generated files plus
 * 300 without semicolons, issue 13). Each case is the smallest file that showed the defect.
 */
const fix = (path: string, source: string) => fixSource(source, `/project/src/${path}`, undefined, { root: '/project' });

/** Top-level statements of a fixed file, as a sloppy-mode script parser reads it. */
function statementsOf(code: string, typescript = false) {
  return parse(code, { sourceType: 'unambiguous', plugins: typescript ? ['typescript'] : [] }).program.body;
}

describe('control flow: a statement replaced by an if keeps the else with its own if', () => {
  const source = [
    "import fs from 'node:fs';",
    "const out = fs.createWriteStream('/tmp/x');",
    'export async function copy(rows: AsyncIterable<string>, verbose: boolean) {',
    '  for await (const row of rows) {',
    '    if (verbose) out.write(row);',
    '    else console.log(row);',
    '  }',
    '}',
    '',
  ].join('\n');

  it('braces the inserted if, so the else still belongs to `if (verbose)`', () => {
    const output = fix('copy.ts', source).output!;
    expect(output).toContain("if (verbose) { if (!out.write(row)) await once(out, 'drain'); }");
    const fn = statementsOf(output, true).find((statement) => statement.type === 'ExportNamedDeclaration') as any;
    const loop = fn.declaration.body.body[0];
    const outer = loop.body.body[0];
    expect(outer.test.name).toBe('verbose');
    expect(outer.consequent.type).toBe('BlockStatement');
    expect(outer.alternate?.type).toBe('ExpressionStatement');
  });
});

describe('semicolon-less CommonJS: the inserted require never joins the next line', () => {
  for (const [name, first] of [
    ['paren', '(function main() { go(1) })()'],
    ['bracket', '[1, 2].forEach(go)'],
    ['template', '`x`.length'],
    ['plus', '+go(1)'],
    ['minus', '-go(1)'],
    ['regex', '/x/.test(go(1))'],
  ] as const) {
    it(`next line starting with ${name}`, () => {
      const source = `${first}\nfunction go(u) { fetch(u) }\nmodule.exports = { go }\n`;
      const output = fix(`${name}.cjs`, source).output!;
      expect(output).toContain('tasks.start(');
      const [declaration] = statementsOf(output) as any[];
      expect(declaration.type).toBe('VariableDeclaration');
      const init = declaration.declarations[0].init;
      expect(init.type).toBe('CallExpression');
      expect(init.callee.name).toBe('require');
      // The statement after the require is the file's own first statement, unchanged.
      expect(output).toContain(`\n${first}\n`);
    });
  }
});

describe('type errors: the rewrite keeps the types the code relies on', () => {
  it('keeps an annotated cache container’s declared type through supervise.cache', () => {
    const source = 'const rateCache: Record<string, number> = {};\nexport function remember(key: string) { rateCache[key] = 1; }\n';
    const output = fix('rates.ts', source).output!;
    expect(output).toContain("const rateCache: Record<string, number> = supervise.cache<Record<string, number>>('rates.rateCache', () => ({}));");
  });

  it('in a .cts file brings the runtime in with an import, so its types flow', () => {
    const output = fix('fetcher.cts', 'export function go(url: string) { fetch(url); }\n').output!;
    expect(output).toMatch(/^import \{ tasks \} from '@spawnguard\/runtime';/);
    expect(output).not.toContain('require(');
  });

  it('merging into `import { report, type Task }` keeps the type modifier', () => {
    const source = "import { report, type Task } from '@spawnguard/runtime';\nexport function go(url: string, task?: Task) { fetch(url); return [report, task]; }\n";
    const output = fix('go.ts', source).output!;
    const [declaration] = statementsOf(output, true) as any[];
    expect(declaration.type).toBe('ImportDeclaration');
    const kinds = Object.fromEntries(declaration.specifiers.map((item: any) => [item.imported.name, item.importKind]));
    expect(kinds).toEqual({ report: 'value', Task: 'type', tasks: 'value' });
  });
});

describe('text kept around the import', () => {
  it('keeps comments inside an existing runtime import', () => {
    const source = "import {\n  // publishes to telemetry\n  report,\n} from '@spawnguard/runtime';\nexport function go(url: string) { fetch(url); return report; }\n";
    const output = fix('commented.ts', source).output!;
    expect(output).toContain('// publishes to telemetry');
    expect(output).toContain('tasks.start(');
    expect(output).toMatch(/import \{[^}]*\btasks\b[^}]*\} from '@spawnguard\/runtime'/);
  });

  it('keeps the byte order mark', () => {
    const output = fix('bom.ts', '\ufeffexport function go(url: string) { fetch(url); }\n').output;
    expect(output).not.toBeNull();
    expect(output!.startsWith('\ufeffimport { tasks }')).toBe(true);
    expect(output).toContain('tasks.start(');
  });

  it('does not put the import between a leading JSDoc and the declaration it documents', () => {
    const output = fix('doc.ts', '/** Loads the page. */\nexport function go(url: string) { fetch(url); }\n').output!;
    expect(output).toContain('/** Loads the page. */\nexport function go(');
    expect(output.startsWith("import { tasks } from '@spawnguard/runtime';")).toBe(true);
  });
});

describe('sloppy-mode CommonJS is read, as ESLint reads it', () => {
  const body = 'function go(url) { fetch(url); }\n';
  for (const [path, head] of [
    ['reserved.cjs', "const package = require('./package.json');\n"],
    ['reserved.js', "const package = require('./package.json');\n"],
    ['octal.cjs', 'const mode = 0644;\n'],
    ['with.cjs', 'with (Math) { console.log(PI); }\n'],
  ] as const) {
    it(path, () => {
      const output = fix(path, `${head}${body}module.exports = { go };\n`).output!;
      expect(output).toContain(head);
      expect(output).toContain('tasks.start(');
      expect(output).toMatch(/const \{ tasks \} = require\('@spawnguard\/runtime'\);/);
    });
  }
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The folders of src/ and rules/ are layered one way: each may import only the layers listed for it
 * (type-only imports included: a type is a dependency too). A layer listed here can never reach back
 * to itself, so a new upward import or a cycle between folders fails this test. docs/architecture.md
 * draws the same picture.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // Leaves: rule metadata, the generic AST layer and the package's own name and version.
  'src/catalogue': [],
  'src/ast': [],
  'src/package-info': [],
  'src/detect': ['src/ast', 'src/catalogue'],
  // Each rewrite shape once, and when a rewrite must be left to a human: read by the rules' suggestions and the codemods.
  'src/rewrite': ['src/detect', 'src/ast', 'src/catalogue'],
  rules: ['src/rewrite', 'src/detect', 'src/ast', 'src/catalogue', 'src/package-info'],
  'src/risk': ['src/detect', 'src/ast', 'src/catalogue'],
  'src/audit': ['rules', 'src/rewrite', 'src/risk', 'src/detect', 'src/ast', 'src/catalogue', 'src/package-info'],
  'src/tree': ['src/audit', 'src/risk', 'src/detect', 'src/ast', 'src/catalogue'],
  'src/fix': ['src/rewrite', 'src/audit', 'rules', 'src/risk', 'src/detect', 'src/ast', 'src/catalogue', 'src/package-info'],
  'src/report': ['src/audit', 'src/tree', 'src/risk', 'src/catalogue', 'src/package-info'],
  'src/cli': ['src/report', 'src/fix', 'src/rewrite', 'src/tree', 'src/audit', 'src/risk', 'src/detect', 'src/ast', 'src/catalogue', 'src/package-info', 'rules'],
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The layer a repository file belongs to: its folder under src/ (a file directly in src/ is its own), or `rules`. */
export function layerOf(repoPath: string): string | undefined {
  const parts = repoPath.split('/');
  if (parts[0] === 'rules') return 'rules';
  if (parts[0] !== 'src' || parts.length < 2) return undefined;
  return parts.length === 2 ? `src/${parts[1]!.replace(/\.[jt]s$/, '')}` : `src/${parts[1]}`;
}

/** Every relative module a file imports or re-exports, statically or with `import()`. */
export function relativeImports(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

export interface LayerViolation {
  file: string;
  imports: string;
  reason: string;
}

/** Imports that cross layers against the table; `files` maps repository paths to their text. */
export function layerViolations(files: ReadonlyMap<string, string>, allowed: Readonly<Record<string, readonly string[]>> = ALLOWED): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const [file, source] of files) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const specifier of relativeImports(source, file)) {
      const target = relative(repoRoot, resolve(repoRoot, dirname(file), specifier)).split(sep).join('/');
      const to = layerOf(target);
      if (to === undefined || to === from) continue;
      if (!(from in allowed)) violations.push({ file, imports: target, reason: `${from} is in no layer of the table` });
      else if (!allowed[from]!.includes(to)) violations.push({ file, imports: target, reason: `${from} may not import ${to}` });
    }
  }
  return violations;
}

/** The layers each layer reaches through the table; a layer that reaches itself is on a cycle. */
function cyclesIn(allowed: Readonly<Record<string, readonly string[]>>): string[] {
  const onCycle: string[] = [];
  for (const start of Object.keys(allowed)) {
    const seen = new Set<string>();
    const stack = [...(allowed[start] ?? [])];
    while (stack.length > 0) {
      const layer = stack.pop()!;
      if (layer === start) {
        onCycle.push(start);
        break;
      }
      if (seen.has(layer)) continue;
      seen.add(layer);
      stack.push(...(allowed[layer] ?? []));
    }
  }
  return onCycle;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => `${folder}/${name.split(sep).join('/')}`);
}

describe('the layers of src/ and rules/', () => {
  it('the table itself has no cycle', () => {
    expect(cyclesIn(ALLOWED)).toEqual([]);
  });

  it('every import in src/ and rules/ goes down the table', () => {
    const files = new Map([...sourceFiles('src'), ...sourceFiles('rules')].map((file) => [file, readFileSync(join(repoRoot, file), 'utf8')]));
    expect(files.size).toBeGreaterThan(50);
    for (const file of files.keys()) expect(ALLOWED).toHaveProperty([layerOf(file)!]);
    expect(layerViolations(files)).toEqual([]);
  });

  it('reports an upward import, a type-only one, a dynamic one and a re-export', () => {
    const files = new Map([
      ['src/detect/timers.ts', "import type { RiskLevel } from '../catalogue/categories.js';\nimport { locate } from '../risk/locate.js';"],
      ['src/audit/audit.ts', "const rewriters = await import('../fix/rewriters/index.js');"],
      ['src/catalogue/rules.ts', "export { rules } from '../../rules/index.js';"],
      ['src/ast/walk.ts', "type Finding = import('../audit/types.js').AuditFinding;"],
    ]);
    expect(layerViolations(files)).toEqual([
      { file: 'src/detect/timers.ts', imports: 'src/risk/locate.js', reason: 'src/detect may not import src/risk' },
      { file: 'src/audit/audit.ts', imports: 'src/fix/rewriters/index.js', reason: 'src/audit may not import src/fix' },
      { file: 'src/catalogue/rules.ts', imports: 'rules/index.js', reason: 'src/catalogue may not import rules' },
      { file: 'src/ast/walk.ts', imports: 'src/audit/types.js', reason: 'src/ast may not import src/audit' },
    ]);
  });

  it('finds a cycle that a table entry would close', () => {
    expect(cyclesIn({ ...ALLOWED, 'src/audit': [...ALLOWED['src/audit']!, 'src/fix'] }).sort()).toEqual(['src/audit', 'src/fix']);
  });
});

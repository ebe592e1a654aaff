import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import { syntaxParserFor } from './parsers.js';

/**
 * The one import a rewritten file needs: `import { tasks, supervise, report } from '@spawnguard/runtime'`
 * (or `const { ... } = require(...)` in CommonJS), added once, merged into an existing one, and placed
 * in sorted order among the file's imports.
 *
 * Names are chosen while the rewrites run (`local('tasks')` gives `tasks`, or an alias when the file
 * already uses that name); the import itself is then written into the printed text, as one line
 * spliced between the existing lines, because recast would print a new destructuring pattern over
 * several lines and cannot place a new statement between foreign ones without disturbing them.
 */
export const DEFAULT_RUNTIME_SPECIFIER = '@spawnguard/runtime';

export type ModuleKind = 'esm' | 'cjs';

type Node = any;
type Program = { body: Node[] };

function isTopLevelRequire(statement: Node, specifier?: string): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((declarator: Node) => {
    const init = declarator.init;
    return (
      init?.type === 'CallExpression' &&
      init.callee.type === 'Identifier' &&
      init.callee.name === 'require' &&
      init.arguments.length === 1 &&
      (init.arguments[0].type === 'StringLiteral' || init.arguments[0].type === 'Literal') &&
      (specifier === undefined || init.arguments[0].value === specifier)
    );
  });
}

function requiredSpecifier(statement: Node): string {
  return String(statement.declarations[0].init.arguments[0].value);
}

function nearestPackageType(filePath: string): 'module' | 'commonjs' {
  for (let dir = dirname(filePath); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        return (JSON.parse(readFileSync(candidate, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dirname(dir) === dir) return 'commonjs';
  }
}

/** ESM unless the file is CommonJS by extension, by its own syntax, or by its package's "type". */
export function moduleKindOf(program: Program, filePath: string): ModuleKind {
  if (/\.c[jt]s$/.test(filePath)) return 'cjs';
  if (/\.m[jt]s$/.test(filePath)) return 'esm';
  const body = program.body;
  if (body.some((statement) => /^(Import|Export)/.test(statement.type))) return 'esm';
  if (body.some((statement) => isTopLevelRequire(statement))) return 'cjs';
  if (/\.tsx?$/.test(filePath)) return 'esm';
  return nearestPackageType(filePath) === 'module' ? 'esm' : 'cjs';
}

function importedName(specifier: Node): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
}

function isRuntimeImport(statement: Node, specifier: string): boolean {
  return (
    statement.type === 'ImportDeclaration' &&
    statement.source.value === specifier &&
    statement.importKind !== 'type' &&
    statement.specifiers.length > 0 &&
    statement.specifiers.every((item: Node) => item.type === 'ImportSpecifier')
  );
}

function isRuntimeRequire(statement: Node, specifier: string): boolean {
  return (
    isTopLevelRequire(statement, specifier) &&
    statement.declarations.length === 1 &&
    statement.declarations[0].id.type === 'ObjectPattern' &&
    statement.declarations[0].id.properties.every(
      (property: Node) =>
        (property.type === 'ObjectProperty' || property.type === 'Property') &&
        property.key.type === 'Identifier' &&
        property.value.type === 'Identifier',
    )
  );
}

/** name -> local name, of what the file already imports from the module (under any of its specifiers). */
function existingBindings(program: Program, specifiers: readonly string[]): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const statement of program.body) {
    for (const specifier of specifiers) {
      if (isRuntimeImport(statement, specifier)) {
        for (const item of statement.specifiers) bindings.set(importedName(item), item.local.name);
      } else if (isRuntimeRequire(statement, specifier)) {
        for (const property of statement.declarations[0].id.properties) bindings.set(property.key.name, property.value.name);
      }
    }
  }
  return bindings;
}

function namesInUse(j: JSCodeshift, root: Collection): Set<string> {
  const names = new Set<string>();
  root.find(j.Identifier).forEach((path) => {
    names.add(path.node.name);
  });
  return names;
}

export interface RuntimeImports {
  /** The local name to use for a runtime export in this file (`tasks`, or an alias when taken). */
  local(name: string): string;
  /** Runtime exports asked for that the file does not import yet: name -> local name. */
  readonly missing: ReadonlyMap<string, string>;
}

/**
 * The names a rewrite uses from one module. `equivalents` are other specifiers of the same module
 * (`events` for `node:events`) whose imports count as already there.
 */
export function runtimeImports(
  j: JSCodeshift,
  root: Collection,
  specifier = DEFAULT_RUNTIME_SPECIFIER,
  equivalents: readonly string[] = [],
): RuntimeImports {
  const program = root.find(j.Program).get().node as Program;
  const existing = existingBindings(program, [specifier, ...equivalents]);
  const missing = new Map<string, string>();
  let inUse: Set<string> | undefined;
  return {
    missing,
    local(name: string): string {
      const known = existing.get(name) ?? missing.get(name);
      if (known) return known;
      inUse ??= namesInUse(j, root);
      let alias = name;
      for (let attempt = 1; inUse.has(alias); attempt++) {
        alias = `spawnguard${name[0]!.toUpperCase()}${name.slice(1)}${attempt > 1 ? attempt : ''}`;
      }
      inUse.add(alias);
      missing.set(name, alias);
      return alias;
    },
  };
}

/** Code-unit order, relative specifiers last: packages and builtins first, the project's own modules after. */
function ordinal(a: string, b: string): number {
  const key = (specifier: string) => (specifier.startsWith('.') ? `\uffff${specifier}` : specifier);
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function bindingText(name: string, alias: string, kind: ModuleKind): string {
  if (name === alias) return name;
  return kind === 'esm' ? `${name} as ${alias}` : `${name}: ${alias}`;
}

function declarationText(kind: ModuleKind, bindings: Map<string, string>, specifier: string, quote: string, semi: string): string {
  const list = [...bindings]
    .sort(([a], [b]) => ordinal(a, b))
    .map(([name, alias]) => bindingText(name, alias, kind))
    .join(', ');
  const source = `${quote}${specifier}${quote}`;
  return kind === 'esm' ? `import { ${list} } from ${source}${semi}` : `const { ${list} } = require(${source})${semi}`;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/**
 * Writes the import for `missing` into `text` (the printed, rewritten file): merged into the file's
 * runtime import when it has one, else on its own line in sorted position.
 */
export function addRuntimeImport(
  text: string,
  options: {
    filePath: string;
    missing: ReadonlyMap<string, string>;
    specifier?: string;
    quote: 'single' | 'double';
    /** The file's line terminator. */
    eol?: string;
    /** End the import with `;` (default true). */
    semicolons?: boolean;
  },
): string {
  const eol = options.eol ?? '\n';
  const semi = options.semicolons === false ? '' : ';';
  if (options.missing.size === 0) return text;
  const specifier = options.specifier ?? DEFAULT_RUNTIME_SPECIFIER;
  const quote = options.quote === 'single' ? "'" : '"';
  // The bare parser: its offsets are the text's own (recast's would count its normalised copy).
  const program = syntaxParserFor(options.filePath)(text).program;
  const kind = moduleKindOf(program, options.filePath);
  const isOurs = kind === 'esm' ? isRuntimeImport : isRuntimeRequire;
  const current = program.body.find((statement) => isOurs(statement, specifier));
  if (current) {
    const merged = new Map([...existingBindings({ body: [current] }, [specifier]), ...options.missing]);
    return splice(text, current.start, current.end, declarationText(kind, merged, specifier, quote, semi));
  }
  const line = declarationText(kind, new Map(options.missing), specifier, quote, semi);
  const siblings = program.body.filter((statement) =>
    kind === 'esm' ? statement.type === 'ImportDeclaration' : isTopLevelRequire(statement),
  );
  const sourceOf = (statement: Node) => (kind === 'esm' ? String(statement.source.value) : requiredSpecifier(statement));
  const next = siblings.find((statement) => ordinal(sourceOf(statement), specifier) > 0);
  if (next) return splice(text, next.start, next.start, `${line}${eol}`);
  const last = siblings[siblings.length - 1];
  if (last) return splice(text, last.end, last.end, `${eol}${line}`);
  // No import at all: first statement (its leading comments, such as a licence header, stay above).
  const first = program.body[0];
  if (!first) return `${text}${text.endsWith('\n') || text === '' ? '' : eol}${line}${eol}`;
  return splice(text, first.start, first.start, `${line}${eol}${eol}`);
}

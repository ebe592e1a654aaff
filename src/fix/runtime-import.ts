import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';

/**
 * The one import a rewritten file needs: `import { tasks, supervise, report } from '@spawnguard/runtime'`
 * (or `const { ... } = require(...)` in CommonJS), added once, merged into an existing one, and placed
 * in sorted order among the file's imports.
 */
export const DEFAULT_RUNTIME_SPECIFIER = '@spawnguard/runtime';

export type ModuleKind = 'esm' | 'cjs';

type Program = { body: any[] };

function isTopLevelRequire(statement: any, specifier?: string): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((declarator: any) => {
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

function nearestPackageType(filePath: string): 'module' | 'commonjs' {
  let dir = dirname(filePath);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        return (JSON.parse(readFileSync(candidate, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return 'commonjs';
    dir = parent;
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

function importedName(specifier: any): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
}

/** Every name declared or referenced as a plain identifier: an alias avoids all of them. */
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
  /** Adds or merges the import for every name asked for through `local`. Returns whether it changed the file. */
  commit(): boolean;
}

export function runtimeImports(
  j: JSCodeshift,
  root: Collection,
  options: { filePath: string; specifier?: string },
): RuntimeImports {
  const specifier = options.specifier ?? DEFAULT_RUNTIME_SPECIFIER;
  const program = root.find(j.Program).get().node as Program;
  const kind = moduleKindOf(program, options.filePath);
  const existing = new Map<string, string>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === specifier && statement.importKind !== 'type') {
      for (const item of statement.specifiers ?? []) {
        if (item.type === 'ImportSpecifier') existing.set(importedName(item), item.local.name);
      }
    } else if (isTopLevelRequire(statement, specifier)) {
      for (const declarator of statement.declarations) {
        if (declarator.id.type !== 'ObjectPattern') continue;
        for (const property of declarator.id.properties) {
          if ((property.type === 'ObjectProperty' || property.type === 'Property') && property.key.type === 'Identifier') {
            existing.set(property.key.name, property.value.name);
          }
        }
      }
    }
  }
  let inUse: Set<string> | undefined;
  const wanted = new Map<string, string>();

  function local(name: string): string {
    const known = existing.get(name) ?? wanted.get(name);
    if (known) return known;
    inUse ??= namesInUse(j, root);
    let alias = name;
    for (let attempt = 1; inUse.has(alias); attempt++) {
      alias = `spawnguard${name[0]!.toUpperCase()}${name.slice(1)}${attempt > 1 ? attempt : ''}`;
    }
    inUse.add(alias);
    wanted.set(name, alias);
    return alias;
  }

  function commit(): boolean {
    if (wanted.size === 0) return false;
    if (kind === 'esm') addImport(j, program, specifier, wanted);
    else addRequire(j, program, specifier, wanted);
    return true;
  }

  return { local, commit };
}

function byName(a: [string, string], b: [string, string]): number {
  return a[0].localeCompare(b[0]);
}

function addImport(j: JSCodeshift, program: Program, specifier: string, wanted: Map<string, string>): void {
  const makeSpecifier = ([name, alias]: [string, string]) =>
    j.importSpecifier(j.identifier(name), alias === name ? null : j.identifier(alias));
  const current = program.body.find(
    (statement) => statement.type === 'ImportDeclaration' && statement.source.value === specifier && statement.importKind !== 'type',
  );
  if (current && current.specifiers.every((item: any) => item.type === 'ImportSpecifier')) {
    current.specifiers = [...current.specifiers, ...[...wanted].map(makeSpecifier)].sort((a: any, b: any) =>
      importedName(a).localeCompare(importedName(b)),
    );
    return;
  }
  const declaration = j.importDeclaration([...wanted].sort(byName).map(makeSpecifier), j.stringLiteral(specifier));
  const imports = program.body.filter((statement) => statement.type === 'ImportDeclaration');
  if (imports.length === 0) {
    insertAtTop(program, declaration);
    return;
  }
  const before = imports.find((statement) => String(statement.source.value).localeCompare(specifier) > 0);
  const index = before ? program.body.indexOf(before) : program.body.indexOf(imports[imports.length - 1]) + 1;
  if (before && index === 0) {
    insertAtTop(program, declaration);
    return;
  }
  program.body.splice(index, 0, declaration);
}

function addRequire(j: JSCodeshift, program: Program, specifier: string, wanted: Map<string, string>): void {
  const makeProperty = ([name, alias]: [string, string]) => {
    const property = j.objectProperty(j.identifier(name), j.identifier(alias));
    property.shorthand = name === alias;
    return property;
  };
  const current = program.body.find(
    (statement) => isTopLevelRequire(statement, specifier) && statement.declarations[0]?.id.type === 'ObjectPattern',
  );
  if (current) {
    const pattern = current.declarations[0].id;
    pattern.properties = [...pattern.properties, ...[...wanted].map(makeProperty)].sort((a: any, b: any) =>
      String(a.key?.name).localeCompare(String(b.key?.name)),
    );
    return;
  }
  const declaration = j.variableDeclaration('const', [
    j.variableDeclarator(
      j.objectPattern([...wanted].sort(byName).map(makeProperty)),
      j.callExpression(j.identifier('require'), [j.stringLiteral(specifier)]),
    ),
  ]);
  const requires = program.body.filter((statement) => isTopLevelRequire(statement));
  if (requires.length === 0) {
    insertAtTop(program, declaration);
    return;
  }
  const before = requires.find(
    (statement) => String(statement.declarations[0].init.arguments[0].value).localeCompare(specifier) > 0,
  );
  const index = before ? program.body.indexOf(before) : program.body.indexOf(requires[requires.length - 1]) + 1;
  if (before && index === 0) {
    insertAtTop(program, declaration);
    return;
  }
  program.body.splice(index, 0, declaration);
}

/**
 * Puts a statement first (after directives such as 'use strict'), moving the old first statement's
 * leading comments (a licence header, a file doc comment) above it so they stay at the top.
 */
function insertAtTop(program: Program, statement: any): void {
  let index = 0;
  while (index < program.body.length && isDirective(program.body[index])) index++;
  const first = program.body[index];
  if (first?.comments) {
    const leading = first.comments.filter((comment: any) => comment.leading);
    if (leading.length > 0 && index === 0) {
      statement.comments = leading;
      first.comments = first.comments.filter((comment: any) => !comment.leading);
    }
  }
  program.body.splice(index, 0, statement);
}

function isDirective(statement: any): boolean {
  return (
    statement.type === 'ExpressionStatement' &&
    (statement.directive !== undefined ||
      ((statement.expression.type === 'StringLiteral' || statement.expression.type === 'Literal') &&
        typeof statement.expression.value === 'string'))
  );
}

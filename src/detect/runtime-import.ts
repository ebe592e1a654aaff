import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveValueOrigin } from './module-bindings.js';
import { nearestManifest } from './nearest-manifest.js';
import { RUNTIME_MODULE } from './runtime-calls.js';
import { continuesExpression, sourceStyleOf, type SourceStyle } from './source-style.js';

/**
 * Suggestions rewrite code onto the runtime (`tasks.start(...)`, `report(...)`, `supervise.cache(...)`),
 * so they must also bring the runtime's export into scope. This module says whether `name` already
 * denotes the runtime's export at a node, and makes the fix that adds the import when it does not.
 */

/** `name` at `scope` is the runtime's export `name` (imported or required however). */
export function isRuntimeBinding(name: string, scope: TSESLint.Scope.Scope): boolean {
  const variable = ASTUtils.findVariable(scope, name);
  if (!variable || variable.defs.length === 0) return false;
  const origin = resolveValueOrigin({ type: AST_NODE_TYPES.Identifier, name } as TSESTree.Identifier, scope);
  return origin?.module === RUNTIME_MODULE && origin.path.length === 1 && origin.path[0] === name;
}

/** Whether `name` at `scope` is bound to something that is not the runtime's export (then a fix would misfire). */
export function isShadowedRuntimeName(name: string, scope: TSESLint.Scope.Scope): boolean {
  const variable = ASTUtils.findVariable(scope, name);
  return variable !== null && variable.defs.length > 0 && !isRuntimeBinding(name, scope);
}

/**
 * The fix that adds `import { name } from '<module>'` (or the destructured `require` in CommonJS), placed
 * and written as the codemods place it (see importEdit).
 */
export function addImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  name: string,
  module: string,
): TSESLint.RuleFix | null {
  const edit = importEdit(sourceCode.text, sourceCode.ast, filename, new Map([[name, name]]), module, sourceStyleOf(sourceCode.text));
  return edit && fixer.replaceTextRange(edit.range, edit.text);
}

/** The fix that adds the runtime export `name`, or null when `name` already is the runtime's export at `scope`. */
export function addRuntimeImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  name: string,
  scope: TSESLint.Scope.Scope,
): TSESLint.RuleFix | null {
  return isRuntimeBinding(name, scope) ? null : addImport(fixer, sourceCode, filename, name, RUNTIME_MODULE);
}

/*
 * The import placer, one for the rules' suggestions (ESTree) and the codemods (Babel): both trees
 * are read through the few fields they share (`range` or `start`/`end`, `Literal` or `StringLiteral`,
 * `Property` or `ObjectProperty`), and the result is one text edit.
 */

type AnyNode = any;
type AnyProgram = { body: AnyNode[]; directives?: AnyNode[] };

/** How the file brings in modules: TypeScript always with `import` (a `require` is typed `any`). */
export type ImportSyntax = 'import' | 'require';

export interface ImportEdit {
  range: [number, number];
  text: string;
}

const spanOf = (node: AnyNode): [number, number] => node.range ?? [node.start, node.end];

const isStringLiteral = (node: AnyNode): boolean =>
  node?.type === 'StringLiteral' || (node?.type === 'Literal' && typeof node.value === 'string');

function isTopLevelRequire(statement: AnyNode, specifier?: string): boolean {
  if (statement.type !== 'VariableDeclaration') return false;
  return statement.declarations.some((declarator: AnyNode) => {
    const init = declarator.init;
    return (
      init?.type === 'CallExpression' &&
      init.callee.type === 'Identifier' &&
      init.callee.name === 'require' &&
      init.arguments.length === 1 &&
      isStringLiteral(init.arguments[0]) &&
      (specifier === undefined || init.arguments[0].value === specifier)
    );
  });
}

export const isTypeScript = (filePath: string): boolean => /\.[cm]?tsx?$/.test(filePath);

/**
 * `require` in a JavaScript file that is CommonJS by extension, by its own syntax (a top-level
 * `require` and no import/export) or by its package's "type"; `import` otherwise, and always in
 * TypeScript, where an `import` is compiled to what the module system needs and keeps its types.
 */
export function importSyntaxOf(program: AnyProgram, filePath: string): ImportSyntax {
  if (isTypeScript(filePath)) return 'import';
  if (/\.cjs$/.test(filePath)) return 'require';
  if (/\.mjs$/.test(filePath)) return 'import';
  const body = program.body;
  if (body.some((statement) => /^(Import|Export)/.test(statement.type))) return 'import';
  if (body.some((statement) => isTopLevelRequire(statement))) return 'require';
  return nearestManifest(filePath)?.json['type'] === 'module' ? 'import' : 'require';
}

function importedName(specifier: AnyNode): string {
  return specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
}

function isValueImportOf(statement: AnyNode, specifier: string): boolean {
  return (
    statement.type === 'ImportDeclaration' &&
    statement.source.value === specifier &&
    statement.importKind !== 'type' &&
    statement.specifiers.length > 0 &&
    statement.specifiers.every((item: AnyNode) => item.type === 'ImportSpecifier')
  );
}

const isPlainProperty = (property: AnyNode): boolean =>
  (property.type === 'ObjectProperty' || property.type === 'Property') &&
  !property.computed &&
  property.key.type === 'Identifier' &&
  property.value.type === 'Identifier';

function isDestructuredRequireOf(statement: AnyNode, specifier: string): boolean {
  return (
    isTopLevelRequire(statement, specifier) &&
    statement.declarations.length === 1 &&
    statement.declarations[0].id.type === 'ObjectPattern' &&
    statement.declarations[0].id.properties.every(isPlainProperty)
  );
}

/**
 * name -> local name of what the program already imports (values only) from the module, under any of
 * its specifiers (`events` for `node:events`).
 */
export function importedBindings(program: AnyProgram, specifiers: readonly string[]): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const statement of program.body) {
    for (const specifier of specifiers) {
      if (isValueImportOf(statement, specifier)) {
        for (const item of statement.specifiers) {
          if (item.importKind !== 'type') bindings.set(importedName(item), item.local.name);
        }
      } else if (isDestructuredRequireOf(statement, specifier)) {
        for (const property of statement.declarations[0].id.properties) bindings.set(property.key.name, property.value.name);
      }
    }
  }
  return bindings;
}

/** Code-unit order, relative specifiers last: packages and builtins first, the project's own modules after. */
function ordinal(a: string, b: string): number {
  const key = (specifier: string) => (specifier.startsWith('.') ? `\uffff${specifier}` : specifier);
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function bindingText(name: string, alias: string, syntax: ImportSyntax): string {
  if (name === alias) return name;
  return syntax === 'import' ? `${name} as ${alias}` : `${name}: ${alias}`;
}

/**
 * Where the comments directly above `offset` start (a JSDoc, or `//` lines, with no blank line
 * between them and the statement): they document that statement, so an import goes above them.
 * A comment separated by a blank line (a licence header) stays above the import.
 */
function aboveAttachedComments(text: string, offset: number): number {
  let start = offset;
  for (;;) {
    const before = text.slice(0, start);
    const block = /\/\*[\s\S]*?\*\/[ \t]*\r?\n?[ \t]*$/.exec(before);
    const blockStart = block ? before.lastIndexOf('/*', block.index + block[0].indexOf('*/')) : -1;
    const line = /(?:^|\n)([ \t]*\/\/[^\n]*\r?\n[ \t]*)$/.exec(before);
    if (line) start = start - line[1]!.length;
    else if (block && blockStart !== -1 && /(?:^|\n)[ \t]*$/.test(before.slice(0, blockStart))) start = blockStart;
    else return start;
  }
}

/** The module an import or top-level `require` brings in. */
function specifierOf(statement: AnyNode): string {
  if (statement.type === 'ImportDeclaration') return String(statement.source.value);
  const required = statement.declarations.find((declarator: AnyNode) => declarator.init?.callee?.name === 'require');
  return String(required.init.arguments[0].value);
}

/** The project's own modules: `./x`, `../x`, `/abs/x`. Everything else (`node:fs`, `pkg`, `@scope/pkg`, `#alias`) is a package. */
const isRelativeSpecifier = (specifier: string): boolean => /^\.{0,2}\//.test(specifier) || specifier === '.' || specifier === '..';

/**
 * Where a new package import goes among the file's imports (`siblings`, in order), as import
 * orderers (import-x/order, eslint-plugin-import's `order`, xo, simple-import-sort) expect: packages
 * before the project's own modules. When the file keeps its packages first, the runtime joins them:
 * after the last package import or, when every import is relative, before the first one. There it
 * goes above the comments attached to that import (a `// eslint-disable-next-line` is meant for the
 * line under it), except a header that opens the file. A file that mixes the two has no order to
 * follow: the import goes after the last one.
 */
function packageImportPlace(text: string, siblings: readonly AnyNode[]): { at: number; before: boolean } {
  const firstRelative = siblings.findIndex((statement) => isRelativeSpecifier(specifierOf(statement)));
  const grouped = firstRelative !== -1 && siblings.slice(firstRelative).every((statement) => isRelativeSpecifier(specifierOf(statement)));
  if (!grouped) return { at: spanOf(siblings[siblings.length - 1])[1], before: false };
  if (firstRelative > 0) return { at: spanOf(siblings[firstRelative - 1])[1], before: false };
  const start = spanOf(siblings[0])[0];
  const above = aboveAttachedComments(text, start);
  const comments = text.slice(above, start);
  const isFileHeader = /^(?:#![^\n]*\n)?\s*$/.test(text.slice(0, above)) && !/eslint-disable-next-line|@ts-(?:ignore|expect-error)/.test(comments);
  return { at: isFileHeader ? start : above, before: true };
}

/**
 * The edit that makes `missing` (name -> local name) available from `specifier`: the names merged
 * into the file's import of it (its comments, `type` modifiers and layout kept), or a new declaration
 * among the file's imports (or top-level requires) where a package import goes (packageImportPlace),
 * or above the first statement (below a licence header, above a JSDoc that documents that statement). Null when nothing is missing.
 */
export function importEdit(
  text: string,
  program: AnyProgram,
  filePath: string,
  missing: ReadonlyMap<string, string>,
  specifier: string,
  style: SourceStyle,
): ImportEdit | null {
  if (missing.size === 0) return null;
  const syntax = importSyntaxOf(program, filePath);
  const wanted = [...missing].sort(([a], [b]) => ordinal(a, b));
  const current = program.body.find((statement) =>
    syntax === 'import' ? isValueImportOf(statement, specifier) : isDestructuredRequireOf(statement, specifier),
  );
  if (current) {
    const items: AnyNode[] = syntax === 'import' ? current.specifiers : current.declarations[0].id.properties;
    const nameOf = (item: AnyNode) => (syntax === 'import' ? importedName(item) : item.key.name);
    const inserts: { at: number; text: string }[] = [];
    // A list laid out one name per line gets each new name on a line of its own, at the same
    // indentation; its trailing comma, if it has one, stays last.
    const firstStart = spanOf(items[0])[0];
    const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
    const onLinesOfTheirOwn = text.slice(lineStart, firstStart).trim() === '';
    const separator = onLinesOfTheirOwn ? `,${style.eol}${text.slice(lineStart, firstStart)}` : ', ';
    for (const [name, alias] of wanted) {
      const binding = bindingText(name, alias, syntax);
      const next = items.find((item) => ordinal(nameOf(item), name) > 0);
      inserts.push(next ? { at: spanOf(next)[0], text: `${binding}${separator}` } : { at: spanOf(items[items.length - 1])[1], text: `${separator}${binding}` });
    }
    inserts.sort((a, b) => a.at - b.at);
    const start = inserts[0]!.at;
    const end = inserts[inserts.length - 1]!.at;
    let merged = '';
    let at = start;
    for (const insert of inserts) {
      merged += text.slice(at, insert.at) + insert.text;
      at = insert.at;
    }
    return { range: [start, end], text: merged };
  }
  const quote = style.quote === 'single' ? "'" : '"';
  const list = wanted.map(([name, alias]) => bindingText(name, alias, syntax)).join(', ');
  const source = `${quote}${specifier}${quote}`;
  const braced = style.bracketSpacing ? `{ ${list} }` : `{${list}}`;
  const declaration = syntax === 'import' ? `import ${braced} from ${source}` : `const ${braced} = require(${source})`;
  // Without `;` a require runs into a next line that starts with `(`, `[`, a template...: add one there.
  const terminated = (at: number) =>
    `${declaration}${style.semicolons || (syntax === 'require' && continuesExpression(text, at)) ? ';' : ''}`;
  const eol = style.eol;

  const siblings = program.body.filter((statement) =>
    syntax === 'import' ? statement.type === 'ImportDeclaration' : isTopLevelRequire(statement),
  );
  if (siblings.length > 0) {
    const { at, before } = packageImportPlace(text, siblings);
    return { range: [at, at], text: before ? `${terminated(at)}${eol}` : `${eol}${terminated(at)}` };
  }
  // By the directive's type: oxlint's ESTree sets `directive: null` on other expression statements.
  const statements = program.body.filter((statement) => !(statement.type === 'ExpressionStatement' && typeof statement.directive === 'string'));
  const directives = [...(program.directives ?? []), ...program.body.filter((statement) => !statements.includes(statement))];
  const first = statements[0];
  if (first) {
    const at = aboveAttachedComments(text, spanOf(first)[0]);
    return { range: [at, at], text: `${terminated(at)}${eol}` };
  }
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) {
    const at = spanOf(lastDirective)[1];
    return { range: [at, at], text: `${eol}${terminated(at)}` };
  }
  const at = text.length;
  return { range: [at, at], text: `${text.endsWith('\n') || text === '' ? '' : eol}${terminated(at)}${eol}` };
}

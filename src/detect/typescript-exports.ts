/**
 * The export summary's cheap path: what calling an export of another project file returns, read off
 * TypeScript's own syntax tree. typescript-estree builds its ESTree by parsing with TypeScript and then
 * converting every node, and in a CPU profile of the lint bench the conversion took most of a bare
 * parse. A summary needs one declaration of the file, so this path reads it from TypeScript's tree and
 * converts nothing (`npm run bench -- lint` prints how many files still take the ESTree parse).
 *
 * It answers only the plain shapes, exactly as promises' `syntacticReturns` / `instanceMethodReturns`
 * on project-modules' `exportStep` would (test/detect/typescript-exports.test.ts compares the two):
 * `export function f`, `export const f = <function or value>`, `export class C` with a method asked
 * of an instance. Anything else (a re-export, `export default`, `export { a as f }`, CommonJS, a
 * computed or quoted member name, a file that does not parse) is `undefined`: the ESTree path decides.
 */
import type * as TypeScript from 'typescript';
import type { ReturnsSummary } from './promises.js';
import { typescript } from './typescript.js';

type TS = typeof TypeScript;

/** `text` (the file `fileName`) parsed by TypeScript without JSDoc and without parents; null when it has syntax errors. */
export function parseTypeScriptSource(fileName: string, text: string): TypeScript.SourceFile | null {
  const ts = typescript();
  const source = ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKindOf(ts, fileName));
  // Internal but stable since TypeScript 1.x; typescript-estree reads the same list to throw on syntax errors.
  const diagnostics = (source as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics;
  return diagnostics === undefined || diagnostics.length > 0 ? null : source;
}

function scriptKindOf(ts: TS, fileName: string): TypeScript.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/.test(fileName)) return ts.ScriptKind.TS;
  return /x$/.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/**
 * What calling the export `path` of `source` returns (with `method`: calling that method on an
 * instance of the exported class), when a plain local declaration answers it; `undefined` when the
 * ESTree path must.
 */
export function typescriptExportReturns(source: TypeScript.SourceFile, path: readonly string[], method: string | undefined): ReturnsSummary | undefined {
  if (path.length !== 1 || path[0] === 'default') return undefined;
  const ts = typescript();
  const value = exportedDeclaration(ts, source, path[0]!);
  if (value === undefined) return undefined;
  return method === undefined ? syntacticReturns(ts, value) : instanceMethodReturns(ts, value, method);
}

/**
 * The node `export function name` / `export class name` / `export const name = value` declares, taking
 * statements in order as project-modules' `exportTarget` does (an ES export answers before CommonJS);
 * `undefined` when another kind of statement names it first, or none does.
 */
function exportedDeclaration(ts: TS, source: TypeScript.SourceFile, name: string): TypeScript.Node | undefined {
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
      if (statement.exportClause.elements.some((element) => !element.isTypeOnly && element.name.text === name)) return undefined;
      continue;
    }
    if (!hasModifier(ts, statement, ts.SyntaxKind.ExportKeyword) || hasModifier(ts, statement, ts.SyntaxKind.DefaultKeyword)) continue;
    if (ts.isFunctionDeclaration(statement)) {
      // An overload signature or `declare function` is TSDeclareFunction in ESTree, which exportTarget passes over.
      if (statement.name?.text === name && statement.body) return statement;
    } else if (ts.isClassDeclaration(statement)) {
      if (statement.name?.text === name) return statement;
    } else if (ts.isVariableStatement(statement)) {
      if ((statement.declarationList.flags & ts.NodeFlags.Const) === 0 || (statement.declarationList.flags & ts.NodeFlags.BlockScoped) !== ts.NodeFlags.Const) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) return skipTransparentWrappers(ts, declaration.initializer);
      }
    } else if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement) && !ts.isEnumDeclaration(statement)) {
      // A namespace, `export import x = ...`: shapes this path does not model.
      return undefined;
    }
  }
  return undefined;
}

function hasModifier(ts: TS, node: TypeScript.Node, kind: TypeScript.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

/** ast/wrappers' `skipTransparentWrappers` on TypeScript nodes, with the parentheses ESTree leaves out. */
function skipTransparentWrappers(ts: TS, node: TypeScript.Expression): TypeScript.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

type FunctionValue = TypeScript.FunctionDeclaration | TypeScript.FunctionExpression | TypeScript.ArrowFunction | TypeScript.MethodDeclaration;

/** promises' `syntacticReturns`: async or declared `: Promise` is 'promise'; no function, a generator or no returned value is 'other'; else 'ask'. */
function syntacticReturns(ts: TS, node: TypeScript.Node): ReturnsSummary {
  if (!ts.isFunctionDeclaration(node) && !ts.isFunctionExpression(node) && !ts.isArrowFunction(node) && !ts.isMethodDeclaration(node)) return 'other';
  const fn: FunctionValue = node;
  if (!fn.body) return isPromiseTypeAnnotation(ts, fn) ? 'promise' : 'other';
  if (!ts.isArrowFunction(fn) && fn.asteriskToken) return 'other';
  if (hasModifier(ts, fn, ts.SyntaxKind.AsyncKeyword) || isPromiseTypeAnnotation(ts, fn)) return 'promise';
  if (!ts.isBlock(fn.body)) return 'ask';
  return returnsAValue(ts, fn.body) ? 'ask' : 'other';
}

function isPromiseTypeAnnotation(ts: TS, fn: FunctionValue): boolean {
  const type = fn.type;
  return type !== undefined && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && (type.typeName.text === 'Promise' || type.typeName.text === 'PromiseLike');
}

/** ast/functions' `returnedExpressions` read as promises does: a `return x` and no bare `return` in the body, nested functions and classes left out. */
function returnsAValue(ts: TS, body: TypeScript.Block): boolean {
  let valued = false;
  let bare = false;
  const visit = (node: TypeScript.Node): void => {
    if (bare) return;
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) {
      if (node.expression) valued = true;
      else bare = true;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return valued && !bare;
}

/** promises' `instanceMethodReturns`: the class's own member named `method` (the first, as `memberValue` takes it); a base class is for the ESTree path. */
function instanceMethodReturns(ts: TS, value: TypeScript.Node, method: string): ReturnsSummary | undefined {
  if (!ts.isClassDeclaration(value) && !ts.isClassExpression(value)) return 'ask';
  for (const member of value.members) {
    if (ts.isMethodDeclaration(member) || ts.isPropertyDeclaration(member)) {
      // memberValue reads quoted and computed names by their text, private names as written: leave those to it.
      if (!ts.isIdentifier(member.name)) return undefined;
      if (member.name.text !== method) continue;
      if (ts.isMethodDeclaration(member)) return syntacticReturns(ts, member);
      // `accessor m = ...` is AccessorProperty in ESTree, which memberValue passes over.
      if (hasModifier(ts, member, ts.SyntaxKind.AccessorKeyword)) continue;
      // `abstract m: ...` is TSAbstractPropertyDefinition in ESTree, which memberValue passes over.
      if (hasModifier(ts, member, ts.SyntaxKind.AbstractKeyword)) continue;
      if (!member.initializer) break;
      return syntacticReturns(ts, skipTransparentWrappers(ts, member.initializer));
    }
  }
  return value.heritageClauses?.some((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword) ? 'ask' : 'other';
}

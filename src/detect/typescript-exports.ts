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

/** What the tokens of a file show returns no promise, by export name (see `namesReturningNoPromiseByTokens`). */
export interface NamesReturningNoPromise {
  /** `export function`s. */
  functions: ReadonlySet<string>;
  /** Methods asked of an instance of an `export class`, by the class's name. */
  methods: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The cheapest path, before any parse: the names of the file's `export function`s, and the methods
 * of its `export class`es, whose own tokens show they return no promise (not async, no `Promise`
 * return type, no `return` anywhere in the body), read off TypeScript's scanner, which costs a
 * fraction of a parse. A file that registers routes or handlers exports such functions, a service
 * such methods, and a whole parse for each was most of the export summary's cost.
 *
 * A name is in the set only where syntacticReturns (for a method, instanceMethodReturns) would say
 * 'other' for the declaration that exportedDeclaration finds; it is left out whenever the tokens
 * leave a doubt, and a parse decides: another top-level mention of the name (a second declaration,
 * an export clause, a call), an export of a kind not read here (then no name is in the set), a
 * return type other than one name, a `/` after `)` or `}` or a contextual keyword (division or a
 * regular expression?), JSX. Unlike a parse it does not see syntax errors: where the file does not
 * parse, the parse paths find no export, which an importer reads as no promise too (see promises'
 * `exportReturns`).
 */
export function namesReturningNoPromiseByTokens(fileName: string, text: string): NamesReturningNoPromise {
  const functions = new Set<string>();
  const methods = new Map<string, ReadonlySet<string>>();
  const found: NamesReturningNoPromise = { functions, methods };
  if (/x$/.test(fileName)) return found;
  const tokens = bracketedTokens(text);
  if (tokens === null) return found;
  const ts = typescript();
  const { kinds, depths, texts } = tokens;
  const kind = (index: number): TypeScript.SyntaxKind | undefined => kinds[index];
  /** The index of the token that closes the bracket opened at `open`; -1 when there is none. */
  const closing = (open: number): number => {
    for (let index = open + 1; index < kinds.length; index++) if (depths[index] === depths[open] && isClosing(ts, kinds[index]!)) return index;
    return -1;
  };
  const topLevelMentions = new Map<string, number>();
  const inExportClauses = new Set<string>();
  const declarations: number[] = [];
  const classes: number[] = [];
  for (let index = 0; index < kinds.length; index++) {
    if (depths[index] !== 0) continue;
    if (kinds[index] === ts.SyntaxKind.Identifier) topLevelMentions.set(texts[index]!, (topLevelMentions.get(texts[index]!) ?? 0) + 1);
    if (kinds[index] !== ts.SyntaxKind.ExportKeyword) continue;
    const previous = kind(index - 1);
    if (previous === ts.SyntaxKind.DotToken || previous === ts.SyntaxKind.QuestionDotToken) return found;
    const next = kind(index + 1);
    if (next === ts.SyntaxKind.OpenBraceToken) {
      // `export { a, b as c }`: exportedDeclaration hands a name an export clause names to the ESTree path.
      const end = closing(index + 1);
      if (end === -1) return found;
      for (let inner = index + 2; inner < end; inner++) if (texts[inner] !== undefined) inExportClauses.add(texts[inner]!);
    } else if (next === ts.SyntaxKind.FunctionKeyword) {
      declarations.push(kind(index + 2) === ts.SyntaxKind.AsteriskToken ? index + 3 : index + 2);
    } else if (next === ts.SyntaxKind.ClassKeyword) {
      classes.push(index + 2);
    } else if (
      // Statements exportedDeclaration reads past unless they name the function (which the mention count sees);
      // an async function returns a promise.
      next !== ts.SyntaxKind.AsyncKeyword &&
      next !== ts.SyntaxKind.TypeKeyword &&
      next !== ts.SyntaxKind.AsteriskToken &&
      next !== ts.SyntaxKind.DefaultKeyword &&
      next !== ts.SyntaxKind.AbstractKeyword &&
      next !== ts.SyntaxKind.InterfaceKeyword &&
      next !== ts.SyntaxKind.EnumKeyword &&
      next !== ts.SyntaxKind.ConstKeyword &&
      next !== ts.SyntaxKind.LetKeyword &&
      next !== ts.SyntaxKind.VarKeyword
    ) {
      // A namespace, `export declare`, `export import x =`, `export =`: shapes exportedDeclaration does not read past.
      return found;
    }
  }
  // Its own name is the only top-level mention: no other statement declares, exports or calls it.
  const soleDeclaration = (name: string | undefined): name is string => name !== undefined && topLevelMentions.get(name) === 1 && !inExportClauses.has(name);
  for (const nameAt of declarations) {
    const name = texts[nameAt];
    if (soleDeclaration(name) && returnsNoPromise(ts, tokens, nameAt, closing)) functions.add(name);
  }
  for (const nameAt of classes) {
    const name = texts[nameAt];
    if (!soleDeclaration(name)) continue;
    const body = classBodyAt(ts, tokens, nameAt);
    const answered = body === -1 ? undefined : methodsReturningNoPromise(ts, tokens, body, closing(body), closing);
    if (answered !== undefined && answered.size > 0) methods.set(name, answered);
  }
  return found;
}

/** The index of the `{` opening the body of the class named at `nameAt`, past a header of type parameters and heritage names; -1 when the header holds anything else. */
function classBodyAt(ts: TS, { kinds, depths }: Tokens, nameAt: number): number {
  let at = nameAt + 1;
  for (;;) {
    const kind = kinds[at];
    if (kind === undefined || depths[at] !== 0) return -1;
    if (kind === ts.SyntaxKind.OpenBraceToken) return at;
    if (kind === ts.SyntaxKind.LessThanToken) {
      at = afterTypeArguments(ts, kinds, depths, at);
      if (at === -1) return -1;
      continue;
    }
    const heritage =
      kind === ts.SyntaxKind.Identifier ||
      kind === ts.SyntaxKind.DotToken ||
      kind === ts.SyntaxKind.CommaToken ||
      kind === ts.SyntaxKind.ExtendsKeyword ||
      kind === ts.SyntaxKind.ImplementsKeyword;
    if (!heritage) return -1;
    at++;
  }
}

/**
 * The methods of the class body between `open` and `close` that instanceMethodReturns answers 'other'
 * for: each one the first member of its name, as the class's members are read in order. Where a member
 * cannot be told apart by its tokens (a computed, quoted or private name, an index signature, a static
 * block, a field that ends without a semicolon), the members after it are not read: the parse answers
 * for them, as it does for one named before it whose shape leaves a doubt.
 */
function methodsReturningNoPromise(ts: TS, tokens: Tokens, open: number, close: number, closing: (open: number) => number): Set<string> {
  const { kinds, depths, texts, lineBreaks } = tokens;
  const kind = (index: number): TypeScript.SyntaxKind | undefined => kinds[index];
  const answered = new Set<string>();
  const seen = new Set<string>();
  const isKeyword = (k: TypeScript.SyntaxKind | undefined): k is TypeScript.SyntaxKind => k !== undefined && k >= ts.SyntaxKind.FirstKeyword && k <= ts.SyntaxKind.LastKeyword;
  /** A token a member's name (or a further modifier) may start with. */
  const startsAName = (k: TypeScript.SyntaxKind | undefined): boolean =>
    k === ts.SyntaxKind.Identifier || isKeyword(k) || k === ts.SyntaxKind.StringLiteral || k === ts.SyntaxKind.NumericLiteral || k === ts.SyntaxKind.PrivateIdentifier || k === ts.SyntaxKind.OpenBracketToken || k === ts.SyntaxKind.AsteriskToken;
  let at = open + 1;
  while (at < close) {
    if (kind(at) === ts.SyntaxKind.SemicolonToken) {
      at++;
      continue;
    }
    // Decorators: `@name`, `@a.b`, `@name(...)`.
    while (kind(at) === ts.SyntaxKind.AtToken) {
      if (kind(at + 1) !== ts.SyntaxKind.Identifier) return answered;
      at += 2;
      while (kind(at) === ts.SyntaxKind.DotToken && kind(at + 1) === ts.SyntaxKind.Identifier) at += 2;
      if (kind(at) === ts.SyntaxKind.OpenParenToken) at = closing(at) + 1;
      if (at === 0) return answered;
    }
    let isAsync = false;
    let passedOver = false;
    // A modifier is a keyword followed, on the same line, by what may start a name (`static async m`); else the keyword is the name (`get()`, `static = 1`).
    while (memberModifiers(ts).has(kind(at)!) && startsAName(kind(at + 1))) {
      if (lineBreaks[at + 1]) return answered;
      if (kind(at) === ts.SyntaxKind.AsyncKeyword) isAsync = true;
      // `abstract m: ...` and `accessor m = ...` are fields instanceMethodReturns passes over.
      if (kind(at) === ts.SyntaxKind.AbstractKeyword || kind(at) === ts.SyntaxKind.AccessorKeyword) passedOver = true;
      at++;
    }
    const isAccessor = (kind(at) === ts.SyntaxKind.GetKeyword || kind(at) === ts.SyntaxKind.SetKeyword) && startsAName(kind(at + 1));
    if (isAccessor) at++;
    const nameKind = kind(at);
    const name = nameKind === ts.SyntaxKind.Identifier ? texts[at] : isKeyword(nameKind) ? ts.tokenToString(nameKind) : undefined;
    // A computed, quoted, numeric or private name, a generator, an index signature: instanceMethodReturns hands those to the ESTree path.
    if (name === undefined) return answered;
    const nameAt = at++;
    const optional = kind(at) === ts.SyntaxKind.QuestionToken || kind(at) === ts.SyntaxKind.ExclamationToken;
    if (optional) at++;
    if (kind(at) === ts.SyntaxKind.OpenParenToken || kind(at) === ts.SyntaxKind.LessThanToken) {
      // `m?() {}`: an optional method, a shape left to the parse.
      if (optional) return answered;
      const method = methodExtent(ts, tokens, nameAt, closing);
      if (method === null) return answered;
      // A constructor and accessors are not methods to instanceMethodReturns; the first method of a name answers for it.
      if (!isAccessor && nameKind !== ts.SyntaxKind.ConstructorKeyword && !seen.has(name)) {
        seen.add(name);
        if (!isAsync && method.returnsNoPromise) answered.add(name);
      }
      at = method.end + 1;
      continue;
    }
    // A field: it ends at its semicolon or the class's end. A token on a new line inside it (other than a
    // closing bracket) may be where the grammar ended it without one, or not: a parse decides.
    if (nameKind === ts.SyntaxKind.ConstructorKeyword || isAccessor) return answered;
    const memberDepth = depths[open]! + 1;
    for (; at < close && !(kind(at) === ts.SyntaxKind.SemicolonToken && depths[at] === memberDepth); at++) {
      if (depths[at] === memberDepth && lineBreaks[at] && !isClosing(ts, kinds[at]!)) return answered;
    }
    if (!passedOver) seen.add(name);
  }
  return answered;
}

/** Modifiers a class member may start with. */
function memberModifiers(ts: TS): ReadonlySet<TypeScript.SyntaxKind> {
  const kind = ts.SyntaxKind;
  return (modifiers ??= new Set([kind.PublicKeyword, kind.PrivateKeyword, kind.ProtectedKeyword, kind.StaticKeyword, kind.ReadonlyKeyword, kind.AbstractKeyword, kind.OverrideKeyword, kind.DeclareKeyword, kind.AccessorKeyword, kind.AsyncKeyword]));
}
let modifiers: ReadonlySet<TypeScript.SyntaxKind> | undefined;

/**
 * The method whose name is at `nameAt` (type parameters, parameters, a return type, then a body or
 * `;`): where it ends, and whether it returns no promise as the function screen reads it; null when its
 * return type is not one name (`T[]`, `A | B`, `{ ... }`), so where its body starts is not certain.
 */
function methodExtent(ts: TS, tokens: Tokens, nameAt: number, closing: (open: number) => number): { end: number; returnsNoPromise: boolean } | null {
  const { kinds } = tokens;
  let at = nameAt + 1;
  if (kinds[at] === ts.SyntaxKind.LessThanToken) at = afterTypeArguments(ts, kinds, tokens.depths, at);
  if (at === -1 || kinds[at] !== ts.SyntaxKind.OpenParenToken) return null;
  at = closing(at);
  if (at === -1) return null;
  at++;
  if (kinds[at] === ts.SyntaxKind.ColonToken) {
    const type = kinds[at + 1];
    if (type === undefined || (type !== ts.SyntaxKind.Identifier && !plainTypeKeywords(ts).has(type))) return null;
    at += 2;
    if (kinds[at] === ts.SyntaxKind.LessThanToken) at = afterTypeArguments(ts, kinds, tokens.depths, at);
    if (at === -1) return null;
  }
  // A signature without a body (an overload, an abstract method): the parse answers by its annotation.
  if (kinds[at] === ts.SyntaxKind.SemicolonToken) return { end: at, returnsNoPromise: false };
  if (kinds[at] !== ts.SyntaxKind.OpenBraceToken) return null;
  const end = closing(at);
  if (end === -1) return null;
  return { end, returnsNoPromise: returnsNoPromise(ts, tokens, nameAt, closing) };
}

/** The function declared with its name at `nameAt`: not declared to return a promise, with a body holding no `return`. */
function returnsNoPromise(ts: TS, { kinds, depths, texts }: Tokens, nameAt: number, closing: (open: number) => number): boolean {
  const kind = (index: number): TypeScript.SyntaxKind | undefined => kinds[index];
  let at = nameAt + 1;
  if (kind(at) === ts.SyntaxKind.LessThanToken) at = afterTypeArguments(ts, kinds, depths, at);
  if (at === -1 || kind(at) !== ts.SyntaxKind.OpenParenToken) return false;
  at = closing(at);
  if (at === -1) return false;
  at++;
  if (kind(at) === ts.SyntaxKind.ColonToken) {
    // One type name (`void`, `Router`, `Map<K, V>`); `Promise<T>` / `PromiseLike<T>` returns a promise.
    const type = kind(at + 1);
    if (type === undefined || (type !== ts.SyntaxKind.Identifier && !plainTypeKeywords(ts).has(type))) return false;
    if (type === ts.SyntaxKind.Identifier && (texts[at + 1] === 'Promise' || texts[at + 1] === 'PromiseLike')) return false;
    at += 2;
    if (kind(at) === ts.SyntaxKind.LessThanToken) at = afterTypeArguments(ts, kinds, depths, at);
  }
  // No body is an overload signature (the implementation is another mention).
  if (at === -1 || kind(at) !== ts.SyntaxKind.OpenBraceToken) return false;
  const end = closing(at);
  if (end === -1) return false;
  for (let inner = at + 1; inner < end; inner++) if (kinds[inner] === ts.SyntaxKind.ReturnKeyword) return false;
  return true;
}

/** Keyword types a return annotation may be without being a promise. */
function plainTypeKeywords(ts: TS): ReadonlySet<TypeScript.SyntaxKind> {
  const kind = ts.SyntaxKind;
  return (plainTypes ??= new Set([kind.VoidKeyword, kind.StringKeyword, kind.NumberKeyword, kind.BooleanKeyword, kind.AnyKeyword, kind.UnknownKeyword, kind.NeverKeyword, kind.UndefinedKeyword, kind.NullKeyword, kind.ObjectKeyword, kind.BigIntKeyword, kind.SymbolKeyword]));
}
let plainTypes: ReadonlySet<TypeScript.SyntaxKind> | undefined;

/** The index after the `>` that closes the `<` at `open`, on the same bracket depth; -1 when there is none. */
function afterTypeArguments(ts: TS, kinds: readonly TypeScript.SyntaxKind[], depths: readonly number[], open: number): number {
  let angles = 0;
  for (let index = open; index < kinds.length; index++) {
    if (depths[index] !== depths[open]) continue;
    if (kinds[index] === ts.SyntaxKind.LessThanToken) angles++;
    else if (kinds[index] === ts.SyntaxKind.GreaterThanToken && --angles === 0) return index + 1;
    else if (kinds[index] === ts.SyntaxKind.SemicolonToken) return -1;
  }
  return -1;
}

function isClosing(ts: TS, kind: TypeScript.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.CloseBraceToken || kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken;
}

interface Tokens {
  kinds: TypeScript.SyntaxKind[];
  /** How many brackets (and template substitutions) enclose each token; an opening and its closing token share theirs. */
  depths: number[];
  /** An identifier's text; undefined for other tokens. */
  texts: (string | undefined)[];
  /** Whether a line break comes before each token. */
  lineBreaks: boolean[];
}

let scanner: TypeScript.Scanner | undefined;
let scanFailed = false;

/**
 * `text` as tokens, with the brackets matched; null where the scanner cannot be trusted without a
 * parser: a scanner error, an unmatched bracket, a `/` whose meaning depends on the grammar.
 */
function bracketedTokens(text: string): Tokens | null {
  const ts = typescript();
  scanner ??= ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, undefined, () => {
    scanFailed = true;
  });
  scanner.setText(text);
  scanFailed = false;
  const kinds: TypeScript.SyntaxKind[] = [];
  const depths: number[] = [];
  const texts: (string | undefined)[] = [];
  const lineBreaks: boolean[] = [];
  // '(' '[' '{' and '${' (a template's substitution) as they open.
  const open: TypeScript.SyntaxKind[] = [];
  let previous: TypeScript.SyntaxKind | undefined;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) {
      if (previous === undefined || !endsAnOperand(ts, previous)) {
        // After `)` or `}` only the grammar tells; after a keyword other than these, it may be a name (`type / 2`).
        if (previous === ts.SyntaxKind.CloseParenToken || previous === ts.SyntaxKind.CloseBraceToken) return null;
        if (previous !== undefined && previous >= ts.SyntaxKind.FirstKeyword && previous <= ts.SyntaxKind.LastKeyword && !keywordsBeforeAnOperand(ts).has(previous)) return null;
        kind = scanner.reScanSlashToken();
      }
    }
    let depth = open.length;
    if (kind === ts.SyntaxKind.CloseBraceToken && open.at(-1) === ts.SyntaxKind.TemplateHead) {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateTail) open.pop();
      depth = open.length;
    } else if (kind === ts.SyntaxKind.OpenParenToken || kind === ts.SyntaxKind.OpenBracketToken || kind === ts.SyntaxKind.OpenBraceToken || kind === ts.SyntaxKind.TemplateHead) {
      open.push(kind);
    } else if (kind === ts.SyntaxKind.CloseParenToken || kind === ts.SyntaxKind.CloseBracketToken || kind === ts.SyntaxKind.CloseBraceToken) {
      const opening = open.pop();
      const matches =
        (kind === ts.SyntaxKind.CloseParenToken && opening === ts.SyntaxKind.OpenParenToken) ||
        (kind === ts.SyntaxKind.CloseBracketToken && opening === ts.SyntaxKind.OpenBracketToken) ||
        (kind === ts.SyntaxKind.CloseBraceToken && opening === ts.SyntaxKind.OpenBraceToken);
      if (!matches) return null;
      depth = open.length;
    }
    if (scanFailed) return null;
    kinds.push(kind);
    depths.push(depth);
    texts.push(kind === ts.SyntaxKind.Identifier ? scanner.getTokenValue() : undefined);
    lineBreaks.push(scanner.hasPrecedingLineBreak());
    previous = kind;
  }
  return scanFailed || open.length > 0 ? null : { kinds, depths, texts, lineBreaks };
}

/** Reserved words after which `/` starts a regular expression. */
function keywordsBeforeAnOperand(ts: TS): ReadonlySet<TypeScript.SyntaxKind> {
  const kind = ts.SyntaxKind;
  return (beforeAnOperand ??= new Set([kind.ReturnKeyword, kind.TypeOfKeyword, kind.InstanceOfKeyword, kind.InKeyword, kind.NewKeyword, kind.DeleteKeyword, kind.VoidKeyword, kind.ThrowKeyword, kind.CaseKeyword, kind.DoKeyword, kind.ElseKeyword, kind.ExtendsKeyword]));
}
let beforeAnOperand: ReadonlySet<TypeScript.SyntaxKind> | undefined;

/** A token after which `/` divides: the end of an operand. */
function endsAnOperand(ts: TS, kind: TypeScript.SyntaxKind): boolean {
  switch (kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateTail:
    case ts.SyntaxKind.CloseBracketToken:
    case ts.SyntaxKind.ThisKeyword:
    case ts.SyntaxKind.SuperKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.PlusPlusToken:
    case ts.SyntaxKind.MinusMinusToken:
      return true;
    default:
      return false;
  }
}

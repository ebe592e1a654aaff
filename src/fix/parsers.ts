import { parse, type ParserOptions } from '@babel/parser';
import jscodeshift, { type JSCodeshift, type Parser } from 'jscodeshift';
import { createRequire } from 'node:module';

/**
 * The parsers the codemods use, whatever parser a jscodeshift run was started with:
 * - Babel with jscodeshift's own TypeScript options (its `ts` / `tsx` parsers), so the AST is the one
 *   jscodeshift's builders and recast expect;
 * - plus `createParenthesizedExpressions`: with Babel's default (a `parenthesized` flag instead of a
 *   node), recast lays out anew any parenthesized expression near a change, e.g. a multi-line
 *   `return (a ||\n b)` collapses onto one line; with real nodes it keeps them as written;
 * - `ts` (no JSX) for .ts/.mts/.cts files, since JSX parsing reads a `<T>value` cast as an element.
 */
const require = createRequire(import.meta.url);
const typescriptOptions = require('jscodeshift/parser/tsOptions.js') as ParserOptions & { plugins: ParserOptions['plugins'] };

/**
 * How a file is read: TypeScript and `.mjs` as modules; `.cjs` as a sloppy-mode CommonJS script (a
 * `const package = ...`, `with`, a legacy octal and a top-level `return` are valid there); `.js` as a
 * module, or as a script when it does not parse as one, as ESLint reads it with sourceType commonjs.
 */
type SourceKind = 'module' | 'script' | 'module-or-script';

function sourceKindOf(filePath: string): SourceKind {
  if (filePath.endsWith('.cjs')) return 'script';
  if (/\.(?:jsx?)$/.test(filePath)) return 'module-or-script';
  return 'module';
}

function optionsWith(jsx: boolean, sourceType: 'module' | 'script' = 'module'): ParserOptions {
  return {
    ...typescriptOptions,
    createParenthesizedExpressions: true,
    plugins: jsx ? ['jsx', ...(typescriptOptions.plugins ?? [])] : typescriptOptions.plugins,
    ...(sourceType === 'script' ? { sourceType: 'script', allowReturnOutsideFunction: true, strictMode: false } : {}),
  };
}

/** Babel's parse of `code` as `kind` says: a module first, the sloppy script when that fails. */
function parseAs(code: string, kind: SourceKind, options: { module: ParserOptions; script: ParserOptions }): unknown {
  if (kind === 'script') return parse(code, options.script);
  try {
    return parse(code, options.module);
  } catch (error) {
    if (kind === 'module') throw error;
    try {
      return parse(code, options.script);
    } catch {
      throw error;
    }
  }
}

function parserWith(jsx: boolean, kind: SourceKind): Parser {
  const options = { module: optionsWith(jsx), script: optionsWith(jsx, 'script') };
  return { parse: (code: string) => parseAs(code, kind, options) as ReturnType<Parser['parse']> };
}

const isTypeScriptWithoutJsx = (filePath: string): boolean => /\.[cm]?ts$/.test(filePath);

const codeshifts = new Map<string, JSCodeshift>();

export function codeshiftFor(filePath: string): JSCodeshift {
  const jsx = !isTypeScriptWithoutJsx(filePath);
  const kind = sourceKindOf(filePath);
  const key = `${jsx}:${kind}`;
  let j = codeshifts.get(key);
  if (!j) {
    j = jscodeshift.withParser(parserWith(jsx, kind));
    codeshifts.set(key, j);
  }
  return j;
}

/** A top-level statement as Babel gives it, offsets into the very text parsed. */
export type ParsedStatement = { type: string; start: number; end: number } & Record<string, any>;
export type SyntaxParser = (code: string) => { program: { body: ParsedStatement[] } };

/** The same Babel parse as `codeshiftFor(filePath)`, bare: throws on a syntax error. */
export function syntaxParserFor(filePath: string): SyntaxParser {
  // Without tokens and without recast's copy of the tree: for reading statements and checking
  // that a text parses, which is all the import placement and the re-parse check need.
  const jsx = !isTypeScriptWithoutJsx(filePath);
  const options = { module: { ...optionsWith(jsx), tokens: false }, script: { ...optionsWith(jsx, 'script'), tokens: false } };
  const kind = sourceKindOf(filePath);
  return (code) => parseAs(code, kind, options) as ReturnType<SyntaxParser>;
}

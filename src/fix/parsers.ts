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

function optionsWith(jsx: boolean): ParserOptions {
  return {
    ...typescriptOptions,
    createParenthesizedExpressions: true,
    plugins: jsx ? ['jsx', ...(typescriptOptions.plugins ?? [])] : typescriptOptions.plugins,
  };
}

function parserWith(jsx: boolean): Parser {
  const options = optionsWith(jsx);
  return { parse: (code: string) => parse(code, options) as unknown as ReturnType<Parser['parse']> };
}

const withoutJsx = jscodeshift.withParser(parserWith(false));
const withJsx = jscodeshift.withParser(parserWith(true));

const isTypeScriptWithoutJsx = (filePath: string): boolean => /\.[cm]?ts$/.test(filePath);

export function codeshiftFor(filePath: string): JSCodeshift {
  return isTypeScriptWithoutJsx(filePath) ? withoutJsx : withJsx;
}

/** A top-level statement as Babel gives it, offsets into the very text parsed. */
export type ParsedStatement = { type: string; start: number; end: number } & Record<string, any>;
export type SyntaxParser = (code: string) => { program: { body: ParsedStatement[] } };

function syntaxParserWith(jsx: boolean): SyntaxParser {
  // Without tokens and without recast's copy of the tree: for reading statements and checking
  // that a text parses, which is all the import placement and the re-parse check need.
  const options: ParserOptions = { ...optionsWith(jsx), tokens: false };
  return (code) => parse(code, options) as unknown as ReturnType<SyntaxParser>;
}

const syntaxWithoutJsx = syntaxParserWith(false);
const syntaxWithJsx = syntaxParserWith(true);

/** The same Babel parse as `codeshiftFor(filePath)`, bare: throws on a syntax error. */
export function syntaxParserFor(filePath: string): SyntaxParser {
  return isTypeScriptWithoutJsx(filePath) ? syntaxWithoutJsx : syntaxWithJsx;
}

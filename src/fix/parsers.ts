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

function parserWith(jsx: boolean): Parser {
  const options: ParserOptions = {
    ...typescriptOptions,
    createParenthesizedExpressions: true,
    plugins: jsx ? ['jsx', ...(typescriptOptions.plugins ?? [])] : typescriptOptions.plugins,
  };
  return { parse: (code: string) => parse(code, options) as unknown as ReturnType<Parser['parse']> };
}

const withoutJsx = jscodeshift.withParser(parserWith(false));
const withJsx = jscodeshift.withParser(parserWith(true));

export function codeshiftFor(filePath: string): JSCodeshift {
  return /\.[cm]?ts$/.test(filePath) ? withoutJsx : withJsx;
}

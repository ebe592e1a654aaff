/**
 * A file's own style, read from its text, so that code written into it (a rewrite, an import) looks
 * like the code around it: the formatter and the linter of the project stay green.
 */
export interface SourceStyle {
  quote: 'single' | 'double';
  /** Whether the file ends statements with `;` (a file written without them gets none from us either). */
  semicolons: boolean;
  /** The file's line terminator. */
  eol: '\r\n' | '\n';
  /** Spaces inside an import's braces (`{ a }`), unless the file's own imports mostly go without (`{a}`). */
  bracketSpacing: boolean;
}

/** The more frequent of the two quote characters (single when tied). */
export function quoteStyleOf(source: string): 'single' | 'double' {
  const singles = source.match(/'/g)?.length ?? 0;
  const doubles = source.match(/"/g)?.length ?? 0;
  return doubles > singles ? 'double' : 'single';
}

export function usesSemicolons(source: string): boolean {
  return /;[ \t]*(?:\r?\n|\}|$)/.test(source);
}

/**
 * Spaced (`import { a }`) unless most of the file's braced imports and requires are not (`import {a}`,
 * `import Benchmark, {type Event}`).
 */
export function usesBracketSpacing(source: string): boolean {
  const opening = /^[ \t]*(?:import(?:[ \t]+type)?(?:[ \t]+[\w$]+[ \t]*,)?|const|let|var)[ \t]*\{(.)/gm;
  let spaced = 0;
  let tight = 0;
  for (const match of source.matchAll(opening)) {
    if (match[1] === '}') continue;
    if (/\s/.test(match[1]!)) spaced++;
    else tight++;
  }
  return tight <= spaced;
}

export function lineTerminatorOf(source: string): '\r\n' | '\n' {
  const crlf = source.indexOf('\r\n');
  const lf = source.indexOf('\n');
  return crlf !== -1 && crlf < lf ? '\r\n' : '\n';
}

const styles = new Map<string, SourceStyle>();

/** The style of `source`; the last few texts are remembered (a rule asks once per suggestion). */
export function sourceStyleOf(source: string): SourceStyle {
  const known = styles.get(source);
  if (known) return known;
  const style: SourceStyle = { quote: quoteStyleOf(source), semicolons: usesSemicolons(source), eol: lineTerminatorOf(source), bracketSpacing: usesBracketSpacing(source) };
  if (styles.size >= 8) styles.delete(styles.keys().next().value!);
  styles.set(source, style);
  return style;
}

/**
 * Whether a statement ending without `;` at `offset` would run into the code after it: the next
 * token (after blanks and comments) starts with a character that continues an expression (ASI does
 * not insert a `;` before `(`, `[`, a template, `+`, `-`, `/`).
 */
export function continuesExpression(text: string, offset: number): boolean {
  let at = offset;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end === -1 ? text.length : end + 2;
    } else break;
  }
  return /[([`+\-/]/.test(text[at] ?? '');
}

/**
 * jscodeshift parses through recast, which hands the parser a normalised copy of the text: line
 * terminators become `\n` and each line's leading whitespace is re-rendered from its width (tabs
 * expanded to stops of `tabWidth`). Babel's offsets and columns refer to that copy, so an ESLint
 * position (on the original text) must be translated before it can name a Babel node: lines are the
 * same, columns inside the indentation change.
 */
/** recast's default `tabWidth`, which jscodeshift's parse uses. */
const RECAST_TAB_WIDTH = 4;

/** Width of leading whitespace as recast counts it (its countSpaces): tabs to the next stop, \r \v \f BOM nothing. */
function indentWidth(spaces: string, tabWidth: number): number {
  let width = 0;
  for (const char of spaces) {
    if (char === '\t') width = Math.ceil(width / tabWidth) * tabWidth === width ? width + tabWidth : Math.ceil(width / tabWidth) * tabWidth;
    else if (char !== '\v' && char !== '\f' && char !== '\r' && char !== '\ufeff') width += 1;
  }
  return width;
}

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

export interface RecastPosition {
  line: number;
  /** 0-based, as Babel's `loc` columns. */
  column: number;
}

/** Maps (1-based line, 0-based column) on the original text to the same place in recast's copy. */
export function recastPositions(source: string, tabWidth = RECAST_TAB_WIDTH): (line: number, column: number) => RecastPosition {
  const lines = source.split(LINE_BREAK);
  const indents = new Map<number, { length: number; width: number }>();
  return (line, column) => {
    let indent = indents.get(line);
    if (!indent) {
      const spaces = /^\s*/.exec(lines[line - 1] ?? '')![0];
      indent = { length: spaces.length, width: indentWidth(spaces, tabWidth) };
      indents.set(line, indent);
    }
    if (indent.length === indent.width) return { line, column };
    const text = lines[line - 1] ?? '';
    const mapped = column <= indent.length ? indentWidth(text.slice(0, column), tabWidth) : indent.width + (column - indent.length);
    return { line, column: mapped };
  };
}

/** Whether the file indents with tabs, so code recast lays out anew does too. */
export function indentsWithTabs(source: string): boolean {
  const tabbed = source.match(/^\t/gm)?.length ?? 0;
  const spaced = source.match(/^ {2,}/gm)?.length ?? 0;
  return tabbed > spaced;
}

import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';

export function parse(code: string): TSESTree.Program {
  return parseForESLint(code, { range: true, loc: true, ecmaVersion: 'latest', sourceType: 'module', jsx: false }).ast as TSESTree.Program;
}

/** The source range of the first occurrence of `snippet` in `code` (the "finding"). */
export function rangeOf(code: string, snippet: string): [number, number] {
  const start = code.indexOf(snippet);
  if (start < 0) throw new Error(`snippet not in code: ${snippet}`);
  return [start, start + snippet.length];
}

import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { SourceCode } from 'eslint';
import { childNodes } from '../../src/ast/walk.js';

/** `code` as ESLint hands it to rules: the AST with parent links and the scope manager. */
export function sourceCodeOf(code: string): TSESLint.SourceCode {
  const parsed = parseForESLint(code, { range: true, loc: true, tokens: true, comment: true, ecmaVersion: 'latest', sourceType: 'module' });
  const stack: TSESTree.Node[] = [parsed.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of childNodes(node)) {
      (child as { parent?: TSESTree.Node }).parent = node;
      stack.push(child);
    }
  }
  return new SourceCode({
    text: code,
    ast: parsed.ast as never,
    scopeManager: parsed.scopeManager as never,
    visitorKeys: parsed.visitorKeys as never,
    parserServices: parsed.services,
  }) as unknown as TSESLint.SourceCode;
}

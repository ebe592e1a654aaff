import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { scopesOfManager, type ScopeOf } from '../../src/ast/scopes.js';
import { linkParents } from '../../src/ast/walk.js';

function parseModule(code: string) {
  return parseForESLint(code, { range: true, loc: true, ecmaVersion: 'latest', sourceType: 'module', jsx: false });
}

export function parse(code: string): TSESTree.Program {
  return parseModule(code).ast as TSESTree.Program;
}

/** The program and its scopes: what the audit hands the risk model's `collectFileFacts`. */
export function parseWithScopes(code: string): [TSESTree.Program, ScopeOf] {
  const parsed = parseModule(code);
  linkParents(parsed.ast);
  return [parsed.ast as TSESTree.Program, scopesOfManager(parsed.scopeManager)];
}

/** The source range of the first occurrence of `snippet` in `code` (the "finding"). */
export function rangeOf(code: string, snippet: string): [number, number] {
  const start = code.indexOf(snippet);
  if (start < 0) throw new Error(`snippet not in code: ${snippet}`);
  return [start, start + snippet.length];
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isDirective } from '../ast/functions.js';
import { resolveValueOrigin } from './module-bindings.js';
import { RUNTIME_MODULE } from './runtime-calls.js';

/**
 * Suggestions rewrite code onto the runtime (`tasks.start(...)`, `report(...)`, `supervise.cache(...)`),
 * so they must also bring the runtime's export into scope. This module says whether `name` already
 * denotes the runtime's export at a node, and makes the fix that adds the import when it does not.
 */

/** `name` at `scope` is the runtime's export `name` (imported or required however). */
export function isRuntimeBinding(name: string, scope: TSESLint.Scope.Scope): boolean {
  const variable = ASTUtils.findVariable(scope, name);
  if (!variable || variable.defs.length === 0) return false;
  const origin = resolveValueOrigin({ type: AST_NODE_TYPES.Identifier, name } as TSESTree.Identifier, scope);
  return origin?.module === RUNTIME_MODULE && origin.path.length === 1 && origin.path[0] === name;
}

/** Whether `name` at `scope` is bound to something that is not the runtime's export (then a fix would misfire). */
export function isShadowedRuntimeName(name: string, scope: TSESLint.Scope.Scope): boolean {
  const variable = ASTUtils.findVariable(scope, name);
  return variable !== null && variable.defs.length > 0 && !isRuntimeBinding(name, scope);
}

function isCommonJs(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): boolean {
  if (filename.endsWith('.cjs') || filename.endsWith('.cts')) return true;
  return sourceCode.ast.sourceType !== 'module';
}

/**
 * The fix that adds `import { name } from '<module>'` (or the destructured `require` for CommonJS) after
 * the last import / directive, or before the first statement.
 */
export function addImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  name: string,
  module: string,
): TSESLint.RuleFix {
  const body = sourceCode.ast.body;
  const declaration = isCommonJs(sourceCode, filename)
    ? `const { ${name} } = require('${module}');`
    : `import { ${name} } from '${module}';`;
  let anchor: TSESTree.ProgramStatement | undefined;
  for (const statement of body) {
    const isPrologue = statement.type === AST_NODE_TYPES.ImportDeclaration || isDirective(statement);
    if (!isPrologue) break;
    anchor = statement;
  }
  if (anchor) return fixer.insertTextAfter(anchor, `\n${declaration}`);
  const first = body[0];
  return first ? fixer.insertTextBefore(first, `${declaration}\n`) : fixer.insertTextAfterRange([0, 0], `${declaration}\n`);
}

/** The fix that adds the runtime export `name`, or null when `name` already is the runtime's export at `scope`. */
export function addRuntimeImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: Readonly<TSESLint.SourceCode>,
  filename: string,
  name: string,
  scope: TSESLint.Scope.Scope,
): TSESLint.RuleFix | null {
  return isRuntimeBinding(name, scope) ? null : addImport(fixer, sourceCode, filename, name, RUNTIME_MODULE);
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { resolveCallee } from './module-bindings.js';
import { enclosingFunction } from '../ast/functions.js';

/**
 * Code that already runs on `@spawnguard/runtime` is supervised: every rule stays quiet on it. This
 * module recognises calls into the runtime (`tasks.start`, `supervise.interval`, `report`, ...) however
 * the runtime was imported.
 */
export const RUNTIME_MODULE = '@spawnguard/runtime';

/** `tasks.start`, `supervise.worker`, `report`, ... for a call into the runtime; otherwise null. */
export function runtimeApiOf(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  scope: TSESLint.Scope.Scope,
): string | null {
  const origin = resolveCallee(node, scope);
  return origin && origin.module === RUNTIME_MODULE && origin.path.length > 0 ? origin.path.join('.') : null;
}

/**
 * The runtime call that owns the code at `node`: the nearest enclosing function, when that function is
 * passed straight to a runtime call (`tasks.start(async (signal) => { ...node... })`). Only the
 * nearest function counts: a callback nested inside a task is not supervised by the task.
 */
export function owningRuntimeCall(
  node: TSESTree.Node,
  sourceCode: Readonly<TSESLint.SourceCode>,
): { api: string; call: TSESTree.CallExpression; fn: TSESTree.FunctionLike } | null {
  const current = enclosingFunction(node);
  if (!current) return null;
  const call = current.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) {
    return null;
  }
  const api = runtimeApiOf(call, sourceCode.getScope(call));
  return api ? { api, call, fn: current } : null;
}

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { spawnIdFor } from '../../detect/component-names.js';
import { describeStorage, followHandle } from '../../detect/ownership.js';
import type { RewriteContext, Rewriter } from '../transform.js';
import { expressionAt, replaceKeepingComments, runtimeMember } from './shared.js';

/** `new Worker(...)` -> `supervise.worker(id, () => new Worker(...))`, likewise `spawn(...)` -> `supervise.process`. */
function superviseSpawn(kind: 'worker' | 'process'): Rewriter {
  return (context: RewriteContext) => {
    const target = expressionAt(context.candidates);
    const node = context.finding.node;
    if (!target || !context.sourceCode || (node?.type !== AST_NODE_TYPES.NewExpression && node?.type !== AST_NODE_TYPES.CallExpression)) {
      return false;
    }
    const storage = describeStorage(followHandle(node, context.sourceCode).home);
    const id = context.ids.claim(spawnIdFor(context.filePath, node, kind, storage));
    const { j } = context;
    const factory = j.arrowFunctionExpression([], target.node);
    replaceKeepingComments(target, j.callExpression(runtimeMember(context, 'supervise', kind), [j.stringLiteral(id), factory]));
    return true;
  };
}

export const noOrphanWorkerRewriters = {
  droppedWorker: superviseSpawn('worker'),
  droppedProcess: superviseSpawn('process'),
};

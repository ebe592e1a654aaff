import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { spawnIdFor } from '../../detect/component-names.js';
import { describeStorage, followHandle } from '../../detect/ownership.js';
import type { RewriteContext, Rewriter } from '../transform.js';
import { expressionAt, replaceKeepingComments, runtimeMember } from './shared.js';
import type { MessageIds } from '../../../rules/no-orphan-worker.js';

/** `new Worker(...)` -> `supervise.worker(id, () => new Worker(...))`, likewise `spawn(...)` -> `supervise.process`. */
function superviseSpawn(kind: 'worker' | 'process'): (context: RewriteContext) => boolean {
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

/** A stored worker used only as the runtime's handle allows (the rule offers the rewrite only then). */
const superviseStoredSpawn: Rewriter = (context) =>
  superviseSpawn(context.finding.node?.type === AST_NODE_TYPES.NewExpression ? 'worker' : 'process')(context);

export const noOrphanWorkerRewriters = {
  droppedWorker: superviseSpawn('worker'),
  droppedProcess: superviseSpawn('process'),
  missingHandlers: superviseStoredSpawn,
  neverTerminated: superviseStoredSpawn,
} satisfies Partial<Record<MessageIds, Rewriter>>;

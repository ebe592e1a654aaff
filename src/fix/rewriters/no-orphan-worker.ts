import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { spawnIdFor } from '../../detect/component-names.js';
import { describeStorage, followHandle } from '../../detect/ownership.js';
import { spawnApiOf } from '../../detect/workers.js';
import { spawnLifetime, superviseSpawnCall } from '../../rewrite/shapes.js';
import type { RewriteContext, Rewriter } from '../transform.js';
import { codeOf, expressionAt, parseExpression, replaceKeepingComments } from './shared.js';
import type { MessageIds } from '../../../rules/no-orphan-worker.js';

/**
 * `new Worker(...)` -> `supervise.worker(id, () => new Worker(...))`, likewise `spawn(...)` ->
 * `supervise.process(id, () => spawn(...))`, a one-shot process `temporary` (rewrite/shapes.ts).
 */
function superviseSpawn(kind: 'worker' | 'process'): (context: RewriteContext) => boolean {
  return (context: RewriteContext) => {
    const target = expressionAt(context.candidates);
    const node = context.finding.node;
    const sourceCode = context.sourceCode;
    if (!target || !sourceCode || (node?.type !== AST_NODE_TYPES.NewExpression && node?.type !== AST_NODE_TYPES.CallExpression)) {
      return false;
    }
    const storage = describeStorage(followHandle(node, sourceCode).home);
    const id = context.ids.claim(spawnIdFor(context.filePath, node, kind, storage));
    const api = spawnApiOf(node, sourceCode.getScope(node)) ?? '';
    const lifetime = spawnLifetime(api, node.arguments.map((argument) => sourceCode.getText(argument)).join(', '));
    const supervise = context.runtime.local('supervise');
    // Written as text, the spawn exactly as it stands (see no-unowned-state's rewriter).
    const call = superviseSpawnCall(supervise, kind, id, codeOf(context, target.node), lifetime, context);
    replaceKeepingComments(target, parseExpression(context, call));
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

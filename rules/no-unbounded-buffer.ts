/**
 * no-unbounded-buffer: writes that ignore backpressure, and push-only queues.
 *
 * Reports the call itself: the `s.write(x)` / `s.push(x)` CallExpression, or the `queue.push(x)`
 * CallExpression that grows a push-only queue. One messageId per rewrite shape:
 * - `ignoredWriteInAsyncLoop`: in a loop that can `await` (async function, or ES module top level)
 *   -> the statement becomes `if (!s.write(x)) await once(s, 'drain');` plus
 *   `import { once } from 'node:events'` when `once` is not in scope (codemod + suggestion)
 * - `ignoredWriteInLoop`: in a sync function or a `forEach` callback: cannot await here (needs a human)
 * - `ignoredPushInLoop`: `readable.push()` in a loop: stop pushing until `_read()` is called again (human)
 * - `ignoredWriteInHandler`: `dest.write(payload)` in a repeating event listener: pipe or pause (human)
 * - `unboundedQueue`: module/class array filled in a handler with no bound (human; `supervise.queue`)
 * Data: `receiver` (the stream's source text), `method`, `queue`, `owner`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { allowsTopLevelAwait, unboundedQueue, unboundedWrite, type UnboundedWrite } from '../src/detect/buffers.js';
import { matchApi, resolveValueOrigin } from '../src/detect/module-bindings.js';
import { describeOwner } from '../src/detect/ownership.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { sourceStyleOf } from '../src/detect/source-style.js';
import { awaitDrainStatement, needsBraces } from '../src/rewrite/shapes.js';
import { addImport } from '../src/detect/runtime-import.js';
import { typeInfo } from '../src/detect/type-info.js';

const meta = {
  messages: {
    ignoredWriteInAsyncLoop:
      "`{{receiver}}.write()` in a loop ignores `false` (buffer full): under a slow consumer the stream buffers everything and memory grows until the process dies. Wait for drain: `if (!{{receiver}}.write(...)) await once({{receiver}}, 'drain')`.",
    ignoredWriteInLoop:
      "`{{receiver}}.write()` in a loop ignores `false` (buffer full): under a slow consumer the stream buffers everything and memory grows until the process dies. Stop writing until `'drain'` (make the loop async and `await once({{receiver}}, 'drain')`, or use `stream.pipeline`).",
    ignoredPushInLoop:
      '`{{receiver}}.push()` in a loop ignores `false` (buffer full): the readable buffers everything and memory grows without bound. Stop pushing until `_read()` asks for more, or use `Readable.from(...)`.',
    ignoredWriteInHandler:
      "`{{receiver}}.write()` forwards each event's payload and ignores `false` (buffer full): when `{{receiver}}` is slower than the events arrive, every payload piles up in its buffer. Pipe the source instead (`stream.pipeline(source, {{receiver}})`), or pause the source until `'drain'`.",
    unboundedQueue:
      '`{{queue}}` grows on every event and nothing in {{owner}} ever removes from it or checks its length: memory grows until the process dies. Bound it (check `length`, drop or shift old entries) or use `supervise.queue(id, { max })`.',
    awaitDrain: "Wait for drain: `if (!{{receiver}}.write(...)) await once({{receiver}}, 'drain')`.",
  },
  schema: [],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;

const MESSAGE_FOR_SHAPE: Record<UnboundedWrite['shape'], MessageIds> = {
  'write-in-async-loop': 'ignoredWriteInAsyncLoop',
  'write-in-loop': 'ignoredWriteInLoop',
  'push-in-loop': 'ignoredPushInLoop',
  'write-per-event': 'ignoredWriteInHandler',
};

/**
 * The name under which `events.once` can be called at `scope`, and the import to add when it is not
 * there yet; null when `once` is taken by something else (the rewrite would call the wrong function).
 */
function onceBinding(scope: TSESLint.Scope.Scope): { name: string; imported: boolean } | null {
  const variable = ASTUtils.findVariable(scope, 'once');
  if (variable && variable.defs.length > 0) {
    const origin = resolveValueOrigin({ type: AST_NODE_TYPES.Identifier, name: 'once' } as TSESTree.Identifier, scope);
    return matchApi(origin, { events: ['once'] }) ? { name: 'once', imported: true } : null;
  }
  return { name: 'once', imported: false };
}

export default createRule<[], MessageIds>({
  name: 'no-unbounded-buffer',
  meta,
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    const types = typeInfo(context);
    const topLevelAwait = allowsTopLevelAwait(sourceCode, context.filename);
    return {
      CallExpression(call) {
        const write = unboundedWrite(call, sourceCode, types, topLevelAwait);
        if (write) {
          const receiver = sourceCode.getText(write.receiver);
          const messageId = MESSAGE_FOR_SHAPE[write.shape];
          const data = { receiver, method: write.shape === 'push-in-loop' ? 'push' : 'write' };
          const statement = write.statement;
          const binding = statement && write.shape === 'write-in-async-loop' ? onceBinding(sourceCode.getScope(call)) : null;
          const fix: TSESLint.ReportFixFunction | null = binding && statement
            ? (fixer) => {
                const fixes = [
                  fixer.replaceText(
                    statement,
                    awaitDrainStatement(sourceCode.getText(call), receiver, binding.name, sourceStyleOf(sourceCode.text), needsBraces(statement.parent?.type)),
                  ),
                ];
                const importFix = binding.imported ? null : addImport(fixer, sourceCode, context.filename, 'once', 'node:events');
                if (importFix) fixes.push(importFix);
                return fixes;
              }
            : null;
          context.report({ node: call, messageId, data, ...(fix ? { suggest: [{ messageId: 'awaitDrain', data, fix }] } : {}) });
          return;
        }
        const queue = unboundedQueue(call, sourceCode);
        if (queue) {
          context.report({ node: call, messageId: 'unboundedQueue', data: { queue: queue.name, owner: describeOwner(queue.storage) } });
        }
      },
    };
  },
});

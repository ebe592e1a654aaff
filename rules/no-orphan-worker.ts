/**
 * no-orphan-worker: a worker thread or child process nobody watches or stops.
 *
 * Reports the spawn expression itself: the `new Worker(...)` NewExpression or the
 * `spawn(...)` / `fork(...)` / `exec(...)` / `execFile(...)` / `cluster.fork()` CallExpression.
 * One messageId per rewrite shape (which of the three is missing):
 * - `droppedWorker`: `new Worker(...);` as a statement -> `supervise.worker(id, () => new Worker(...));`
 * - `droppedProcess`: `spawn(...);` as a statement -> `supervise.process(id, () => spawn(...));`
 * - `droppedClusterWorker`: `cluster.fork();` as a statement (no runtime child fits: needs a human)
 * - `missingHandlers`: stored or chained but without an `'error'` and/or exit handler
 * - `neverTerminated`: handled, but its owner (module, class) never terminates/kills it
 *   Both offer the `supervise.worker` rewrite for a worker thread used only through what the runtime's
 *   worker handle also offers (postMessage, on/once/off, terminate, ref/unref, threadId), since the
 *   handle then stands in for the Worker unchanged; otherwise (and for child processes, whose
 *   streams change on every restart) they need a human.
 * Data: `spawn` (callee text), `kind` ('worker thread' | 'child process' | 'cluster worker'),
 * `missing` (which handlers), `stop` (`terminate()` / `kill()`), `owner`, `storage`, `id`.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { spawnIdFor } from '../src/detect/component-names.js';
import { describeOwner, describeStorage } from '../src/detect/ownership.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { orphanSpawn, type OrphanSpawn } from '../src/detect/workers.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';
import { declaredSpawnType } from '../src/rewrite/refusals.js';
import { spawnLifetime, superviseSpawnCall } from '../src/rewrite/shapes.js';
import { sourceStyleOf } from '../src/detect/source-style.js';

const meta = {
  messages: {
    droppedWorker:
      "`{{spawn}}(...)` starts a worker thread nobody holds: if it crashes the work is lost unnoticed and it is never restarted or terminated. Run it under a supervisor: `supervise.worker('{{id}}', () => new Worker(...))`.",
    droppedProcess:
      "`{{spawn}}(...)` starts a child process nobody holds: if it dies nobody notices, and it outlives its parent as an orphan. Run it under a supervisor: `supervise.process('{{id}}', () => {{spawn}}(...))`.",
    droppedClusterWorker:
      '`{{spawn}}()` starts a cluster worker nobody holds: its death goes unnoticed and nothing restarts it. Keep the worker, handle `error` and `exit`, and disconnect it on shutdown.',
    missingHandlers:
      'The {{kind}} started by `{{spawn}}(...)` lacks {{missing}}: an unhandled `error` event throws in this process and an exit goes unnoticed, so the work is lost silently. Listen for both, or run it under `supervise.{{runtimeChild}}(...)`, which restarts it.',
    neverTerminated:
      'The {{kind}} started by `{{spawn}}(...)` is never stopped by {{owner}}: it outlives its owner on shutdown and restart. Call `{{stop}}` on it in a stop/close/dispose, or run it under `supervise.{{runtimeChild}}(...)`.',
    useSuperviseWorker: "Run it under a supervisor: `supervise.worker('{{id}}', () => ...)`.",
    useSuperviseProcess: "Run it under a supervisor: `supervise.process('{{id}}', () => ...)`.",
  },
  schema: [
    {
      type: 'object',
      properties: {
        allowJoined: {
          type: 'boolean',
          description:
            "Accept spawns awaited to their exit inside a function (local or chained handle with 'error' and 'exit' handlers, exec callbacks) without a kill.",
        },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
export type Options = [{ allowJoined?: boolean }];

/** `strict` also asks for the kill of spawns that are awaited to their exit. */
export const strictOptions: Options = [{ allowJoined: false }];

const KIND_TEXT: Record<OrphanSpawn['kind'], string> = {
  worker: 'worker thread',
  process: 'child process',
  'cluster-worker': 'cluster worker',
};

/**
 * What the runtime's worker handle offers in place of the Worker (runtime/src/children/worker.ts):
 * a stored worker used only through these can become `supervise.worker(...)` unchanged.
 */
const WORKER_HANDLE_METHODS = new Set(['postMessage', 'on', 'once', 'off', 'addListener', 'removeListener', 'terminate', 'ref', 'unref']);

function usedOnlyAsWorkerHandle(ownership: OrphanSpawn['ownership']): boolean {
  const { home, uses } = ownership;
  if (home.kind !== 'variable' && home.kind !== 'field' && home.kind !== 'discarded') return false;
  if (home.kind === 'variable' && home.exported) return false;
  return uses.every(
    (use) => (use.kind === 'method' && WORKER_HANDLE_METHODS.has(use.name)) || (use.kind === 'property' && use.name === 'threadId'),
  );
}

function missingText(finding: OrphanSpawn): string {
  if (!finding.handlesError && !finding.handlesExit) return "an `'error'` and an `'exit'` handler";
  return finding.handlesError ? "an `'exit'` handler" : "an `'error'` handler";
}

export default createRule<Options, MessageIds>({
  name: 'no-orphan-worker',
  meta,
  defaultOptions: [{ allowJoined: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
      const finding = orphanSpawn(node, sourceCode, { allowJoined: options.allowJoined ?? true });
      if (!finding) return;
      const id = spawnIdFor(context.filename, node, finding.kind, describeStorage(finding.ownership.home));
      const storage = describeStorage(finding.ownership.home);
      const data = {
        spawn: node.type === AST_NODE_TYPES.NewExpression ? `new ${sourceCode.getText(node.callee)}` : sourceCode.getText(skipTransparentWrappers(node.callee)),
        kind: KIND_TEXT[finding.kind],
        missing: missingText(finding),
        stop: finding.kind === 'worker' ? 'terminate()' : finding.kind === 'process' ? 'kill()' : 'disconnect()',
        owner: describeOwner(finding.ownership.home),
        storage: storage ?? '',
        runtimeChild: finding.kind === 'worker' ? 'worker' : 'process',
        id,
      };
      const child = finding.kind === 'worker' ? 'worker' : 'process';
      const scope = sourceCode.getScope(node);
      const rewritable =
        finding.kind !== 'cluster-worker' &&
        !isShadowedRuntimeName('supervise', scope) &&
        (finding.problem === 'dropped' || (finding.kind === 'worker' && usedOnlyAsWorkerHandle(finding.ownership))) &&
        declaredSpawnType(node, sourceCode) === null;
      const fix: TSESLint.ReportFixFunction | null = rewritable
        ? (fixer) => {
            const lifetime = spawnLifetime(finding.api, node.arguments.map((argument) => sourceCode.getText(argument)).join(', '));
            const fixes = [fixer.replaceText(node, superviseSpawnCall('supervise', child, id, sourceCode.getText(node), lifetime, sourceStyleOf(sourceCode.text)))];
            const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'supervise', scope);
            if (importFix) fixes.push(importFix);
            return fixes;
          }
        : null;
      const suggest = fix ? { suggest: [{ messageId: child === 'worker' ? ('useSuperviseWorker' as const) : ('useSuperviseProcess' as const), data: { id }, fix }] } : {};
      if (finding.problem !== 'dropped') {
        context.report({ node, messageId: finding.problem === 'missing-handlers' ? 'missingHandlers' : 'neverTerminated', data, ...suggest });
        return;
      }
      if (finding.kind === 'cluster-worker') {
        context.report({ node, messageId: 'droppedClusterWorker', data });
        return;
      }
      context.report({ node, messageId: finding.kind === 'worker' ? 'droppedWorker' : 'droppedProcess', data, ...suggest });
    };
    return { CallExpression: check, NewExpression: check };
  },
});

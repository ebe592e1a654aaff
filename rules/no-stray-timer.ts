/**
 * no-stray-timer: a repeating timer its owner can never stop.
 *
 * Reports the `setInterval(...)` / `setTimeout(...)` CallExpression itself (what the codemod
 * rewrites). One messageId per rewrite shape:
 * - `discardedInterval`: `setInterval(fn, ms);` -> `supervise.interval(id, fn, ms);`
 * - `discardedUnrefInterval`: `setInterval(fn, ms).unref();` -> `supervise.interval(id, fn, ms, { unref: true });`
 *   (the rewrite covers the whole `.unref()` chain, which ends with the statement)
 * - `unclearedInterval`: `h = setInterval(fn, ms)` stored (variable, `this.field`, class field,
 *   collection) and never cleared by its owner -> `h = supervise.interval(id, fn, ms)`; the stored
 *   handle stays usable: it is the runtime's handle, stopped with `h.stop()`. A flagged handle has no
 *   `clearInterval(h)` in its owner by definition, so there is no caller to rewrite there.
 * - `reschedulingTimeout`: a `setTimeout` that schedules its own function again; turning the loop
 *   into an interval changes its structure, so this needs a human (no fix).
 * Data: `call` (callee text), `storage` (`timer`, `this.poller`; '' when discarded), `owner`, `id`
 * (suggested child id: `<file base>.<name>`), `name` (the rescheduled function).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { intervalIdFor } from '../src/detect/component-names.js';
import { describeOwner, describeStorage } from '../src/detect/ownership.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { isDemoFile, isDevelopmentTooling } from '../src/detect/entry-files.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { runsForTheProcessLifetime, strayTimer, type StrayTimer } from '../src/detect/timers.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';

const meta = {
  messages: {
    discardedInterval:
      "`{{call}}(...)` starts an interval nobody can stop: it keeps the process alive after shutdown, runs twice after a reload and its errors go nowhere. Run it under a supervisor: `supervise.interval('{{id}}', fn, ms)`.",
    discardedUnrefInterval:
      "`{{call}}(...).unref()` starts an interval nobody can stop: it runs after its owner is gone and its errors go nowhere. Run it under a supervisor: `supervise.interval('{{id}}', fn, ms, { unref: true })`.",
    unclearedInterval:
      "The interval in `{{storage}}` is never cleared by {{owner}}: it outlives its owner, keeps the process alive and runs twice after a restart. Clear it in {{owner}}'s stop/close/dispose, or run it under a supervisor: `{{storage}} = supervise.interval('{{id}}', fn, ms)`.",
    reschedulingTimeout:
      '`{{name}}` reschedules itself with `{{call}}` and {{owner}} can never stop the loop: it keeps running after shutdown and overlaps itself after a reload. Keep the handle and clear it on stop, or make it `supervise.interval(id, fn, ms)`.',
    useSuperviseInterval: "Run it under a supervisor: `supervise.interval('{{id}}', ...)`.",
  },
  schema: [],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;

function superviseIntervalFix(
  context: Readonly<TSESLint.RuleContext<MessageIds, []>>,
  call: TSESTree.CallExpression,
  finding: StrayTimer,
  id: string,
): TSESLint.ReportFixFunction | null {
  const sourceCode = context.sourceCode;
  const scope = sourceCode.getScope(call);
  const [fn, ms, ...extra] = call.arguments;
  // No ms, or extra arguments for the callback: the rewrite would change what runs; leave it to a human.
  if (!fn || !ms || extra.length > 0 || fn.type === AST_NODE_TYPES.SpreadElement || ms.type === AST_NODE_TYPES.SpreadElement) return null;
  if (isShadowedRuntimeName('supervise', scope)) return null;
  const unref = finding.shape === 'discarded-unref-interval';
  const replaced = unref ? unrefChainEnd(call) : call;
  const text = `supervise.interval(${JSON.stringify(id).replace(/"/g, "'")}, ${sourceCode.getText(fn)}, ${sourceCode.getText(ms)}${unref ? ', { unref: true }' : ''})`;
  return (fixer) => {
    const fixes = [fixer.replaceText(replaced, text)];
    const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'supervise', scope);
    if (importFix) fixes.push(importFix);
    return fixes;
  };
}

/** `setInterval(...).unref()`: the outer `.unref()` call. */
function unrefChainEnd(call: TSESTree.CallExpression): TSESTree.Node {
  let current: TSESTree.Node = call;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.ExpressionStatement) current = current.parent;
  return current;
}

const MESSAGE_FOR_SHAPE: Record<StrayTimer['shape'], MessageIds> = {
  'discarded-interval': 'discardedInterval',
  'discarded-unref-interval': 'discardedUnrefInterval',
  'uncleared-interval': 'unclearedInterval',
  'rescheduling-timeout': 'reschedulingTimeout',
};

export default createRule<[], MessageIds>({
  name: 'no-stray-timer',
  meta,
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    // Demonstration code (examples/, playground/, bench/) and development scripts run until the
    // person who started them stops them: their interval lives as long as that run, its owner.
    if (isDemoFile(context.filename) || isDevelopmentTooling(context.filename)) return {};
    return {
      CallExpression(call) {
        const finding = strayTimer(call, sourceCode);
        if (!finding) return;
        if (finding.shape !== 'rescheduling-timeout' && runsForTheProcessLifetime(call, context.filename, sourceCode)) return;
        const storage = describeStorage(finding.ownership.home);
        const id = intervalIdFor(context.filename, call, storage);
        const data = {
          call: sourceCode.getText(skipTransparentWrappers(call.callee)),
          storage: storage ?? '',
          owner: finding.ownership.home.kind === 'discarded' ? 'anyone' : describeOwner(finding.ownership.home),
          id,
          name: finding.rescheduled ?? '',
        };
        const messageId = MESSAGE_FOR_SHAPE[finding.shape];
        const fix = finding.shape === 'rescheduling-timeout' ? null : superviseIntervalFix(context, call, finding, id);
        context.report({
          node: call,
          messageId,
          data,
          ...(fix ? { suggest: [{ messageId: 'useSuperviseInterval' as const, data: { id }, fix }] } : {}),
        });
      },
    };
  },
});

/**
 * no-swallowed-error: a rejection or exception caught and dropped without a log, a metric or a comment.
 *
 * Reported nodes (what `spawnguard fix` rewrites):
 * - `swallowingHandler`: the handler ARGUMENT of `.catch(h)` or the second argument of `.then(ok, h)`.
 *   The codemod replaces exactly that argument with `report('<component>')`, component from
 *   `reportComponentFor(node, filename)` in src/detect/component-names.ts, and adds the runtime import.
 * - `emptyCatchBlock`: the empty CatchClause (`catch (e) {}` / `catch {}`). Suggestion only.
 * - `swallowingProcessHandler`: the handler argument of `process.on('unhandledRejection' |
 *   'uncaughtException', h)`. Needs a human (what the process should do is a decision), no fix.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  catchesAsyncErrors,
  emptyCatchIsDeliberate,
  failureHandledNextToCatch,
  isDeliberateSwallow,
  isFeatureDetectedCall,
  isTemporaryProcessListener,
  rejectionConsumedLater,
  runsInTestCallback,
  swallowExplainedByComment,
  handlesError,
  isSilentEmptyBlock,
  isSwallowingHandler,
  processErrorListener,
  resolveLocalFunction,
} from '../src/detect/error-handling.js';
import { runsInBrowser, runsInBrowserAt } from '../src/detect/browser-code.js';
import { reportComponentFor } from '../src/detect/component-names.js';
import { parsePromiseChainCall } from '../src/detect/promises.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { snippet } from '../src/ast/snippet.js';

const meta = {
  messages: {
    swallowingHandler:
      '`.{{method}}({{handler}})` swallows the rejection: the failure leaves no log and no metric and its work is silently lost. Report it: `{{replacement}}`.',
    emptyCatchBlock:
      'This empty `catch` swallows the error: the failure leaves no log and no metric. Report it (`report(\'{{component}}\')(error)`), rethrow it, or say in a comment why it is safe to ignore.',
    swallowingProcessHandler:
      "This `process.on('{{event}}')` handler neither logs, rethrows nor exits: every such failure vanishes and the process runs on in an unknown state. Log the error and exit (`process.exit(1)`), or pass it to `report('process')`.",
    reportRejection: "Report the rejection: `{{replacement}}`.",
    reportInCatchBlock: "Report the error: `report('{{component}}')({{name}})`.",
  },
  schema: [
    {
      type: 'object',
      properties: {
        checkSyncCatch: {
          type: 'boolean',
          description: 'Also flag empty catch blocks around synchronous code (default false: only async code).',
        },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
export type Options = [{ checkSyncCatch?: boolean }];

/** `strict` also flags empty `catch {}` blocks around synchronous code. */
export const strictOptions: Options = [{ checkSyncCatch: true }];


/**
 * The rejection handler of `.catch(h)` (exactly one argument: `query.catch(fn, 10)` is some other
 * API) or `.then(ok, h)`.
 */
function rejectionHandlerOf(call: TSESTree.CallExpression): { method: 'catch' | 'then'; handler: TSESTree.CallExpressionArgument } | null {
  const chain = parsePromiseChainCall(call);
  if (!chain?.onRejected || chain.kind === 'finally') return null;
  if (chain.kind === 'catch' && call.arguments.length !== 1) return null;
  return { method: chain.kind, handler: chain.onRejected };
}

export default createRule<Options, MessageIds>({
  name: 'no-swallowed-error',
  meta,
  defaultOptions: [{ checkSyncCatch: false }],
  create(context, [{ checkSyncCatch = false }]) {
    const sourceCode = context.sourceCode;
    const filename = context.filename;

    function reportCallFix(replacementFor: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix, scope: TSESLint.Scope.Scope) {
      return (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] => {
        const importFix = addRuntimeImport(fixer, sourceCode, filename, 'report', scope);
        return importFix ? [replacementFor(fixer), importFix] : [replacementFor(fixer)];
      };
    }

    // A page that drops an error shows its user nothing happened, and they try again: the rules judge a Node process's failures.
    if (runsInBrowser(filename, sourceCode)) return {};

    return {
      CallExpression(call) {
        const scope = sourceCode.getScope(call);
        const rejection = rejectionHandlerOf(call);
        const receiver = rejection ? parsePromiseChainCall(call)!.receiver : null;
        if (
          rejection &&
          receiver &&
          isSwallowingHandler(rejection.handler, scope, sourceCode) &&
          !swallowExplainedByComment(rejection.handler, sourceCode) &&
          !rejectionConsumedLater(receiver, scope) &&
          !isDeliberateSwallow(call, receiver, rejection.handler) &&
          !isFeatureDetectedCall(receiver, sourceCode) &&
          !runsInTestCallback(call) &&
          !runsInBrowserAt(call, filename, sourceCode)
        ) {
          const component = reportComponentFor(call, filename);
          const replacement =
            rejection.method === 'catch' ? `.catch(report('${component}'))` : `.then(..., report('${component}'))`;
          const canFix = !isShadowedRuntimeName('report', scope);
          context.report({
            node: rejection.handler,
            messageId: 'swallowingHandler',
            data: { method: rejection.method, handler: snippet(sourceCode.getText(rejection.handler)), replacement },
            suggest: canFix
              ? [
                  {
                    messageId: 'reportRejection',
                    data: { replacement },
                    fix: reportCallFix((fixer) => fixer.replaceText(rejection.handler, `report('${component}')`), scope),
                  },
                ]
              : [],
          });
          return;
        }
        const listener = processErrorListener(call, scope);
        if (!listener || isTemporaryProcessListener(call, listener.handler) || runsInBrowserAt(call, filename, sourceCode)) return;
        const handler = resolveLocalFunction(listener.handler, scope);
        const swallows = handler ? !handlesError(handler, sourceCode) : isSwallowingHandler(listener.handler, scope, sourceCode);
        if (swallows) {
          context.report({ node: listener.handler, messageId: 'swallowingProcessHandler', data: { event: listener.event } });
        }
      },
      CatchClause(clause) {
        if (!isSilentEmptyBlock(clause.body, sourceCode) || failureHandledNextToCatch(clause)) return;
        if (!checkSyncCatch && !catchesAsyncErrors(clause)) return;
        const scope = sourceCode.getScope(clause);
        if (swallowExplainedByComment(clause, sourceCode) || emptyCatchIsDeliberate(clause, scope) || runsInTestCallback(clause) || runsInBrowserAt(clause, filename, sourceCode)) return;
        const component = reportComponentFor(clause, filename);
        const param = clause.param;
        const name = param === null ? 'error' : param.type === AST_NODE_TYPES.Identifier ? param.name : null;
        const canFix = name !== null && !isShadowedRuntimeName('report', scope);
        context.report({
          node: clause,
          messageId: 'emptyCatchBlock',
          data: { component },
          suggest:
            canFix && name !== null
              ? [
                  {
                    messageId: 'reportInCatchBlock',
                    data: { component, name },
                    fix: reportCallFix(
                      (fixer) =>
                        fixer.replaceText(
                          clause,
                          `catch (${param ? sourceCode.getText(param) : name}) { report('${component}')(${name}); }`,
                        ),
                      scope,
                    ),
                  },
                ]
              : [],
        });
      },
    };
  },
});

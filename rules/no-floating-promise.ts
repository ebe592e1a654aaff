/**
 * no-floating-promise: a promise-valued expression statement nobody awaits, returns, stores or passes
 * on. Reported node: the expression of the ExpressionStatement without `void` (for `void p()` the
 * report is on `p()` and the rewrite replaces the whole `void p()`); inside a sequence, conditional
 * or logical statement, the floating operand itself.
 *
 * Rewrite shapes (one messageId each; the suggestion carries the exact text `spawnguard fix` writes):
 * - floatingPromise, voidedPromise, handledButUnowned: `X` (or `void X`) -> `tasks.start(() => X)`
 * - floatingAsyncIife: `(async () => {...})()` (or `void (...)()`) -> `tasks.start(async () => {...})`
 * No suggestion when the expression contains `await`/`yield` (moving it into a callback would change
 * what it awaits), when an IIFE takes parameters, or when `tasks` is bound to something else.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isBrowserFile, isDemoFile, isEntryFile } from '../src/detect/entry-files.js';
import { promiseAnalysis, rejectionHandlingCall } from '../src/detect/promises.js';
import { createRule } from '../src/detect/rule.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { isDirective, isFunctionNode } from '../src/ast/functions.js';
import { someNode } from '../src/ast/walk.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';
import { oneLine, snippet, SNIPPET_MAX_LENGTH } from '../src/ast/snippet.js';
import { insideTryBlock } from '../src/rewrite/refusals.js';

export type Options = [{ reportHandledChains?: boolean; reportVoid?: boolean }];
export type MessageIds = 'floatingPromise' | 'voidedPromise' | 'floatingAsyncIife' | 'handledButUnowned' | 'runUnderTasksStart';

/** `strict` also flags chains that handle their rejection but still run outside any supervisor. */
export const strictOptions: Options = [{ reportHandledChains: true }];

/** `await`/`yield` in `node` outside nested functions: the expression cannot move into a callback. */
function suspendsEnclosingFunction(node: TSESTree.Node): boolean {
  return someNode(
    node,
    (inner) => inner.type === AST_NODE_TYPES.AwaitExpression || inner.type === AST_NODE_TYPES.YieldExpression,
    isFunctionNode,
  );
}

/** A handler that does nothing (`() => {}`) is no-swallowed-error's finding, not an owned handler. */
function isEmptyFunction(node: TSESTree.Node | null): boolean {
  return (
    node !== null &&
    (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression) &&
    node.body.type === AST_NODE_TYPES.BlockStatement &&
    node.body.body.length === 0
  );
}

export default createRule<Options, MessageIds>({
  name: 'no-floating-promise',
  meta: {
    type: 'problem',
    hasSuggestions: true,
    messages: {
      floatingPromise:
        '`{{expression}}` starts a promise nobody owns: if it rejects, Node exits the process. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
      voidedPromise:
        '`void {{expression}}` ignores the promise but nobody owns it: if it rejects, Node still exits the process. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
      floatingAsyncIife:
        'This async IIFE runs a promise nobody owns: if it rejects, Node exits the process. Run it as a supervised task: `tasks.start(async () => { ... })`.',
      handledButUnowned:
        '`{{expression}}` handles its rejection but runs outside any supervisor: shutdown can neither wait for it nor cancel it. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
      runUnderTasksStart: 'Run it under a supervisor: `{{replacement}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportHandledChains: {
            type: 'boolean',
            description: 'Also report `p.catch(handler)` / `p.then(f, handler)` statements: handled, but still unowned.',
          },
          reportVoid: { type: 'boolean', description: 'Report `void p()` (intentional fire-and-forget). Default true.' },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ reportHandledChains: false, reportVoid: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = promiseAnalysis(context);

    function shortName(node: TSESTree.Node): string {
      const text = oneLine(sourceCode.getText(node));
      if (text.length <= SNIPPET_MAX_LENGTH) return text;
      const inner = skipTransparentWrappers(node);
      if (inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression) {
        return `${shortName(inner.callee)}(...)`;
      }
      return snippet(text);
    }

    function suggestion(
      reported: TSESTree.Node,
      voided: TSESTree.UnaryExpression | null,
      replacement: string,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const scope = sourceCode.getScope(reported);
      if (suspendsEnclosingFunction(reported) || isShadowedRuntimeName('tasks', scope) || insideTryBlock(reported)) return [];
      return [
        {
          messageId: 'runUnderTasksStart',
          data: { replacement },
          fix: (fixer) => {
            const fixes = [fixer.replaceText(voided ?? reported, replacement)];
            const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'tasks', scope);
            if (importFix) fixes.push(importFix);
            return fixes;
          },
        },
      ];
    }

    function checkOperand(expression: TSESTree.Expression, voided: TSESTree.UnaryExpression | null): void {
      if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
        if (options.reportVoid !== false) checkOperand(expression.argument, expression);
        return;
      }
      if (expression.type === AST_NODE_TYPES.SequenceExpression) {
        for (const item of expression.expressions) checkOperand(item, null);
        return;
      }
      if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
        checkOperand(expression.consequent, null);
        checkOperand(expression.alternate, null);
        return;
      }
      if (expression.type === AST_NODE_TYPES.LogicalExpression) {
        checkOperand(expression.left, null);
        checkOperand(expression.right, null);
        return;
      }
      const source = analysis.unhandledPromise(expression);
      if (source?.kind === 'async-iife') {
        const call = skipTransparentWrappers(expression) as TSESTree.CallExpression;
        const fn = skipTransparentWrappers(call.callee) as TSESTree.FunctionLike;
        const replacement = `tasks.start(${sourceCode.getText(fn)})`;
        context.report({
          node: expression,
          messageId: 'floatingAsyncIife',
          suggest: fn.params.length === 0 && call.arguments.length === 0 ? suggestion(expression, voided, replacement) : [],
        });
        return;
      }
      // The message's text only for a statement that is reported (most are not).
      const replacement = (): string => `tasks.start(() => ${sourceCode.getText(expression)})`;
      if (source) {
        context.report({
          node: expression,
          messageId: voided ? 'voidedPromise' : 'floatingPromise',
          data: { expression: shortName(expression) },
          suggest: suggestion(expression, voided, replacement()),
        });
        return;
      }
      if (!options.reportHandledChains) return;
      const handling = rejectionHandlingCall(expression);
      if (handling && !isEmptyFunction(handling.onRejected)) {
        context.report({
          node: expression,
          messageId: 'handledButUnowned',
          data: { expression: shortName(expression) },
          suggest: suggestion(expression, voided, replacement()),
        });
      }
    }

    // In browser code a rejection is a console error, not a process crash; in demonstration code
    // (examples/, playground/, bench/) a failed start-up or shutdown ends the demo, as its reader wants.
    if (isBrowserFile(context.filename) || isDemoFile(context.filename)) return {};

    return {
      ExpressionStatement(statement) {
        if (isDirective(statement)) return;
        // `main();` at the top of an entry file is the program: a rejection prints and exits 1, as meant.
        if (statement.parent.type === AST_NODE_TYPES.Program && isEntryFile(context.filename)) return;
        checkOperand(statement.expression, null);
      },
    };
  },
});

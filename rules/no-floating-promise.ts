/**
 * no-floating-promise: a promise-valued expression statement nobody awaits, returns, stores or passes
 * on. Reported node: the expression of the ExpressionStatement without `void` (for `void p()` the
 * report is on `p()` and the rewrite replaces the whole `void p()`); inside a sequence, conditional
 * or logical statement, the floating operand itself.
 *
 * Rewrite shapes (one messageId each; the suggestion carries the exact text `spawnguard fix` writes):
 * - floatingPromise, voidedPromise, handledButUnowned: `X` (or `void X`) -> `tasks.start(() => X, { name })`,
 *   `async () => X` in TypeScript (src/rewrite/shapes.ts `startsTaskAsync` says why)
 * - floatingAsyncIife: `(async () => {...})()` (or `void (...)()`) -> `tasks.start(async () => {...}, { name })`
 * - floatingPromiseArray (`[a(), b()]`, `ids.map(async ...)`): no rewrite, the author picks `Promise.all` or tasks
 * No suggestion when the expression contains `await`/`yield` (moving it into a callback would change
 * what it awaits), when an IIFE takes parameters, or when `tasks` is bound to something else.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isDemoFile, isDevelopmentTooling, isProgramStartUp } from '../src/detect/entry-files.js';
import { runsInShutdownHandler, statementHasReasonComment } from '../src/detect/error-handling.js';
import { runsInBrowser, runsInBrowserAt } from '../src/detect/browser-code.js';
import { isOneShotScript } from '../src/detect/code-roles.js';
import { programKeepAlive, programKeepsRunningAfterRejection, unhandledRejectionOutcome } from '../src/detect/keep-alive.js';
import { scopesOfSourceCode } from '../src/ast/scopes.js';
import { promiseAnalysis, rejectionHandlingCall } from '../src/detect/promises.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { enclosingFunction, isDirective, isFunctionNode } from '../src/ast/functions.js';
import { keyName } from '../src/ast/names.js';
import { someNode } from '../src/ast/walk.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';
import { oneLine, snippet, SNIPPET_MAX_LENGTH } from '../src/ast/snippet.js';
import { constructorReadiness, insideTryBlock } from '../src/rewrite/refusals.js';
import { narrowedValues, needsBraces, readingNarrowedValuesFirst, startedTaskArrow, tasksStartCall, withNarrowedValues, type NarrowedValue } from '../src/rewrite/shapes.js';
import { startTaskName } from '../src/detect/component-names.js';
import { sourceStyleOf } from '../src/detect/source-style.js';

const meta = {
  messages: {
    floatingPromise:
      '`{{expression}}` starts a promise nobody owns: if it rejects, {{outcome}}. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
    voidedPromise:
      '`void {{expression}}` ignores the promise but nobody owns it: if it rejects, {{outcome}} all the same. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
    floatingAsyncIife:
      'This async IIFE runs a promise nobody owns: if it rejects, {{outcome}}. Run it as a supervised task: `tasks.start(async () => { ... })`.',
    handledButUnowned:
      '`{{expression}}` handles its rejection but runs outside any supervisor: shutdown can neither wait for it nor cancel it. Run it under a supervisor: `tasks.start(() => {{expression}})`.',
    floatingPromiseArray:
      '`{{expression}}` makes promises nobody owns and drops them all: if one rejects, {{outcome}}. Await them together (`await Promise.all(...)`) or run each under a supervisor.',
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
        reportVoid: { type: 'boolean', description: 'Report `void p()` (fire-and-forget); one whose statement has a comment saying why only with reportHandledChains. Default true.' },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
type Finding = TSESLint.ReportDescriptor<MessageIds>;
export type Options = [{ reportHandledChains?: boolean; reportVoid?: boolean }];

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
  meta,
  defaultOptions: [{ reportHandledChains: false, reportVoid: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = promiseAnalysis(context);
    let style: ReturnType<typeof sourceStyleOf> | undefined;
    /** `tasks.start(fn, { name })` for the task that runs `reported`, named as the codemod names it. */
    const startCall = (reported: TSESTree.Node, fn: string): string => tasksStartCall('tasks', fn, startTaskName(reported, context.filename), (style ??= sourceStyleOf(sourceCode.text)));

    let rejectionOutcome: string | undefined;
    /** What an unhandled rejection does in the program this file is part of (keep-alive.ts): asked once, when a finding needs it. */
    const outcome = (): string =>
      (rejectionOutcome ??= unhandledRejectionOutcome(programKeepAlive(context.filename, sourceCode.ast, scopesOfSourceCode(sourceCode), isDemoFile(context.filename) || isDevelopmentTooling(context.filename))));

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
      narrowed: readonly NarrowedValue[] = [],
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const scope = sourceCode.getScope(reported);
      if (suspendsEnclosingFunction(reported) || isShadowedRuntimeName('tasks', scope) || insideTryBlock(reported) || constructorReadiness(reported)) return [];
      const outer = voided ?? reported;
      const statement = outer.parent;
      // Narrowed values are read before the arrow, which takes a statement of their own.
      if (narrowed.length > 0 && (statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression !== outer)) return [];
      return [
        {
          messageId: 'runUnderTasksStart',
          data: { replacement },
          fix: (fixer) => {
            const fixes = [
              narrowed.length > 0 && statement
                ? fixer.replaceText(statement, readingNarrowedValuesFirstIn(statement, outer, startCall(reported, startedTaskArrow(withNarrowedValues(sourceCode.getText(reported), reported.range[0], narrowed), context.filename)), narrowed))
                : fixer.replaceText(outer, replacement),
            ];
            const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'tasks', scope);
            if (importFix) fixes.push(importFix);
            return fixes;
          },
        },
      ];
    }

    /** `statement` with `outer` replaced by `call`, after the consts that read `narrowed` (rewrite/shapes.ts). */
    function readingNarrowedValuesFirstIn(statement: TSESTree.Node, outer: TSESTree.Node, call: string, narrowed: readonly NarrowedValue[]): string {
      const text = sourceCode.text;
      const rewritten = text.slice(statement.range[0], outer.range[0]) + call + text.slice(outer.range[1], statement.range[1]);
      const indent = /^[ \t]*/.exec(sourceCode.lines[statement.loc.start.line - 1] ?? '')?.[0] ?? '';
      return readingNarrowedValuesFirst(narrowed, rewritten, indent, sourceStyleOf(text), needsBraces(statement.parent?.type));
    }

    /** What `expression`, a statement's operand, drops, added to `found` (reported once the statement is known to count). */
    function checkOperand(expression: TSESTree.Expression, voided: TSESTree.UnaryExpression | null, found: Finding[]): void {
      if (expression.type === AST_NODE_TYPES.UnaryExpression && expression.operator === 'void') {
        // A `void` whose statement says why (a reason comment just above it, or after it on its line) is
        // fire-and-forget on purpose, as a swallow with one is. `strict` still reports it: as a handled
        // chain, it runs outside any supervisor.
        const explained = !options.reportHandledChains && statementHasReasonComment(expression, sourceCode);
        if (options.reportVoid !== false && !explained) checkOperand(expression.argument, expression, found);
        return;
      }
      if (expression.type === AST_NODE_TYPES.SequenceExpression) {
        for (const item of expression.expressions) checkOperand(item, null, found);
        return;
      }
      if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
        checkOperand(expression.consequent, null, found);
        checkOperand(expression.alternate, null, found);
        return;
      }
      if (expression.type === AST_NODE_TYPES.LogicalExpression) {
        checkOperand(expression.left, null, found);
        checkOperand(expression.right, null, found);
        return;
      }
      const source = analysis.unhandledPromise(expression);
      if (source?.kind === 'async-iife') {
        const call = skipTransparentWrappers(expression) as TSESTree.CallExpression;
        const fn = skipTransparentWrappers(call.callee) as TSESTree.FunctionLike;
        const replacement = startCall(expression, sourceCode.getText(fn));
        found.push({
          node: expression,
          messageId: 'floatingAsyncIife',
          data: { outcome: outcome() },
          suggest: fn.params.length === 0 && call.arguments.length === 0 ? suggestion(expression, voided, replacement) : [],
        });
        return;
      }
      // The message's text only for a statement that is reported (most are not).
      const replacement = (): string => startCall(expression, startedTaskArrow(sourceCode.getText(expression), context.filename));
      if (source && !queuedOnBatch(expression)) {
        found.push({
          node: expression,
          messageId: voided ? 'voidedPromise' : 'floatingPromise',
          data: { expression: shortName(expression), outcome: outcome() },
          suggest: suggestion(expression, voided, replacement(), narrowedValues(expression, sourceCode)),
        });
        return;
      }
      // `[a(), b()]` or `ids.map(async (id) => ...)` as a statement: every promise in it is dropped.
      // No rewrite: which of `Promise.all`, `allSettled` or one task per item is meant is the author's call.
      if (analysis.promiseArraySource(expression)) {
        found.push({ node: expression, messageId: 'floatingPromiseArray', data: { expression: shortName(expression), outcome: outcome() } });
        return;
      }
      if (!options.reportHandledChains) return;
      const handling = rejectionHandlingCall(expression);
      if (handling && !isEmptyFunction(handling.onRejected)) {
        found.push({
          node: expression,
          messageId: 'handledButUnowned',
          data: { expression: shortName(expression) },
          suggest: suggestion(expression, voided, replacement(), narrowedValues(expression, sourceCode)),
        });
      }
    }

    /**
     * `this.addJob(pipeline, job)` in a function that later runs `await pipeline.exec()`: the call
     * queues a command on a batch (a Redis pipeline or `multi`), and the batch's `exec()` settles and
     * reports it, checked where it is awaited.
     */
    function queuedOnBatch(expression: TSESTree.Expression): boolean {
      const call = skipTransparentWrappers(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const batches = new Set(call.arguments.flatMap((argument) => (argument.type === AST_NODE_TYPES.Identifier ? [argument.name] : [])));
      const fn = enclosingFunction(call);
      if (batches.size === 0 || !fn) return false;
      return someNode(fn.body, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < call.range[1]) return false;
        const callee = skipTransparentWrappers(node.callee);
        return (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          keyName(callee) === 'exec' &&
          callee.object.type === AST_NODE_TYPES.Identifier &&
          batches.has(callee.object.name) &&
          (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.ReturnStatement)
        );
      });
    }

    // In browser code a rejection is a console error, not a process crash; in demonstration code
    // (examples/, playground/, bench/) a failed start-up or shutdown ends the demo, as its reader wants;
    // a development script (scripts/) ends with the error, which is what it is run for.
    if (runsInBrowser(context.filename, context.sourceCode) || isDemoFile(context.filename) || isDevelopmentTooling(context.filename)) return {};

    // So does a one-shot script wherever it sits (a `bin/` tool, a shebang script that reads its
    // arguments), unless its own handler keeps it running after an unhandled rejection.
    let endsWithTheError: boolean | undefined;
    const scriptEndsWithTheError = (): boolean =>
      (endsWithTheError ??=
        isOneShotScript(context.filename, sourceCode.ast, sourceCode.text) && !programKeepsRunningAfterRejection(context.filename, sourceCode.ast, scopesOfSourceCode(sourceCode), true));

    return {
      ExpressionStatement(statement) {
        if (isDirective(statement)) return;
        if (scriptEndsWithTheError()) return;
        const found: Finding[] = [];
        checkOperand(statement.expression, null, found);
        // Where the statement runs is asked only of one with a finding: most statements have none, and
        // these questions walk the file's functions and their callers.
        if (found.length === 0) return;
        // A Next.js page's component, beside its server data functions: its effects and handlers run in the browser.
        if (runsInBrowserAt(statement, context.filename, sourceCode)) return;
        // `main();` at the top of an entry file is the program: a rejection prints and exits 1, as meant
        // (unless the file's own unhandledRejection handler keeps a half-started program running).
        if (isProgramStartUp(statement, context.filename, sourceCode)) return;
        // `process.on('SIGTERM', () => { shutdown(); })`: as an async shutdown handler (no-detached-async-callback).
        if (runsInShutdownHandler(statement, sourceCode, context.filename)) return;
        for (const finding of found) context.report(finding);
      },
    };
  },
});

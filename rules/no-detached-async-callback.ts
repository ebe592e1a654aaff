/**
 * no-detached-async-callback: an async callback (or one that returns a promise) handed to a callee that
 * drops what the callback returns, so a rejection inside it is unhandled. Reported node: the callback
 * argument itself.
 *
 * Rewrite shapes:
 * - detachedCallback: `cb` -> `tasks.callback(cb, { name: '<module>.<event>' })` (suggestion and codemod;
 *   same text, rewrite/shapes.ts).
 * - asyncPromiseExecutor: `new Promise(async (resolve) => ...)`: no automatic fix (the cure is to drop
 *   the `new Promise` wrapper and await directly, which needs a human).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { endsByExiting, isShutdownHandler, processErrorListener, resolveLocalFunction } from '../src/detect/error-handling.js';
import { inDevelopmentOnlyBranch } from '../src/detect/code-roles.js';
import { callbackRunsAtProgramStartUp, isDemoFile, isDevelopmentTooling } from '../src/detect/entry-files.js';
import { scopesOfSourceCode } from '../src/ast/scopes.js';
import { runsInBrowser, runsInBrowserAt } from '../src/detect/browser-code.js';
import { programKeepAlive, unhandledRejectionOutcome, type KeepAliveAnswer } from '../src/detect/keep-alive.js';
import { creatorModule, expressMajor, projectUsesOnlyAwaitingFrameworks } from '../src/detect/frameworks.js';
import { matchApi, resolveCallee, resolveValueOrigin } from '../src/detect/module-bindings.js';
import { promiseAnalysis } from '../src/detect/promises.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { typeInfo } from '../src/detect/type-info.js';
import { disabledForRule } from '../src/detect/waivers.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';
import { keyName } from '../src/ast/names.js';
import { someNode } from '../src/ast/walk.js';
import { isFunctionNode } from '../src/ast/functions.js';
import { snippet } from '../src/ast/snippet.js';
import {
  EVENT_TARGET_LISTENER_METHODS,
  MIDDLEWARE_METHOD,
  ONCE_LISTENER_METHODS,
  REPEATING_LISTENER_METHODS,
  ROUTE_METHODS,
  SCHEDULERS,
} from '../src/detect/api-shapes.js';
import { listenerIdentityInUse } from '../src/rewrite/refusals.js';
import { tasksCallbackCall } from '../src/rewrite/shapes.js';
import { callbackTaskName } from '../src/detect/component-names.js';
import { sourceStyleOf } from '../src/detect/source-style.js';

const meta = {
  messages: {
    detachedCallback:
      '`{{callee}}` drops the promise its callback returns: if the callback rejects, Node exits the process. Wrap the callback: `tasks.callback(async ...)`.',
    detachedCallbackLogged:
      '`{{callee}}` drops the promise its callback returns: if the callback rejects, {{outcome}}, and what the callback owes (a response, an acknowledgement, the next run) is never done. Wrap the callback: `tasks.callback(async ...)`.',
    asyncPromiseExecutor:
      '`new Promise(async ...)` drops the executor\'s promise: a throw after its first `await` settles nothing and becomes an unhandled rejection. Await the work directly instead of wrapping it in `new Promise`.',
    wrapInTasksCallback: 'Run each call as a supervised task: `tasks.callback(...)`.',
  },
  schema: [
    {
      type: 'object',
      properties: {
        expressVersion: {
          type: 'integer',
          enum: [4, 5],
          description:
            'The Express major the project runs, overriding what the installed express (node_modules/express/package.json nearest the file) or the nearest package.json declares. Express 5 forwards a rejected route handler to the error middleware: with 5, route handlers are not reported.',
        },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
export type Options = [{ expressVersion?: 4 | 5 }];

const SUBSCRIPTIONS: ReadonlySet<string> = new Set([...REPEATING_LISTENER_METHODS, ...ONCE_LISTENER_METHODS, ...EVENT_TARGET_LISTENER_METHODS]);
const EXPRESS_REGISTRATIONS: ReadonlySet<string> = new Set([...ROUTE_METHODS, MIDDLEWARE_METHOD]);
/** Array methods whose callback results are dropped; `map`/`flatMap` only when the array itself is dropped. */
const DROPPING_ITERATORS = new Set(['forEach']);
const COLLECTING_ITERATORS = new Set(['map', 'flatMap']);
const EXPRESS_RECEIVER_NAME = /^(app|router|.*Router)$/;
/** typescript-eslint's rule for the same problem: a line the project disabled it on was already judged. */
const TYPESCRIPT_ESLINT_EQUIVALENTS = ['@typescript-eslint/no-misused-promises'];

export default createRule<Options, MessageIds>({
  name: 'no-detached-async-callback',
  meta,
  defaultOptions: [{}],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = promiseAnalysis(context);
    const types = typeInfo(context);

    function calleeName(call: TSESTree.CallExpression): string {
      return snippet(sourceCode.getText(call.callee), 'end');
    }

    /**
     * The receiver is an Express app or router of a project that runs Express 4 (the only framework
     * that drops a route handler's promise). What created the receiver decides; its name (`app`,
     * `router`, `*Router`) only when nothing does and the project does not use another framework.
     */
    function isExpress4Receiver(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
      const created = creatorModule(receiver, scope);
      if (created !== undefined) {
        if (created !== 'express') return false;
      } else {
        const node = skipTransparentWrappers(receiver);
        const name =
          node.type === AST_NODE_TYPES.Identifier
            ? node.name
            : node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression
              ? keyName(node)
              : null;
        if (name === null || !EXPRESS_RECEIVER_NAME.test(name) || projectUsesOnlyAwaitingFrameworks(context.filename)) return false;
      }
      return (options.expressVersion ?? expressMajor(context.filename) ?? 4) < 5;
    }

    /** Calls that register Express 4 route handlers or middleware: their callbacks owe a response. */
    const routeRegistrations = new WeakSet<TSESTree.CallExpression>();

    let keepAlive: KeepAliveAnswer | null | undefined;
    /** What keeps the program this file is part of running after an unhandled rejection (keep-alive.ts), null when nothing does; asked once, when a finding needs it. */
    function programKeepsRunning(): KeepAliveAnswer | null {
      if (keepAlive === undefined) {
        keepAlive = programKeepAlive(context.filename, sourceCode.ast, scopesOfSourceCode(sourceCode), isDemoFile(context.filename) || isDevelopmentTooling(context.filename));
      }
      return keepAlive;
    }

    /**
     * In a program that logs an unhandled rejection and runs on, a rejected callback loses the rest of
     * its own work and nothing else, unless it owes something that rest would have done: a route
     * handler's response; a call of one of its parameters (an acknowledgement, `next`, `done`,
     * `resolve`) or of a method on one (the response it writes, the socket whose handlers it
     * registers); the next run it schedules (a timer that re-arms itself). A callback this file does
     * not show is taken to owe something.
     */
    function owesSomething(callback: TSESTree.Node, call: TSESTree.CallExpression): boolean {
      if (routeRegistrations.has(call)) return true;
      const fn = resolveLocalFunction(callback, sourceCode.getScope(callback));
      if (!fn) return true;
      const parameters = new Set(fn.params.flatMap((parameter) => (parameter.type === AST_NODE_TYPES.Identifier ? [parameter.name] : [])));
      if (fn.params.some((parameter) => parameter.type !== AST_NODE_TYPES.Identifier)) return true;
      // `function poll() { setTimeout(async () => { await work(); poll(); }) }`: calling a function
      // that encloses the registration runs it again.
      const schedulingFunctions = new Set<string>();
      for (let outer: TSESTree.Node | undefined = call.parent; outer; outer = outer.parent) {
        if ((outer.type === AST_NODE_TYPES.FunctionDeclaration || outer.type === AST_NODE_TYPES.FunctionExpression) && outer.id) schedulingFunctions.add(outer.id.name);
        else if (isFunctionNode(outer) && outer.parent.type === AST_NODE_TYPES.VariableDeclarator && outer.parent.id.type === AST_NODE_TYPES.Identifier) schedulingFunctions.add(outer.parent.id.name);
      }
      const invokesParameter = (node: TSESTree.Node): boolean => {
        if (node.type !== AST_NODE_TYPES.CallExpression) return false;
        let target: TSESTree.Node = skipTransparentWrappers(node.callee);
        while (target.type === AST_NODE_TYPES.MemberExpression) target = skipTransparentWrappers(target.object);
        if (target.type === AST_NODE_TYPES.Identifier && (parameters.has(target.name) || schedulingFunctions.has(target.name))) return true;
        return matchApi(resolveCallee(node, sourceCode.getScope(node)), SCHEDULERS) !== null;
      };
      return someNode(fn.body, invokesParameter);
    }

    /** The arguments of `call` whose returned promise the callee drops. */
    function droppedCallbacks(call: TSESTree.CallExpression): readonly TSESTree.CallExpressionArgument[] {
      const scope = sourceCode.getScope(call);
      if (matchApi(resolveCallee(call, scope), SCHEDULERS) !== null) return call.arguments.slice(0, 1);
      const callee = skipTransparentWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
      const method = keyName(callee);
      if (method === null) return [];
      // The process's last-resort handlers: a rejection there has no one left to catch it anyway.
      if (SUBSCRIPTIONS.has(method)) {
        // The process's signal handlers are its shutdown path: a rejection ends what the signal was ending.
        if (processErrorListener(call, scope) || isShutdownHandler(call, sourceCode)) return [];
        return call.arguments.slice(1);
      }
      if (DROPPING_ITERATORS.has(method)) return call.arguments.slice(0, 1);
      if (COLLECTING_ITERATORS.has(method)) {
        const parent = call.parent.type === AST_NODE_TYPES.ChainExpression ? call.parent.parent : call.parent;
        return parent?.type === AST_NODE_TYPES.ExpressionStatement ? call.arguments.slice(0, 1) : [];
      }
      if (EXPRESS_REGISTRATIONS.has(method) && isExpress4Receiver(callee.object, scope)) {
        routeRegistrations.add(call);
        return call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.Literal && argument.type !== AST_NODE_TYPES.TemplateLiteral);
      }
      return [];
    }

    function suggestWrap(callback: TSESTree.Node): TSESLint.ReportSuggestionArray<MessageIds> {
      const scope = sourceCode.getScope(callback);
      if (isShadowedRuntimeName('tasks', scope) || listenerIdentityInUse(callback, sourceCode)) return [];
      return [
        {
          messageId: 'wrapInTasksCallback',
          fix: (fixer) => {
            const name = callbackTaskName(callback, context.filename);
            const fixes = [fixer.replaceText(callback, tasksCallbackCall('tasks', sourceCode.getText(callback), name, sourceStyleOf(sourceCode.text)))];
            const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'tasks', scope);
            if (importFix) fixes.push(importFix);
            return fixes;
          },
        },
      ];
    }

    // In browser code a rejection is a console error, not a process crash.
    if (runsInBrowser(context.filename, sourceCode)) return {};

    return {
      CallExpression(call) {
        for (const callback of droppedCallbacks(call)) {
          if (callback.type === AST_NODE_TYPES.SpreadElement || !analysis.callbackMayReturnPromise(callback)) continue;
          // A Next.js page's component, beside its server data functions: its effects and handlers run in the browser.
          if (runsInBrowserAt(callback, context.filename, sourceCode)) continue;
          // A callback that handles every asynchronous failure of its own drops a promise that never
          // rejects asynchronously: what is left is a synchronous throw, as without `async`.
          if (analysis.cannotRejectAsynchronously(callback)) continue;
          // With types, a parameter declared to take a promise-returning function (a router that awaits
          // its handlers) says the callee owns the promise.
          if (types?.parameterAcceptsPromise(callback) === true) continue;
          // A callback that ends by exiting the process is a shutdown path: a rejection ends it too.
          if (endsByExiting(callback, sourceCode.getScope(callback))) continue;
          // A package's function (express-jwt's middleware): the package was written for this callee,
          // and it is not the project's code to wrap.
          if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression && types?.isPackageFunction(callback)) continue;
          if (disabledForRule(callback, [callback.loc.start.line, call.loc.start.line], TYPESCRIPT_ESLINT_EQUIVALENTS, sourceCode)) continue;
          // Registered only in development or test mode (`if (isDev) app.post('/test-webhook', ...)`).
          if (inDevelopmentOnlyBranch(call)) continue;
          // One-shot start-up work handed to a timer (`setImmediate(() => init(schema))` in the function a
          // script's top level calls once and exits on): a rejection ends the program as a failed start does.
          if (callbackRunsAtProgramStartUp(callback, call, context.filename, sourceCode)) continue;
          const keepsRunning = programKeepsRunning();
          if (keepsRunning && !owesSomething(callback, call)) continue;
          context.report({
            node: callback,
            messageId: keepsRunning ? 'detachedCallbackLogged' : 'detachedCallback',
            data: { callee: calleeName(call), outcome: unhandledRejectionOutcome(keepsRunning) },
            suggest: suggestWrap(callback),
          });
        }
      },
      NewExpression(node) {
        const [executor] = node.arguments;
        if (!executor) return;
        const origin = resolveValueOrigin(node.callee, sourceCode.getScope(node));
        if (origin?.module !== null || origin.path.join('.') !== 'Promise') return;
        const fn = skipTransparentWrappers(executor);
        // What goes wrong is a throw after an `await`: an executor that never awaits outside a handled
        // try (`async` kept for nothing) resolves or rejects its promise like a plain one.
        if ((fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.async && !runsInBrowserAt(node, context.filename, sourceCode) && !analysis.cannotRejectAsynchronously(fn)) {
          context.report({ node: executor, messageId: 'asyncPromiseExecutor' });
        }
      },
    };
  },
});

/**
 * no-detached-async-callback: an async callback (or one that returns a promise) handed to a callee that
 * drops what the callback returns, so a rejection inside it is unhandled. Reported node: the callback
 * argument itself.
 *
 * Rewrite shapes:
 * - detachedCallback: `cb` -> `tasks.callback(cb)` (suggestion and codemod; same text).
 * - asyncPromiseExecutor: `new Promise(async (resolve) => ...)`: no automatic fix (the cure is to drop
 *   the `new Promise` wrapper and await directly, which needs a human).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { GLOBALS, matchApi, memberPropertyName, resolveCallee, resolveValueOrigin, skipTransparentWrappers } from '../src/detect/module-bindings.js';
import { promiseAnalysis } from '../src/detect/promises.js';
import { createRule } from '../src/detect/rule.js';
import { typeInfo } from '../src/detect/type-info.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { listenerIdentityInUse } from '../src/rewrite/refusals.js';

export type Options = [{ expressVersion?: 4 | 5 }];
export type MessageIds = 'detachedCallback' | 'asyncPromiseExecutor' | 'wrapInTasksCallback';

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'use', 'all', 'options', 'head']);
/** Array methods whose callback results are dropped; `map`/`flatMap` only when the array itself is dropped. */
const DROPPING_ITERATORS = new Set(['forEach']);
const COLLECTING_ITERATORS = new Set(['map', 'flatMap']);
const SCHEDULERS = {
  [GLOBALS]: ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process.nextTick'],
  timers: ['setTimeout', 'setInterval', 'setImmediate'],
  process: ['nextTick'],
};
const EXPRESS_RECEIVER_NAME = /^(app|router|.*Router)$/;
const MAX_NAME_LENGTH = 40;

export default createRule<Options, MessageIds>({
  name: 'no-detached-async-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async callbacks where the callee drops the promise they return',
      recommended: 'recommended',
      requiresTypeChecking: false,
      risk: { impact: 'process-crash', isolation: 'none', fixable: 'codemod' },
    },
    hasSuggestions: true,
    messages: {
      detachedCallback:
        '`{{callee}}` drops the promise its callback returns: if the callback rejects, Node exits the process. Wrap the callback: `tasks.callback(async ...)`.',
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
            description: 'Express 5 forwards a rejected route handler to the error middleware: with 5, route handlers are not reported.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ expressVersion: 4 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const analysis = promiseAnalysis(context);
    const types = typeInfo(context);

    function calleeName(call: TSESTree.CallExpression): string {
      const text = sourceCode.getText(call.callee).replace(/\s+/g, ' ');
      return text.length <= MAX_NAME_LENGTH ? text : `...${text.slice(-(MAX_NAME_LENGTH - 3))}`;
    }

    function isExpressReceiver(receiver: TSESTree.Node, scope: TSESLint.Scope.Scope): boolean {
      const node = skipTransparentWrappers(receiver);
      const name =
        node.type === AST_NODE_TYPES.Identifier
          ? node.name
          : node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression
            ? memberPropertyName(node)
            : null;
      if (node.type === AST_NODE_TYPES.Identifier) {
        const created = creatorModule(node, scope);
        if (created !== undefined) return created === 'express';
      }
      return name !== null && EXPRESS_RECEIVER_NAME.test(name);
    }

    /** `express` for `const app = express()` / `express.Router()`; another module name; undefined when unknown. */
    function creatorModule(identifier: TSESTree.Identifier, scope: TSESLint.Scope.Scope): string | undefined {
      const variable = scope.set.get(identifier.name) ?? findInUpperScopes(identifier.name, scope);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== 'Variable' || !definition.node.init) return undefined;
      const init = skipTransparentWrappers(definition.node.init);
      if (init.type !== AST_NODE_TYPES.CallExpression) return undefined;
      return resolveCallee(init, variable?.scope ?? scope)?.module ?? undefined;
    }

    function findInUpperScopes(name: string, scope: TSESLint.Scope.Scope): TSESLint.Scope.Variable | undefined {
      for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
        const variable = current.set.get(name);
        if (variable) return variable;
      }
      return undefined;
    }

    /** The arguments of `call` whose returned promise the callee drops. */
    function droppedCallbacks(call: TSESTree.CallExpression): readonly TSESTree.CallExpressionArgument[] {
      const scope = sourceCode.getScope(call);
      if (matchApi(resolveCallee(call, scope), SCHEDULERS) !== null) return call.arguments.slice(0, 1);
      const callee = skipTransparentWrappers(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
      const method = memberPropertyName(callee);
      if (method === null) return [];
      if (LISTENER_METHODS.has(method)) return call.arguments.slice(1);
      if (DROPPING_ITERATORS.has(method)) return call.arguments.slice(0, 1);
      if (COLLECTING_ITERATORS.has(method)) {
        const parent = call.parent.type === AST_NODE_TYPES.ChainExpression ? call.parent.parent : call.parent;
        return parent?.type === AST_NODE_TYPES.ExpressionStatement ? call.arguments.slice(0, 1) : [];
      }
      if (ROUTE_METHODS.has(method) && options.expressVersion !== 5 && isExpressReceiver(callee.object, scope)) {
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
            const fixes = [fixer.replaceText(callback, `tasks.callback(${sourceCode.getText(callback)})`)];
            const importFix = addRuntimeImport(fixer, sourceCode, context.filename, 'tasks', scope);
            if (importFix) fixes.push(importFix);
            return fixes;
          },
        },
      ];
    }

    return {
      CallExpression(call) {
        for (const callback of droppedCallbacks(call)) {
          if (callback.type === AST_NODE_TYPES.SpreadElement || !analysis.callbackReturnsPromise(callback)) continue;
          // With types, a parameter declared to take a promise-returning function (a router that awaits
          // its handlers) says the callee owns the promise.
          if (types?.parameterAcceptsPromise(callback) === true) continue;
          context.report({
            node: callback,
            messageId: 'detachedCallback',
            data: { callee: calleeName(call) },
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
        if ((fn.type === AST_NODE_TYPES.ArrowFunctionExpression || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.async) {
          context.report({ node: executor, messageId: 'asyncPromiseExecutor' });
        }
      },
    };
  },
});

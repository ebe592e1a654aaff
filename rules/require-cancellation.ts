/**
 * require-cancellation: an HTTP call (`fetch`, `http(s).request/get`, undici, axios and its instances,
 * got, node-fetch) with neither a `signal` nor a timeout. Reported node: the call expression.
 *
 * Rewrite shapes:
 * - missingSignalInTask: the call sits directly in a `tasks.start` / `tasks.async` callback: pass the
 *   task's signal (`{ signal }` added to the options, and `signal` added as the callback's parameter
 *   when it has none). Suggestion and codemod write the same text.
 * - missingSignal: anywhere else; suggestion only: `signal: AbortSignal.timeout(<defaultTimeoutMs>)`.
 *
 * Options built elsewhere are followed where syntax shows all of them: a variable's every write (an
 * object literal, or the result of a helper) and every use before the call, and a helper of the class,
 * of a class it extends (in another file too: uptime-kuma's `config = this.getAxiosConfigWithProxy(config)`)
 * or of a project file, that returns the config it is given or a literal. Options that are spread or
 * come from code the rule cannot see are trusted.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { axiosLike, httpClientApi, type HttpClientApi } from '../src/detect/known-async-apis.js';
import { resolveCallee, resolveValueOrigin } from '../src/detect/module-bindings.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { isDevelopmentTooling } from '../src/detect/entry-files.js';
import { runsInBrowser, runsInBrowserAt } from '../src/detect/browser-code.js';
import { isOneShotScript } from '../src/detect/code-roles.js';
import { owningRuntimeCall } from '../src/detect/runtime-calls.js';
import { enclosingFunction, isFunctionNode, returnedExpressions, type FunctionNode } from '../src/ast/functions.js';
import { projectFunctionOf } from '../src/detect/project-functions.js';
import { projectSetsAxiosDefaultTimeout } from '../src/detect/client-defaults.js';
import { resolveLocalFunction } from '../src/detect/error-handling.js';
import { someNode } from '../src/ast/walk.js';
import { followHandle } from '../src/detect/ownership.js';
import { skipTransparentWrappers } from '../src/ast/wrappers.js';
import { keyName, staticString } from '../src/ast/names.js';
import { isListenerMethod } from '../src/detect/api-shapes.js';
import { oneLine, SNIPPET_MAX_LENGTH } from '../src/ast/snippet.js';

const meta = {
  messages: {
    missingSignalInTask:
      "`{{call}}` ignores its task's signal: when the task is cancelled or the app shuts down, the request keeps hanging. Pass the task's signal: `{ signal: {{signal}} }`.",
    missingSignal:
      '`{{call}}` has no signal and no timeout: if the server never answers it hangs forever and shutdown cannot reach it. Pass `signal: AbortSignal.timeout(ms)` or a timeout.',
    passTaskSignal: "Pass the task's signal: `signal: {{signal}}`.",
    addTimeoutSignal: 'Give up after {{ms}} ms: `signal: AbortSignal.timeout({{ms}})`.',
  },
  schema: [
    {
      type: 'object',
      properties: {
        defaultTimeoutMs: { type: 'integer', minimum: 1, description: 'The timeout the suggestion writes (default 10000).' },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
export type Options = [{ defaultTimeoutMs?: number }];

const SIGNAL_GIVING_TASKS = new Set(['tasks.start', 'tasks.async']);

type OptionsVerdict =
  /** Bounded, or the rule cannot see the options: quiet. */
  | { kind: 'trusted' }
  /** An object literal without a signal or timeout key: add the property to it. */
  | { kind: 'object'; object: TSESTree.ObjectExpression; inline: boolean }
  /** No options argument: add one at `index`. */
  | { kind: 'absent'; index: number }
  /** Options built by code the rule followed (a variable's writes, a helper) with no bounding key: reported, not rewritten. */
  | { kind: 'built' };

/** How deep helpers handing a config on to other helpers are followed. */
const MAX_CONFIG_DEPTH = 3;

function isUrlLike(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URL') ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+')
  );
}

export default createRule<Options, MessageIds>({
  name: 'require-cancellation',
  meta,
  defaultOptions: [{ defaultTimeoutMs: 10_000 }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeoutMs = options.defaultTimeoutMs ?? 10_000;

    /** The const object literal or string an identifier denotes, when it is statically known. */
    function constInit(node: TSESTree.Node): TSESTree.Node | null {
      if (node.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = ASTUtils.findVariable(sourceCode.getScope(node), node.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== 'Variable' || definition.parent.kind !== 'const' || !definition.node.init) return null;
      return skipTransparentWrappers(definition.node.init);
    }

    function hasBoundingKey(object: TSESTree.ObjectExpression, keys: readonly string[]): boolean | 'spread' {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return 'spread';
        const key = property.computed ? null : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
        const literalKey = property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : null;
        if (keys.includes(key ?? literalKey ?? '')) return true;
      }
      return false;
    }

    /** `axios.create(...)` instances the call goes through: `api.get(...)`, `api(...)`. */
    function axiosInstanceApi(call: TSESTree.CallExpression): { name: string; api: HttpClientApi } | 'bounded' | null {
      const callee = skipTransparentWrappers(call.callee);
      const instance = callee.type === AST_NODE_TYPES.MemberExpression ? skipTransparentWrappers(callee.object) : callee;
      const member = callee.type === AST_NODE_TYPES.MemberExpression ? keyName(callee) : undefined;
      if (member === null) return null;
      const init = constInit(instance);
      if (init?.type !== AST_NODE_TYPES.CallExpression) return null;
      const origin = resolveCallee(init, sourceCode.getScope(init));
      const path = origin?.path[0] === 'default' ? origin.path.slice(1) : origin?.path;
      if (origin?.module !== 'axios' || path?.join('.') !== 'create') return null;
      const [config] = init.arguments;
      if (config) {
        const object = skipTransparentWrappers(config);
        if (object.type !== AST_NODE_TYPES.ObjectExpression || hasBoundingKey(object, ['signal', 'timeout']) !== false) return 'bounded';
      }
      return axiosLike(`${sourceCode.getText(instance)}${member ? `.${member}` : ''}`, member);
    }

    /** `config = helper(config)`: the variable's earlier value reaches the helper; it is judged by the variable's other writes. */
    const variablesBeingJudged = new Set<TSESLint.Scope.Variable>();

    /** The options are an HTTP client call's own, or another request's taking the same config. */
    function isHttpClientCall(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const client = httpClientApi(resolveValueOrigin(node.callee, sourceCode.getScope(node))) ?? axiosInstanceApi(node);
      return client !== null && client !== 'bounded';
    }

    /**
     * A config built elsewhere (`config = this.getAxiosConfigWithProxy(config)`) that the rule can follow
     * to the end and that sets none of `keys`. False means bounded or unknown, which is trusted.
     */
    function builtConfigIsUnbounded(node: TSESTree.Node, keys: readonly string[], depth: number): boolean {
      if (depth > MAX_CONFIG_DEPTH) return false;
      const value = skipTransparentWrappers(node);
      if (value.type === AST_NODE_TYPES.ObjectExpression) return hasBoundingKey(value, keys) === false;
      if (value.type === AST_NODE_TYPES.CallExpression) return helperResultIsUnbounded(value, keys, depth + 1);
      if (value.type === AST_NODE_TYPES.Identifier) return variableIsUnbounded(value, keys, depth + 1);
      return false;
    }

    /**
     * Every value a variable is given is unbounded, and no use of it before the request could bound it:
     * reads of its fields, a field set that is not one of `keys`, other requests, and the helper calls
     * whose result it is given are the uses the rule can see through.
     */
    function variableIsUnbounded(identifier: TSESTree.Identifier, keys: readonly string[], depth: number): boolean {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!variable || definition?.type !== 'Variable' || definition.node.id.type !== AST_NODE_TYPES.Identifier) return false;
      if (variablesBeingJudged.has(variable)) return true;
      const writes: TSESTree.Node[] = [];
      for (const reference of variable.references) {
        const use = reference.identifier;
        const parent = use.parent;
        if (reference.isWrite()) {
          const plain =
            (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === use) ||
            (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use && parent.operator === '=');
          if (!plain || !reference.writeExpr) return false;
          writes.push(reference.writeExpr);
          continue;
        }
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
          const assigned = parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent;
          const key = keyName(parent);
          if (assigned && (key === null || keys.includes(key))) return false;
          continue;
        }
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(use as TSESTree.CallExpressionArgument)) {
          const givesBack = writes.includes(parent) || variable.references.some((other) => other.writeExpr === parent);
          if (givesBack || isHttpClientCall(parent)) continue;
        }
        return false;
      }
      if (writes.length === 0) return false;
      variablesBeingJudged.add(variable);
      try {
        return writes.every((written) => builtConfigIsUnbounded(written, keys, depth));
      } finally {
        variablesBeingJudged.delete(variable);
      }
    }

    /**
     * A helper's result: every `return` of the helper gives back one of its parameters, which it sets no
     * bounding key on and hands to no other call (then the argument is judged), or an object literal
     * without a bounding key. The helper may be in another file; it is read by syntax alone.
     */
    function helperResultIsUnbounded(call: TSESTree.CallExpression, keys: readonly string[], depth: number): boolean {
      const helper = helperFunction(call.callee);
      if (!helper || helper.async || helper.generator) return false;
      const returned = helper.body.type === AST_NODE_TYPES.BlockStatement ? returnedExpressions(helper) : [helper.body];
      if (!returned || returned.length === 0) return false;
      return returned.every((expression) => {
        const value = skipTransparentWrappers(expression);
        if (value.type === AST_NODE_TYPES.ObjectExpression) return hasBoundingKey(value, keys) === false;
        if (value.type !== AST_NODE_TYPES.Identifier) return false;
        const index = helper.params.findIndex((param) => parameterName(param) === value.name);
        const param = helper.params[index];
        if (!param || !parameterKeepsUnbounded(helper, value.name, keys)) return false;
        const argument = call.arguments[index];
        if (argument) return argument.type !== AST_NODE_TYPES.SpreadElement && builtConfigIsUnbounded(argument, keys, depth);
        // The default the helper starts from (`axiosConfig = {}`), written in the helper's file.
        return param.type === AST_NODE_TYPES.AssignmentPattern && param.right.type === AST_NODE_TYPES.ObjectExpression && hasBoundingKey(param.right, keys) === false;
      });
    }

    /** The function a helper call reaches: one of this file's, `this.helper` up the class chain, or one imported from a project file. */
    function helperFunction(callee: TSESTree.Node): FunctionNode | null {
      const local = resolveLocalFunction(callee, sourceCode.getScope(callee));
      if (local && isFunctionNode(local)) return local;
      if (callee.type === AST_NODE_TYPES.Identifier) {
        // Only a top-level name (of an ES module, a CommonJS module's wrapper scope or a script) is
        // the one a top-level import, require or declaration binds.
        const variable = ASTUtils.findVariable(sourceCode.getScope(callee), callee.name);
        if (variable && variable.scope.block.type !== AST_NODE_TYPES.Program) return null;
      }
      return projectFunctionOf(callee, sourceCode.ast, context.filename)?.fn ?? null;
    }

    function parameterName(param: TSESTree.Parameter): string | null {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      return target.type === AST_NODE_TYPES.Identifier ? target.name : null;
    }

    /** Inside the helper, the parameter is never reassigned, given a bounding (or computed) key, or handed to a call. */
    function parameterKeepsUnbounded(helper: FunctionNode, name: string, keys: readonly string[]): boolean {
      return !someNode(helper.body, (node) => {
        if (node.type === AST_NODE_TYPES.AssignmentExpression) {
          const target = node.left;
          if (target.type === AST_NODE_TYPES.Identifier) return target.name === name;
          if (target.type !== AST_NODE_TYPES.MemberExpression || target.object.type !== AST_NODE_TYPES.Identifier || target.object.name !== name) return false;
          const key = keyName(target);
          return key === null || keys.includes(key);
        }
        return (
          (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) &&
          node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === name)
        );
      });
    }

    function judgeOptions(call: TSESTree.CallExpression, api: HttpClientApi): OptionsVerdict {
      const args = call.arguments;
      if (args.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'trusted' };
      let index: number;
      if (api.optionsIndex === 'auto') {
        const first = args[0] ? skipTransparentWrappers(args[0]) : null;
        const known = first ? (constInit(first) ?? first) : null;
        if (!known || isUrlLike(known)) index = 1;
        else if (known.type === AST_NODE_TYPES.ObjectExpression) index = 0;
        // `axios(config)` with the config built by code the rule follows
        else return builtConfigIsUnbounded(known, api.keys, 0) ? { kind: 'built' } : { kind: 'trusted' };
      } else {
        index = api.optionsIndex;
      }
      const argument = args[index];
      if (!argument || isFunctionNode(argument)) return { kind: 'absent', index };
      const node = skipTransparentWrappers(argument);
      const object = node.type === AST_NODE_TYPES.ObjectExpression ? node : constInit(node);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) return builtConfigIsUnbounded(node, api.keys, 0) ? { kind: 'built' } : { kind: 'trusted' };
      return hasBoundingKey(object, api.keys) === false ? { kind: 'object', object, inline: object === node } : { kind: 'trusted' };
    }

    function addSignalFixes(fixer: TSESLint.RuleFixer, call: TSESTree.CallExpression, verdict: OptionsVerdict, property: string): TSESLint.RuleFix[] {
      if (verdict.kind === 'object') {
        const [first] = verdict.object.properties;
        return first ? [fixer.insertTextBefore(first, `${property}, `)] : [fixer.replaceText(verdict.object, `{ ${property} }`)];
      }
      if (verdict.kind !== 'absent') return [];
      const args = call.arguments;
      const atIndex = args[verdict.index];
      if (atIndex) return [fixer.insertTextBefore(atIndex, `{ ${property} }, `)];
      const filler = Array.from({ length: verdict.index - args.length }, () => 'undefined');
      const added = [...filler, `{ ${property} }`].join(', ');
      const last = args[args.length - 1];
      if (last) return [fixer.insertTextAfter(last, `, ${added}`)];
      const closing = sourceCode.getLastToken(call);
      return closing ? [fixer.insertTextBefore(closing, added)] : [];
    }

    /** The task callback's signal parameter name, 'add' when it takes none (the fix adds it), or null. */
    function taskSignal(call: TSESTree.CallExpression): { fn: TSESTree.FunctionLike; name: string; add: boolean } | null {
      const owner = owningRuntimeCall(call, sourceCode);
      if (!owner || !SIGNAL_GIVING_TASKS.has(owner.api) || owner.call.arguments[0] !== owner.fn) return null;
      const [param] = owner.fn.params;
      if (!param) return { fn: owner.fn, name: 'signal', add: true };
      return param.type === AST_NODE_TYPES.Identifier ? { fn: owner.fn, name: param.name, add: false } : null;
    }

    /**
     * `const req = https.request(...); req.setTimeout(10_000, () => req.destroy())`: the request ends
     * itself after the idle time. `setTimeout(ms)` alone only emits 'timeout', which ends nothing
     * unless a 'timeout' listener does (Node's docs: the request must be destroyed by hand).
     */
    function requestTimesItselfOut(call: TSESTree.CallExpression): boolean {
      const { uses } = followHandle(call, sourceCode);
      const owner = enclosingFunction(call);
      // `if (options.timeout) req.setTimeout(...)`: only some requests get one (nodemailer's fetch).
      const setsTimeout = uses.filter((use) => use.kind === 'method' && use.name === 'setTimeout' && !runsConditionally(use.call, owner));
      if (setsTimeout.some((use) => use.kind === 'method' && use.call.arguments.length >= 2)) return true;
      const listensToTimeout = uses.some((use) => use.kind === 'method' && isListenerMethod(use.name) && staticString(use.call.arguments[0]) === 'timeout');
      return setsTimeout.length > 0 && listensToTimeout;
    }

    /** `node` sits in a branch (an `if`, `? :`, `&&`, `||`, `??`, a `case`) or a nested function below `owner`'s body. */
    function runsConditionally(node: TSESTree.Node, owner: FunctionNode | null): boolean {
      for (let child = node, parent = node.parent; parent && parent !== owner; child = parent, parent = parent.parent) {
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== child) return true;
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== child) return true;
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child) return true;
        if (parent.type === AST_NODE_TYPES.SwitchCase || isFunctionNode(parent)) return true;
      }
      return false;
    }

    function callName(call: TSESTree.CallExpression, fallback: string): string {
      const text = oneLine(sourceCode.getText(call.callee));
      return `${text.length <= SNIPPET_MAX_LENGTH ? text : fallback}(...)`;
    }

    // A request that hangs in the browser holds no server resource; one in a development script is
    // in front of the person (or CI job) that runs it, who sees the hang and stops it.
    if (runsInBrowser(context.filename, context.sourceCode) || isDevelopmentTooling(context.filename)) return {};
    // `axios.defaults.timeout = ...` in the project's start-up bounds the default instance's requests everywhere.
    let defaultTimeout: boolean | undefined;
    const axiosHasDefaultTimeout = (): boolean => (defaultTimeout ??= projectSetsAxiosDefaultTimeout(context.filename));
    // So is a one-shot script wherever it sits (a `bin/` admin tool, a shebang script): asked only when a request would be reported.
    let oneShot: boolean | undefined;
    const isOneShot = (): boolean => (oneShot ??= isOneShotScript(context.filename, sourceCode.ast, sourceCode.text));
    return {
      CallExpression(call) {
        const origin = resolveValueOrigin(call.callee, sourceCode.getScope(call));
        const client = httpClientApi(origin) ?? axiosInstanceApi(call);
        if (client === null || client === 'bounded') return;
        // A Next.js page's component, beside its server data functions: its requests are the browser's.
        if (runsInBrowserAt(call, context.filename, sourceCode)) return;
        if (origin?.module === 'axios' && axiosHasDefaultTimeout()) return;
        if ((origin?.module === 'http' || origin?.module === 'https') && requestTimesItselfOut(call)) return;
        const verdict = judgeOptions(call, client.api);
        if (verdict.kind === 'trusted') return;
        if (isOneShot()) return;
        // An options object defined elsewhere is reported, but only an inline one is rewritten.
        const fixable = verdict.kind === 'absent' || (verdict.kind === 'object' && verdict.inline);
        const name = callName(call, client.name);
        const task = taskSignal(call);
        if (task) {
          const property = task.name === 'signal' ? 'signal' : `signal: ${task.name}`;
          context.report({
            node: call,
            messageId: 'missingSignalInTask',
            data: { call: name, signal: task.name },
            suggest: fixable
              ? [
                  {
                    messageId: 'passTaskSignal',
                    data: { signal: task.name },
                    fix: (fixer) => {
                      const fixes = addSignalFixes(fixer, call, verdict, property);
                      const paren = task.add ? sourceCode.getFirstToken(task.fn, { filter: (token) => token.value === '(' }) : null;
                      if (paren) fixes.push(fixer.insertTextAfter(paren, 'signal'));
                      return fixes;
                    },
                  },
                ]
              : [],
          });
          return;
        }
        context.report({
          node: call,
          messageId: 'missingSignal',
          data: { call: name },
          suggest: fixable
            ? [
                {
                  messageId: 'addTimeoutSignal',
                  data: { ms: String(timeoutMs) },
                  fix: (fixer) => addSignalFixes(fixer, call, verdict, `signal: AbortSignal.timeout(${timeoutMs})`),
                },
              ]
            : [],
        });
      },
    };
  },
});

/**
 * no-unowned-state: module-level state that belongs to no supervisor.
 *
 * Reported nodes (what `spawnguard fix` rewrites):
 * - `moduleContainer`: the container's INITIALISER (`new Map()`, `{}`, `new LRUCache({...})`) in a
 *   module-scope declarator. The codemod replaces exactly that expression with
 *   `supervise.cache('<id>', () => <initialiser>)` (object literals wrapped in parentheses), id from
 *   `cacheIdFor(name, filename)` in src/detect/component-names.ts, and adds the runtime import.
 * - `startupRegistry`: the initialiser of a container that top-level statements fill and functions
 *   read. Needs a human: the filling statements must move into the factory. No fix.
 * - `topLevelInit`: the CallExpression of a top-level statement (`initCache()`, without `await`).
 *   Needs a human: the call must move into its owner's start. No fix.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { cacheIdFor } from '../src/detect/component-names.js';
import { isDevelopmentTooling, isEntryFile } from '../src/detect/entry-files.js';
import { runsInBrowser } from '../src/detect/browser-code.js';
import { isOneShotScript, isProgramFile } from '../src/detect/code-roles.js';
import { moduleContainers, topLevelInitCalls, unownedStateOf } from '../src/detect/module-state.js';
import { createRule, type SpawnguardRuleMeta } from '../src/detect/rule.js';
import { sourceStyleOf } from '../src/detect/source-style.js';
import { cacheTypeArgument, superviseCacheCall } from '../src/rewrite/shapes.js';
import { addRuntimeImport, isShadowedRuntimeName } from '../src/detect/runtime-import.js';
import { snippet } from '../src/ast/snippet.js';

const meta = {
  messages: {
    moduleContainer:
      "`{{name}}` ({{kind}}) is module-level state that functions change: no supervisor owns it, so it keeps stale entries across its owner's restarts, grows for the life of the process and cannot be reset in tests. Give it an owner: `supervise.cache('{{id}}', () => {{init}})`.",
    startupRegistry:
      "`{{name}}` ({{kind}}) is a registry filled once by top-level code and read by functions: nothing rebuilds it when its owner restarts and tests cannot reset it. Move the filling into the factory of `supervise.cache('{{id}}', () => ...)`.",
    topLevelInit:
      '`{{call}}` initialises state when the module loads, outside any supervisor: it never runs again when its owner restarts and every importer (tests included) pays for it. Run it when its owner starts, e.g. in the factory of `supervise.cache(...)`.',
    useSuperviseCache: "Own it: `supervise.cache('{{id}}', () => {{init}})`.",
  },
  schema: [
    {
      type: 'object',
      properties: {
        checkWeakContainers: {
          type: 'boolean',
          description: 'Also flag module-level WeakMap / WeakSet / WeakRef memo tables (default false).',
        },
        checkTopLevelInit: {
          type: 'boolean',
          description: 'Flag top-level calls that initialise state, such as `initCache()` (default true).',
        },
      },
      additionalProperties: false,
    },
  ],
} satisfies SpawnguardRuleMeta;

export type MessageIds = keyof typeof meta.messages;
export type Options = [{ checkWeakContainers?: boolean; checkTopLevelInit?: boolean }];

/** `strict` also flags WeakMap / WeakSet / WeakRef memo tables at module scope. */
export const strictOptions: Options = [{ checkWeakContainers: true }];


/** The factory body `supervise.cache` needs: object literals are wrapped so the arrow returns them. */
function factoryBody(init: TSESTree.Expression, text: string): string {
  return init.type === AST_NODE_TYPES.ObjectExpression ? `(${text})` : text;
}

export default createRule<Options, MessageIds>({
  name: 'no-unowned-state',
  meta,
  defaultOptions: [{ checkWeakContainers: false, checkTopLevelInit: true }],
  create(context, [{ checkWeakContainers = false, checkTopLevelInit = true }]) {
    const sourceCode = context.sourceCode;
    const filename = context.filename;
    // A page reload resets browser code's module state, and a development script's state lives one
    // run: no owner restarts either while the module stays loaded. The file's answer is the whole
    // answer here: what this rule reports is module-level code, which in a Next.js page split by
    // `runsInBrowserAt` is server code (it runs when the server loads the page).
    if (runsInBrowser(filename, sourceCode) || isDevelopmentTooling(filename)) return {};
    return {
      'Program:exit'(program: TSESTree.Program) {
        // A one-shot script's state, wherever it sits, lives one run as well: asked only when a container would be reported.
        let oneShot: boolean | undefined;
        for (const container of moduleContainers(program, sourceCode, context.filename)) {
          const finding = unownedStateOf(container, checkWeakContainers);
          if (!finding) continue;
          if ((oneShot ??= isOneShotScript(filename, program, sourceCode.text))) break;
          const id = cacheIdFor(container.name, filename);
          const initText = sourceCode.getText(container.init);
          const data = { name: container.name, kind: container.kind, id, init: snippet(factoryBody(container.init, initText)) };
          if (finding === 'filled-at-start-up') {
            context.report({ node: container.init, messageId: 'startupRegistry', data });
            continue;
          }
          const scope = sourceCode.getScope(container.declarator);
          const declared = container.declarator.id.type === AST_NODE_TYPES.Identifier ? container.declarator.id.typeAnnotation?.typeAnnotation : undefined;
          const typeArgument = cacheTypeArgument(declared, (node) => sourceCode.getText(node as TSESTree.Node));
          const isObjectLiteral = container.init.type === AST_NODE_TYPES.ObjectExpression;
          const replacement = superviseCacheCall('supervise', id, initText, isObjectLiteral, typeArgument ?? undefined, sourceStyleOf(sourceCode.text));
          context.report({
            node: container.init,
            messageId: 'moduleContainer',
            data,
            suggest: isShadowedRuntimeName('supervise', scope) || typeArgument === null
              ? []
              : [
                  {
                    messageId: 'useSuperviseCache',
                    data,
                    fix: (fixer: TSESLint.RuleFixer) => {
                      const importFix = addRuntimeImport(fixer, sourceCode, filename, 'supervise', scope);
                      const rewrite = fixer.replaceText(container.init, replacement);
                      return importFix ? [rewrite, importFix] : [rewrite];
                    },
                  },
                ],
          });
        }
        // In an entry file (a server's main, a script, an example) or a file that is run, not imported, top-level calls are the program itself.
        if (!checkTopLevelInit || isEntryFile(filename) || isProgramFile(filename, program, sourceCode.text)) return;
        for (const call of topLevelInitCalls(program, sourceCode)) {
          context.report({ node: call, messageId: 'topLevelInit', data: { call: snippet(sourceCode.getText(call)) } });
        }
      },
    };
  },
});

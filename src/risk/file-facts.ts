import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { calleeName, keyName, staticString } from '../ast/names.js';
import { walk } from '../ast/walk.js';
import type { FileFacts, ProjectFacts } from './types.js';
import { isListenerMethod } from '../detect/api-shapes.js';

const PROCESS_ERROR_EVENTS = new Set(['unhandledRejection', 'uncaughtException']);

function isProcess(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'process';
  // globalThis.process / global.process
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    (node.object.name === 'globalThis' || node.object.name === 'global') &&
    keyName(node) === 'process'
  );
}

/** The handler argument of `process.on('unhandledRejection' | 'uncaughtException', handler)` / `process.setUncaughtExceptionCaptureCallback(handler)`. */
function processErrorHandler(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (!isProcess(node.callee.object)) return null;
  const name = calleeName(node);
  if (name === 'setUncaughtExceptionCaptureCallback') return node.arguments[0] ?? null;
  const event = staticString(node.arguments[0]);
  return name !== null && isListenerMethod(name) && event !== null && PROCESS_ERROR_EVENTS.has(event) ? (node.arguments[1] ?? null) : null;
}

const ENDING_PROCESS_METHODS = new Set(['exit', 'abort', 'kill', 'reallyExit']);

/** `throw`, or `process.exit/abort/kill(...)`, anywhere in the handler (a delayed exit still ends the process). */
function endsProcess(fn: TSESTree.Node): boolean {
  let ends = false;
  walk(fn, (node) => {
    if (node.type === AST_NODE_TYPES.ThrowStatement) ends = true;
    else if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && isProcess(node.callee.object)) {
      if (ENDING_PROCESS_METHODS.has(calleeName(node) ?? '')) ends = true;
    }
  });
  return ends;
}

/** The function a handler argument denotes in this file: inline, or a function declaration / const bound to one. */
function handlerFunction(handler: TSESTree.Node, program: TSESTree.Program): TSESTree.Node | null {
  if (handler.type === AST_NODE_TYPES.ArrowFunctionExpression || handler.type === AST_NODE_TYPES.FunctionExpression) return handler;
  if (handler.type !== AST_NODE_TYPES.Identifier) return null;
  let found: TSESTree.Node | null = null;
  walk(program, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === handler.name) found = node;
    else if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      node.id.type === AST_NODE_TYPES.Identifier &&
      node.id.name === handler.name &&
      (node.init?.type === AST_NODE_TYPES.ArrowFunctionExpression || node.init?.type === AST_NODE_TYPES.FunctionExpression)
    ) {
      found = node.init;
    }
  });
  return found;
}

/**
 * A process-wide error handler that keeps the process alive: a crash becomes a lost piece of work.
 * One that rethrows or exits (at once or after a delay) still ends the process, so it changes
 * nothing. A handler defined elsewhere (imported) is taken at its word: it is installed to survive.
 */
function installsProcessErrorHandler(node: TSESTree.Node, program: TSESTree.Program): boolean {
  const handler = processErrorHandler(node);
  if (!handler) return false;
  const fn = handlerFunction(handler, program);
  return fn === null || !endsProcess(fn);
}

/**
 * `Application.start({ ..., reportUnhandledRejections: true })`: the runtime installs a reporting
 * `unhandledRejection` handler, which turns crashes into reported losses just the same.
 */
function startsReportingApplication(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const owner = node.callee.object;
  const ownerName = owner.type === AST_NODE_TYPES.Identifier ? owner.name : owner.type === AST_NODE_TYPES.MemberExpression ? keyName(owner) : null;
  const options = node.arguments[0];
  return (
    ownerName === 'Application' &&
    calleeName(node) === 'start' &&
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'reportUnhandledRejections' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === true,
    )
  );
}

/**
 * Whether a file's text can hold a fact `collectFileFacts` looks for: a cheap test that lets a run
 * which does not lint a file (a shard, a changed-files run) skip parsing it. It must name every
 * identifier the collector keys on.
 */
export function mayContributeFacts(text: string): boolean {
  return /unhandledRejection|uncaughtException|setUncaughtExceptionCaptureCallback|reportUnhandledRejections/.test(text);
}

export function collectFileFacts(program: TSESTree.Program): FileFacts {
  let installs = false;
  walk(program, (node) => {
    if (!installs && (installsProcessErrorHandler(node, program) || startsReportingApplication(node))) installs = true;
  });
  return { installsProcessErrorHandler: installs };
}

export function mergeFacts(files: readonly FileFacts[]): ProjectFacts {
  return { hasProcessErrorHandler: files.some((facts) => facts.installsProcessErrorHandler) };
}

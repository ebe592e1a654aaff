import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
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

/** `process.on('unhandledRejection' | 'uncaughtException', ...)` and `process.setUncaughtExceptionCaptureCallback(...)`. */
function installsProcessErrorHandler(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (!isProcess(node.callee.object)) return false;
  const name = calleeName(node);
  if (name === 'setUncaughtExceptionCaptureCallback') return true;
  const event = staticString(node.arguments[0]);
  return name !== null && isListenerMethod(name) && event !== null && PROCESS_ERROR_EVENTS.has(event) && node.arguments.length > 1;
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
    if (!installs && (installsProcessErrorHandler(node) || startsReportingApplication(node))) installs = true;
  });
  return { installsProcessErrorHandler: installs };
}

export function mergeFacts(files: readonly FileFacts[]): ProjectFacts {
  return { hasProcessErrorHandler: files.some((facts) => facts.installsProcessErrorHandler) };
}

/**
 * Functions of the project that a call reaches by syntax alone, in this file or in the file a relative
 * import names: `this.helper(...)` on the enclosing class or on a class it extends (`class Webhook
 * extends require('./notification-provider')`), and a function imported from a project file. Where an
 * import lands and what a file binds or exports is project-modules' answer; another file is read
 * through project-files' parse cache.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { thisClassAt, type ClassNode } from '../ast/classes.js';
import { isFunctionNode, type FunctionNode } from '../ast/functions.js';
import { keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { exportedNode, moduleFile, topLevelBinding } from './project-modules.js';

/** A function and the file it is written in. */
export interface ProjectFunction {
  fn: FunctionNode;
  fileName: string;
}

/** A program and the file it was read from. */
interface ParsedFile {
  fileName: string;
  program: TSESTree.Program;
}

/** How far a chain of names, imports and `extends` is followed. */
const MAX_HOPS = 4;

/** The class or function `node` of `file` denotes, following names, imports and re-exports across files. */
function declarationOf(node: TSESTree.Node, file: ParsedFile, hops: number): { node: ClassNode | FunctionNode; file: ParsedFile } | null {
  if (hops > MAX_HOPS) return null;
  const value = skipTransparentWrappers(node);
  if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression || isFunctionNode(value)) {
    return { node: value, file };
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = topLevelBinding(file.program, value.name);
  if (binding === null) return null;
  if (binding.kind === 'local') return declarationOf(binding.node, file, hops + 1);
  const target = moduleFile(file.fileName, binding.specifier);
  const exported = target ? exportedNode(target, binding.path) : null;
  return exported && exported.rest.length === 0
    ? declarationOf(exported.node, { fileName: exported.file.fileName, program: exported.file.program }, hops + 1)
    : null;
}

/**
 * `logger.dumpAndExit`, `logger` a top-level name of `file`: a module it loads (`require('./logger')`,
 * `import logger from './logger.js'`, whose export of that name is read) or an object literal of the
 * file. A member of anything else (an instance, a parameter) is not known by syntax.
 */
function memberDeclarationOf(node: TSESTree.MemberExpression, file: ParsedFile, hops: number): { node: ClassNode | FunctionNode; file: ParsedFile } | null {
  const key = keyName(node);
  const object = skipTransparentWrappers(node.object);
  if (key === null || object.type !== AST_NODE_TYPES.Identifier) return null;
  const binding = topLevelBinding(file.program, object.name);
  if (binding === null) return null;
  if (binding.kind === 'local') return memberOfValue(binding.node, [key], file, hops + 1);
  const target = moduleFile(file.fileName, binding.specifier);
  const exported = target ? exportedNode(target, [...binding.path, key]) : null;
  return exported ? memberOfValue(exported.node, exported.rest, { fileName: exported.file.fileName, program: exported.file.program }, hops + 1) : null;
}

/** What `rest` (no member, or one) reads off `value`: the value itself, or a property or method of an object literal. */
function memberOfValue(value: TSESTree.Node, rest: readonly string[], file: ParsedFile, hops: number): { node: ClassNode | FunctionNode; file: ParsedFile } | null {
  if (rest.length === 0) return declarationOf(value, file, hops);
  const object = skipTransparentWrappers(value);
  if (rest.length !== 1 || object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const property = object.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && keyName(candidate) === rest[0]);
  return property ? declarationOf(property.value, file, hops) : null;
}

/** The method `name` of a class's instances: its own, or the nearest one up its `extends` chain. */
function instanceMethod(owner: ClassNode, name: string, file: ParsedFile, hops: number): ProjectFunction | null {
  for (const member of owner.body.body) {
    if ((member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) || member.static) continue;
    if (member.computed || keyName(member) !== name) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition) return member.kind === 'method' ? { fn: member.value as FunctionNode, fileName: file.fileName } : null;
    const value = member.value ? skipTransparentWrappers(member.value) : null;
    return value && isFunctionNode(value) ? { fn: value, fileName: file.fileName } : null;
  }
  if (!owner.superClass || hops > MAX_HOPS) return null;
  const base = declarationOf(owner.superClass, file, hops + 1);
  return base && (base.node.type === AST_NODE_TYPES.ClassDeclaration || base.node.type === AST_NODE_TYPES.ClassExpression)
    ? instanceMethod(base.node, name, base.file, hops + 1)
    : null;
}

/**
 * The function a callee written in `program` (the file `fileName`) calls, when syntax shows it:
 * `this.helper` on the enclosing class or a class it extends, in this file or another one, a
 * top-level function of this file or imported from a project file.
 */
export function projectFunctionOf(callee: TSESTree.Node, program: TSESTree.Program, fileName: string): ProjectFunction | null {
  const node = skipTransparentWrappers(callee);
  const file = { fileName, program };
  if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
    const owner = thisClassAt(node);
    const name = keyName(node);
    return owner && name !== null ? instanceMethod(owner, name, file, 0) : null;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const found = declarationOf(node, file, 0);
  return found && isFunctionNode(found.node) ? { fn: found.node, fileName: found.file.fileName } : null;
}

/**
 * The function `logger.dumpAndExit(...)` calls, written in `program` (the file `fileName`), when
 * `logger` is a top-level name for a project module (`require('./logger')`, `import logger from`) or
 * an object literal of the file: Haraka's `uncaughtException` handler exits through its logger module.
 */
export function moduleMemberFunctionOf(callee: TSESTree.Node, program: TSESTree.Program, fileName: string): ProjectFunction | null {
  const node = skipTransparentWrappers(callee);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return null;
  const found = memberDeclarationOf(node, { fileName, program }, 0);
  return found && isFunctionNode(found.node) ? { fn: found.node, fileName: found.file.fileName } : null;
}

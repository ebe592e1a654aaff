import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { keyName } from './names.js';
import { namedMemo } from './memo.js';
import { walk } from './walk.js';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export function isClassNode(node: TSESTree.Node): node is ClassNode {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}

/**
 * The class whose instance `this` denotes at `node`: the nearest non-arrow function must be one of
 * the class's methods or accessors (or `node` sits in a field initialiser / static block).
 */
export function thisClassAt(node: TSESTree.Node): ClassNode | null {
  let current: TSESTree.Node | undefined = node.parent;
  while (current) {
    if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) {
      const holder = current.parent;
      if (holder?.type === AST_NODE_TYPES.MethodDefinition && holder.parent.parent && isClassNode(holder.parent.parent)) {
        return holder.parent.parent;
      }
      return null;
    }
    if (
      (current.type === AST_NODE_TYPES.PropertyDefinition || current.type === AST_NODE_TYPES.StaticBlock) &&
      current.parent.parent &&
      isClassNode(current.parent.parent)
    ) {
      return current.parent.parent;
    }
    current = current.parent;
  }
  return null;
}

/** `this.x` / `this.#x` / `this['x']` with `this` the instance of a class: its field name (`#x` for private). */
export function thisFieldName(node: TSESTree.Node): string | null {
  const member = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object.type !== AST_NODE_TYPES.ThisExpression) return null;
  return keyName(member);
}

/**
 * Every value the class `owner` gives its field `name`: the field's initialiser and each `this.name = v`
 * in its body (nested functions included, nested classes not: an extra value can only make an answer
 * built on them less certain). Null when some write is not a plain `=` (`this.name ??= v`,
 * `this.name++`, a destructuring target), whose value this reading does not follow.
 */
export function thisFieldValues(owner: ClassNode, name: string): TSESTree.Expression[] | null {
  return fieldValues.get(owner, name, () => readFieldValues(owner, name));
}

/** `thisFieldValues` per class node and field: a class's body is walked once per field asked about. */
const fieldValues = namedMemo<ClassNode, TSESTree.Expression[] | null>();

function readFieldValues(owner: ClassNode, name: string): TSESTree.Expression[] | null {
  const values: TSESTree.Expression[] = [];
  let unknownWrite = false;
  walk(owner.body, (node) => {
    if (unknownWrite) return 'stop';
    if (isClassNode(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.static && !node.computed && keyName(node) === name) {
      if (node.value) values.push(node.value);
      return undefined;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression || thisFieldName(node) !== name) return undefined;
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) {
      if (parent.operator === '=') values.push(parent.right);
      else unknownWrite = true;
    } else if (
      parent?.type === AST_NODE_TYPES.UpdateExpression ||
      parent?.type === AST_NODE_TYPES.ArrayPattern ||
      parent?.type === AST_NODE_TYPES.AssignmentPattern ||
      parent?.type === AST_NODE_TYPES.RestElement ||
      (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectPattern)
    ) {
      unknownWrite = true;
    }
    return undefined;
  });
  return unknownWrite ? null : values;
}

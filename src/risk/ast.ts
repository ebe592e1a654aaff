import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
export { isFunctionNode, type FunctionNode } from '../detect/ast.js';

/**
 * Generic ESTree walking for the risk model and the tree reconstruction. The ASTs come from
 * typescript-estree or espree; typescript-eslint's visitor keys cover both (they extend ESLint's).
 * A node type missing from the table (a newer parser) is searched by shape instead. Every walk is
 * iterative: audited files may nest deeper than the JS stack allows.
 */
const NON_CHILD_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);
const VISITOR_KEYS = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const fields = node as unknown as Record<string, unknown>;
  const keys = VISITOR_KEYS[node.type] ?? Object.keys(fields).filter((key) => !NON_CHILD_KEYS.has(key));
  const children: TSESTree.Node[] = [];
  for (const key of keys) {
    const value = fields[key];
    if (Array.isArray(value)) {
      for (const element of value) if (isNode(element)) children.push(element);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

/** Calls `visit` on every node under `root` (root included), depth first, in source order. */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

/**
 * The chain of nodes from `program` down to the innermost node that contains `range`, outermost
 * first (`[Program, statement, ..., innermost]`).
 */
export function pathTo(program: TSESTree.Program, range: readonly [number, number]): TSESTree.Node[] {
  const [start, end] = range;
  const path: TSESTree.Node[] = [program];
  let node: TSESTree.Node = program;
  for (;;) {
    const next: TSESTree.Node | undefined = childNodes(node).find((child) => child.range[0] <= start && end <= child.range[1]);
    if (!next) return path;
    path.push(next);
    node = next;
  }
}

/** The value of a string literal or of a template literal without substitutions; else null. */
export function staticString(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : null;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** The static name of a property key (`a`, `'a'`, `#a`), or null when computed from an expression. */
export function propertyKeyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed && (key.type === AST_NODE_TYPES.Identifier || key.type === AST_NODE_TYPES.PrivateIdentifier)) {
    return key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${key.name}` : key.name;
  }
  const value = staticString(key);
  if (value !== null) return value;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'number' ? String(key.value) : null;
}

/** `obj.name` / `obj['name']` -> `name`; null for computed access. */
export function memberName(node: TSESTree.MemberExpression): string | null {
  return propertyKeyName(node.property, node.computed);
}

/** The name a call is known by: `f()` -> `f`, `a.b.f()` -> `f`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return null;
}

/** The name of the function at `path[index]` if it has one: declaration, `const f = () => ...`, method, property. */
export function functionName(path: readonly TSESTree.Node[], index: number): string | null {
  const fn = path[index];
  if (!fn) return null;
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) {
    return fn.id.name;
  }
  const parent = path[index - 1];
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id.name;
  }
  if (
    (parent.type === AST_NODE_TYPES.MethodDefinition ||
      parent.type === AST_NODE_TYPES.Property ||
      parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === fn
  ) {
    return propertyKeyName(parent.key, parent.computed);
  }
  return null;
}

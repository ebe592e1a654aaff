import type { TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/**
 * The one way to walk an ESTree. The ASTs come from typescript-estree or espree; typescript-eslint's
 * visitor keys cover both (they extend ESLint's). A node type missing from the table (a newer parser)
 * is searched by shape instead. Every walk is iterative: audited files may nest deeper than the JS
 * stack allows.
 */
const NON_CHILD_KEYS = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);
const VISITOR_KEYS = visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** A node's children, in source order. */
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

/** What a visitor tells the walk: go on (undefined), do not enter this node's children, or end the walk. */
export type WalkControl = void | 'skip' | 'stop';

/**
 * Calls `visit` on every node under `root` (root included), depth first, in source order. Returns
 * true when a visit stopped the walk.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => WalkControl): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const control = visit(node);
    if (control === 'stop') return true;
    if (control === 'skip') continue;
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return false;
}

/** Sets every node's `parent` under `root`, as ESLint does while it traverses a file it lints: for a file parsed outside the linter. */
export function linkParents(root: TSESTree.Node): void {
  walk(root, (node) => {
    for (const child of childNodes(node)) (child as { parent?: TSESTree.Node }).parent = node;
  });
}

/** Every node under `root` (root included), depth first, in source order. */
export function* descendants(root: TSESTree.Node): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}

/**
 * Whether a node under `root` (root included) matches, not looking inside the nodes `opaque` accepts
 * (typically nested functions, whose code runs at another time).
 */
export function someNode(
  root: TSESTree.Node,
  matches: (node: TSESTree.Node) => boolean,
  opaque: (node: TSESTree.Node) => boolean = () => false,
): boolean {
  return walk(root, (node) => (matches(node) ? 'stop' : opaque(node) ? 'skip' : undefined));
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

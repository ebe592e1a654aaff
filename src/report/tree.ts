import type { SupervisionNode, SupervisionTree } from '../tree/tree.js';
import { colours } from './table.js';

/** Formatters for `spawnguard tree`: a box-drawing text tree like OTP's (docs/architecture.md), mermaid, json. */
export type TreeFormat = 'text' | 'mermaid' | 'json';
export type TreeFormatter = (tree: SupervisionTree, options: { color: boolean }) => string;

/** One line of text for a node, without colour: `db [one_for_all]`, `flush (interval)`, `HIGH no-floating-promise src/a.ts > f`. */
export function nodeText(node: SupervisionNode): string {
  switch (node.kind) {
    case 'finding':
      return `${node.risk ?? ''} ${node.ruleId ?? ''}  ${node.label}`.trim();
    case 'unsupervised':
      return `${node.label} ${node.annotation ?? ''}`.trim();
    case 'application':
    case 'supervisor':
      return `${node.label} ${node.annotation ?? ''}`.trim();
    default:
      return node.annotation ? `${node.label} (${node.annotation})` : node.label;
  }
}

function locationText(node: SupervisionNode): string {
  return node.location ? `${node.location.file}:${node.location.line}:${node.location.column}` : '';
}

export function formatTreeText(tree: SupervisionTree, options: { color: boolean }): string {
  const c = colours(options.color);
  if (tree.roots.length === 0) return 'No supervision tree declared and no unsupervised spawns found.\n';
  const paint = (node: SupervisionNode, text: string): string => {
    if (node.kind === 'unsupervised') return c.red.bold(text);
    if (node.kind === 'finding') return node.risk === 'HIGH' ? c.red(text) : node.risk === 'MEDIUM' ? c.yellow(text) : c.cyan(text);
    if (node.kind === 'unknown') return c.dim(text);
    return node.children.length > 0 ? c.bold(text) : text;
  };
  const line = (node: SupervisionNode) => {
    const where = locationText(node);
    return paint(node, nodeText(node)) + (where ? `  ${c.dim(where)}` : '');
  };
  const out: string[] = [];
  // Iterative: a declared tree can be deep, and the walk must never overflow.
  const stack: { node: SupervisionNode; prefix: string; last: boolean; depth: number }[] = [];
  tree.roots.forEach((root, index) => {
    if (index > 0) out.push('');
    stack.push({ node: root, prefix: '', last: true, depth: 0 });
    while (stack.length > 0) {
      const { node, prefix, last, depth } = stack.pop()!;
      out.push(depth === 0 ? line(node) : `${prefix}${last ? '└── ' : '├── '}${line(node)}`);
      const childPrefix = depth === 0 ? '' : prefix + (last ? '    ' : '│   ');
      for (let i = node.children.length - 1; i >= 0; i--) {
        stack.push({ node: node.children[i]!, prefix: childPrefix, last: i === node.children.length - 1, depth: depth + 1 });
      }
    }
  });
  return `${out.join('\n')}\n`;
}

function mermaidLabel(text: string): string {
  return `"${text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')}"`;
}

export function formatTreeMermaid(tree: SupervisionTree): string {
  const out = ['graph TD'];
  const unsupervised: string[] = [];
  let next = 0;
  const stack: { node: SupervisionNode; parent: string | null }[] = tree.roots.map((node) => ({ node, parent: null })).reverse();
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    const id = `n${next++}`;
    const where = locationText(node);
    const label = mermaidLabel(where ? `${nodeText(node)}<br/>${where}` : nodeText(node)).replace('#lt;br/#gt;', '<br/>');
    out.push(parent === null ? `  ${id}[${label}]` : `  ${parent} --> ${id}[${label}]`);
    if (node.kind === 'unsupervised' || node.kind === 'finding') unsupervised.push(id);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, parent: id });
  }
  if (unsupervised.length > 0) {
    out.push('  classDef unsupervised stroke:#d33,stroke-width:2px,stroke-dasharray:4 2', `  class ${unsupervised.join(',')} unsupervised`);
  }
  return `${out.join('\n')}\n`;
}

export function formatTreeJson(tree: SupervisionTree): string {
  return `${JSON.stringify(tree, null, 2)}\n`;
}

export const treeFormatters: Record<TreeFormat, TreeFormatter> = {
  text: formatTreeText,
  mermaid: formatTreeMermaid,
  json: formatTreeJson,
};

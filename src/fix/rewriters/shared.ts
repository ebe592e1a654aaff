import type { ASTPath } from 'jscodeshift';
import type { RewriteContext } from '../transform.js';

/**
 * For shapes whose rewrite is all about where a token goes (an option added to the right argument,
 * a parameter added to the right function), the rule's own suggestion is the rewrite: its text edit is
 * applied as it stands, so that placement logic exists once, in the rule.
 */
export const APPLY_SUGGESTION = 'apply-suggestion' as const;

/** Babel node types that share an expression's range but are not the expression itself. */
const STATEMENT_OR_WRAPPER = /Statement$|^(Program|File)$/;

/** The expression among the nodes at the reported range (a statement without `;` has the same range). */
export function expressionAt(candidates: readonly ASTPath<any>[]): ASTPath<any> | undefined {
  return candidates.find((path) => !STATEMENT_OR_WRAPPER.test(path.node.type));
}

/** Replaces the node at `path`, handing its comments to the replacement so none is lost (jscodeshift #271). */
export function replaceKeepingComments(path: ASTPath<any>, replacement: any): void {
  const comments = path.node.comments;
  if (comments && comments.length > 0) {
    replacement.comments = [...(replacement.comments ?? []), ...comments];
    path.node.comments = null;
  }
  path.replace(replacement);
}

/** `tasks.start`, `supervise.interval`, ... with the file's local name for the runtime export. */
export function runtimeMember(context: RewriteContext, exportName: string, member: string): any {
  const { j, runtime } = context;
  return j.memberExpression(j.identifier(runtime.local(exportName)), j.identifier(member));
}

/**
 * The node inside parentheses and non-null assertions. Babel marks a parenthesized node with
 * `extra.parenthesized`, and recast prints the parentheses again wherever the node moves, so a node
 * taken out of its parentheses loses the mark.
 */
export function unwrapParenthesized(node: any): any {
  let current = node;
  while (current.type === 'ParenthesizedExpression' || current.type === 'TSNonNullExpression') current = current.expression;
  if (current.extra?.parenthesized) current.extra = { ...current.extra, parenthesized: false };
  return current;
}

export function isFunctionNode(node: any): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

/**
 * The code of a node as it stands now (rewrites already made inside it included), printed by recast
 * from the original text where unchanged.
 */
export function codeOf(context: RewriteContext, node: any): string {
  return context.j(node).toSource({ quote: context.quote, wrapColumn: Number.MAX_SAFE_INTEGER });
}

/**
 * An expression parsed from text: recast prints such a node exactly as the text has it, where a
 * built node would be laid out by recast's printer (objects and if-bodies over several lines).
 */
export function parseExpression(context: RewriteContext, code: string): any {
  // The right side of an assignment: no parentheses of ours to strip (changing the node would make
  // recast lay it out anew).
  return context.j(`_ = ${code};`).find(context.j.AssignmentExpression).get().node.right;
}

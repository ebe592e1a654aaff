import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * Decisions the project already made about the same problem under another linter's name. A project
 * that runs typescript-eslint and disables `@typescript-eslint/no-misused-promises` on a line has read
 * that line and decided the promise may be dropped there; spawnguard reporting it again under its own
 * name repeats a question already answered.
 */

/** `eslint-disable-line` / `eslint-disable-next-line` / `eslint-disable` (block) and the rules they name. */
const DIRECTIVE = /^\s*eslint-(disable|disable-line|disable-next-line|enable)(?:\s+([^-][\s\S]*?))?(?:\s+--[\s\S]*)?$/;

interface Directive {
  kind: 'disable' | 'disable-line' | 'disable-next-line' | 'enable';
  /** Rule names; empty: every rule. */
  rules: string[];
  comment: TSESTree.Comment;
}

/** A comment that marks a known problem left for later (`TODO: handle this`, `FIXME`): a note, never a decision or a reason. */
export const PROBLEM_MARKER = /^\s*(TODO|FIXME|XXX|HACK|BUG)\b/;

function parseDirective(comment: TSESTree.Comment): Directive | null {
  const match = DIRECTIVE.exec(comment.value);
  if (!match) return null;
  const rules = (match[2] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return { kind: match[1] as Directive['kind'], rules, comment };
}

/**
 * `node` sits on a line where one of `ruleNames` is disabled: by `eslint-disable-next-line` on the line
 * above the node's first line (or above the statement it starts), by `eslint-disable-line` on its first
 * line, or inside an `eslint-disable` block not yet re-enabled. A directive with no rule names
 * disables everything, which says nothing about this rule in particular: it does not count; nor does
 * one under a `// TODO` (or with a `-- TODO ...` reason), which marks a problem left for later.
 */
export function disabledForRule(node: TSESTree.Node, lines: readonly number[], ruleNames: readonly string[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const names = (directive: Directive): boolean => directive.rules.some((rule) => ruleNames.includes(rule));
  const comments = sourceCode.getAllComments();
  // `// TODO` just above the directive (or in its `-- reason`): silenced for now, a known problem, not a decision.
  const markedAsProblem = (comment: TSESTree.Comment): boolean =>
    PROBLEM_MARKER.test(comment.value.split('--').slice(1).join('--')) ||
    comments.some((other) => other.loc.end.line === comment.loc.start.line - 1 && PROBLEM_MARKER.test(other.value));
  let blockDisabled = false;
  for (const comment of comments) {
    const directive = parseDirective(comment);
    if (!directive || !names(directive) || markedAsProblem(comment)) continue;
    const line = comment.loc.start.line;
    if (directive.kind === 'disable-next-line' && lines.includes(comment.loc.end.line + 1)) return true;
    if (directive.kind === 'disable-line' && lines.includes(line)) return true;
    if (comment.range[1] <= node.range[0]) {
      if (directive.kind === 'disable') blockDisabled = true;
      if (directive.kind === 'enable') blockDisabled = false;
    }
  }
  return blockDisabled;
}

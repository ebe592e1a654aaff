import { parse } from '@typescript-eslint/parser';
import type { JSCodeshift } from 'jscodeshift';
import type { RuleId } from '../../../rules/index.js';
import { locateFindings, type ReportedFinding } from '../../../src/fix/finding-locator.js';
import { rewritersFor } from '../../../src/fix/rewriters/index.js';
import { rewriteRefusal } from '../../../src/rewrite/refusals.js';

/** Checks on a file's text shared by the codemod proofs (fuzz, CLI, demo app). */

/** The findings `spawnguard fix` promises to leave none of: suggestable, with a rewriter for their messageId. */
export function isFixable(finding: Pick<ReportedFinding, 'ruleId' | 'messageId' | 'suggestable'>): boolean {
  return finding.suggestable && rewritersFor(finding.ruleId)[finding.messageId] !== undefined;
}

export function fixableFindings(source: string, absolutePath: string, rules: readonly RuleId[], root: string): ReportedFinding[] {
  const located = locateFindings(source, absolutePath, rules, root);
  if (located.parseError) throw new Error(`${absolutePath} does not parse: ${located.parseError.message}`);
  // A finding left to a human with a reason (the rewrite would change what the code does) is not fixable.
  return located.findings.filter((finding) => isFixable(finding) && !rewriteRefusal(finding, located.sourceCode!, absolutePath));
}

/** The parse error of the text under @typescript-eslint/parser, or undefined when it parses. */
export function typescriptEslintParseError(source: string, path: string): string | undefined {
  try {
    parse(source, { jsx: /\.[jt]sx$/.test(path), comment: true, loc: true, range: true, filePath: path });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The parse error of the text under jscodeshift's parser (Babel for `tsx`), or undefined when it parses. */
export function jscodeshiftParseError(source: string, j: JSCodeshift): string | undefined {
  try {
    j(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every comment's text with how often it occurs, read by a parser (a `//` inside a string is no comment). */
export function commentCounts(source: string, path: string): Map<string, number> {
  const { comments = [] } = parse(source, { jsx: /\.[jt]sx$/.test(path), comment: true, filePath: path });
  const counts = new Map<string, number>();
  for (const comment of comments) counts.set(comment.value.trim(), (counts.get(comment.value.trim()) ?? 0) + 1);
  return counts;
}

/** Comments of `before` that `after` holds fewer times (or not at all): `text (before -> after)`. */
export function lostComments(before: string, after: string, path: string): string[] {
  const afterCounts = commentCounts(after, path);
  return [...commentCounts(before, path)]
    .filter(([text, count]) => (afterCounts.get(text) ?? 0) < count)
    .map(([text, count]) => `${text} (${count} -> ${afterCounts.get(text) ?? 0})`);
}

/** Top-level import declarations and `require` declarations of the runtime package. */
export function runtimeImportCount(source: string, path: string, specifier = '@spawnguard/runtime'): number {
  const program = parse(source, { jsx: /\.[jt]sx$/.test(path), filePath: path });
  return program.body.filter((statement) => {
    if (statement.type === 'ImportDeclaration') return statement.source.value === specifier;
    if (statement.type !== 'VariableDeclaration') return false;
    return statement.declarations.some(
      ({ init }) =>
        init?.type === 'CallExpression' &&
        init.callee.type === 'Identifier' &&
        init.callee.name === 'require' &&
        init.arguments[0]?.type === 'Literal' &&
        init.arguments[0].value === specifier,
    );
  }).length;
}

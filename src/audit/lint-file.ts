import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { RiskModel } from '../risk/types.js';
import { scopesOfSourceCode } from '../ast/scopes.js';
import { isFixableShape } from '../catalogue/rules.js';
import { reportedNode, rewriteRefusal } from '../rewrite/refusals.js';
import type { FileFinding, FileOutcome } from './cache.js';
import type { FileLinter } from './linting.js';

export interface LintFileOptions {
  riskModel: RiskModel;
  /** Sees the file's ESTree and scopes while they are alive (the tree command reads them). */
  onFileAst?: ((file: string, ast: TSESTree.Program, sourceCode: Readonly<TSESLint.SourceCode>) => void) | undefined;
}

/** Lints one file and locates its findings; a rule or the risk model that throws makes the file's error. */
export function lintFile(linter: FileLinter, options: LintFileOptions, absolutePath: string, text: string, file: string): FileOutcome {
  try {
    const lint = linter.lint(absolutePath, text);
    if (!lint.ok) return { ok: false, line: lint.line, column: lint.column, message: lint.message };
    const findings = lint.messages.map((message): FileFinding => {
      const finding: FileFinding = {
        message,
        located: options.riskModel.locateFinding(lint.ast, file, message.range, { filename: absolutePath, sourceCode: lint.sourceCode }),
        code: text.slice(message.range[0], message.range[1]),
      };
      if (message.suggestion !== undefined && isFixableShape(message.ruleId, message.messageId)) {
        const node = reportedNode(lint.ast, message.range);
        const refusal = rewriteRefusal({ ruleId: message.ruleId, messageId: message.messageId, node }, lint.sourceCode, absolutePath);
        if (refusal !== undefined) finding.refusal = refusal;
      }
      return finding;
    });
    options.onFileAst?.(file, lint.ast, lint.sourceCode);
    return { ok: true, findings, problems: lint.problems, facts: options.riskModel.collectFileFacts(lint.ast, scopesOfSourceCode(lint.sourceCode), absolutePath) };
  } catch (error) {
    // A rule or the risk model threw on this file: report it as the file's error and go on.
    return { ok: false, line: 1, column: 1, message: `internal error while auditing: ${(error as Error).message.split('\n')[0]}` };
  }
}


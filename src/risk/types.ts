import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { CrashImpact, Isolation, RiskLevel } from '../catalogue/categories.js';
import type { ScopeOf } from '../ast/scopes.js';

/**
 * The contract between the audit (which runs the rules file by file) and the risk model.
 * Assessment happens in two steps so that no AST has to outlive its file:
 *   1. per file, while its AST is at hand: `locateFinding` (component and context of one finding)
 *      and `collectFileFacts` (what the file contributes to project-wide context);
 *   2. once every file is done: `rateFinding` with the merged `ProjectFacts`.
 */

/** Where a finding sits, as far as the risk model cares. */
export type CallContext =
  /** inside a request handler (Express/Fastify/node:http/route-like): runs per request */
  | 'request'
  /** inside a loop body or a timer/stream callback: runs many times */
  | 'hot-loop'
  /** module top level or start-up code (main, bootstrap, init): runs once */
  | 'startup'
  /**
   * letting something go (a call of `close`/`end`/`destroy`/`shutdown`..., or code in a function so
   * named) outside a request or a loop: runs once, when the component is already going away
   */
  | 'teardown'
  /** anywhere else */
  | 'other';

/**
 * What the code is for: the application itself; browser code (no process to crash there: the rules'
 * own answer, browser-code's `runsInBrowserAt`); demonstration code (examples, playgrounds, scripts,
 * benchmarks) that someone runs by hand and watches.
 */
export type CodeRole = 'application' | 'browser' | 'demo';

export interface LocatedFinding {
  /** `file > Symbol` / `file > Class` / `file > POST /upload`; just `file` at module level. */
  component: string;
  context: CallContext;
  /** Absent: `application`. */
  role?: CodeRole;
}

export interface FileFacts {
  /** The file installs a `process.on('unhandledRejection' | 'uncaughtException', ...)` handler that keeps the process running (src/detect/keep-alive.ts). */
  installsProcessErrorHandler: boolean;
  /** Such a handler reports what it catches (logs it, or hands it to a reporter). */
  reportsProcessErrors?: boolean;
}

export interface ProjectFacts {
  hasProcessErrorHandler: boolean;
  /** A handler that keeps the process running also reports the failure: the lost work is seen. */
  processErrorsReported?: boolean;
}

export interface RatedFinding {
  impact: CrashImpact;
  isolation: Isolation;
  risk: RiskLevel;
  /** One line: what to do. */
  remedy: string;
  /** True when `spawnguard fix` rewrites it (the rule's `meta.docs.risk.fixable` is `codemod`). */
  fixable: boolean;
}

/** The linted file as the rules saw it: where the risk model asks the rules' own questions of a finding (does it run in a browser). */
export interface LintedFile {
  /** Absolute. */
  filename: string;
  sourceCode: Readonly<TSESLint.SourceCode>;
}

export interface RiskModel {
  locateFinding(ast: TSESTree.Program, file: string, range: readonly [number, number], linted: LintedFile): LocatedFinding;
  /** `fileName` (absolute) lets a handler be followed into `this.method()` and imported helpers. */
  collectFileFacts(ast: TSESTree.Program, scopeOf: ScopeOf, fileName?: string): FileFacts;
  /** False when the file's text cannot hold a fact, so an unlinted file need not be parsed for facts. */
  mayContributeFacts(text: string): boolean;
  mergeFacts(files: readonly FileFacts[]): ProjectFacts;
  rateFinding(ruleId: string, located: LocatedFinding, project: ProjectFacts): RatedFinding;
}

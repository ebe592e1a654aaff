import type { TSESTree } from '@typescript-eslint/utils';
import type { ScopeOf } from '../ast/scopes.js';
import type { FileFacts, ProjectFacts } from './types.js';
import { keepAliveOf, mayInstallKeepAliveHandler } from '../detect/keep-alive.js';

/**
 * Whether a file's text can hold a fact `collectFileFacts` looks for: a cheap test that lets a run
 * which does not lint a file (a shard, a changed-files run) skip parsing it.
 */
export function mayContributeFacts(text: string): boolean {
  return mayInstallKeepAliveHandler(text);
}

export function collectFileFacts(program: TSESTree.Program, scopeOf: ScopeOf, fileName?: string): FileFacts {
  const keepAlive = keepAliveOf(program, scopeOf, fileName ?? null);
  return { installsProcessErrorHandler: keepAlive !== 'none', reportsProcessErrors: keepAlive === 'logged' };
}

export function mergeFacts(files: readonly FileFacts[]): ProjectFacts {
  return {
    hasProcessErrorHandler: files.some((facts) => facts.installsProcessErrorHandler),
    processErrorsReported: files.some((facts) => facts.reportsProcessErrors === true),
  };
}

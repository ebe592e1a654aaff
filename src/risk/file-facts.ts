import type { TSESTree } from '@typescript-eslint/utils';
import type { ScopeOf } from '../ast/scopes.js';
import type { FileFacts, ProjectFacts } from './types.js';
import { keepAliveAnswerOf, mayInstallKeepAliveHandler } from '../detect/keep-alive.js';
import { isDemoFile, isDevelopmentTooling } from '../detect/entry-files.js';

/**
 * Whether a file's text can hold a fact `collectFileFacts` looks for: a cheap test that lets a run
 * which does not lint a file (a shard, a changed-files run) skip parsing it.
 */
export function mayContributeFacts(text: string): boolean {
  return mayInstallKeepAliveHandler(text);
}

export function collectFileFacts(program: TSESTree.Program, scopeOf: ScopeOf, fileName?: string): FileFacts {
  const answer = keepAliveAnswerOf(program, scopeOf, fileName ?? null);
  // An example's or a script's own Next server (socket.io's examples/nextjs-*/server.js) runs in a
  // process of its own: it says nothing about the project's.
  const keepAlive = answer.installedBy !== null && fileName !== undefined && (isDemoFile(fileName) || isDevelopmentTooling(fileName)) ? 'none' : answer.keepAlive;
  return { installsProcessErrorHandler: keepAlive !== 'none', reportsProcessErrors: keepAlive === 'logged' };
}

export function mergeFacts(files: readonly FileFacts[]): ProjectFacts {
  return {
    hasProcessErrorHandler: files.some((facts) => facts.installsProcessErrorHandler),
    processErrorsReported: files.some((facts) => facts.reportsProcessErrors === true),
  };
}

/**
 * Dependencies that install process-wide `uncaughtException` / `unhandledRejection` handlers of their
 * own when the project starts them: one table, keyed by package, each entry with what starts the
 * handlers, what they do with a failure (by the version the project runs), and why, from the
 * package's source. keep-alive.ts reads it beside the project's own handlers: such a handler keeps the
 * process running as surely as one the project writes, so a would-be crash is a lost piece of work,
 * logged or not.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import type { ScopeOf } from '../ast/scopes.js';
import { keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { creatorModule, dependencyVersion } from './frameworks.js';
import { resolveCallee } from './module-bindings.js';

/** What a dependency's handlers do with a failure: log it (`logged`) or swallow it (`silent`); both keep the process running. */
export type DependencyKeepAlive = 'silent' | 'logged';

interface DependencyProcessHandlers {
  /** The method called on what the package's main export creates (`next(options)`) that installs the handlers. */
  startMethod: string;
  /** What the handlers do, by the version the project runs (null: neither installed nor declared). */
  keepAlive(version: { major: number; minor: number } | null): DependencyKeepAlive | null;
  /** How the project is told who keeps it running: the package, as users know it. */
  name: string;
  why: string;
}

export const DEPENDENCY_PROCESS_HANDLERS: Readonly<Record<string, DependencyProcessHandlers>> = {
  next: {
    startMethod: 'prepare',
    name: "Next.js's custom server",
    // Read in the published packages (next/dist/server/lib/router-server.js): 13.4.0 (none: only the
    // development server listens), 13.5.1, 14.0.3, 14.2.0 and 15.0.0 (silent), 15.1.0, 15.2.0 and 15.3.0
    // (logged). Patch releases of 13.4 after 13.4.0 were not read: they are taken as 13.4.0.
    // A project whose Next version nothing says is taken to run a current one.
    keepAlive: (version) => {
      if (version === null) return 'logged';
      if (version.major < 13 || (version.major === 13 && version.minor < 5)) return null;
      return version.major < 15 || (version.major === 15 && version.minor < 1) ? 'silent' : 'logged';
    },
    why:
      "`next(options)` builds a NextCustomServer whose `prepare()` runs router-server's `initialize` (from 13.5), which adds lasting `uncaughtException` and `unhandledRejection` listeners (`logError`) that never exit. Up to 15.0 they only hand the failure to the development bundler, so in production it is swallowed without a log; from 15.1 they log it with Next's logger.",
  },
};

/** A cheap screen before a file is parsed for a dependency's start call: it names the package and the start method. */
export function mayStartDependencyHandlers(text: string): boolean {
  return Object.entries(DEPENDENCY_PROCESS_HANDLERS).some(([name, entry]) => (text.includes(`'${name}'`) || text.includes(`"${name}"`)) && text.includes(entry.startMethod));
}

/** The package whose handlers `call` starts, with what they do: `app.prepare()` on `const app = next(options)`. */
export function dependencyHandlersStartedBy(
  call: TSESTree.Node,
  scopeOf: ScopeOf,
  fileName: string | null,
): { name: string; keepAlive: DependencyKeepAlive } | null {
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipTransparentWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = keyName(callee);
  if (method === null) return null;
  for (const [packageName, entry] of Object.entries(DEPENDENCY_PROCESS_HANDLERS)) {
    if (entry.startMethod !== method || createdBy(callee.object, scopeOf) !== packageName) continue;
    const keepAlive = entry.keepAlive(fileName === null ? null : dependencyVersion(fileName, packageName));
    return keepAlive === null ? null : { name: entry.name, keepAlive };
  }
  return null;
}

/** The module whose main export created `receiver`: `next(options)` itself, or a name bound to it. */
function createdBy(receiver: TSESTree.Node, scopeOf: ScopeOf): string | null | undefined {
  const node = skipTransparentWrappers(receiver);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const origin = resolveCallee(node, scopeOf(node));
    return origin && (origin.path.length === 0 || (origin.path.length === 1 && origin.path[0] === 'default')) ? origin.module : undefined;
  }
  return creatorModule(node, scopeOf(node));
}

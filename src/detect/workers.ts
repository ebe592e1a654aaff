import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { GLOBALS, matchApi, resolveCallee, type ApiTable } from './module-bindings.js';
import { followHandle, type HandleOwnership, type HandleUse } from './ownership.js';
import { owningRuntimeCall } from './runtime-calls.js';
import { outermostSameValue, skipTransparentWrappers } from '../ast/wrappers.js';
import { someNode } from '../ast/walk.js';
import { isFunctionNode } from '../ast/functions.js';
import { isListenerMethod, SPAWN_APIS } from './api-shapes.js';
import { isExit, resolveLocalFunction } from './error-handling.js';
import { keyName } from '../ast/names.js';

/**
 * Orphan workers and child processes: a `new Worker(...)`, `child_process.spawn/fork/exec/execFile`
 * or `cluster.fork()` that nobody watches or stops. A spawn is owned when its owner
 * 1. handles BOTH `'error'` and exit (`'exit'` or `'close'`): without an `'error'` listener the
 *    event throws in the parent, without an exit listener a crash goes unnoticed and nothing
 *    restarts it; `exec(cmd, callback)` / `execFile(file, args, callback)` get both through the
 *    callback;
 * 2. and stops it: `terminate()`, `kill()`, `disconnect()`, `destroy()`, `[Symbol.dispose]()`,
 *    `process.kill(child.pid)`, `using`, or a `signal` / `timeout` spawn option.
 *
 * A spawn that is awaited to its exit inside a function (a function-local or chained handle with
 * both handlers, or an exec callback) is JOINED: its lifetime is bounded by the code that waits for
 * it, so by default it need not be killed (`allowJoined: false` asks for the kill anyway: it still
 * outlives a parent that is asked to shut down mid-run).
 *
 * Handles that leave their owner (returned, passed on, stored on another object) are someone
 * else's; `*Sync` variants block until the child is gone and are never flagged. Supervised already:
 * cluster workers of a file whose cluster `'exit'` listener forks replacements, a daemon's detached
 * child let go before the parent exits, a one-shot worker thread whose `'error'` is heard.
 */

const CLUSTER_LISTENERS: ApiTable = { cluster: ['on', 'once', 'addListener', 'prependListener', 'default.on', 'default.once', 'default.addListener', 'default.prependListener'] };
const EVENT_HELPERS: ApiTable = { events: ['once', 'on', 'EventEmitter.once', 'EventEmitter.on'] };
const PROCESS_KILL: ApiTable = { [GLOBALS]: ['process.kill'], process: ['kill'] };
const STOPPING_METHODS = new Set(['terminate', 'kill', 'disconnect', 'destroy', '@@dispose', '@@asyncDispose']);
const EXIT_EVENTS = new Set(['exit', 'close']);

export type SpawnKind = 'worker' | 'process' | 'cluster-worker';

export type OrphanProblem = 'dropped' | 'missing-handlers' | 'never-terminated';

export interface OrphanSpawn {
  kind: SpawnKind;
  /** `worker_threads.Worker`, `child_process.spawn`, `cluster.fork`. */
  api: string;
  problem: OrphanProblem;
  handlesError: boolean;
  handlesExit: boolean;
  stopped: boolean;
  ownership: HandleOwnership;
}

export interface OrphanOptions {
  allowJoined: boolean;
}

/** `worker_threads.Worker`, `child_process.exec`, ... for a spawn; null for anything else. */
export function spawnApiOf(node: TSESTree.CallExpression | TSESTree.NewExpression, scope: TSESLint.Scope.Scope): string | null {
  const origin = resolveCallee(node, scope);
  // `cross-spawn` is `child_process.spawn` with Windows shims: its default export and its `spawn`.
  if (origin?.module === 'cross-spawn' && node.type === AST_NODE_TYPES.CallExpression) {
    const path = origin.path.join('.');
    return path === '' || path === 'default' || path === 'spawn' ? 'cross-spawn' : null;
  }
  const api = matchApi(origin, SPAWN_APIS);
  if (!api) return null;
  const isWorker = api === 'worker_threads.Worker';
  // `new Worker` is a constructor; the child_process / cluster functions are called.
  return isWorker === (node.type === AST_NODE_TYPES.NewExpression) ? api.replace('cluster.default.', 'cluster.') : null;
}

function stringLiteral(node: TSESTree.Node | undefined): string | null {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : null;
}

const clusterExitListeners = new WeakMap<TSESTree.Program, boolean>();

/** The file listens to the cluster's own `'exit'` event (`cluster.on('exit', ...)`), which fires for every worker. */
function clusterWatchesExits(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const program = sourceCode.ast;
  let found = clusterExitListeners.get(program);
  if (found === undefined) {
    found = someNode(
      program,
      (node) =>
        node.type === AST_NODE_TYPES.CallExpression &&
        stringLiteral(node.arguments[0]) === 'exit' &&
        matchApi(resolveCallee(node, sourceCode.getScope(node)), CLUSTER_LISTENERS) !== null,
    );
    clusterExitListeners.set(program, found);
  }
  return found;
}

const clusterRestarts = new WeakMap<TSESTree.Program, boolean>();

/**
 * The file's cluster `'exit'` listener forks a replacement (`cluster.on('exit', () => cluster.fork())`,
 * or a function of the file given by name, Haraka's `cluster_exit_listener`): the cluster object is
 * the supervisor of every worker the file forks, kept or not (deepstream's `workers.add(cluster.fork())`).
 */
function clusterRestartsWorkers(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const program = sourceCode.ast;
  let found = clusterRestarts.get(program);
  if (found === undefined) {
    found =
      clusterWatchesExits(sourceCode) &&
      someNode(program, (node) => {
        if (node.type !== AST_NODE_TYPES.CallExpression || stringLiteral(node.arguments[0]) !== 'exit') return false;
        if (matchApi(resolveCallee(node, sourceCode.getScope(node)), CLUSTER_LISTENERS) === null) return false;
        const listener = node.arguments[1] ? resolveLocalFunction(node.arguments[1], sourceCode.getScope(node.arguments[1])) : null;
        return (
          listener !== null &&
          someNode(listener, (inner) => inner.type === AST_NODE_TYPES.CallExpression && spawnApiOf(inner, sourceCode.getScope(inner)) === 'cluster.fork')
        );
      });
    clusterRestarts.set(program, found);
  }
  return found;
}

/**
 * A daemon's hand-off (Haraka's `daemonize`): a `detached` child let go with `unref()`, after which
 * the parent exits in the same block. The child is meant to outlive this process, and a failed spawn's
 * `'error'` comes after the exit: there is nothing left here to watch it.
 */
function handsOffToDaemon(node: TSESTree.CallExpression | TSESTree.NewExpression, uses: readonly HandleUse[], sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const detached = node.arguments.some(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.Property && !property.computed && keyName(property) === 'detached' && property.value.type === AST_NODE_TYPES.Literal && property.value.value === true,
      ),
  );
  if (!detached || !uses.some((use) => use.kind === 'method' && use.name === 'unref')) return false;
  let statement: TSESTree.Node = node;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) statement = statement.parent;
  const block = statement.parent;
  if (!block || (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program)) return false;
  const later = (block.body as readonly TSESTree.Node[]).slice((block.body as readonly TSESTree.Node[]).indexOf(statement) + 1);
  return later.some((next) => someNode(next, (inner) => isExit(inner, sourceCode.getScope(inner)), isFunctionNode));
}

/** The event a use listens to: `h.on('exit', f)`, `once(h, 'error')`. */
function listenedEvent(use: HandleUse, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope): string | null {
  if (use.kind === 'method' && isListenerMethod(use.name)) return stringLiteral(use.call.arguments[0]);
  if (use.kind === 'argument' && use.index === 0 && matchApi(resolveCallee(use.call, scopeOf(use.call)), EVENT_HELPERS)) {
    return stringLiteral(use.call.arguments[1]);
  }
  return null;
}

function stopsSpawn(use: HandleUse, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope): boolean {
  if (use.kind === 'method') return STOPPING_METHODS.has(use.name);
  if (use.kind === 'property' && use.name === 'pid') {
    // `process.kill(child.pid)`
    const argument = outermostSameValue(use.node);
    const call = argument.parent;
    return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === argument && matchApi(resolveCallee(call, scopeOf(call)), PROCESS_KILL) !== null;
  }
  return false;
}

/** An options object literal among the arguments with a `signal` or `timeout` property: Node kills the child. */
function hasKillingOption(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return node.arguments.some(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some(
        (property) =>
          property.type === AST_NODE_TYPES.Property &&
          !property.computed &&
          property.key.type === AST_NODE_TYPES.Identifier &&
          (property.key.name === 'signal' || property.key.name === 'timeout'),
      ),
  );
}

/**
 * `spawn(editor, [file], { stdio: 'inherit' })`: a child in the foreground of the user's terminal (an
 * editor, `docker run -it`). The user sees its output and its end, and Ctrl-C reaches it with its
 * parent: the terminal is its supervisor.
 */
function runsInTheForeground(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return node.arguments.some(
    (argument) =>
      argument.type === AST_NODE_TYPES.ObjectExpression &&
      argument.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'stdio') return false;
        const value = property.value;
        if (value.type === AST_NODE_TYPES.Literal) return value.value === 'inherit';
        return value.type === AST_NODE_TYPES.ArrayExpression && value.elements.length >= 3 && value.elements.slice(0, 3).every((element) => element?.type === AST_NODE_TYPES.Literal && element.value === 'inherit');
      }),
  );
}

/** `exec(cmd, (error, stdout) => ...)`: the callback receives the error and the exit. */
function hasCompletionCallback(api: string, node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (api !== 'child_process.exec' && api !== 'child_process.execFile') return false;
  const last = node.arguments.at(-1);
  if (!last) return false;
  const value = skipTransparentWrappers(last);
  return isFunctionNode(value) || value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression;
}

/** The orphan created by `node`, or null when it is not a spawn or its owner handles and stops it. */
export function orphanSpawn(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  options: OrphanOptions,
): OrphanSpawn | null {
  const scopeOf = (target: TSESTree.Node) => sourceCode.getScope(target);
  const api = spawnApiOf(node, scopeOf(node));
  if (!api) return null;
  if (owningRuntimeCall(node, sourceCode) || runsInTheForeground(node)) return null;
  const kind: SpawnKind = api === 'worker_threads.Worker' ? 'worker' : api === 'cluster.fork' ? 'cluster-worker' : 'process';

  const ownership = followHandle(node, sourceCode);
  const { home, uses } = ownership;
  if (home.kind === 'elsewhere') return null;
  // `cluster.on('exit', (worker) => cluster.fork())`: the cluster reports every worker's death, so a
  // fork nobody keeps is still watched. A kept one may be sent messages, whose failures are its own
  // 'error' events: that one still needs its handlers.
  if (kind === 'cluster-worker' && home.kind === 'discarded' && uses.length === 0 && clusterWatchesExits(sourceCode)) return null;
  if (kind === 'cluster-worker' && clusterRestartsWorkers(sourceCode)) return null;
  if (kind === 'process' && handsOffToDaemon(node, uses, sourceCode)) return null;

  const events = new Set<string>();
  let stopped = hasKillingOption(node) || (home.kind === 'variable' && home.disposedByUsing);
  for (const use of uses) {
    const event = listenedEvent(use, scopeOf);
    if (event !== null) {
      events.add(event);
      continue;
    }
    if (stopsSpawn(use, scopeOf)) {
      stopped = true;
      continue;
    }
    // Returned, passed to someone else, put on another object: not this owner's to stop.
    if (use.kind === 'escape' || use.kind === 'argument' || use.kind === 'callback') return null;
  }
  const callback = hasCompletionCallback(api, node);
  // `exec` runs its command through a shell: an 'error' event would only say the shell could not
  // start; the command's own failure is its exit code, which the exit handler sees.
  const handlesError = callback || events.has('error') || (api === 'child_process.exec' && [...events].some((event) => EXIT_EVENTS.has(event)));
  const handlesExit = callback || [...events].some((event) => EXIT_EVENTS.has(event));
  const result = (problem: OrphanProblem): OrphanSpawn => ({ kind, api, problem, handlesError, handlesExit, stopped, ownership });

  if (home.kind === 'discarded' && uses.length === 0 && !callback && !stopped) return result('dropped');
  // A worker thread nobody keeps, whose 'error' is heard (zipline's one-shot thumbnail worker): its
  // uncaught exception is that 'error' event, so its crash is seen, and its end is its own business.
  if (kind === 'worker' && home.kind === 'discarded' && handlesError) return null;
  if (!handlesError || !handlesExit) return result('missing-handlers');
  if (stopped) return null;
  const joined =
    home.kind === 'discarded' || (home.kind === 'variable' && home.owner.kind === 'closure') || callback;
  return joined && options.allowJoined ? null : result('never-terminated');
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { scopesOfSourceCode } from '../ast/scopes.js';
import { programKeepsRunningAfterRejection } from './keep-alive.js';
import { nearestManifest, repositoryRootOf, type Manifest } from './nearest-manifest.js';
import { directCallsOnly } from './local-callers.js';
import { callbackExitsProcess, resolveLocalFunction } from './error-handling.js';
import { matchApi, normaliseModuleName, resolveCallee } from './module-bindings.js';
import { requiredSpecifier } from '../ast/module-specifiers.js';
import { parsePromiseChainCall } from './promises.js';
import { EVENT_TARGET_LISTENER_METHODS, MIDDLEWARE_METHOD, ONCE_LISTENER_METHODS, REPEATING_LISTENER_METHODS, ROUTE_METHODS, SCHEDULERS } from './api-shapes.js';
import { enclosingFunction, runsAtModuleTopLevel, runsLater, type FunctionNode } from '../ast/functions.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { importedName, keyName } from '../ast/names.js';
import { someNode } from '../ast/walk.js';
import { rescheduledFunction } from './timers.js';

/**
 * What a file is for, from where it sits. Entry files: the program itself (a server's `main.ts`, a CLI, a script, an example), not a module
 * other code imports. A call at the top level of one IS the program: `main();` whose rejection
 * prints the error and exits 1, as the author wants; `init();` that sets the program up once. Neither
 * is floating work nor state someone must own.
 */
const ENTRY_BASENAMES = new Set(['main', 'server', 'cli', 'bootstrap', 'start', 'run']);

export function isEntryFile(filename: string): boolean {
  const name = basename(filename, extname(filename));
  return (
    ENTRY_BASENAMES.has(name) ||
    isDemoFile(filename) ||
    projectDirectories(filename).some((directory) => directory === 'bin' || TOOLING_DIRECTORIES.has(directory)) ||
    isNamedProgram(filename)
  );
}

/**
 * The nearest package.json runs the file as a program: a `bin` entry, or a `scripts` command that
 * names it (`"reset-password": "node extra/reset-password.js"`, `"start": "ts-node index.ts"`), or
 * a bundler builds a program from it (`"start": "node dist"` runs what tsup built from the
 * `src/server/index.ts` its config names).
 */
function isNamedProgram(filename: string): boolean {
  const absolute = resolve(filename);
  const manifest = nearestManifest(absolute);
  if (!manifest) return false;
  let named = programsNamed.get(manifest.json);
  if (!named) {
    named = programsNamedBy(manifest);
    programsNamed.set(manifest.json, named);
  }
  // `node extra/reset.js` runs the compiled extra/reset.ts; `ts-node index` runs index.ts.
  return named.files.has(absolute) || named.stems.has(withoutExtension(absolute));
}

/** What `programsNamedBy` read, per read of a package.json: every file of the project asks. */
const programsNamed = new WeakMap<Record<string, unknown>, { files: ReadonlySet<string>; stems: ReadonlySet<string> }>();

/** The paths a package.json's `bin` and `scripts` commands name, and the same without their extensions. */
function programsNamedBy(manifest: Manifest): { files: ReadonlySet<string>; stems: ReadonlySet<string> } {
  const root = dirname(manifest.path);
  const { bin, scripts } = manifest.json;
  const commands: string[] = [];
  if (typeof bin === 'string') commands.push(bin);
  else if (bin && typeof bin === 'object') commands.push(...Object.values(bin).filter((value): value is string => typeof value === 'string'));
  if (scripts && typeof scripts === 'object') commands.push(...Object.values(scripts).filter((value): value is string => typeof value === 'string'));
  const files = new Set<string>();
  const stems = new Set<string>();
  for (const entry of bundlerEntries(root, manifest.json)) {
    files.add(entry);
    stems.add(withoutExtension(entry));
  }
  for (const command of commands) {
    for (const token of command.split(/[\s;&|()]+/).map((part) => part.replace(/^["']|["']$/g, ''))) {
      if (token === '' || token.startsWith('-') || token.includes('=')) continue;
      const named = resolve(root, token);
      files.add(named);
      stems.add(withoutExtension(named));
    }
  }
  return { files, stems };
}

/** The bundlers whose config names the files a program is built from, and the key that names them. */
const BUNDLER_CONFIGS: readonly { files: readonly string[]; keys: readonly string[] }[] = [
  { files: ['tsup.config.ts', 'tsup.config.mts', 'tsup.config.cts', 'tsup.config.js', 'tsup.config.mjs', 'tsup.config.cjs'], keys: ['entry', 'entryPoints'] },
  { files: ['rollup.config.ts', 'rollup.config.mjs', 'rollup.config.js', 'rollup.config.cjs'], keys: ['input'] },
  { files: ['webpack.config.ts', 'webpack.config.mjs', 'webpack.config.js', 'webpack.config.cjs'], keys: ['entry'] },
];
/** A config's text is read, not run: the string literals of an `entry: [...]`, `{...}` or `'...'` value. */
const ENTRY_VALUE = (key: string) => new RegExp(`\\b${key}["']?\\s*:\\s*(\\[[^\\]]*\\]|\\{[^}]*\\}|'[^']*'|"[^"]*"|\`[^\`]*\`)`, 'g');
const STRING_LITERAL = /'([^']*)'|"([^"]*)"|`([^`$]*)`/g;

/**
 * The source files a bundler config in the package's folder (or package.json's `tsup` key) names as
 * entries. Only relative paths with a code extension count: a glob or a computed entry names nothing
 * certain.
 */
function bundlerEntries(root: string, json: Record<string, unknown>): string[] {
  const texts: { text: string; keys: readonly string[] }[] = [];
  if (json.tsup && typeof json.tsup === 'object') texts.push({ text: JSON.stringify(json.tsup), keys: ['entry'] });
  for (const bundler of BUNDLER_CONFIGS) {
    for (const file of bundler.files) {
      const text = readTextIfFile(join(root, file));
      if (text !== undefined) texts.push({ text, keys: bundler.keys });
    }
  }
  const entries: string[] = [];
  for (const { text, keys } of texts) {
    for (const key of keys) {
      for (const [, value] of text.matchAll(ENTRY_VALUE(key))) {
        for (const literal of value!.matchAll(STRING_LITERAL)) {
          const path = literal[1] ?? literal[2] ?? literal[3] ?? '';
          if (/^\.{0,2}\/?[\w@.-][\w@./-]*\.[cm]?[jt]sx?$/.test(path) && !path.startsWith('/')) entries.push(resolve(root, path));
        }
      }
    }
  }
  return entries;
}

function readTextIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // No such config: most packages have none of them.
    return undefined;
  }
}

function withoutExtension(path: string): string {
  return path.slice(0, path.length - extname(path).length);
}

/**
 * Start-up work of an entry file: code that runs once while the program starts, so that a rejection
 * there ends the program with the error, as its author means a failed start to. It is
 * - the file's top level (`main();`, `init();`);
 * - the callback of a server's `listen(..., callback)`: Node runs it once, when the server is listening;
 * - a function that runs once where start-up code hands it over: called there (an IIFE); a one-shot
 *   timer (`setImmediate`, `setTimeout`, `process.nextTick`, `queueMicrotask`) that does not re-arm
 *   itself; or a completion callback, not a subscription, whose own failure path ends the process
 *   (`new Identification((handler, err) => { if (err) process.exit(1); ... })`);
 * - a function of this file called only from start-up code, each call's failure ending the program
 *   (a bare call, or `.catch(error => { log(error); process.exit(1); })`).
 * It stops at anything that runs per event: a listener (`sockets.on('connect', ...)`), an interval, a
 * route, an exported function (callers this file does not show). A program that keeps running after an
 * unhandled rejection (keep-alive.ts) has no such start-up: a failed start leaves a half-started server
 * running, and the floating start-up call is a real finding.
 */
export function isProgramStartUp(node: TSESTree.Node, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (!runsOnceAtStartUp(node, sourceCode)) return false;
  if (!isEntryFile(filename) || runsAsWorkerThread(sourceCode.ast)) return false;
  return !programKeepsRunningAfterRejection(filename, sourceCode.ast, scopesOfSourceCode(sourceCode), isDemoFile(filename) || isDevelopmentTooling(filename));
}

/** What a worker thread's script takes from `worker_threads`: its link to the thread that started it. */
const WORKER_SIDE_EXPORTS: ReadonlySet<string> = new Set(['parentPort', 'workerData']);

/**
 * The file is a worker thread's script (it imports `parentPort` or `workerData`): its failed start is
 * an `'error'` on the `Worker` in the parent, which crashes the parent or is lost unless the parent
 * listens, not the "error printed, exit 1" of a program a person or a service manager runs.
 */
export function runsAsWorkerThread(program: TSESTree.Program): boolean {
  const isWorkerThreads = (specifier: string | null) => specifier !== null && normaliseModuleName(specifier) === 'worker_threads';
  return program.body.some((statement) => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      return isWorkerThreads(statement.source.value) && statement.specifiers.some((specifier) => specifier.type === AST_NODE_TYPES.ImportSpecifier && WORKER_SIDE_EXPORTS.has(importedName(specifier)));
    }
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return statement.declarations.some(({ id, init }) => {
      if (!init) return false;
      // `const { parentPort } = require('worker_threads')`, `const port = require('worker_threads').parentPort`
      if (id.type === AST_NODE_TYPES.ObjectPattern && isWorkerThreads(requiredSpecifier(init))) {
        return id.properties.some((property) => property.type === AST_NODE_TYPES.Property && WORKER_SIDE_EXPORTS.has(keyName(property) ?? ''));
      }
      return init.type === AST_NODE_TYPES.MemberExpression && isWorkerThreads(requiredSpecifier(init.object)) && WORKER_SIDE_EXPORTS.has(keyName(init) ?? '');
    });
  });
}

/**
 * `node` runs once, while its module starts: at the module's top level, or in code only start-up
 * code runs (the hand-overs `isProgramStartUp` follows), whatever file it is in.
 */
export function runsOnceAtStartUp(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = enclosingFunction(node);
  return fn === null ? runsAtModuleTopLevel(node) : functionRunsAtStartUp(fn, sourceCode);
}

/**
 * Asked for every statement a rule checks, so the answer is kept per function, with its AST. Only a
 * walk's first answer is kept: one reached deeper in a walk had fewer hops left.
 */
const startUpByFunction = new WeakMap<FunctionNode, boolean>();

function functionRunsAtStartUp(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let runs = startUpByFunction.get(fn);
  if (runs === undefined) {
    runs = runsAtStartUp(fn.body, sourceCode, new Set());
    startUpByFunction.set(fn, runs);
  }
  return runs;
}

/**
 * `callback`, handed to `call`, runs once as part of the program's start-up (see `isProgramStartUp`):
 * `setImmediate(() => init(schema))` in a load script's `loadTest()`, which the top level calls once
 * and whose failure exits.
 */
export function callbackRunsAtProgramStartUp(callback: TSESTree.Node, call: TSESTree.CallExpression, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const fn = resolveLocalFunction(callback, sourceCode.getScope(callback));
  if (!fn || !isOneShotTimer(call, sourceCode) || rearms(fn, call, sourceCode)) return false;
  return isProgramStartUp(call, filename, sourceCode);
}

/** How many hand-overs (callbacks, callers) the start-up walk follows. */
const MAX_START_UP_HOPS = 8;
/** The one-shot schedulers: `setInterval` runs its callback again and again. */
const ONE_SHOT_TIMERS: ReadonlySet<string> = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'process.nextTick', 'timers.setTimeout', 'timers.setImmediate']);
/** Methods whose callback runs per event or per request: never start-up, whatever it does on failure. */
const PER_EVENT_METHODS: ReadonlySet<string> = new Set([...REPEATING_LISTENER_METHODS, ...ONCE_LISTENER_METHODS, ...EVENT_TARGET_LISTENER_METHODS, ...ROUTE_METHODS, MIDDLEWARE_METHOD]);

function runsAtStartUp(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, following: Set<TSESTree.Node>): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return runsAtModuleTopLevel(node);
  if (following.has(fn) || following.size >= MAX_START_UP_HOPS) return false;
  following.add(fn);
  if (isServerListenCallback(fn)) return true;
  const handOver = fn.parent;
  if (handOver.type === AST_NODE_TYPES.CallExpression && handOver.callee === fn) return runsAtStartUp(handOver, sourceCode, following);
  if ((handOver.type === AST_NODE_TYPES.CallExpression || handOver.type === AST_NODE_TYPES.NewExpression) && handOver.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const oneShot =
      handOver.type === AST_NODE_TYPES.CallExpression && isOneShotTimer(handOver, sourceCode)
        ? !rearms(fn, handOver, sourceCode)
        : !isPerEventRegistration(handOver) && callbackExitsProcess(fn, sourceCode.getScope(fn));
    return oneShot && runsAtStartUp(handOver, sourceCode, following);
  }
  const calls = directCallsOnly(fn, sourceCode);
  if (calls === null || calls.length === 0) return false;
  return calls.every((call) => failureEndsCaller(call, sourceCode) && runsAtStartUp(call, sourceCode, following));
}

/**
 * `server.listen(port, () => ...)`: Node adds the callback as a `listening` listener of this one start,
 * so it runs once, as start-up code (here, and in the risk model's `startup` context). `call` is the
 * node `fn` is handed to: its parent, given by a caller that reads a path instead (the risk model).
 */
export function isServerListenCallback(fn: FunctionNode, call: TSESTree.Node = fn.parent): boolean {
  return call.type === AST_NODE_TYPES.CallExpression && call.arguments.at(-1) === fn && call.callee.type === AST_NODE_TYPES.MemberExpression && keyName(call.callee) === 'listen';
}

function isOneShotTimer(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const timer = matchApi(resolveCallee(call, sourceCode.getScope(call)), SCHEDULERS);
  return timer !== null && ONE_SHOT_TIMERS.has(timer);
}

function isPerEventRegistration(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (call.type === AST_NODE_TYPES.NewExpression) return false;
  const callee = skipTransparentWrappers(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? keyName(callee) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  return method === null || PER_EVENT_METHODS.has(method) || method === 'setInterval';
}

/** The callback schedules its next run: a timer call, or a call of a function around the registration (`function poll() { setTimeout(() => { ...; poll(); }) }`). */
function rearms(fn: FunctionNode, registration: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (rescheduledFunction(registration, sourceCode) !== null) return true;
  return someNode(fn.body, (node) => node.type === AST_NODE_TYPES.CallExpression && matchApi(resolveCallee(node, sourceCode.getScope(node)), SCHEDULERS) !== null);
}

/**
 * A call of a start-up function whose failure ends the program: a bare statement (`loadTest();`, whose
 * rejection is unhandled), or a rejection handler that ends the process (`.catch((error) => { log(error);
 * process.exit(1); })`). A handler that logs and goes on keeps the program running without the work.
 */
function failureEndsCaller(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let outer: TSESTree.Node = call.parent;
  if (outer.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'void') outer = outer.parent;
  if (outer.type === AST_NODE_TYPES.ExpressionStatement) return true;
  const chain = parsePromiseChainCall(outer.type === AST_NODE_TYPES.MemberExpression ? outer.parent : outer);
  if (!chain || chain.receiver !== call || !chain.onRejected || chain.onRejected.type === AST_NODE_TYPES.SpreadElement) return false;
  if (chain.call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const handler = resolveLocalFunction(chain.onRejected, sourceCode.getScope(chain.onRejected));
  return handler !== null && (callbackExitsProcess(handler, sourceCode.getScope(handler)) || someNode(handler.body, (node) => node.type === AST_NODE_TYPES.ThrowStatement, runsLater));
}

/**
 * Development tooling (`scripts/`, `script/`, `tools/`, `extra/`): build, release and maintenance
 * chores run by a person at a terminal or by CI, who sees a hang and stops the run; a rejection
 * anywhere in one ends the run with the error, which is what its author runs it for.
 */
export const TOOLING_DIRECTORIES: ReadonlySet<string> = new Set(['scripts', 'script', 'tools', 'extra']);

export function isDevelopmentTooling(filename: string): boolean {
  return projectDirectories(filename).some((directory) => TOOLING_DIRECTORIES.has(directory));
}

/**
 * Demonstration code (`examples/`, `playground/`, `bench/`, `benchmark/`): it starts things, runs, and stops them;
 * a failure ends the demo, which is what its reader wants to see.
 */
const DEMO_DIRECTORIES: ReadonlySet<string> = new Set(['examples', 'example', 'playground', 'playgrounds', 'bench', 'benchmark', 'benchmarks']);
/**
 * At the repository's top only, a development playground (moleculer's `dev/`: `node dev/cache.js`); deeper,
 * `src/dev/` is often the application's own development mode.
 */
const TOP_LEVEL_DEMO_DIRECTORIES: ReadonlySet<string> = new Set(['dev']);

/** `directories` (a file's, inside its repository) hold demonstration code. */
export function inDemoDirectory(directories: readonly string[]): boolean {
  return directories.some((directory) => DEMO_DIRECTORIES.has(directory)) || TOP_LEVEL_DEMO_DIRECTORIES.has(directories[0] ?? '');
}

export function isDemoFile(filename: string): boolean {
  return inDemoDirectory(projectDirectories(filename));
}

/**
 * The directories of `filename` inside its repository (a checkout under ~/scripts/ is not a script).
 * An example with its own package.json (`examples/docker/worker/package.json`) is still under
 * `examples/`: the walk goes up to the outermost package.json of the repository.
 */
export function projectDirectories(filename: string): readonly string[] {
  // Each rule asks for the file being linted, several times: the last answer stands while its root does.
  const absolute = lastDirectories?.filename === filename ? lastDirectories.absolute : resolve(filename);
  const root = repositoryRootOf(absolute);
  if (lastDirectories?.filename === filename && lastDirectories.root === root) return lastDirectories.directories;
  const inside = root === null ? absolute : relative(root, absolute);
  const directories = inside.split(/[\\/]/).slice(0, -1);
  // A relative name resolves against the working directory, which can change between calls.
  if (isAbsolute(filename)) lastDirectories = { filename, absolute, root, directories };
  return directories;
}
let lastDirectories: { filename: string; absolute: string; root: string | null; directories: readonly string[] } | undefined;


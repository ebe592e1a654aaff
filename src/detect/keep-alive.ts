/**
 * One project fact, in one home: **the program keeps running after an unhandled rejection.** A
 * process-wide `unhandledRejection` / `uncaughtException` handler that neither rethrows nor ends the
 * process (uptime-kuma's `process.addListener('unhandledRejection', log)`) turns what would be a crash
 * into a logged, lost piece of work. Node raises an unhandled rejection as an uncaught exception when no
 * `unhandledRejection` listener exists, so a surviving `uncaughtException` handler keeps the process
 * alive just the same.
 *
 * Read by the risk model (a crash becomes a loss), by entry-files (a failed start-up leaves a
 * half-started server running) and by the rules (a detached callback that owes nothing loses only its
 * own work, which the handler logs).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { dirname, extname, relative, resolve } from 'node:path';
import { calleeName, keyName, staticString } from '../ast/names.js';
import { scopesOfManager, type ScopeOf } from '../ast/scopes.js';
import { someNode, walk } from '../ast/walk.js';
import { moduleSpecifiers } from '../ast/module-specifiers.js';
import { REPEATING_LISTENER_METHODS } from './api-shapes.js';
import { endsTheProcess, PROCESS_ERROR_EVENTS, processErrorListener, processPath, resolveLocalFunction } from './error-handling.js';
import { resolveValueOrigin } from './module-bindings.js';
import { runtimeApiOf } from './runtime-calls.js';
import { nearestManifest } from './nearest-manifest.js';
import { resolveRelativeModule } from './project-modules.js';
import { moduleProgram, projectFile, projectFileText, summaryAnswer } from './project-files.js';
import { dependencyHandlersStartedBy, mayStartDependencyHandlers } from './dependency-process-handlers.js';

/**
 * Only a handler that stays subscribed keeps the process alive: a `once` handler is gone after the
 * first failure, and the second one ends the process.
 */
const LASTING_LISTENER_METHODS: ReadonlySet<string> = new Set(REPEATING_LISTENER_METHODS);
const CAPTURE_CALLBACK_SETTER = 'setUncaughtExceptionCaptureCallback';

/**
 * The handler argument of a lasting `process.on('unhandledRejection' | 'uncaughtException', handler)`
 * or of `process.setUncaughtExceptionCaptureCallback(handler)`, `process` found by what it is bound to
 * (error-handling's `processErrorListener`).
 */
function lastingProcessErrorHandler(node: TSESTree.Node, scopeOf: ScopeOf): TSESTree.Node | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  // What the call itself says first (this runs on every call of every file): the scopes are asked
  // only about a call with an error event's name, or of the capture setter.
  const event = staticString(node.arguments[0]);
  if (event !== null && (PROCESS_ERROR_EVENTS as readonly string[]).includes(event)) {
    const listener = processErrorListener(node, scopeOf(node));
    return listener && LASTING_LISTENER_METHODS.has(listener.method) ? listener.handler : null;
  }
  if (!namesCaptureSetter(node.callee)) return null;
  const path = processPath(node.callee, scopeOf(node));
  return path?.length === 1 && path[0] === CAPTURE_CALLBACK_SETTER ? (node.arguments[0] ?? null) : null;
}

function namesCaptureSetter(callee: TSESTree.Expression): boolean {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === CAPTURE_CALLBACK_SETTER;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name === CAPTURE_CALLBACK_SETTER : keyName(callee) === CAPTURE_CALLBACK_SETTER;
}

/**
 * `Application.start({ ..., reportUnhandledRejections: true })`, `Application` the runtime's by what it
 * is bound to (imported, required, or a namespace's member): the runtime installs a reporting
 * `unhandledRejection` handler, which turns crashes into reported losses just the same.
 */
function startsReportingApplication(node: TSESTree.Node, scopeOf: ScopeOf): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression || calleeName(node) !== 'start') return false;
  const options = node.arguments[0];
  return (
    options?.type === AST_NODE_TYPES.ObjectExpression &&
    options.properties.some(
      (property) =>
        property.type === AST_NODE_TYPES.Property &&
        property.key.type === AST_NODE_TYPES.Identifier &&
        property.key.name === 'reportUnhandledRejections' &&
        property.value.type === AST_NODE_TYPES.Literal &&
        property.value.value === true,
    ) &&
    runtimeApiOf(node, scopeOf(node)) === 'Application.start'
  );
}

/** Whether a file's text can install such a handler, or start a dependency's (dependency-process-handlers): a cheap screen before parsing it. */
export function mayInstallKeepAliveHandler(text: string): boolean {
  return /unhandledRejection|uncaughtException|setUncaughtExceptionCaptureCallback|reportUnhandledRejections/.test(text) || mayStartDependencyHandlers(text);
}

/**
 * What a file's process-wide error handlers do with a failure they keep the process alive through:
 * `logged` (some handler hands it on: a `console.*` call, or a call given the error), `silent` (the
 * handlers that keep the process running only swallow it), or `none` (no handler keeps it running).
 */
export type KeepAlive = 'none' | 'silent' | 'logged';

/** What keeps the process running, and who installed it: a dependency the project starts ("Next.js's custom server"), or null for the project's own handler. */
export interface KeepAliveAnswer {
  keepAlive: KeepAlive;
  installedBy: string | null;
}

const NO_KEEP_ALIVE: KeepAliveAnswer = { keepAlive: 'none', installedBy: null };

// The answer is the program's: kept with its AST (a WeakMap, so it goes with the parsed file).
const keepAliveByProgram = new WeakMap<TSESTree.Program, KeepAliveAnswer>();

/**
 * The handler passes the failure on: a call of the global `console`, or any call given its first
 * parameter. Both by binding: a local `console`, or an inner parameter of the failure's name, is not it.
 */
function reportsFailure(fn: TSESTree.Node, scopeOf: ScopeOf): boolean {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) return true;
  const [failure] = fn.params;
  const failureVariable = failure?.type === AST_NODE_TYPES.Identifier ? scopeOf(fn).set.get(failure.name) : undefined;
  const failureReads = new Set<TSESTree.Node>(failureVariable?.references.map((reference) => reference.identifier) ?? []);
  return someNode(fn.body, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = node.callee;
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'console') {
      const origin = resolveValueOrigin(callee.object, scopeOf(callee));
      if (origin?.module === null && origin.path.length === 1) return true;
    }
    return failureReads.size > 0 && node.arguments.some((argument) => someNode(argument, (inner) => failureReads.has(inner)));
  });
}

/**
 * Whether the file installs a process-wide error handler that keeps the process running, and whether
 * it reports what it catches: a lasting `unhandledRejection` / `uncaughtException` listener (or the
 * capture callback) that neither rethrows nor ends the process, or the runtime's reporting
 * application. A handler defined elsewhere (imported) is taken at its word: it is installed to
 * survive, and to report.
 */
export function keepAliveOf(program: TSESTree.Program, scopeOf: ScopeOf, fileName: string | null = null): KeepAlive {
  return keepAliveAnswerOf(program, scopeOf, fileName).keepAlive;
}

/**
 * `keepAliveOf`, with who installed the handler: the project's own handlers, or a dependency's the
 * file starts (`app.prepare()` of `next(options)`: dependency-process-handlers' table). A handler that
 * logs wins over one that swallows.
 */
export function keepAliveAnswerOf(program: TSESTree.Program, scopeOf: ScopeOf, fileName: string | null = null): KeepAliveAnswer {
  const cached = keepAliveByProgram.get(program);
  if (cached !== undefined) return cached;
  let result: KeepAliveAnswer = NO_KEEP_ALIVE;
  const file = { program, scopeOf, fileName };
  walk(program, (node) => {
    if (startsReportingApplication(node, scopeOf)) {
      result = { keepAlive: 'logged', installedBy: null };
      return 'stop';
    }
    const dependency = dependencyHandlersStartedBy(node, scopeOf, fileName);
    if (dependency) {
      if (dependency.keepAlive === 'logged') {
        result = { keepAlive: 'logged', installedBy: dependency.name };
        return 'stop';
      }
      if (result.keepAlive === 'none') result = { keepAlive: 'silent', installedBy: dependency.name };
      return undefined;
    }
    const handler = lastingProcessErrorHandler(node, scopeOf);
    if (!handler) return undefined;
    const fn = resolveLocalFunction(handler, scopeOf(handler));
    if (fn !== null && endsTheProcess(fn, file)) return undefined;
    if (fn === null || reportsFailure(fn, scopeOf)) {
      result = { keepAlive: 'logged', installedBy: null };
      return 'stop';
    }
    if (result.keepAlive === 'none') result = { keepAlive: 'silent', installedBy: null };
    return undefined;
  });
  keepAliveByProgram.set(program, result);
  return result;
}

/**
 * What becomes of an unhandled rejection in the program, in words for a rule's message ("if it
 * rejects, ..."): Node's exit, or what the handler that keeps the process running does with it.
 */
export function unhandledRejectionOutcome(answer: KeepAliveAnswer | null): string {
  if (answer === null || answer.keepAlive === 'none') return 'Node exits the process';
  const handler = answer.installedBy ?? 'the process-wide handler';
  return answer.keepAlive === 'logged' ? `${handler} only logs it and the process runs on without the work` : `${handler} swallows it: the work is lost without a log`;
}

/** The file installs a process-wide error handler that keeps the process running (see `keepAliveOf`). */
export function installsKeepAliveHandler(program: TSESTree.Program, scopeOf: ScopeOf, fileName: string | null = null): boolean {
  return keepAliveOf(program, scopeOf, fileName) !== 'none';
}

/** Build output folders whose sources sit at the package root or under `src/` (`dist/bin/x.js` is `bin/x.ts`). */
const OUTPUT_DIRECTORIES: ReadonlySet<string> = new Set(['dist', 'lib', 'build', 'out']);
/** `npm run start-server` / `yarn start-server`: a script that runs another script of the same package. */
const RUN_SCRIPT = /^(?:npm|pnpm|yarn)(?:\s+run(?:-script)?)?\s+([\w:.-]+)/;
/** How many `npm run` hops a start script is followed through. */
const MAX_SCRIPT_HOPS = 4;

/**
 * The package's programs as its package.json names them: the `start` script (through `npm run`
 * hops), the `bin` entries and `main`. Each named file is mapped to its source when it names build
 * output.
 */
function programEntries(manifestPath: string, json: Record<string, unknown>): string[] {
  const root = dirname(manifestPath);
  const named: string[] = [];
  const { bin, main, scripts } = json;
  if (typeof main === 'string') named.push(main);
  if (typeof bin === 'string') named.push(bin);
  else if (bin && typeof bin === 'object') named.push(...Object.values(bin).filter((value): value is string => typeof value === 'string'));
  if (scripts && typeof scripts === 'object') {
    const table = scripts as Record<string, unknown>;
    let command = table.start;
    for (let hop = 0; typeof command === 'string' && hop < MAX_SCRIPT_HOPS; hop++) {
      const next = RUN_SCRIPT.exec(command.trim());
      if (!next) {
        named.push(...command.split(/[\s;&|()]+/).filter((token) => token !== '' && !token.startsWith('-') && !token.includes('=') && /[./]/.test(token)));
        break;
      }
      command = table[next[1]!];
    }
  }
  const entries = new Set<string>();
  for (const path of named) {
    const source = sourceOf(root, path.replace(/^["']|["']$/g, ''));
    if (source) entries.add(source);
  }
  return [...entries];
}

function sourceOf(root: string, path: string): string | null {
  const relativePath = relative(root, resolve(root, path));
  if (relativePath.startsWith('..')) return null;
  const [first, ...rest] = relativePath.split(/[\\/]/);
  const candidates = [relativePath];
  if (first !== undefined && OUTPUT_DIRECTORIES.has(first) && rest.length > 0) candidates.push(rest.join('/'), ['src', ...rest].join('/'));
  const manifest = resolve(root, 'package.json');
  for (const candidate of candidates) {
    const found = resolveRelativeModule(manifest, `./${candidate}`) ?? (extname(candidate) === '' ? null : resolveRelativeModule(manifest, `./${candidate.slice(0, -extname(candidate).length)}`));
    if (found) return found;
  }
  return null;
}

/** Keys of keep-alive's answers in a file's summary (project-files), kept per version of the file. */
const INSTALLS_HANDLER = 'keep-alive:installs-handler';
const RELATIVE_SPECIFIERS = 'keep-alive:relative-specifiers';

/**
 * The project file installs a keep-alive handler, answered once per version of the file. The text
 * screen comes first: a file that names no such handler is never parsed (an entry's app module can
 * be the largest file of the project).
 */
function fileKeepAlive(fileName: string): KeepAliveAnswer | null {
  return summaryAnswer<KeepAliveAnswer | null>(fileName, INSTALLS_HANDLER, null, () => {
    const text = projectFileText(fileName);
    const file = text !== null && mayInstallKeepAliveHandler(text) ? projectFile(fileName) : null;
    const answer = file === null ? NO_KEEP_ALIVE : keepAliveAnswerOf(file.parsed.ast, scopesOfManager(file.parsed.scopeManager), fileName);
    return answer.keepAlive === 'none' ? null : answer;
  });
}

/** The relative modules a project file loads, as written; null when it cannot be read or parsed. Once per version of the file, from a bare parse. */
function relativeSpecifiersOf(fileName: string): readonly string[] | null {
  return summaryAnswer<readonly string[] | null>(fileName, RELATIVE_SPECIFIERS, null, () => {
    const module = moduleProgram(fileName);
    return module ? moduleSpecifiers(module.program).filter((written) => written.startsWith('.')) : null;
  });
}

/**
 * The program `filename` is part of keeps running after an unhandled rejection: one of its package's
 * programs (package.json `start` script, `bin`, `main`), or a project module such an entry loads
 * directly, installs a process-wide handler that keeps the process alive. A file that is a program of
 * its own (an example, a script) answers for itself alone.
 */
export function programKeepsRunningAfterRejection(filename: string, ownProgram: TSESTree.Program, ownScopes: ScopeOf, isProgramOfItsOwn: boolean): boolean {
  return programKeepAlive(filename, ownProgram, ownScopes, isProgramOfItsOwn) !== null;
}

/**
 * What keeps the program `filename` is part of running after an unhandled rejection (see
 * `programKeepsRunningAfterRejection`), null when nothing does: the file's own handlers, those of a
 * module it loads directly (a server's index that loads the plugin starting Next's custom server), or
 * those of the package's programs and the modules they load.
 */
export function programKeepAlive(filename: string, ownProgram: TSESTree.Program, ownScopes: ScopeOf, isProgramOfItsOwn: boolean): KeepAliveAnswer | null {
  const own = keepAliveAnswerOf(ownProgram, ownScopes, resolve(filename));
  if (own.keepAlive === 'logged' || (own.keepAlive === 'silent' && isProgramOfItsOwn)) return own;
  if (isProgramOfItsOwn) return null;
  // As the risk model merges a project's files: one handler that logs makes the loss a logged one
  // (uptime-kuma's entry logs; its database module adds a silent listener while it closes).
  let found: KeepAliveAnswer | null = own.keepAlive === 'silent' ? own : null;
  const consider = (fileName: string | null): boolean => {
    const installed = fileName ? fileKeepAlive(fileName) : null;
    if (installed && (found === null || installed.keepAlive === 'logged')) found = installed;
    return found?.keepAlive === 'logged';
  };
  for (const specifier of moduleSpecifiers(ownProgram)) {
    if (specifier.startsWith('.') && consider(resolveRelativeModule(resolve(filename), specifier))) return found;
  }
  const manifest = nearestManifest(resolve(filename));
  if (!manifest) return found;
  for (const entry of programEntries(manifest.path, manifest.json)) {
    if (entry === resolve(filename)) continue;
    if (consider(entry)) return found;
    for (const specifier of relativeSpecifiersOf(entry) ?? []) {
      if (consider(resolveRelativeModule(entry, specifier))) return found;
    }
  }
  return found;
}

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { keyName } from '../ast/names.js';
import { skipTransparentWrappers } from '../ast/wrappers.js';
import { constructedClassOrigin, GLOBALS, matchApi, type ApiTable, type ValueOrigin } from './module-bindings.js';
import type { PackageMethod } from './type-info.js';

/**
 * What the syntactic mode knows about imported code: the APIs that return a promise, per module, as
 * `matchApi` tables. Functions that return an async iterator (`events.on`, `fs/promises.watch`,
 * `timers/promises.setInterval`) are deliberately absent: dropping one leaks nothing that can reject.
 */
const FS_PROMISES = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'lutimes', 'link', 'lstat', 'mkdir',
  'mkdtemp', 'open', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat',
  'statfs', 'symlink', 'truncate', 'unlink', 'utimes', 'writeFile',
];

const DNS_PROMISES = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname',
  'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
];

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export const KNOWN_ASYNC_APIS: ApiTable = {
  [GLOBALS]: ['fetch'],
  'fs/promises': FS_PROMISES,
  fs: FS_PROMISES.map((name) => `promises.${name}`),
  'timers/promises': ['setTimeout', 'setImmediate', 'scheduler.wait', 'scheduler.yield'],
  'stream/promises': ['pipeline', 'finished'],
  stream: ['promises.pipeline', 'promises.finished'],
  events: ['once', 'EventEmitter.once', 'default.once'],
  'dns/promises': DNS_PROMISES,
  dns: DNS_PROMISES.map((name) => `promises.${name}`),
  axios: [...HTTP_VERBS, 'request', 'default', ...HTTP_VERBS.map((verb) => `default.${verb}`)],
  got: [...HTTP_VERBS, 'default', ...HTTP_VERBS.map((verb) => `default.${verb}`)],
  undici: ['request', 'fetch'],
  'node-fetch': ['default'],
  // A spawn that is also a promise of its result: it rejects when the command fails or exits non-zero.
  execa: ['execa', 'execaCommand', 'execaNode', '$', 'default', 'command', 'node'],
};

/** Modules whose default export itself is a promise-returning function (`axios(cfg)`, `got(url)`). */
const CALLABLE_ASYNC_MODULES: ReadonlySet<string> = new Set(['axios', 'got', 'node-fetch', 'execa']);

/** `fetch`, `fs/promises.readFile`, `axios`, ... when a call of `origin` returns a promise; else null. */
export function knownAsyncApi(origin: ValueOrigin | null): string | null {
  if (origin?.module && origin.path.length === 0 && CALLABLE_ASYNC_MODULES.has(origin.module)) return origin.module;
  return matchApi(origin, KNOWN_ASYNC_APIS);
}

/**
 * Methods of Node and of packages that return a promise which does not reject, by the module that
 * declares them and the class that declares the method, never by the receiver's name: as the type
 * checker finds the declaration, or, without one, as the file shows the receiver constructed from the
 * package's class (`constructedPackageMethod`). Dropping one leaks nothing. Each entry is read from
 * the implementation:
 * - `worker_threads` `Worker.terminate()`: fulfils with the exit code once the thread has stopped;
 * - `pg` `Pool.end()`: rejects only when `end()` was already called on the same pool;
 * - `node-resque` `Scheduler.start()`: sets a flag, emits `start` and arms the polling timer (whose
 *   poll catches its own errors).
 * - `limiter` (2.x, read at 2.1.0) `RateLimiter.removeTokens()` and `TokenBucket.removeTokens()`: they
 *   wait (a timer) until the tokens are there and fulfil with the count left (-1 with
 *   `fireImmediately`); the one `throw` is for asking more tokens than the bucket holds, an argument
 *   error like a second `end()`.
 * Release methods that do reject on an ordinary failure are absent on purpose: ioredis `quit()` on a
 * closed connection, node-resque `Worker.end()`, hap-nodejs `unpublish()` (its advertiser's D-Bus calls).
 */
const NEVER_REJECTING_METHODS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  worker_threads: { Worker: ['terminate'] },
  pg: { Pool: ['end'] },
  'node-resque': { Scheduler: ['start'] },
  limiter: { RateLimiter: ['removeTokens'], TokenBucket: ['removeTokens'] },
};

/** The package method's promise does not reject (NEVER_REJECTING_METHODS). */
export function isNeverRejectingMethod(method: PackageMethod | undefined): boolean {
  return method !== undefined && (NEVER_REJECTING_METHODS[method.module]?.[method.owner]?.includes(method.name) ?? false);
}

/**
 * `receiver.name` where this file shows the receiver is an instance of a package's class (module-bindings'
 * `constructedClassOrigin`: `this.limiter = new RateLimiter(...)` with `RateLimiter` from `limiter`): the
 * method as NEVER_REJECTING_METHODS names it, found without a type checker.
 */
export function constructedPackageMethod(callee: TSESTree.Node, scope: TSESLint.Scope.Scope): PackageMethod | undefined {
  const member = skipTransparentWrappers(callee);
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed) return undefined;
  const name = keyName(member);
  const origin = name === null ? null : constructedClassOrigin(member.object, scope);
  return origin?.module && name !== null ? { module: origin.module, owner: origin.path[origin.path.length - 1]!, name } : undefined;
}

/**
 * Package functions that hand back the very promise they are given (argument `promise`), having handed
 * its outcome to the node-style callback at argument `callback` when there is one. Read in the source:
 * standard-as-callback 2.1 (ioredis' `asCallback`) attaches both handlers when `nodeback` is a function
 * and returns `promise` unchanged.
 */
const CALLBACK_ADAPTERS: Readonly<Record<string, Readonly<Record<string, CallbackAdapter>>>> = {
  'standard-as-callback': { default: { promise: 0, callback: 1 }, '': { promise: 0, callback: 1 } },
};

/** Where a callback adapter takes the promise it hands back and the callback it hands the outcome to. */
export interface CallbackAdapter {
  promise: number;
  callback: number | null;
}

/** The package function `origin` names is a callback adapter (CALLBACK_ADAPTERS): its argument slots. */
export function packageCallbackAdapter(origin: ValueOrigin | null): CallbackAdapter | null {
  if (!origin?.module) return null;
  return CALLBACK_ADAPTERS[origin.module]?.[origin.path.join('.')] ?? null;
}

/** `util.promisify`, however imported: a call of its result returns a promise. */
export const PROMISIFY_APIS: ApiTable = { util: ['promisify', 'default.promisify'] };

/**
 * The HTTP clients `require-cancellation` checks, and where each takes its options. `optionsIndex`
 * is the argument position of the options object when the first argument is a URL; `'auto'` means
 * "the first argument when it is an object literal, else the second" (`axios(cfg)` vs `axios(url, cfg)`).
 * `keys` are the option names that bound the call in time.
 */
export interface HttpClientApi {
  optionsIndex: number | 'auto';
  keys: readonly string[];
}

const SIGNAL = ['signal'];
const SIGNAL_OR_TIMEOUT = ['signal', 'timeout'];
const UNDICI_KEYS = ['signal', 'headersTimeout', 'bodyTimeout'];

export function httpClientApi(origin: ValueOrigin | null): { name: string; api: HttpClientApi } | null {
  if (!origin || origin.module === null) {
    return origin?.path.length === 1 && origin.path[0] === 'fetch'
      ? { name: 'fetch', api: { optionsIndex: 1, keys: SIGNAL } }
      : null;
  }
  const module = origin.module;
  // `import axios from 'axios'` is the module root; `require('axios').default` is the same function.
  const path = origin.path[0] === 'default' ? origin.path.slice(1) : origin.path;
  const name = [module, ...path].join('.');
  const [member, ...rest] = path;
  if (rest.length > 0) return null;
  switch (module) {
    case 'http':
    case 'https':
      return member === 'request' || member === 'get' ? { name, api: { optionsIndex: 'auto', keys: SIGNAL_OR_TIMEOUT } } : null;
    case 'undici':
      return member === 'request' || member === 'fetch'
        ? { name, api: { optionsIndex: 1, keys: member === 'fetch' ? SIGNAL : UNDICI_KEYS } }
        : null;
    case 'node-fetch':
      return member === undefined ? { name: 'node-fetch', api: { optionsIndex: 1, keys: SIGNAL } } : null;
    case 'axios':
      return axiosLike(name, member);
    case 'got':
      if (member === undefined) return { name, api: { optionsIndex: 'auto', keys: SIGNAL_OR_TIMEOUT } };
      return HTTP_VERBS.includes(member) ? { name, api: { optionsIndex: 1, keys: SIGNAL_OR_TIMEOUT } } : null;
    default:
      return null;
  }
}

/** axios and an axios instance share one call shape: `(cfg)`, `(url, cfg)`, `.get(url, cfg)`, `.post(url, data, cfg)`. */
export function axiosLike(name: string, member: string | undefined): { name: string; api: HttpClientApi } | null {
  if (member === undefined) return { name, api: { optionsIndex: 'auto', keys: SIGNAL_OR_TIMEOUT } };
  if (member === 'request') return { name, api: { optionsIndex: 0, keys: SIGNAL_OR_TIMEOUT } };
  if (member === 'post' || member === 'put' || member === 'patch') return { name, api: { optionsIndex: 2, keys: SIGNAL_OR_TIMEOUT } };
  if (HTTP_VERBS.includes(member)) return { name, api: { optionsIndex: 1, keys: SIGNAL_OR_TIMEOUT } };
  return null;
}

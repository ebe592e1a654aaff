import { GLOBALS, type ApiTable } from './module-bindings.js';

/**
 * The API shapes spawnguard knows, in one table: the detectors, the risk model and the supervision
 * tree compose the groups they need from here rather than keeping their own lists.
 */

/** EventEmitter methods that subscribe a listener to every emission. */
export const REPEATING_LISTENER_METHODS = ['on', 'addListener', 'prependListener'] as const;
/** EventEmitter methods that subscribe a listener to the next emission only. */
export const ONCE_LISTENER_METHODS = ['once', 'prependOnceListener'] as const;
/** The DOM / Node EventTarget subscription. */
export const EVENT_TARGET_LISTENER_METHODS = ['addEventListener'] as const;
const LISTENER_METHODS: ReadonlySet<string> = new Set([...REPEATING_LISTENER_METHODS, ...ONCE_LISTENER_METHODS]);

/** Array methods that call their callback synchronously, once per element, before they return. */
export const ARRAY_ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

/** Any EventEmitter subscription: what watching a child's `error` / `exit` or the process's errors takes. */
export function isListenerMethod(name: string): boolean {
  return LISTENER_METHODS.has(name);
}

/** The timer functions, global and in `node:timers`. */
export const TIMER_FUNCTIONS = ['setTimeout', 'setInterval', 'setImmediate'] as const;
/** Functions that call their first argument later and drop what it returns. */
export const SCHEDULERS: ApiTable = {
  [GLOBALS]: [...TIMER_FUNCTIONS, 'queueMicrotask', 'process.nextTick'],
  timers: [...TIMER_FUNCTIONS],
  process: ['nextTick'],
};
/** The repeating timer. */
export const INTERVAL_APIS: ApiTable = { [GLOBALS]: ['setInterval'], timers: ['setInterval'] };

/** Route shorthands of Express, Koa-router, Hono and Fastify: `app.post('/upload', handler)`. */
export const ROUTE_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'all'] as const;
/** Middleware registration, `app.use(handler)` / `app.use('/api', handler)`. */
export const MIDDLEWARE_METHOD = 'use';
/** node:http(s) / http2 / net server factories, whose callback handles each request or connection. */
export const SERVER_FACTORY_FUNCTIONS = ['createServer', 'createSecureServer'] as const;

/** Calls that start a worker thread or a child process. */
export const SPAWN_APIS: ApiTable = {
  worker_threads: ['Worker'],
  child_process: ['spawn', 'fork', 'exec', 'execFile'],
  cluster: ['fork', 'default.fork'],
};

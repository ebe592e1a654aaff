import rule from '../../rules/no-detached-async-callback.js';
import { testRuleInBothModes } from './rule-tester.js';

/** A file of one of the small projects under typed-project/projects, whose package.json (and node_modules) say which framework it uses. */
function inProject(project: string): string {
  return `projects/${project}/app.ts`;
}

/** A module of projects/keep-alive, whose program logs an unhandled rejection and runs on. */
const KEEP_ALIVE_JOBS = 'projects/keep-alive/src/jobs.ts';

/** A CommonJS module of projects/package-methods, beside its rate-limiter.js built on the limiter package (uptime-kuma's server). */
const PACKAGE_METHODS_CJS = 'projects/package-methods/auth.cjs';
const LOGOUT_HANDLER = "const { loginRateLimiter } = require('./rate-limiter');\nfunction onConnection(socket) {\n  socket.on('logout', async (callback) => {\n    if (!(await loginRateLimiter.pass(callback))) {\n      return;\n    }\n";

/** A wrapper that calls the function it is given in a timer (hocuspocus' debounce): its callback rejects only when that function does. */
const DEBOUNCE = "function debounce(id: string, func: () => Promise<void>, wait: number) {\n  setTimeout(async () => {\n    console.log(id);\n    await func();\n  }, wait);\n}\n";
const DEBOUNCED_CALLBACK = 'async () => {\n    console.log(id);\n    await func();\n  }';
/** A function handed to it that catches every error itself (hocuspocus' storeDocumentHooks). */
const QUIET_SAVE = "debounce('save', async () => {\n  try {\n    await fetch('https://example.test/save');\n  } catch (error) {\n    console.error(error);\n  }\n}, 100);\n";

/** The same wrapper as hocuspocus writes it: each run waits for the previous one of its id, kept in a map. */
const DEBOUNCE_RUNS = "const running = new Map<string, Promise<void>>();\nfunction debounce(id: string, func: () => Promise<void>, wait: number) {\n  const runNext = async () => {\n    if (running.has(id)) {\n      await running.get(id);\n    }\n    const execution = func();\n    running.set(id, execution);\n    await execution;\n    running.delete(id);\n  };\n  setTimeout(runNext, wait);\n}\n";
/** A listener awaiting a telemetry package's method (typed-project/projects/dependency-bodies: one catches everything, one rethrows). */
const DEPENDENCY_LISTENER = (pkg: string): string =>
  `import { Telemetry } from '${pkg}';\nimport { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst telemetry = new Telemetry('telemetry.example');\nbus.on('job', async (id: string) => {\n  await telemetry.record(id);\n});`;

const RUNTIME = "import { tasks } from '@spawnguard/runtime';";
const EMITTER = "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\n";
const EMITTER_WITH_RUNTIME = `import { EventEmitter } from 'node:events';\n${RUNTIME}\nconst bus = new EventEmitter();\n`;
const HANDLE = 'async function handle(...args: unknown[]): Promise<void> {}\n';

/**
 * `code` with `callback` (its last occurrence) wrapped in `tasks.callback(..., { name: '<task>' })` and
 * the runtime import added after the imports.
 */
function wrapped(code: string, callback: string, task: string, addImport = true): string {
  const at = code.lastIndexOf(callback);
  const lines = `${code.slice(0, at)}tasks.callback(${callback}, { name: '${task}' })${code.slice(at + callback.length)}`.split('\n');
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '));
  if (addImport) lines.splice(lastImport + 1, 0, RUNTIME);
  return lines.join('\n');
}

/**
 * The name each case's suggestion gives the callback's tasks (src/detect/component-names.ts
 * callbackTaskName): the module (`file`, or the folder of an index file) and the event a listener
 * handles or the route a handler serves, else the named function around it, else the module alone.
 */
const TASK_NAMES: Record<string, string> = {
  'emitter.on with an async arrow': 'file.data',
  'an await before the try': 'file.data',
  'try/catch that rethrows': 'file.data',
  'await after the try': 'file.data',
  'catch that awaits something that can reject': 'file.data',
  'emitter.once': 'file.ready',
  'addListener with a function expression': 'file.x',
  'prependListener': 'file.x',
  'an arrow that returns a promise': 'file.x',
  'a reference to an async function': 'file.x',
  'asyncMethod.bind(this)': 'file.message',
  'this.method reference': 'file.message',
  'process.on': 'file.message',
  'addEventListener': 'file',
  'setTimeout': 'file',
  'setInterval': 'file',
  'setImmediate': 'file',
  'globalThis.setTimeout': 'file',
  'timers module setTimeout': 'file',
  'process.nextTick': 'file',
  'forEach': 'file.sendAll',
  'optional forEach': 'file',
  'map whose array is dropped': 'file',
  'Express 4 route': 'file.GET /users',
  'Express router': 'file.POST /orders',
  'Express middleware via use': 'file',
  'app of unknown origin, by name': 'file.DELETE /users/:id',
  'this.router in a class': 'file.PUT /x',
  'CommonJS emitter': 'file.x',
  'listener nested inside a task is still detached': 'file.x',
  'TSX effect': 'react.refresh',
  'Express 4 declared in package.json': 'app.GET /users',
  'a router of unknown origin in an Express 4 project': 'app.GET /x',
  'an Express 4 router made by a local factory over a dynamic import': 'app.GET /x',
  'forEach callback returning a promise on one path': 'file.sendAll',
  'a project middleware typed with a package type': 'app.GET /users',
  'a listener that exits only on one branch': 'file.error',
  'another rule disabled on the line above': 'file.x',
  'a waiver marked TODO is a problem left for later': 'file',
  'a route in the production branch of a dev check': 'file.GET /',
  'a route under an unrelated flag': 'file.GET /',
  'a let-declared handler given two functions': 'file.message',
  'a chain of listeners on an emitter that is not the process': 'file.SIGINT',
  'a loop over events that are not all signals': 'file',
};

/** `task`: the name the suggestion gives the callback's tasks (the module and the event, else the function's name). */
function detached(
  name: string,
  code: string,
  callback: string,
  line: number,
  column: number,
  extra: { filename?: string; imported?: boolean; task?: string; messageId?: 'detachedCallback' | 'detachedCallbackLogged' } = {},
) {
  return {
    name,
    code,
    ...(extra.filename ? { filename: extra.filename } : {}),
    errors: [
      {
        messageId: extra.messageId ?? ('detachedCallback' as const),
        line,
        column,
        suggestions: [{ messageId: 'wrapInTasksCallback' as const, output: wrapped(code, callback, extra.task ?? TASK_NAMES[name] ?? 'missing from TASK_NAMES', !extra.imported) }],
      },
    ],
  };
}

/** The case, its one error also checked for the message's words (`data`). */
function withOutcome<T extends { errors: readonly object[] }>(testCase: T, data: Record<string, string>): T {
  return { ...testCase, errors: testCase.errors.map((error) => ({ ...error, data })) };
}

testRuleInBothModes('no-detached-async-callback', rule, {
  valid: [
    // A Next.js page split per declaration (issue 9, session 9): its component's effects run in the browser.
    { name: "a listener a Next.js page's effect adds, beside the page's getServerSideProps", code: `import { useEffect } from 'react';\n${HANDLE}export default function View() {\n  useEffect(() => {\n    window.addEventListener('resize', async () => {\n      await handle();\n    });\n  }, []);\n  return <p>view</p>;\n}\nexport async function getServerSideProps() {\n  return { props: {} };\n}`, filename: 'projects/pages-app/pages/login.tsx' },
    { name: 'sync listener', code: `${EMITTER}bus.on('data', (chunk) => console.log(chunk));` },
    { name: 'listener wrapped in tasks.callback', code: `${RUNTIME}\n${EMITTER}bus.on('data', tasks.callback(async (chunk) => { await handle(chunk); }));` },
    { name: 'handler reference wrapped', code: `${RUNTIME}\n${EMITTER}${HANDLE}bus.on('data', tasks.callback(handle));` },
    { name: 'Promise.all over map', code: `${HANDLE}export async function all(ids: string[]) { await Promise.all(ids.map(async (id) => handle(id))); }` },
    { name: 'map result returned', code: `${HANDLE}export function all(ids: string[]) { return ids.map(async (id) => handle(id)); }` },
    { name: 'map result stored', code: `${HANDLE}const pending = ['a'].map(async (id) => handle(id));\nexport { pending };` },
    { name: 'test framework', code: `${HANDLE}declare function it(name: string, fn: () => unknown): void;\nit('sends', async () => { await handle(); });` },
    { name: 'describe/beforeEach', code: `${HANDLE}declare function beforeEach(fn: () => unknown): void;\nbeforeEach(async () => { await handle(); });` },
    { name: 'Fastify handler', code: `import Fastify from 'fastify';\n${HANDLE}const fastify = Fastify();\nfastify.get('/users', async () => handle());` },
    { name: 'Fastify route object', code: `import Fastify from 'fastify';\n${HANDLE}const server = Fastify();\nserver.route({ method: 'GET', url: '/', handler: async () => handle() });` },
    { name: 'Express 5 option', code: `import express from 'express';\n${HANDLE}const app = express();\napp.get('/users', async (req, res) => handle(req, res));`, options: [{ expressVersion: 5 }] },
    { name: 'express setting getter', code: "import express from 'express';\nconst app = express();\napp.get('env');" },
    { name: 'sync route handler', code: "import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => { res.send('ok'); });" },
    { name: 'setTimeout with a sync callback', code: 'setTimeout(() => console.log("tick"), 10);' },
    { name: 'forEach with a sync callback', code: '[1, 2].forEach((n) => console.log(n));' },
    { name: 'for...of with await instead of forEach', code: `${HANDLE}export async function run(ids: string[]) { for (const id of ids) await handle(id); }` },
    { name: 'tasks.start is not a dropping callee', code: `${RUNTIME}\n${HANDLE}tasks.start(async () => { await handle(); });` },
    { name: 'listener returning nothing', code: `${EMITTER}${HANDLE}bus.on('data', (chunk) => { void chunk; });` },
    { name: 'new Promise with a sync executor', code: 'export const ready = new Promise((resolve) => setTimeout(resolve, 10));' },
    { name: 'process.on with a sync handler', code: "process.on('SIGTERM', () => process.exit(0));" },
    { name: 'unrelated .get with an async callback', code: `${HANDLE}const cache = new Map<string, unknown>();\ncache.get('x');\nexport const lookup = { get: (fn: () => unknown) => fn() };\nlookup.get(async () => handle());` },
    { name: 'a sync function reference', code: `${EMITTER}function log(chunk: unknown) { console.log(chunk); }\nbus.on('data', log);` },
    { name: 'event listener wrapped (CommonJS)', code: "const { tasks } = require('@spawnguard/runtime');\nconst { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.on('x', tasks.callback(async () => {}));", filename: 'file.cjs' },
    { name: 'async iterator instead of on', code: `${EMITTER}import { on } from 'node:events';\n${HANDLE}export async function pump() { for await (const [chunk] of on(bus, 'data')) await handle(chunk); }` },
    { name: 'JSX onClick handler (React does not drop a rejection more than the DOM, out of scope)', code: `${HANDLE}export const el = <button onClick={async () => handle()} />;`, filename: 'react.tsx' },

    // Frameworks that await their handlers, whatever the receiver is called (issue 9, class 1).
    { name: 'Koa router from @koa/router', code: `import Router from '@koa/router';\n${HANDLE}const router = new Router();\nrouter.get('/users', async (ctx) => { ctx.body = await handle(); });` },
    { name: 'koa-router required', code: "const Router = require('koa-router');\nconst router = new Router({ prefix: '/api' });\nasync function list() {}\nrouter.post('/items', async (ctx) => list(ctx));", filename: 'file.cjs' },
    { name: 'Koa app.use', code: `import Koa from 'koa';\n${HANDLE}const app = new Koa();\napp.use(async (ctx, next) => { await next(); await handle(ctx); });` },
    { name: 'Hono app', code: `import { Hono } from 'hono';\n${HANDLE}const app = new Hono();\napp.get('/users', async (c) => c.json(await handle()));` },
    { name: 'Fastify instance called app', code: `import fastify from 'fastify';\n${HANDLE}const app = fastify({ logger: true });\napp.post('/users', async (request) => handle(request));` },
    { name: 'NestJS application', code: `import { NestFactory } from '@nestjs/core';\n${HANDLE}export async function boot(module: unknown) {\n  const app = await NestFactory.create(module);\n  app.use(async (req: unknown) => handle(req));\n}` },
    { name: 'Koa router passed in, typed by its import', code: `import type Router from '@koa/router';\n${HANDLE}export function mount(router: Router) {\n  router.get('/x', async (ctx) => handle(ctx));\n}` },
    { name: 'Koa router on this, created in the constructor', code: `import Router from '@koa/router';\n${HANDLE}export class Api {\n  router = new Router();\n  mount() {\n    this.router.get('/x', async (ctx) => handle(ctx));\n  }\n}` },
    // issue 9: a Koa router class reached through a dynamic import
    { name: 'Koa router from a destructured dynamic import', code: `${HANDLE}const { default: Router } = await import('@koa/router');\nconst router = new Router();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router from the default of an awaited import', code: `${HANDLE}const Router = (await import('koa-router')).default;\nconst router = new Router();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router from a dynamic import namespace', code: `${HANDLE}const koaRouter = await import('@koa/router');\nconst router = new koaRouter.default();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router from a dynamic import, default or module (interop)', code: `${HANDLE}const koaRouter = await import('koa-router');\nconst Router = koaRouter.default ?? koaRouter;\nconst router = new Router();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router constructed straight from a dynamic import', code: `${HANDLE}const router = new (await import('@koa/router')).default();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router from import().then(m => m.default)', code: `${HANDLE}const Router = await import('koa-router').then((m) => m.default);\nconst router = new Router();\nrouter.get('/x', async (ctx) => handle(ctx));` },
    { name: 'Koa router class loaded lazily into a let', code: `${HANDLE}let Router: any;\nexport async function mount() {\n  Router = (await import('koa-router')).default;\n  const router = new Router();\n  router.get('/x', async (ctx: unknown) => handle(ctx));\n}` },
    { name: 'Koa router made by a local factory over a dynamic import', code: `${HANDLE}async function createRouter() {\n  const { default: Router } = await import('koa-router');\n  return new Router();\n}\nconst router = await createRouter();\nrouter.get('/x', async (ctx: unknown) => handle(ctx));` },
    { name: 'a router of unknown origin in a Koa project', code: `${HANDLE}declare const router: { get(path: string, fn: unknown): void };\nrouter.get('/x', async (ctx) => handle(ctx));`, filename: inProject('koa') },
    { name: 'Express 5 declared in package.json', code: `import express from 'express';\n${HANDLE}const app = express();\napp.get('/users', async (req, res) => handle(req, res));`, filename: inProject('express5-declared') },
    { name: 'Express 5 installed (node_modules wins over the declared range)', code: `import { Router } from 'express';\n${HANDLE}const router = Router();\nrouter.get('/users', async (req, res) => handle(req, res));`, filename: inProject('express5-installed') },
    { name: 'the process\'s own last-resort handler', code: `${HANDLE}process.on('unhandledRejection', async (reason) => {\n  await handle(reason);\n  process.exit(1);\n});` },
    { name: "an async handler of the process's exit event: the process ends when it returns", code: `${HANDLE}process.on('exit', async () => {\n  await handle();\n});` },
    { name: 'a shutdown handler that exits', code: `${HANDLE}process.on('SIGTERM', async () => {\n  await handle();\n  process.exit(0);\n});` },
    { name: 'browser code under client/', code: `${EMITTER}${HANDLE}bus.on('init', async () => handle());`, filename: 'client/app.ts' },
    { name: 'a Vite + React page package, wherever it sits', code: `import { EventEmitter } from 'events';\nconst bus = new EventEmitter();\n${HANDLE}bus.on('init', async () => handle());`, filename: 'projects/admin-ui/src/settings.ts' },
    { name: 'a signal handler: the shutdown path', code: `${HANDLE}process.once('SIGINT', async () => {\n  await handle();\n});` },
    // Fresh and held-out checks (faktory_worker_node, kuzzle): signal handlers chained on the process, or registered in a loop (issue 9).
    { name: "signal handlers chained on the process (its emitter methods return it)", code: `${HANDLE}process.once('SIGTERM', async () => {\n  await handle();\n}).once('SIGINT', async () => {\n  await handle();\n});` },
    { name: 'signal handlers registered in a loop over signal names', code: `${HANDLE}for (const signal of ['SIGINT', 'SIGTERM']) {\n  process.on(signal, async () => {\n    await handle(signal);\n  });\n}` },
    { name: 'an async arrow awaiting a method that cannot reject', code: `${HANDLE}class Keeper {\n  async onCron() {\n    try { await handle(); } catch (error) { console.error(error); }\n  }\n  start() { setInterval(async () => await this.onCron(), 1000); }\n}` },
    // Callbacks that cannot reject (class 2).
    { name: 'an async handler that never awaits (only a synchronous throw, as without async)', code: "import express from 'express';\nconst app = express();\napp.get('/x', async (req, res) => {\n  res.redirect('/y');\n});" },
    { name: 'calls and destructuring before a try that holds every await', code: `import express from 'express';\n${HANDLE}const app = express();\napp.get('/b/:id', async (req, res) => {\n  res.setHeader('x', '1');\n  const { label, color = 'red' } = req.query;\n  try {\n    res.json(await handle(label, color));\n  } catch (error) {\n    res.status(500).end();\n  }\n});` },
    { name: 'poller: guards and assignments before a handled try', code: `${HANDLE}class Poller {\n  timer: unknown = null;\n  closing = false;\n  start() {\n    this.timer = setTimeout(async () => {\n      this.timer = null;\n      if (this.closing) return;\n      try {\n        await handle();\n      } catch (error) {\n        console.error(error);\n      }\n    }, 1000);\n  }\n}` },
    { name: 'an arrow calling a method that cannot reject', code: `${HANDLE}class Poller {\n  #onPoll = async () => {\n    try { await handle(); } catch (error) { console.error(error); } finally { this.#count++; }\n  };\n  #count = 0;\n  start() { setInterval(() => this.#onPoll(), 1000); }\n}` },
    { name: 'Express 4 handler whose whole body is a try/catch passing the error on', code: `import express from 'express';\n${HANDLE}const app = express();\napp.get('/a', async (req, res, next) => {\n  try {\n    res.json(await handle(req));\n  } catch (error) {\n    next(error);\n  }\n});` },
    { name: 'listener whose whole body is a try/catch that logs', code: `${EMITTER}${HANDLE}bus.on('data', async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    console.error('data failed', error);\n  }\n});` },
    { name: 'timer whose body is a try/catch/finally that records', code: `${HANDLE}let failures = 0;\nsetInterval(async () => {\n  try { await handle(); } catch { failures++; } finally { console.log(failures); }\n}, 1000);` },
    { name: 'new Promise(async) whose every path settles', code: `${HANDLE}export const done = new Promise(async (resolve, reject) => {\n  try {\n    resolve(await handle());\n  } catch (error) {\n    reject(error);\n  }\n});` },
    // An executor that never awaits resolves or rejects its promise like a plain one (bullmq's getter).
    { name: 'new Promise(async) that never awaits', code: "declare function make(): object;\nlet cached: object | undefined;\nexport const scheduler = new Promise(async (resolve) => {\n  if (!cached) cached = make();\n  resolve(cached);\n});" },
    // A handler declared first and given its one function later is that function (bullmq's sandbox).
    { name: 'a let-declared handler assigned once, whose body is a handled try', code: `${EMITTER}${HANDLE}let onMessage: (msg: unknown) => Promise<void>;\nonMessage = async (msg) => {\n  try {\n    await handle(msg);\n  } catch (error) {\n    console.error(error);\n  }\n};\nbus.on('message', onMessage);` },
    // The shutdown path (FP13): the callback ends by exiting the process.
    { name: 'a listen-error handler that shuts down and exits', code: `${EMITTER}${HANDLE}bus.once('error', async (err) => {\n  console.error(err);\n  await handle();\n  process.exit(1);\n});` },
    // The project disabled typescript-eslint's rule for the same problem on this line: already judged.
    { name: 'typescript-eslint no-misused-promises disabled on the line above', code: `import express from 'express';\n${HANDLE}const app = express();\n// eslint-disable-next-line @typescript-eslint/no-misused-promises\napp.get('/', async (req, res) => {\n  res.send(await handle(req));\n});` },
    { name: 'typescript-eslint no-misused-promises disabled on the line', code: `${EMITTER}${HANDLE}bus.on('x', async () => handle()); // eslint-disable-line @typescript-eslint/no-misused-promises -- reviewed` },
    // A package's middleware passed to an Express 4 route (express-jwt): typed, it is the package's
    // async function; without types nothing says it returns a promise.
    { name: 'a package middleware built by a call, on an object', code: "import express from 'express';\nimport { guard } from 'jwt-guard';\nconst app = express();\nconst auth = { required: guard({ secret: 's' }) };\napp.get('/users', auth.required, (req, res) => {\n  res.send('ok');\n});", filename: inProject('express4-package-middleware') },
    { name: 'a package middleware imported as it is', code: "import express from 'express';\nimport { requireUser } from 'jwt-guard';\nconst router = express.Router();\nrouter.post('/users', requireUser, (req, res) => {\n  res.send('ok');\n});", filename: inProject('express4-package-middleware') },
    // Registered only in development or test mode: it never runs in production.
    { name: 'a test endpoint registered only in development mode', code: `import express from 'express';\n${HANDLE}const app = express();\ndeclare const isDev: boolean;\nif (isDev) {\n  app.get('/_e2e/snapshot', async (req, res) => {\n    await handle();\n    res.send('ok');\n  });\n}` },
    { name: 'a listener registered only when NODE_ENV is test', code: `${EMITTER}${HANDLE}if (process.env.NODE_ENV === 'test') {\n  bus.on('reset', async () => handle());\n}` },
    { name: 'listener calling a same-file async function that catches everything', code: `${EMITTER}async function safeHandle(chunk: unknown) {\n  try {\n    await fetch(String(chunk));\n  } catch (error) {\n    console.error(error);\n  }\n}\nbus.on('data', safeHandle);` },
    // issue 9: in a program whose entry installs a handler that logs an unhandled rejection and runs on
    // (projects/keep-alive: start script -> dist/server.js -> src/server.ts, which loads crash-log.ts),
    // a callback that owes nothing loses only its own work, which the handler logs.
    { name: 'keep-alive program: an update check in a timer', code: `${HANDLE}export function startChecks() { setInterval(async () => { await handle('check'); }, 1000); }`, filename: KEEP_ALIVE_JOBS },
    { name: 'keep-alive program: a listener without parameters', code: `${EMITTER}${HANDLE}bus.once('secureConnect', async () => { await handle('tls'); });`, filename: KEEP_ALIVE_JOBS },
    // zipline (issue 9, s9): Next's custom server, started by the plugin the server's index loads, keeps the process
    // running; an interval retried at its next tick owes nothing.
    { name: "a Next.js custom server program: an interval's callback that owes nothing", code: `import { nextPlugin } from './plugins/next.js';\n${HANDLE}setInterval(() => handle('stats'), 1000);\nexport { nextPlugin };`, filename: 'projects/next-silent/src/index.ts' },
    // A guard (passes before and after issue 9's s9 work): a handler that only logs through a method of the logger module keeps the program running.
    { name: 'keep-alive program: the handler logs through a method of a module object', code: `${HANDLE}export function startChecks() { setInterval(async () => { await handle('check'); }, 1000); }`, filename: 'projects/logging-logger/src/jobs.ts' },
    // One-shot start-up work (issue 9, pg-boss examples/load): a timer's callback in the function a
    // script's top level calls once, whose failure exits. A rejection ends the script as that catch does.
    {
      name: "a one-shot timer in the function a script's top level calls once and exits on",
      code: `${HANDLE}loadTest().catch((error) => {\n  console.log(error);\n  process.exit(1);\n});\nasync function loadTest() {\n  for (const schema of ['a', 'b']) {\n    setImmediate(() => handle(schema));\n  }\n}`,
      filename: 'examples/demo.ts',
    },
    { name: 'a delayed one-shot start-up step at the top of an entry', code: `${HANDLE}setTimeout(async () => {\n  await handle();\n}, 1000);`, filename: 'main.ts' },
    // Its one await outside a try is a project limiter whose pass() awaits only the limiter package's removeTokens() (uptime-kuma's server.js, issue 9 session 7).
    { name: 'a listener whose one await is a limiter that cannot reject', code: `${LOGOUT_HANDLER}    socket.leave(socket.userID);\n    if (typeof callback === 'function') callback();\n  });\n}\nmodule.exports = { onConnection };`, filename: PACKAGE_METHODS_CJS },
    // Issue 9 (soketi): the awaited method delegates to an in-memory instance another method returns.
    { name: 'an awaited method of a project store that resolves from memory', code: "import { LocalStore } from './store.js';\nimport { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst store = new LocalStore();\nbus.on('join', async (id: string) => {\n  await store.addMember(id, { id });\n});", filename: 'projects/cannot-reject/app.ts' },
    // Issue 9 (session 9, hocuspocus' debounce): a wrapper calls the function it is given; every caller gives one that catches everything.
    { name: 'a wrapper whose every caller hands it a function that cannot reject', code: `${DEBOUNCE}${QUIET_SAVE}debounce('load', async () => {\n  try {\n    await fetch('https://example.test/load');\n  } catch {\n    return;\n  }\n}, 100);` },
    { name: "a wrapper awaiting the previous run it keeps in a map, every caller's function quiet", code: `${DEBOUNCE_RUNS}${QUIET_SAVE}` },
    // Issue 9 (quirrel's telemetry): the awaited method is a dependency's, whose JavaScript catches every error.
    { name: "an awaited package method whose JavaScript catches every error", code: DEPENDENCY_LISTENER('modern-telemetry'), filename: 'projects/dependency-bodies/app.ts' },
  ],
  invalid: [
    detached("a timer callback in a Next.js page's getServerSideProps", `import { useEffect } from 'react';\n${HANDLE}export default function View() {\n  useEffect(() => {\n    window.addEventListener('resize', async () => {\n      await handle();\n    });\n  }, []);\n  return <p>view</p>;\n}\nexport async function getServerSideProps() {\n  setTimeout(async () => {\n    await handle();\n  }, 1000);\n  return { props: {} };\n}`, 'async () => {\n    await handle();\n  }', 12, 14, { filename: 'projects/pages-app/pages/login.tsx', task: 'login.getServerSideProps' }),
    detached('an awaited package method whose JavaScript rethrows', DEPENDENCY_LISTENER('loud-telemetry'), 'async (id: string) => {\n  await telemetry.record(id);\n}', 5, 15, { filename: 'projects/dependency-bodies/app.ts', task: 'app.job' }),
    {
      name: 'a listener awaiting the limiter and then a request that can reject',
      code: `${LOGOUT_HANDLER}    await fetch('https://audit.example/logout');\n    callback();\n  });\n}\nmodule.exports = { onConnection };`,
      filename: PACKAGE_METHODS_CJS,
      errors: [
        {
          messageId: 'detachedCallback' as const,
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: 'wrapInTasksCallback' as const,
              output: `const { tasks } = require('@spawnguard/runtime');\n${LOGOUT_HANDLER.replace('async (callback) => {', 'tasks.callback(async (callback) => {')}    await fetch('https://audit.example/logout');\n    callback();\n  }, { name: 'auth.logout' }));\n}\nmodule.exports = { onConnection };`,
            },
          ],
        },
      ],
    },
    detached('emitter.on with an async arrow', `${EMITTER}bus.on('data', async (chunk) => {\n  await handle(chunk);\n});`, "async (chunk) => {\n  await handle(chunk);\n}", 3, 16),
    detached('emitter.once', `${EMITTER}${HANDLE}bus.once('ready', async () => handle());`, 'async () => handle()', 4, 19),
    detached('a chain of listeners on an emitter that is not the process', `${EMITTER}${HANDLE}bus.once('ready', () => {}).once('SIGINT', async () => handle());`, 'async () => handle()', 4, 44),
    detached('a loop over events that are not all signals', `${HANDLE}for (const event of ['SIGINT', 'message']) {\n  process.on(event, async () => {\n    await handle(event);\n  });\n}`, 'async () => {\n    await handle(event);\n  }', 3, 21),
    detached('addListener with a function expression', `${EMITTER}${HANDLE}bus.addListener('x', async function onX() { await handle(); });`, 'async function onX() { await handle(); }', 4, 22),
    detached('prependListener', `${EMITTER}${HANDLE}bus.prependListener('x', async () => handle());`, 'async () => handle()', 4, 26),
    detached('an arrow that returns a promise', `${EMITTER}${HANDLE}bus.on('x', () => handle());`, '() => handle()', 4, 13),
    detached('a reference to an async function', `${EMITTER}${HANDLE}bus.on('x', handle);`, 'handle', 4, 13),
    detached(
      'asyncMethod.bind(this)',
      `${EMITTER}class Consumer {\n  async onMessage() {}\n  start() {\n    bus.on('message', this.onMessage.bind(this));\n  }\n}`,
      'this.onMessage.bind(this)',
      6,
      23,
    ),
    detached('this.method reference', `${EMITTER}class Consumer {\n  async onMessage() {}\n  start() {\n    bus.on('message', this.onMessage);\n  }\n}`, 'this.onMessage', 6, 23),
    detached('process.on', `${HANDLE}process.on('message', async () => {\n  await handle();\n});`, 'async () => {\n  await handle();\n}', 2, 23),
    detached('addEventListener', `${HANDLE}declare const socket: EventTarget;\nsocket.addEventListener('message', async () => handle());`, 'async () => handle()', 3, 36),
    detached('setTimeout', `${HANDLE}setTimeout(async () => {\n  await handle();\n}, 100);`, 'async () => {\n  await handle();\n}', 2, 12),
    detached('setInterval', `${HANDLE}const timer = setInterval(async () => handle(), 1000);\nclearInterval(timer);`, 'async () => handle()', 2, 27),
    detached('setImmediate', `${HANDLE}setImmediate(async () => handle());`, 'async () => handle()', 2, 14),
    detached('globalThis.setTimeout', `${HANDLE}globalThis.setTimeout(async () => handle(), 5);`, 'async () => handle()', 2, 23),
    detached('timers module setTimeout', `import { setTimeout as later } from 'node:timers';\n${HANDLE}later(async () => handle(), 5);`, 'async () => handle()', 3, 7),
    detached('process.nextTick', `${HANDLE}process.nextTick(async () => handle());`, 'async () => handle()', 2, 18),
    detached('forEach', `${HANDLE}export function sendAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await handle(id);\n  });\n}`, 'async (id) => {\n    await handle(id);\n  }', 3, 15),
    detached('optional forEach', `${HANDLE}declare const ids: string[] | undefined;\nids?.forEach(async (id) => handle(id));`, 'async (id) => handle(id)', 3, 14),
    detached('map whose array is dropped', `${HANDLE}['a', 'b'].map(async (id) => handle(id));`, 'async (id) => handle(id)', 2, 16),
    detached('Express 4 route', `import express from 'express';\n${HANDLE}const app = express();\napp.get('/users', async (req, res) => handle(req, res));`, 'async (req, res) => handle(req, res)', 4, 19),
    detached('Express router', `import { Router } from 'express';\n${HANDLE}const router = Router();\nrouter.post('/orders', async (req, res) => {\n  await handle(req, res);\n});`, 'async (req, res) => {\n  await handle(req, res);\n}', 4, 24),
    detached('Express middleware via use', `import express from 'express';\n${HANDLE}const app = express();\napp.use(async (req, res, next) => { await handle(req); next(); });`, 'async (req, res, next) => { await handle(req); next(); }', 4, 9),
    detached('app of unknown origin, by name', `${HANDLE}declare const app: { delete(path: string, fn: unknown): void };\napp.delete('/users/:id', async () => handle());`, 'async () => handle()', 3, 26),
    detached('this.router in a class', `${HANDLE}class Routes {\n  router: any;\n  mount() {\n    this.router.put('/x', async () => handle());\n  }\n}`, 'async () => handle()', 5, 27),
    detached(
      'CommonJS emitter',
      "const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nasync function save() {}\nbus.on('x', save);",
      'save',
      4,
      13,
    ),
    detached('listener nested inside a task is still detached', `${RUNTIME}\n${EMITTER}${HANDLE}tasks.start(() => {\n  bus.on('x', async () => handle());\n});`, 'async () => handle()', 6, 15, { imported: true }),
    detached('TSX effect', `${EMITTER}${HANDLE}export function Panel() {\n  bus.on('refresh', async () => handle());\n  return <div />;\n}`, 'async () => handle()', 5, 21, { filename: 'react.tsx' }),
    // The framework decides, not the name (issue 9, class 1): Express 4 stays detached.
    detached('Express 4 declared in package.json', `import express from 'express';\n${HANDLE}const app = express();\napp.get('/users', async (req, res) => handle(req, res));`, 'async (req, res) => handle(req, res)', 4, 19, { filename: inProject('express4-declared') }),
    detached('an Express 4 router made by a local factory over a dynamic import', `${HANDLE}async function createRouter() {\n  const { default: express } = await import('express');\n  return express.Router();\n}\nconst router = await createRouter();\nrouter.get('/x', async (req) => handle(req));`, 'async (req) => handle(req)', 7, 18, { filename: inProject('express4-declared') }),
    detached('a router of unknown origin in an Express 4 project', `${HANDLE}declare const router: { get(path: string, fn: unknown): void };\nrouter.get('/x', async (req) => handle(req));`, 'async (req) => handle(req)', 3, 18, { filename: inProject('express4-declared') }),
    // A catch that rethrows, or work outside the try, can still reject (class 2).
    detached('an await before the try', `${EMITTER}${HANDLE}bus.on('data', async (chunk) => {\n  const user = await handle(chunk);\n  try {\n    await handle(user);\n  } catch (error) {\n    console.error(error);\n  }\n});`, "async (chunk) => {\n  const user = await handle(chunk);\n  try {\n    await handle(user);\n  } catch (error) {\n    console.error(error);\n  }\n}", 4, 16),
    detached('try/catch that rethrows', `${EMITTER}${HANDLE}bus.on('data', async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    throw new Error('wrapped', { cause: error });\n  }\n});`, "async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    throw new Error('wrapped', { cause: error });\n  }\n}", 4, 16),
    detached('await after the try', `${EMITTER}${HANDLE}bus.on('data', async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    console.error(error);\n  }\n  await handle('done');\n});`, "async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    console.error(error);\n  }\n  await handle('done');\n}", 4, 16),
    detached('catch that awaits something that can reject', `${EMITTER}${HANDLE}bus.on('data', async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    await handle(error);\n  }\n});`, "async (chunk) => {\n  try {\n    await handle(chunk);\n  } catch (error) {\n    await handle(error);\n  }\n}", 4, 16),
    // Missed before (issue 9, "What was missed"): a forEach callback that returns `Promise | void`.
    detached('forEach callback returning a promise on one path', `${HANDLE}export function sendAll(ids: string[]) {\n  ids.forEach((id) => {\n    if (!id) return;\n    return handle(id);\n  });\n}`, '(id) => {\n    if (!id) return;\n    return handle(id);\n  }', 3, 15),
    // The project's own function stays the project's, whatever package type it is annotated with.
    detached('a project middleware typed with a package type', "import express from 'express';\nimport type { Middleware } from 'jwt-guard';\nconst app = express();\nconst mine: Middleware = async (req, res, next) => {\n  await Promise.reject(new Error(String(req)));\n  next();\n};\napp.get('/users', mine);", 'mine', 8, 19, { filename: inProject('express4-package-middleware') }),
    // Only the last statement exiting makes it a shutdown path; a waiver of another rule waives nothing.
    detached('a listener that exits only on one branch', `${EMITTER}${HANDLE}declare const fatal: boolean;\nbus.on('error', async (err) => {\n  if (fatal) process.exit(1);\n  await handle(err);\n});`, "async (err) => {\n  if (fatal) process.exit(1);\n  await handle(err);\n}", 5, 17),
    detached('another rule disabled on the line above', `${EMITTER}${HANDLE}// eslint-disable-next-line @typescript-eslint/no-floating-promises\nbus.on('x', async () => handle());`, 'async () => handle()', 5, 13),
    detached('a waiver marked TODO is a problem left for later', `${EMITTER}${HANDLE}// TODO\n// eslint-disable-next-line @typescript-eslint/no-misused-promises\n['a'].forEach(async (name) => {\n  await handle(name);\n});`, "async (name) => {\n  await handle(name);\n}", 6, 15),
    detached('a route in the production branch of a dev check', `import express from 'express';\n${HANDLE}const app = express();\ndeclare const isDev: boolean;\nif (isDev) {\n  console.log('dev');\n} else {\n  app.get('/', async (req, res) => res.send(await handle()));\n}`, 'async (req, res) => res.send(await handle())', 8, 16),
    detached('a route under an unrelated flag', `import express from 'express';\n${HANDLE}const app = express();\ndeclare const hasCache: boolean;\nif (hasCache) {\n  app.get('/', async (req, res) => res.send(await handle()));\n}`, 'async (req, res) => res.send(await handle())', 6, 16),
    detached('a let-declared handler given two functions', `${EMITTER}${HANDLE}declare const safe: boolean;\nlet onMessage: (msg: unknown) => Promise<void>;\nonMessage = async (msg) => {\n  try {\n    await handle(msg);\n  } catch (error) {\n    console.error(error);\n  }\n};\nif (!safe) onMessage = async (msg) => handle(msg);\nbus.on('message', onMessage);`, 'onMessage', 14, 19),
    {
      name: 'new Promise(async) that can still reject after an await',
      code: `${HANDLE}export const done = new Promise(async (resolve) => {\n  try {\n    await handle();\n  } catch (error) {\n    console.error(error);\n  }\n  resolve(await handle());\n});`,
      errors: [{ messageId: 'asyncPromiseExecutor', line: 2, column: 33 }],
    },
    {
      name: 'new Promise with an async executor',
      code: `${HANDLE}export const done = new Promise(async (resolve) => {\n  await handle();\n  resolve(1);\n});`,
      errors: [{ messageId: 'asyncPromiseExecutor', line: 2, column: 33 }],
    },
    {
      name: 'two detached listeners on one line',
      code: `${EMITTER}${HANDLE}bus.on('a', handle), bus.on('b', handle);`,
      errors: [
        { messageId: 'detachedCallback', line: 4, column: 13, suggestions: [{ messageId: 'wrapInTasksCallback', output: `${EMITTER_WITH_RUNTIME}${HANDLE}bus.on('a', tasks.callback(handle, { name: 'file.a' })), bus.on('b', handle);` }] },
        { messageId: 'detachedCallback', line: 4, column: 34, suggestions: [{ messageId: 'wrapInTasksCallback', output: `${EMITTER_WITH_RUNTIME}${HANDLE}bus.on('a', handle), bus.on('b', tasks.callback(handle, { name: 'file.b' }));` }] },
      ],
    },
    // issue 9: what stays in a keep-alive program: what the callback owes is never done, and the message says so.
    detached(
      'keep-alive program: a socket handler that owes an acknowledgement',
      `${EMITTER}${HANDLE}bus.on('login', async (data: unknown, ack: (ok: boolean) => void) => { await handle(data); ack(true); });`,
      `async (data: unknown, ack: (ok: boolean) => void) => { await handle(data); ack(true); }`,
      4,
      17,
      { filename: KEEP_ALIVE_JOBS, messageId: 'detachedCallbackLogged', task: 'jobs.login' },
    ),
    detached(
      'keep-alive program: a connection handler that registers the socket\'s handlers after an await',
      `${EMITTER}${HANDLE}bus.on('connection', async (socket: EventEmitter) => { await handle(); socket.on('x', () => {}); });`,
      `async (socket: EventEmitter) => { await handle(); socket.on('x', () => {}); }`,
      4,
      22,
      { filename: KEEP_ALIVE_JOBS, messageId: 'detachedCallbackLogged', task: 'jobs.connection' },
    ),
    detached(
      'keep-alive program: a timer whose callback runs its scheduling function again after an await',
      `${HANDLE}export function poll() { setTimeout(async () => { await handle(); poll(); }, 1000); }`,
      `async () => { await handle(); poll(); }`,
      2,
      37,
      { filename: KEEP_ALIVE_JOBS, messageId: 'detachedCallbackLogged', task: 'jobs.poll' },
    ),
    detached(
      'keep-alive program: a timer that re-arms itself after an await',
      `${HANDLE}export function loop() { setTimeout(async () => { await handle(); setTimeout(loop, 10); }, 1000); }`,
      `async () => { await handle(); setTimeout(loop, 10); }`,
      2,
      37,
      { filename: KEEP_ALIVE_JOBS, messageId: 'detachedCallbackLogged', task: 'jobs.loop' },
    ),
    detached('an example in a keep-alive package is its own program', `${HANDLE}setInterval(async () => { await handle(); }, 1000);`, `async () => { await handle(); }`, 2, 13, {
      filename: 'projects/keep-alive/examples/demo.ts',
      task: 'demo',
    }),
    // Where one-shot start-up stops (node-resque's producer: a forever interval started by boot()).
    detached('an interval started by the function the top level calls once', `${HANDLE}boot();\nasync function boot() {\n  setInterval(async () => {\n    await handle();\n  }, 1000);\n}`, 'async () => {\n    await handle();\n  }', 4, 15, { filename: 'examples/demo.ts', task: 'demo.boot' }),
    detached('a one-shot timer in a start-up function also called per event', `${EMITTER}${HANDLE}function boot() {\n  setImmediate(async () => {\n    await handle();\n  });\n}\nboot();\nbus.on('reload', () => boot());`, 'async () => {\n    await handle();\n  }', 5, 16, { filename: 'main.ts', task: 'main.boot' }),
    detached('a one-shot timer in a start-up function whose caller logs and goes on', `${HANDLE}async function boot() {\n  setImmediate(async () => {\n    await handle();\n  });\n}\nboot().catch((error) => console.error(error));`, 'async () => {\n    await handle();\n  }', 3, 16, { filename: 'main.ts', task: 'main.boot' }),
    detached('a one-shot timer that re-arms itself', `${HANDLE}function poll() {\n  setTimeout(async () => {\n    await handle();\n    poll();\n  }, 1000);\n}\npoll();`, 'async () => {\n    await handle();\n    poll();\n  }', 3, 14, { filename: 'main.ts', task: 'main.poll' }),
    detached('a one-shot timer in an exported function', `${HANDLE}export function start() {\n  setImmediate(async () => {\n    await handle();\n  });\n}`, 'async () => {\n    await handle();\n  }', 3, 16, { filename: 'main.ts', task: 'main.start' }),
    detached('a one-shot timer at the top of a module that is not an entry', `${HANDLE}setTimeout(async () => {\n  await handle();\n}, 1000);`, 'async () => {\n  await handle();\n}', 2, 12, { task: 'file' }),
    detached('a program whose handler exits', `${HANDLE}setInterval(async () => { await handle(); }, 1000);`, `async () => { await handle(); }`, 2, 13, {
      filename: 'projects/exiting-handler/src/jobs.ts',
      task: 'jobs',
    }),
    withOutcome(
      detached(
        "a Next.js custom server program: a listener that owes an acknowledgement, and the message says the rejection is swallowed",
        `import { nextPlugin } from './plugins/next.js';\n${EMITTER}${HANDLE}bus.on('login', async (data: unknown, ack: (ok: boolean) => void) => { await handle(data); ack(true); });\nexport { nextPlugin };`,
        `async (data: unknown, ack: (ok: boolean) => void) => { await handle(data); ack(true); }`,
        5,
        17,
        { filename: 'projects/next-silent/src/index.ts', messageId: 'detachedCallbackLogged', task: 'src.login' },
      ),
      { callee: 'bus.on', outcome: "Next.js's custom server swallows it: the work is lost without a log" },
    ),
    // Haraka (issue 9): the entry's handler exits through a method of its logger module (`logger.dump_and_exit(1)`).
    detached('a program whose handler exits through a method of a module object', `${HANDLE}export function startChecks() { setInterval(async () => { await handle('check'); }, 1000); }`, `async () => { await handle('check'); }`, 2, 45, {
      filename: 'projects/exiting-logger/src/jobs.ts',
      task: 'jobs.startChecks',
    }),
    detached('an awaited method of a project store that fetches', "import { LocalStore } from './store.js';\nimport { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst store = new LocalStore();\nbus.on('refresh', async (id: string) => {\n  await store.fetchMembers(id);\n});", 'async (id: string) => {\n  await store.fetchMembers(id);\n}', 5, 19, { filename: 'projects/cannot-reject/app.ts', task: 'app.refresh' }),
    detached('a wrapper one caller hands a request', `${DEBOUNCE}${QUIET_SAVE}debounce('load', () => fetch('https://example.test/load').then(() => undefined), 100);`, DEBOUNCED_CALLBACK, 2, 14, { task: 'file.debounce' }),
    detached('an exported wrapper (callers elsewhere)', `export ${DEBOUNCE}${QUIET_SAVE}`, DEBOUNCED_CALLBACK, 2, 14, { task: 'file.debounce' }),
    detached('a wrapper whose parameter is reassigned', `${DEBOUNCE.replace('  setTimeout', '  if (!id) func = () => fetch(id).then(() => undefined);\n  setTimeout')}${QUIET_SAVE}`, DEBOUNCED_CALLBACK, 3, 14, { task: 'file.debounce' }),
    detached("a wrapper awaiting the previous run it keeps in a map, one caller's function a request", `${DEBOUNCE_RUNS}${QUIET_SAVE}debounce('load', () => fetch('https://example.test/load').then(() => undefined), 100);`, 'runNext', 12, 14, { task: 'file.runNext' }),
    detached('a wrapper awaiting runs kept in a map that others can fill', `${DEBOUNCE_RUNS}${QUIET_SAVE}export function remember(id: string, pending: Promise<void>) {\n  running.set(id, pending);\n}`, 'runNext', 12, 14, { task: 'file.runNext' }),
    detached('a wrapper awaiting runs kept in a map handed out', `${DEBOUNCE_RUNS}${QUIET_SAVE}export { running };`, 'runNext', 12, 14, { task: 'file.runNext' }),
    detached('a wrapper awaiting runs kept in an exported map', `export ${DEBOUNCE_RUNS}${QUIET_SAVE}`, 'runNext', 12, 14, { task: 'file.runNext' }),
    // actionhero's determineRequestParams (a labeled tp): its one await cannot reject, but its synchronous code can throw, which rejects an async function.
    detached('an awaited async function whose await cannot reject but whose synchronous code can throw', "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nfunction route(path: string): string {\n  if (!path.startsWith('/')) throw new Error(`bad path ${path}`);\n  return path.slice(1);\n}\nasync function requestMode(path: string) {\n  const body = Promise.resolve(Buffer.alloc(0));\n  await body;\n  route(path);\n  return 'api';\n}\nbus.on('connection', async (path: string) => {\n  const mode = await requestMode(path);\n  console.log(mode);\n});", 'async (path: string) => {\n  const mode = await requestMode(path);\n  console.log(mode);\n}', 13, 22, { task: 'file.connection' }),
  ],
  typedOnly: {
    // With types, a router whose handler parameter returns `void | Promise<void>` says it awaits
    // handlers (Express 5, Fastify-like typings): not detached. Without types the name `app` decides.
    valid: [
      {
        name: 'router typed to take promise-returning handlers',
        code: `${HANDLE}type Handler = (req: unknown, res: unknown) => void | Promise<void>;\ndeclare const app: { get(path: string, handler: Handler): void };\napp.get('/users', async (req, res) => handle(req, res));`,
      },
      // Issue 9: the awaited method is an interface's whose every implementation in this private package resolves from memory.
      { name: "an awaited interface method whose every implementation resolves from memory", code: "import type { Store } from './store.js';\nimport { EventEmitter } from 'node:events';\nexport function listen(bus: EventEmitter, store: Store) {\n  bus.on('join', async (id: string) => {\n    await store.addMember(id, { id });\n  });\n}", filename: 'projects/cannot-reject/app.ts' },
    ],
    // ... while a listener typed `(...args: any[]) => void` still drops the promise.
    invalid: [
      detached("an awaited interface method one implementation of which fetches", "import type { Feed } from './feeds.js';\nimport { EventEmitter } from 'node:events';\nexport function listen(bus: EventEmitter, feed: Feed) {\n  bus.on('poll', async () => {\n    await feed.refresh();\n  });\n}", 'async () => {\n    await feed.refresh();\n  }', 4, 18, { filename: 'projects/cannot-reject/app.ts', task: 'app.poll' }),
      {
        name: 'listener typed to return void stays detached with types',
        code: `${HANDLE}declare const app: { get(path: string, handler: (req: unknown) => void): void };\napp.get('/users', async (req) => handle(req));`,
        errors: [
          {
            messageId: 'detachedCallback',
            line: 3,
            column: 19,
            suggestions: [
              {
                messageId: 'wrapInTasksCallback',
                output: `import { tasks } from '@spawnguard/runtime';\n${HANDLE}declare const app: { get(path: string, handler: (req: unknown) => void): void };\napp.get('/users', tasks.callback(async (req) => handle(req), { name: 'file.GET /users' }));`,
              },
            ],
          },
        ],
      },
    ],
  },
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inBrowserFolder } from '../../src/detect/browser-code.js';
import { riskModel } from '../../src/risk/model.js';
import { sourceCodeOf } from '../tree/source-code.js';
import { rangeOf } from './parse.js';

const FILE = 'src/app.ts';
/** The audited root: this repository, a Node package with no page framework (test/rules/typed-project/projects has page packages). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROJECTS = fileURLToPath(new URL('../rules/typed-project/projects/', import.meta.url));

/** Locates the first `snippet` (the stand-in finding) in `code`, as the audit does: with the linted file's SourceCode. */
function locateIn(code: string, file: string, snippet: string, filename = `${ROOT}${file}`) {
  const sourceCode = sourceCodeOf(code);
  return riskModel.locateFinding(sourceCode.ast, file, rangeOf(code, snippet), { filename, sourceCode });
}

/** Locates the first `track(` call in `code`. */
function locateTrack(code: string, snippet = 'track(') {
  return locateIn(code, FILE, snippet);
}

describe('component: the enclosing exported symbol', () => {
  it('is just the file at module level', () => {
    expect(locateTrack('track();').component).toBe(FILE);
  });

  it.each([
    ['export function trackUsage() { track(); }', 'trackUsage'],
    ['export async function* stream() { track(); }', 'stream'],
    ['export const handler = async () => { track(); };', 'handler'],
    ['export class UsageTracker { flush() { track(); } }', 'UsageTracker.flush'],
    ['export class UsageTracker { constructor() { track(); } }', 'UsageTracker.constructor'],
    ['export class UsageTracker { timer = setInterval(() => track(), 10); }', 'UsageTracker.timer'],
    ['export class UsageTracker { #flush() { track(); } }', 'UsageTracker.#flush'],
    ['export const Tracker = class { flush() { track(); } };', 'Tracker.flush'],
    ['export const api = { send() { track(); } };', 'api.send'],
    ['export default function () { track(); }', 'default'],
    ['export default class Jobs { run() { track(); } }', 'Jobs.run'],
    ['function helper() { track(); }\nexport { helper as publicName };', 'helper'],
    ['class Pool { grow() { track(); } }\nexport default Pool;', 'Pool.grow'],
    ['exports.run = function () { track(); };', 'run'],
    ['module.exports.flush = () => track();', 'flush'],
    ['function helper() { track(); }\nmodule.exports = { helper };', 'helper'],
    ['module.exports = function worker() { track(); };', 'worker'],
  ])('%s -> %s', (code, symbol) => {
    expect(locateTrack(code).component).toBe(`${FILE} > ${symbol}`);
  });

  it('is the file for a symbol that does not leave the module', () => {
    expect(locateTrack('function helper() { track(); }\nexport function other() {}').component).toBe(FILE);
    expect(locateTrack('class Local { run() { track(); } }').component).toBe(FILE);
  });
});

describe('component: routes', () => {
  it.each([
    ["app.post('/upload', async (req, res) => { track(); });", 'POST /upload'],
    ["router.get('/items', auth, function (req, res) { track(); });", 'GET /items'],
    ["router.delete(`/items/:id`, [auth, (req, res) => { track(); }]);", 'DELETE /items/:id'],
    ["app.all('*', (req, res) => track());", 'ALL *'],
    ["app.use('/api', (req, res, next) => { track(); next(); });", 'USE /api'],
    ['app.use(async (ctx, next) => { track(); await next(); });', 'middleware'],
    ["app.route('/book').get((req, res) => res.end()).post((req, res) => { track(); });", 'POST /book'],
    ["fastify.get('/health', { schema }, async (request, reply) => { track(); });", 'GET /health'],
    ["fastify.route({ method: ['GET', 'HEAD'], url: '/x', handler: async () => { track(); } });", 'GET|HEAD /x'],
    ["fastify.route({ method: 'post', url: '/y', async handler(request) { track(); } });", 'POST /y'],
    ["http.createServer((req, res) => { track(); });", 'HTTP server'],
    ["createServer({ key }, function onRequest(req, res) { track(); });", 'HTTP server'],
    ["server.on('request', (req, res) => { track(); });", 'HTTP server'],
    // issue 9 (s9, zipline): a Fastify request hook runs once per request, as a route does.
    ["server.addHook('onResponse', (req, reply, done) => { track(); done(); });", 'hook onResponse'],
    ["fastify.addHook('preHandler', async function (request) { track(); });", 'hook preHandler'],
    ["server.route({ method: 'GET', url: '/:id', handler: async () => {}, onResponse: async (req, reply, done) => { track(); done(); } });", 'GET /:id'],
  ])('%s -> %s', (code, route) => {
    const located = locateTrack(code);
    expect(located.component).toBe(`${FILE} > ${route}`);
    expect(located.context).toBe('request');
  });

  it('follows a handler registered by name to its declaration', () => {
    const code = "app.post('/upload', requireAuth, handleUpload);\nasync function handleUpload(req, res) { track(); }";
    expect(locateTrack(code)).toEqual({ component: `${FILE} > POST /upload`, context: 'request', role: 'application' });
  });

  it('prefers the route to the exported function that registers it', () => {
    const code = "export function createApp(app) {\n  app.get('/a', (req, res) => { track(); });\n  return app;\n}";
    expect(locateTrack(code).component).toBe(`${FILE} > GET /a`);
  });

  it("does not take a Fastify application hook (it runs once: start, close, each route's registration) for a request", () => {
    expect(locateTrack("export function plugins(server) { server.addHook('onClose', async () => { track(); }); }").context).not.toBe('request');
    expect(locateTrack("export function plugins(server) { server.addHook('onRoute', (options) => { track(); }); }").context).not.toBe('request');
  });

  it('does not mistake a map lookup with a fallback, or a path-less getter, for a route', () => {
    expect(locateTrack("export function read() { return cache.get('key', () => track()); }").component).toBe(`${FILE} > read`);
    expect(locateTrack("export function read() { return app.get('env', () => track()); }").component).toBe(`${FILE} > read`);
  });

  it('treats a finding outside the handler function (the registration itself) as not in the route', () => {
    const code = "app.post('/upload', track(handler));";
    expect(locateTrack(code)).toEqual({ component: FILE, context: 'startup', role: 'application' });
  });
});

describe('context', () => {
  it.each([
    ['module top level', 'track();', 'startup'],
    ['a top-level async IIFE', '(async () => { await setup(); track(); })();', 'startup'],
    ['a top-level .then callback', 'load().then(() => track());', 'startup'],
    ['a main function', 'async function main() { track(); }\nmain();', 'startup'],
    ['a bootstrap method', 'export class App { bootstrap() { track(); } }', 'startup'],
    ['a startServer function', 'export const startServer = () => { track(); };', 'startup'],
    ['an init function', 'export function initCache() { track(); }', 'startup'],
    ['the listen callback', 'app.listen(3000, () => { track(); });', 'startup'],
    ['the listen callback after port and host, in a function', "export function serve(server) { server.listen(3000, '::', function ready() { track(); }); }", 'startup'],
    ['an ordinary exported function', 'export function restart() { track(); }', 'other'],
    ['a function returned by another', 'export function make() { return () => track(); }', 'other'],
    ['a loop body', 'export function f(xs) { for (const x of xs) { track(x); } }', 'hot-loop'],
    ['a while loop at module level', 'while (running) { track(); }', 'hot-loop'],
    ['a setInterval callback', 'export function start() { setInterval(() => { track(); }, 1000); }', 'hot-loop'],
    ['a setTimeout callback', "export function later() { setTimeout(async () => { await track(); }, 5); }", 'hot-loop'],
    ['an emitter subscription', "export function pipe(stream) { stream.on('data', (chunk) => track(chunk)); }", 'hot-loop'],
    ['an iteration callback', 'export function all(xs) { xs.forEach((x) => track(x)); }', 'hot-loop'],
    ['a callback nested in a route handler', "app.post('/x', (req, res) => { db.query(sql, (err, rows) => { track(rows); }); });", 'request'],
    ['a loop inside a route handler', "app.post('/x', (req, res) => { for (const f of req.files) track(f); });", 'hot-loop'],
    ['a Next.js-style route export', 'export async function POST(request) { track(); }', 'request'],
    ['a Promise executor inside a route', "app.get('/x', () => new Promise((resolve) => { track(); resolve(); }));", 'request'],
  ])('%s -> %s', (_name, code, context) => {
    expect(locateTrack(code).context).toBe(context);
  });

  // Issue 9, the HIGH band: a crash while letting something go is not what a senior engineer fixes first.
  it.each([
    ['a close method', 'export class Pool { close() { track(); } }', 'track(', 'teardown'],
    ['a gracefulShutdown method', 'export const pool = { gracefulShutdown() { track(); } };', 'track(', 'teardown'],
    ['a stopAll function', 'export function stopAll() { track(); }', 'track(', 'teardown'],
    ['a finding on pool.end() in ordinary code', 'export function release() { pool.end(); }', 'pool.end(', 'teardown'],
    ['a finding on worker.terminate() in a plain method', 'export class Child { kill() { this.worker.terminate(); } }', 'this.worker.terminate(', 'teardown'],
    ['a finding on workerPool.gracefulShutdown() in a catch', 'export async function run() { try { await work(); } catch { workerPool.gracefulShutdown(); } }', 'workerPool.gracefulShutdown(', 'teardown'],
    ['a destroy() call on the request path stays request', "app.get('/x', (req, res) => { connection.destroy(); });", 'connection.destroy(', 'request'],
    ['a destroy() call in a loop stays hot-loop', 'export function dropAll(xs) { for (const x of xs) x.destroy(); }', 'x.destroy(', 'hot-loop'],
    // A loop that runs once per teardown (homebridge's teardown() unpublishing each accessory).
    ['a loop inside a teardown method', 'export class Bridge { teardown() { for (const a of this.published) { a.unpublish(); } } }', 'a.unpublish(', 'teardown'],
    ['an iteration callback inside a close method', 'export class Pool { close() { this.clients.forEach((c) => { track(c); }); } }', 'track(', 'teardown'],
    ['a loop inside a route inside nothing that lets go stays hot-loop', "app.post('/x', (req, res) => { for (const c of req.body) c.end(); });", 'c.end(', 'hot-loop'],
    ['a repeating timer inside a close method stays hot-loop', 'export function close() { setInterval(() => { track(); }, 1000); }', 'track(', 'hot-loop'],
    ['a name that only starts like a teardown verb', 'export function endsWithSlash() { track(); }', 'track(', 'other'],
    ['an ordinary call in ordinary code', 'export function refresh() { cache.endpoint(); }', 'cache.endpoint(', 'other'],
  ])('%s -> %s', (_name, code, snippet, context) => {
    expect(locateTrack(code, snippet).context).toBe(context);
  });

  it('does not treat the header of a loop as its body', () => {
    const code = 'export async function f() { for (const x of await load()) { use(x); } }';
    expect(locateTrack(code, 'load()').context).toBe('other');
  });
});

describe('role: what the file is for (issue 9, the HIGH band)', () => {
  const roleOf = (file: string, code = 'track();') => locateIn(code, file, 'track(').role;

  it.each([
    ['client/js/socket.ts', 'browser'],
    ['packages/web/frontend/app.ts', 'browser'],
    ['public/app.js', 'browser'],
    ['examples/docker/worker/src/worker.ts', 'demo'],
    ['playground/backend/src/s3.ts', 'demo'],
    ['scripts/changelog.js', 'demo'],
    ['benchmarks/run.ts', 'demo'],
    // issue 9 (held-out check): bee-queue's singular `benchmark/`
    ['benchmark/index.js', 'demo'],
    ['packages/queue/benchmark/suite.ts', 'demo'],
    ['src/server.ts', 'application'],
    ['server/client.ts', 'application'],
    ['src/examples-parser.ts', 'application'],
  ])('%s is %s code', (file, role) => {
    expect(roleOf(file)).toBe(role);
  });

  // One reading of "browser" (issue 9, session 9): the risk model rates a finding by the rules' own
  // answer (runsInBrowserAt), from the package and the code, not by a UI import alone.
  const roleIn = (project: string, file: string, code: string, snippet = 'track(') => locateIn(code, file, snippet, `${PROJECTS}${project}/${file}`).role;

  it('takes a file of a web page package for browser code, with or without a UI import', () => {
    expect(roleIn('admin-ui', 'src/settings.ts', 'export function save() {\n  track();\n}')).toBe('browser');
    expect(roleIn('admin-ui', 'src/main.ts', "import { createRoot } from 'react-dom/client';\ntrack();")).toBe('browser');
    // Its Node-run files stay the application's (the rules check them).
    expect(roleIn('admin-ui', 'vite.config.ts', 'track();')).toBe('application');
  });

  it('takes a React import outside a web page for the application, as the rules do (Ink renders React in a terminal)', () => {
    expect(roleOf('src/cli/prompt.ts', "import { useState } from 'react';\nexport function Prompt() {\n  const [value] = useState('');\n  track(value);\n}")).toBe('application');
    expect(roleOf('src/my-element.ts', "import { LitElement } from 'lit';\ntrack();")).toBe('application');
    // Where the file sits decides first: a UI example is demonstration code.
    expect(roleOf('examples/ui/app.tsx', "import { useState } from 'react';\ntrack();")).toBe('demo');
  });

  it("splits a Next.js page as the rules do: its component's effect is browser code, its getServerSideProps the application", () => {
    const page = "import { useEffect } from 'react';\nexport default function Files() {\n  useEffect(() => {\n    track('effect');\n  }, []);\n  return null;\n}\nexport async function getServerSideProps() {\n  track('props');\n  return { props: {} };\n}";
    expect(roleIn('pages-app', 'pages/login.tsx', page, "track('effect')")).toBe('browser');
    expect(roleIn('pages-app', 'pages/login.tsx', page, "track('props')")).toBe('application');
    expect(roleIn('pages-app', 'components/user-list.tsx', "import { useState } from 'react';\nexport function UserList() {\n  const [busy] = useState(false);\n  track(busy);\n}")).toBe('browser');
  });

  it('reads browser folders as the rules do (one list: browser-code\'s inBrowserFolder)', () => {
    for (const file of ['client/js/socket.ts', 'packages/web/frontend/app.ts', 'public/app.js', 'www/index.js', 'browser/a.ts', 'src/server.ts', 'server/client.ts']) {
      const directories = file.split('/').slice(0, -1);
      expect(roleOf(file) === 'browser', file).toBe(inBrowserFolder(directories));
    }
  });
});

import rule from '../../rules/no-unowned-state.js';
import { testRuleInBothModes } from './rule-tester.js';

const IMPORT = "import { supervise } from '@spawnguard/runtime';\n";

/** A `moduleContainer` finding whose one suggestion rewrites the file to `output`. */
function container(line: number, column: number, output: string) {
  return { messageId: 'moduleContainer' as const, line, column, suggestions: [{ messageId: 'useSuperviseCache' as const, output }] };
}

testRuleInBothModes('no-unowned-state', rule, {
  valid: [
    // issue 9, class 3: constants and state something already owns
    // entries added and removed again: they come and go with what they track (in-flight work, tokens)
    'const pending = new Map<string, number>();\nexport function add(id: string) { pending.set(id, 1); }\nexport function done(id: string) { pending.delete(id); }',
    // issue 9 (precision notes FP11): a singleton its own reset() puts back, by reassigning its fields
    'const config = { dirs: [] as string[], loaded: [] as string[] };\nfunction reset() {\n  config.dirs = [];\n  config.loaded = [];\n}\nexport function load(dir: string) { reset(); config.dirs.push(dir); }',
    // a reset exported as a property, emptying nested lists
    "const rules = { ignore: [] as string[], watch: [] as string[] };\nfunction add(kind: 'ignore' | 'watch', rule: string) { rules[kind].push(rule); }\nmodule.exports = {\n  reset: function () {\n    rules.ignore.length = rules.watch.length = 0;\n  },\n  add,\n};",
    // listeners removed again by the module's removeAllListeners, assigned as a property
    "const handlers: Record<string, Array<() => void>> = {};\nexport const api: Record<string, unknown> = {};\napi.on = function (event: string, handler: () => void) {\n  (handlers[event] ??= []).push(handler);\n};\napi.removeAllListeners = function () {\n  Object.keys(handlers).forEach((event) => { handlers[event].splice(0); });\n};",
    // an array whose entries leave again (splice at the index of the one released)
    'const pools: object[] = [];\nexport function create(pool: object) {\n  pools.push(pool);\n  return () => pools.splice(pools.indexOf(pool), 1);\n}',
    // browser code and development scripts: a page reload, or the end of the run, resets them
    { code: "const bus = new Map<string, () => void>();\nexport function on(event: string, f: () => void) { bus.set(event, f); }", filename: 'client/app.ts' },
    { code: "const bus = new Map<string, () => void>();\nexport function on(event: string, f: () => void) { bus.set(event, f); }", filename: 'projects/admin-ui/src/settings.ts' },
    { code: "const seen = new Set<string>();\nexport function note(hash: string) { seen.add(hash); }", filename: 'scripts/seed.ts' },
    // issue 9 (held-out class C): a one-shot script wherever it sits (a shebang, process.argv, no exports, nothing left running)
    { code: "#!/usr/bin/env node\nimport fs from 'node:fs';\nconst profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));\nconst nodeMap = new Map();\nprofile.nodes.forEach((node: { id: number }) => nodeMap.set(node.id, node));\nconsole.log(nodeMap.size);", filename: 'profile-report.ts' },
    // a program file (no exports, ends the process on a failed start): its registrations before start() are the program's start-up
    { code: "import { app } from './app.js';\napp.pipe.register('server:afterNow', async () => {});\napp.start().catch(() => process.exit(1));", filename: 'start-test-app.ts' },
    // issue 9 (FP11): tables keyed only by the program's vocabulary (names, events, commands, time zones) are bounded by it
    'const deprecations = new Set<string>();\nexport function assertDeprecated(check: boolean, optionName: string) {\n  if (!check && !deprecations.has(optionName)) deprecations.add(optionName);\n}',
    // issue 9 (s6): a warn-once set: its state only decides whether a message is logged again (concurrently's deprecations)
    'const deprecations = new Set<string>();\nexport function assertDeprecated(check: boolean, name: string, message: string) {\n  if (!check && !deprecations.has(name)) {\n    console.warn(`${name} is deprecated. ${message}`);\n    deprecations.add(name);\n  }\n}',
    // issue 9 (s6): an exported registry filled only by another module's registration path (thelounge's themes, loaded by loadPackage)
    { code: "const themes = new Map<string, { name: string }>();\n\nfunction addTheme(name: string) {\n  themes.set(name, { name });\n}\n\nfunction getByName(name: string) {\n  return themes.get(name);\n}\n\nexport default { addTheme, getByName };", filename: 'projects/theme-registry/src/themes.ts' },
    // issue 9 (s6): a memo filled only by calls made while modules load, whose other writer re-derives every existing entry (feathers' debuggers)
    { code: "// feathers' shape: one debugger per module name, created when each module loads; setDebug re-creates them all.\nexport type DebugFunction = (...args: unknown[]) => void;\nconst debuggers: { [key: string]: DebugFunction } = {};\nlet initializer = (_name: string): DebugFunction => () => {};\n\nexport function setDebug(debug: (name: string) => DebugFunction) {\n  initializer = debug;\n  Object.keys(debuggers).forEach((name) => {\n    debuggers[name] = debug(name);\n  });\n}\n\nexport function createDebug(name: string) {\n  if (!debuggers[name]) {\n    debuggers[name] = initializer(name);\n  }\n  return (...args: unknown[]) => debuggers[name]!(...args);\n}\n", filename: 'projects/debug-registry/src/debug.ts' },
    // issue 9 (s6): instances that register themselves, constructed only while the module loads (uptime-kuma's apicache)
    { code: 'const instances = [];\nfunction Cache() {\n  instances.push(this);\n  this.id = instances.length;\n}\nmodule.exports = new Cache();', filename: 'file.cjs' },
    'const collected: Record<string, boolean> = {};\nexport function wire(event: string) { if (!collected[event]) collected[event] = true; }',
    "const commands = new Map<string, () => void>();\nexport function addCommand(plugin: { command: string; run: () => void }) { commands.set(plugin.command, plugin.run); }",
    "const formats: Record<string, Intl.DateTimeFormat> = {};\nexport function format(timezone: string, timeZoneName = 'short') {\n  const key = timezone + '|' + timeZoneName;\n  if (!formats[key]) formats[key] = new Intl.DateTimeFormat('en-US', { timeZone: timezone });\n  return formats[key];\n}",
    // issue 9 (s5): keyed by configuration (a database URL and schema), composed by a local key function
    "const instances = new Map<string, object>();\nfunction cacheKey(dbUrl: string, schema: string) {\n  return `${dbUrl}::${schema}`;\n}\nexport function instance(dbUrl: string, schema: string, create: () => object) {\n  const key = cacheKey(dbUrl, schema);\n  if (!instances.has(key)) instances.set(key, create());\n  return instances.get(key);\n}",
    // an exported table born full, never changed here
    "export const condensedTypes = new Set(['away', 'back', 'join']);",
    // a registry filled by the program's loading functions
    "const themes = new Map<string, string>();\nexport function loadLocalThemes(names: string[]) { names.forEach((name) => themes.set(name, name)); }\nexport function theme(name: string) { return themes.get(name); }",
    // issue 9 (s5): filled only on the program's registration paths: a function the module keeps to
    // itself, reached only from its loading functions (a plugin API handed out while packages load)
    "const stylesheets: string[] = [];\nconst files: string[] = [];\nfunction addStylesheet(pkg: string, file: string) { stylesheets.push(pkg + '/' + file); }\nfunction addFile(pkg: string, file: string) { files.push(pkg + '/' + file); }\nconst packageApis = function (pkg: string) {\n  return { Stylesheets: { addFile: addStylesheet.bind(packageApis, pkg) }, PublicFiles: { add: addFile.bind(packageApis, pkg) } };\n};\nfunction loadPackage(pkg: string, plugin: { files: string[]; onServerStart(api: unknown): void }) {\n  plugin.files.forEach((file) => addFile(pkg, file));\n  plugin.onServerStart(packageApis(pkg));\n}\nexport function loadPackages(plugins: Map<string, { files: string[]; onServerStart(api: unknown): void }>) { plugins.forEach((plugin, pkg) => loadPackage(pkg, plugin)); }\nexport function getFiles() { return files.concat(stylesheets); }",
    // issue 9 (s5): a result carrier, refilled right before each call hands it back (bluebird's errorObject)
    "export const errorObject: { value: unknown } = { value: null };\nexport function tryCatch(fn: () => unknown) {\n  try {\n    return fn();\n  } catch (e) {\n    errorObject.value = e;\n    return errorObject;\n  }\n}",
    // issue 9 (s5): a record that carries its own expiry, checked before it is used: a one-entry TTL cache
    "const versions = { expiresAt: -1, latest: null as string | null };\nexport async function latest(fetchLatest: () => Promise<string>) {\n  const now = Date.now();\n  if (versions.expiresAt > now) return versions.latest;\n  versions.latest = await fetchLatest();\n  versions.expiresAt = now + 15 * 60 * 1000;\n  return versions.latest;\n}",
    { code: "import { init } from './app.js';\ninit();", filename: 'main.ts' },
    { code: "import { seedDefaults } from './db.js';\nawait seedDefaults();", filename: 'scripts/seed.ts' },
    "import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';\nconst registry = new OpenAPIRegistry();\nregistry.register('User', {});",
    "import QuickLRU from 'quick-lru';\nconst hits = new QuickLRU({ maxSize: 10 });\nexport const record = (k: string) => hits.set(k, Date.now());",
    // lookup tables filled synchronously while the module loads, then only read: every importer sees them complete
    "const handlers = new Map();\nhandlers.set('ping', () => 'pong');\nhandlers.set('echo', (x) => x);\nexport function handle(name, arg) { return handlers.get(name)?.(arg); }",
    "const routes = {};\nroutes['/health'] = health;\nexport function route(path: string) { return routes[path]; }",
    "export const KINDS: ReadonlySet<string> = new Set(['a', 'b']);",
    "export const BY_ID: ReadonlyMap<string, number> = new Map([['a', 1]]);",
    "export const NAMES = new Set(['a']) as ReadonlySet<string>;",
    'const byCode = new Map<string, number>();\nfor (const [code, n] of Object.entries({ a: 1 })) byCode.set(code, n);\nexport function find(code: string) { return byCode.get(code); }',
    // Held-out check (nodemailer's well-known services, engine.io-parser): a forEach at top level runs at load too.
    "const TYPES = Object.create(null);\nTYPES['open'] = '0';\nconst REVERSE = Object.create(null);\nObject.keys(TYPES).forEach((key) => {\n  REVERSE[TYPES[key]] = key;\n});\nexport function typeOf(code: string) { return REVERSE[code]; }",
    "const services = { gmail: { aliases: ['googlemail'] } };\nconst normalized = {};\nObject.keys(services).forEach((key) => {\n  normalized[key] = services[key];\n  services[key].aliases.forEach((alias) => {\n    normalized[alias] = services[key];\n  });\n});\nexport function lookup(key: string) { return normalized[key]; }",
    "import client from 'prom-client';\nconst metrics = {\n  inFlight: new client.Gauge({ name: 'in_flight', help: 'requests in flight' }),\n  requests: new client.Counter({ name: 'requests', help: 'requests' }),\n};\nexport function track(n: number) { metrics.inFlight.set(n); metrics.requests.inc(); }",
    "import { LRUCache } from 'lru-cache';\nconst pages = new LRUCache<string, string>({ max: 500 });\nexport function put(k: string, v: string) { pages.set(k, v); }",
    "const LRU = require('lru-cache');\nconst seen = new LRU({ ttl: 60000, ttlAutopurge: true });\nfunction mark(id) { seen.set(id, true); }\nmodule.exports = { mark };",
    "const clients = new Map();\nexport function attach(server) {\n  server.on('connection', (socket, request) => {\n    clients.set(request.url, socket);\n    socket.on('close', () => clients.delete(request.url));\n  });\n}",
    'let sessions = new Map<string, string>();\nexport function start() {\n  sessions = new Map();\n}\nexport function login(id: string) { sessions.set(id, "x"); }',
    'const rooms = new Map<string, number>();\nexport function restart() {\n  rooms.clear();\n}\nexport function join(id: string) { rooms.set(id, 1); }',
    // a reset function named clear(), with the non-null assertion the invalid `flush()` case uses
    'const byId = new Map<string, number>();\nexport function clear() { byId!.clear(); }',
    // constants never changed
    'const LIMITS = { maxUsers: 10 };\nexport function limit() { return LIMITS.maxUsers; }',
    "const ROLES = ['admin', 'user'];\nexport function isRole(r: string) { return ROLES.includes(r); }",
    'const names = new Map([["a", 1]]);\nexport function lookup(k: string) { return names.get(k); }',
    // frozen and `as const`
    'const DEFAULTS = Object.freeze({ retries: 3 });\nexport function retries() { return DEFAULTS.retries; }',
    "const CODES = { ok: 200, missing: 404 } as const;\nexport function code(k: 'ok' | 'missing') { return CODES[k]; }",
    // weak memo tables: recommended leaves them alone
    'const memo = new WeakMap<object, number>();\nexport function size(o: object) { if (!memo.has(o)) memo.set(o, 1); return memo.get(o); }',
    'const seen = new WeakSet();\nexport function mark(o) { seen.add(o); }',
    // state inside class instances and function scope
    'export class Cache { private entries = new Map<string, string>(); set(k: string, v: string) { this.entries.set(k, v); } }',
    'export function collect(items: string[]) { const out: string[] = []; for (const i of items) out.push(i); return out; }',
    'export function makeStore() { const store = new Map(); return { put: (k, v) => store.set(k, v) }; }',
    // already supervised
    "import { supervise } from '@spawnguard/runtime';\nconst sessions = supervise.cache('sessions', () => new Map<string, string>());\nexport function login(id: string) { sessions.set(id, 'x'); }",
    "const { supervise } = require('@spawnguard/runtime');\nconst users = supervise.cache('users', () => new Map());\nfunction add(u) { users.set(u.id, u); }\nmodule.exports = { add };",
    // a container only read, mutated nowhere
    'const table = new Set(["a"]);\nexport function has(x: string) { return table.has(x); }',
    // filled at top level but never read by functions: a start-up constant, not a registry
    "const parts = [];\nparts.push('a');\nconsole.log(parts.join(','));",
    // a module-level object whose property is only read
    'const config = { url: process.env.URL };\nexport function url() { return config.url; }',
    // a local shadowing the module container
    'const cache = new Map();\nexport function f() { const cache = new Map(); cache.set(1, 2); return cache; }',
    // top-level calls of packages are how those packages are meant to be set up
    "import * as Sentry from '@sentry/node';\nSentry.init({ dsn: 'x' });",
    "require('dotenv').config();",
    "import express from 'express';\nconst app = express();\napp.use(express.json());\napp.listen(3000);",
    'console.log("starting");',
    // top-level init turned off
    { code: "import { initCache } from './cache.js';\ninitCache();", options: [{ checkTopLevelInit: false }] },
    // names that only look like set-up
    "import { loader } from './loader.js';\nloader();",
    // a top-level call inside a function is not top-level
    "import { loadPrompts } from './prompts.js';\nexport async function start() { await loadPrompts(); }",
    { code: 'const Settings = () => { const draft = {}; draft.theme = "dark"; return <div>{draft.theme}</div>; };', filename: 'component.jsx' },
    { code: 'export const App = () => { const seen = new Set<string>(); seen.add("x"); return <p>{seen.size}</p>; };', filename: 'react.tsx' },
    // a container mutated only while the module loads and never read later
    'const list: number[] = [];\nlist.push(1);\nexport const total = list.length;',
  ],
  invalid: [
    // issue 9, class 3: what stays unowned state
    {
      code: 'const cacheByOptions = new Map<object, string>();\nexport function details(options: object) { cacheByOptions.set(options, "x"); return cacheByOptions.get(options); }',
      // The file writes its strings in double quotes: so does the suggestion.
      errors: [container(1, 24, `import { supervise } from "@spawnguard/runtime";\nconst cacheByOptions = supervise.cache("file.cacheByOptions", () => new Map<object, string>());\nexport function details(options: object) { cacheByOptions.set(options, "x"); return cacheByOptions.get(options); }`)],
    },
    {
      // the forEach runs when the function does, per call: not at load
      code: 'const sessions = new Map<string, object>();\nexport function login(users: { id: string }[], session: object) {\n  users.forEach((user) => sessions.set(user.id, session));\n}',
      errors: [container(1, 18, `${IMPORT}const sessions = supervise.cache('file.sessions', () => new Map<string, object>());\nexport function login(users: { id: string }[], session: object) {\n  users.forEach((user) => sessions.set(user.id, session));\n}`)],
    },
    // issue 9 counterparts: keyed by ids or users, or by a name but also growing per entry
    {
      code: 'const sessions = new Map<string, object>();\nexport function login(user: { id: string }, session: object) { sessions.set(user.id, session); }',
      errors: [container(1, 18, `${IMPORT}const sessions = supervise.cache('file.sessions', () => new Map<string, object>());\nexport function login(user: { id: string }, session: object) { sessions.set(user.id, session); }`)],
    },
    {
      // a bare name is data as often as vocabulary (templates an admin adds, users, rooms)
      code: 'const prompts = new Map<string, string>();\nexport function addPrompt(name: string, template: string) { prompts.set(name, template); }',
      errors: [container(1, 17, `${IMPORT}const prompts = supervise.cache('file.prompts', () => new Map<string, string>());\nexport function addPrompt(name: string, template: string) { prompts.set(name, template); }`)],
    },
    {
      // a queue drained by its consumer is not entries leaving with what they track
      code: 'const queued: number[] = [];\nexport function track(n: number) { queued.push(n); }\nexport function flush() { return queued.splice(0, queued.length); }',
      errors: [container(1, 26, `${IMPORT}const queued: number[] = supervise.cache<number[]>('file.queued', () => []);\nexport function track(n: number) { queued.push(n); }\nexport function flush() { return queued.splice(0, queued.length); }`)],
    },
    {
      code: 'const byUser = new Map<string, number>();\nexport function seen(userName: string) { byUser.set(userName, Date.now()); }',
      errors: [container(1, 16, `${IMPORT}const byUser = supervise.cache('file.byUser', () => new Map<string, number>());\nexport function seen(userName: string) { byUser.set(userName, Date.now()); }`)],
    },
    {
      code: "const handlers: Record<string, Array<() => void>> = {};\nexport function on(event: string, f: () => void) {\n  handlers[event] = handlers[event] ?? [];\n  handlers[event].push(f);\n}",
      errors: [container(1, 53, `${IMPORT}const handlers: Record<string, Array<() => void>> = supervise.cache<Record<string, Array<() => void>>>('file.handlers', () => ({}));\nexport function on(event: string, f: () => void) {\n  handlers[event] = handlers[event] ?? [];\n  handlers[event].push(f);\n}`)],
    },
    // issue 9 (s6) counterpart: the same registry filled by another module's request handler
    {
      code: "const themes = new Map<string, { name: string }>();\n\nfunction addTheme(name: string) {\n  themes.set(name, { name });\n}\n\nfunction getByName(name: string) {\n  return themes.get(name);\n}\n\nexport default { addTheme, getByName };",
      filename: 'projects/theme-uploads/src/themes.ts',
      errors: [container(1, 16, `${IMPORT}const themes = supervise.cache('themes.themes', () => new Map<string, { name: string }>());\n\nfunction addTheme(name: string) {\n  themes.set(name, { name });\n}\n\nfunction getByName(name: string) {\n  return themes.get(name);\n}\n\nexport default { addTheme, getByName };`)],
    },
    // issue 9 (s6) counterpart: the same memo filled per request by another module
    {
      code: "// feathers' shape: one debugger per module name, created when each module loads; setDebug re-creates them all.\nexport type DebugFunction = (...args: unknown[]) => void;\nconst debuggers: { [key: string]: DebugFunction } = {};\nlet initializer = (_name: string): DebugFunction => () => {};\n\nexport function setDebug(debug: (name: string) => DebugFunction) {\n  initializer = debug;\n  Object.keys(debuggers).forEach((name) => {\n    debuggers[name] = debug(name);\n  });\n}\n\nexport function createDebug(name: string) {\n  if (!debuggers[name]) {\n    debuggers[name] = initializer(name);\n  }\n  return (...args: unknown[]) => debuggers[name]!(...args);\n}\n",
      filename: 'projects/debug-per-request/src/debug.ts',
      errors: [container(3, 53, `${IMPORT}// feathers' shape: one debugger per module name, created when each module loads; setDebug re-creates them all.\nexport type DebugFunction = (...args: unknown[]) => void;\nconst debuggers: { [key: string]: DebugFunction } = supervise.cache<{ [key: string]: DebugFunction }>('debug.debuggers', () => ({}));\nlet initializer = (_name: string): DebugFunction => () => {};\n\nexport function setDebug(debug: (name: string) => DebugFunction) {\n  initializer = debug;\n  Object.keys(debuggers).forEach((name) => {\n    debuggers[name] = debug(name);\n  });\n}\n\nexport function createDebug(name: string) {\n  if (!debuggers[name]) {\n    debuggers[name] = initializer(name);\n  }\n  return (...args: unknown[]) => debuggers[name]!(...args);\n}\n`)],
    },
    // issue 9 (s6) counterparts: constructed per request, or handed to something that calls it later (a plain call at top level is fixtures/no-unowned-state/scenario)
    {
      code: 'const instances = [];\nfunction Cache() {\n  instances.push(this);\n}\nmodule.exports = new Cache();\nmodule.exports.handle = function (req) { return new Cache(); };',
      filename: 'file.cjs',
      errors: [container(1, 19, "const { supervise } = require('@spawnguard/runtime');\nconst instances = supervise.cache('file.instances', () => []);\nfunction Cache() {\n  instances.push(this);\n}\nmodule.exports = new Cache();\nmodule.exports.handle = function (req) { return new Cache(); };")],
    },
    {
      code: "const seen = [];\nfunction track(event) {\n  seen.push(event);\n}\nprocess.on('message', track);",
      filename: 'file.cjs',
      errors: [container(1, 14, "const { supervise } = require('@spawnguard/runtime');\nconst seen = supervise.cache('file.seen', () => []);\nfunction track(event) {\n  seen.push(event);\n}\nprocess.on('message', track);")],
    },
    // issue 9 (s6) counterparts of the warn-once set: the guarded branch does more than log, or the set is filled elsewhere too
    {
      code: 'const notified = new Set<string>();\nexport async function notifyOnce(name: string, send: (n: string) => Promise<void>) {\n  if (!notified.has(name)) {\n    await send(name);\n    notified.add(name);\n  }\n}',
      errors: [container(1, 18, `${IMPORT}const notified = supervise.cache('file.notified', () => new Set<string>());\nexport async function notifyOnce(name: string, send: (n: string) => Promise<void>) {\n  if (!notified.has(name)) {\n    await send(name);\n    notified.add(name);\n  }\n}`)],
    },
    {
      code: 'const warned = new Set<string>();\nexport function warnOnce(name: string) {\n  if (!warned.has(name)) {\n    console.warn(name);\n    warned.add(name);\n  }\n}\nexport function remember(name: string) { warned.add(name); }',
      errors: [container(1, 16, `${IMPORT}const warned = supervise.cache('file.warned', () => new Set<string>());\nexport function warnOnce(name: string) {\n  if (!warned.has(name)) {\n    console.warn(name);\n    warned.add(name);\n  }\n}\nexport function remember(name: string) { warned.add(name); }`)],
    },
    // issue 9 (s5) counterpart: a key function that adds more than its parameters (a per-request id)
    {
      code: "const instances = new Map<string, object>();\nfunction cacheKey(dbUrl: string, requestId: string) {\n  return `${dbUrl}::${requestId}`;\n}\nexport function instance(dbUrl: string, requestId: string) {\n  instances.set(cacheKey(dbUrl, requestId), {});\n}",
      errors: [container(1, 19, `${IMPORT}const instances = supervise.cache('file.instances', () => new Map<string, object>());\nfunction cacheKey(dbUrl: string, requestId: string) {\n  return \`\${dbUrl}::\${requestId}\`;\n}\nexport function instance(dbUrl: string, requestId: string) {\n  instances.set(cacheKey(dbUrl, requestId), {});\n}`)],
    },
    // issue 9 (s5) counterparts: the adder also runs for each request; a carrier counted, not refilled; an expiry never checked
    {
      code: "const files: string[] = [];\nfunction addFile(pkg: string, file: string) { files.push(pkg + '/' + file); }\nexport function loadPackage(pkg: string, list: string[]) { list.forEach((file) => addFile(pkg, file)); }\nexport function upload(req: { user: string; file: string }) { addFile(req.user, req.file); }",
      errors: [container(1, 25, `${IMPORT}const files: string[] = supervise.cache<string[]>('file.files', () => []);\nfunction addFile(pkg: string, file: string) { files.push(pkg + '/' + file); }\nexport function loadPackage(pkg: string, list: string[]) { list.forEach((file) => addFile(pkg, file)); }\nexport function upload(req: { user: string; file: string }) { addFile(req.user, req.file); }`)],
    },
    {
      code: 'const stats = { calls: 0 };\nexport function call() {\n  stats.calls++;\n  return stats;\n}',
      errors: [container(1, 15, `${IMPORT}const stats = supervise.cache('file.stats', () => ({ calls: 0 }));\nexport function call() {\n  stats.calls++;\n  return stats;\n}`)],
    },
    {
      code: 'const cache = { expiresAt: 0, items: [] as string[] };\nexport function add(x: string) {\n  cache.items.push(x);\n  cache.expiresAt = Date.now() + 1000;\n}',
      errors: [container(1, 15, `${IMPORT}const cache = supervise.cache('file.cache', () => ({ expiresAt: 0, items: [] as string[] }));\nexport function add(x: string) {\n  cache.items.push(x);\n  cache.expiresAt = Date.now() + 1000;\n}`)],
    },
    // issue 9 counterparts: a field set by a function that is not the module's lifecycle; an array only pushed to
    {
      code: 'const state = { user: null as string | null };\nexport function remember(user: string) { state.user = user; }',
      errors: [container(1, 15, `${IMPORT}const state = supervise.cache('file.state', () => ({ user: null as string | null }));\nexport function remember(user: string) { state.user = user; }`)],
    },
    {
      code: 'const pools: object[] = [];\nexport function create(pool: object) {\n  pools.push(pool);\n  return pools.slice(pools.indexOf(pool), 1);\n}',
      errors: [container(1, 25, `${IMPORT}const pools: object[] = supervise.cache<object[]>('file.pools', () => []);\nexport function create(pool: object) {\n  pools.push(pool);\n  return pools.slice(pools.indexOf(pool), 1);\n}`)],
    },
    {
      code: 'const state = { items: [] as string[] };\nexport function add(x: string) { state.items.push(x); }',
      errors: [container(1, 15, `${IMPORT}const state = supervise.cache('file.state', () => ({ items: [] as string[] }));\nexport function add(x: string) { state.items.push(x); }`)],
    },
    {
      code: 'const rooms = new Map<string, number>();\nexport function report() {\n  rooms.clear();\n}\nexport function join(id: string) { rooms.set(id, 1); }',
      errors: [container(1, 15, `${IMPORT}const rooms = supervise.cache('file.rooms', () => new Map<string, number>());\nexport function report() {\n  rooms.clear();\n}\nexport function join(id: string) { rooms.set(id, 1); }`)],
    },
    {
      code: 'const cache = new Map<string, User>();\nexport function remember(user: User) { cache.set(user.id, user); }',
      errors: [
        container(
          1,
          15,
          `${IMPORT}const cache = supervise.cache('file.cache', () => new Map<string, User>());\nexport function remember(user: User) { cache.set(user.id, user); }`,
        ),
      ],
    },
    {
      code: "import { db } from './db.js';\nconst seen = new Set();\nexport async function track(id: string) { seen.add(id); await db.save(id); }",
      errors: [
        container(
          2,
          14,
          `${IMPORT}import { db } from './db.js';\nconst seen = supervise.cache('file.seen', () => new Set());\nexport async function track(id: string) { seen.add(id); await db.save(id); }`,
        ),
      ],
    },
    {
      code: 'const counts = {};\nexport function bump(k: string) { counts[k] = (counts[k] ?? 0) + 1; }',
      errors: [container(1, 16, `${IMPORT}const counts = supervise.cache('file.counts', () => ({}));\nexport function bump(k: string) { counts[k] = (counts[k] ?? 0) + 1; }`)],
    },
    {
      code: 'const pending: Job[] = [];\nexport function enqueue(job: Job) { pending.push(job); }',
      errors: [container(1, 24, `${IMPORT}const pending: Job[] = supervise.cache<Job[]>('file.pending', () => []);\nexport function enqueue(job: Job) { pending.push(job); }`)],
    },
    {
      code: 'const sessions = {};\nexport function logout(id) { delete sessions[id]; }',
      filename: 'script.js',
      errors: [container(1, 18, `${IMPORT}const sessions = supervise.cache('script.sessions', () => ({}));\nexport function logout(id) { delete sessions[id]; }`)],
    },
    {
      // no max / maxSize / ttl: nothing bounds it
      code: "import { LRUCache } from 'lru-cache';\nconst pages = new LRUCache({ updateAgeOnGet: true });\nexport function put(k, v) { pages.set(k, v); }",
      filename: 'file.mjs',
      errors: [
        container(
          2,
          15,
          `import { LRUCache } from 'lru-cache';\n${IMPORT}const pages = supervise.cache('file.pages', () => new LRUCache({ updateAgeOnGet: true }));\nexport function put(k, v) { pages.set(k, v); }`,
        ),
      ],
    },
    {
      code: "const LRU = require('lru-cache');\nconst tokens = new LRU();\nfunction revoke(t) { tokens.delete(t); }\nmodule.exports = { revoke };",
      filename: 'file.cjs',
      errors: [
        container(
          2,
          16,
          "const LRU = require('lru-cache');\nconst { supervise } = require('@spawnguard/runtime');\nconst tokens = supervise.cache('file.tokens', () => new LRU());\nfunction revoke(t) { tokens.delete(t); }\nmodule.exports = { revoke };",
        ),
      ],
    },
    {
      code: 'const state = { users: [] as string[] };\nexport class Registry { add(u: string) { state.users.push(u); } }',
      errors: [
        container(
          1,
          15,
          `${IMPORT}const state = supervise.cache('file.state', () => ({ users: [] as string[] }));\nexport class Registry { add(u: string) { state.users.push(u); } }`,
        ),
      ],
    },
    {
      code: 'const stats = { requests: 0 };\nexport function onRequest() { stats.requests++; }',
      errors: [container(1, 15, `${IMPORT}const stats = supervise.cache('file.stats', () => ({ requests: 0 }));\nexport function onRequest() { stats.requests++; }`)],
    },
    {
      code: 'const flags = Object.create(null);\nexport function enable(name: string) { Object.assign(flags, { [name]: true }); }',
      errors: [
        container(1, 15, `${IMPORT}const flags = supervise.cache('file.flags', () => Object.create(null));\nexport function enable(name: string) { Object.assign(flags, { [name]: true }); }`),
      ],
    },
    // exported collections are changed by their importers
    {
      code: 'export const connections = new Map<string, Socket>();',
      errors: [container(1, 28, `${IMPORT}export const connections = supervise.cache('file.connections', () => new Map<string, Socket>());`)],
    },
    {
      code: 'const listeners = new Set();\nexport { listeners };',
      errors: [container(1, 19, `${IMPORT}const listeners = supervise.cache('file.listeners', () => new Set());\nexport { listeners };`)],
    },
    {
      code: 'const subscribers = new Set();\nmodule.exports = { subscribers };',
      filename: 'file.cjs',
      errors: [
        container(1, 21, "const { supervise } = require('@spawnguard/runtime');\nconst subscribers = supervise.cache('file.subscribers', () => new Set());\nmodule.exports = { subscribers };"),
      ],
    },
    // mutation through callbacks, class fields, optional chaining and non-null assertions
    {
      code: "const sockets = new Set();\nserver.on('connection', (s) => sockets.add(s));",
      errors: [container(1, 17, `${IMPORT}const sockets = supervise.cache('file.sockets', () => new Set());\nserver.on('connection', (s) => sockets.add(s));`)],
    },
    {
      code: 'const queue: string[] | undefined = [];\nexport class Worker { onJob = (j: string) => queue?.push(j); }',
      errors: [container(1, 37, `${IMPORT}const queue: string[] | undefined = supervise.cache<string[]>('file.queue', () => []);\nexport class Worker { onJob = (j: string) => queue?.push(j); }`)],
    },
    {
      // (not named for a reset: clear()/reset() emptying it is the module's lifecycle, see valid)
      code: 'const byId = new Map<string, number>();\nexport function flush() { byId!.clear(); }',
      errors: [container(1, 14, `${IMPORT}const byId = supervise.cache('file.byId', () => new Map<string, number>());\nexport function flush() { byId!.clear(); }`)],
    },
    {
      code: 'const drafts = new Map();\nexport function Editor() { return <input onChange={(e) => drafts.set(e.target.id, "draft")} />; }',
      filename: 'component.jsx',
      // More double quotes than single in the file: the suggestion writes double quotes too.
      errors: [container(1, 16, `${IMPORT.replaceAll("'", '"')}const drafts = supervise.cache("component.drafts", () => new Map());\nexport function Editor() { return <input onChange={(e) => drafts.set(e.target.id, "draft")} />; }`)],
    },
    {
      code: "import { report } from '@spawnguard/runtime';\nconst errors: Error[] = [];\nexport function collect(e: Error) { errors.push(e); report('x')(e); }",
      filename: 'react.tsx',
      errors: [
        container(
          2,
          25,
          `import { report, supervise } from '@spawnguard/runtime';\nconst errors: Error[] = supervise.cache<Error[]>('react.errors', () => []);\nexport function collect(e: Error) { errors.push(e); report('x')(e); }`,
        ),
      ],
    },
    // a runtime import already in scope is reused
    {
      code: "import { supervise } from '@spawnguard/runtime';\nconst jobs = new Map();\nexport function add(k, v) { jobs.set(k, v); }",
      errors: [container(2, 14, "import { supervise } from '@spawnguard/runtime';\nconst jobs = supervise.cache('file.jobs', () => new Map());\nexport function add(k, v) { jobs.set(k, v); }")],
    },
    // a local `supervise` that is not the runtime's: no suggestion
    {
      code: 'const supervise = {};\nconst jobs = new Map();\nexport function add(k, v) { jobs.set(k, v); }',
      errors: [{ messageId: 'moduleContainer', line: 2, column: 14, suggestions: [] }],
    },
    // strict: weak memo tables
    {
      code: 'const memo = new WeakMap<object, number>();\nexport function size(o: object) { memo.set(o, 1); }',
      options: [{ checkWeakContainers: true }],
      errors: [container(1, 14, `${IMPORT}const memo = supervise.cache('file.memo', () => new WeakMap<object, number>());\nexport function size(o: object) { memo.set(o, 1); }`)],
    },
    // a registry filled by an async IIFE nobody awaits: a reader can see it half-filled
    {
      code: "const plugins = [];\n(async () => { plugins.push(await import('./a.js')); })();\nfunction all() { return plugins; }\nmodule.exports = { all };",
      filename: 'file.cjs',
      errors: [{ messageId: 'startupRegistry', line: 1, column: 17 }],
    },
    // top-level initialisation calls
    // issue 9 (held-out class C) counterparts: a module that exports is imported, so its registration runs whenever it is loaded
    // an example server that exports nothing but keeps serving (a listener on its server, no listen call): not a one-shot script
    {
      code: "declare const io: { on(event: string, f: (id: string) => void): void };\nconst seen = new Set<string>();\nio.on('connect', (id) => { seen.add(id); });",
      filename: 'examples/demo.ts',
      errors: [container(2, 14, `${IMPORT}declare const io: { on(event: string, f: (id: string) => void): void };\nconst seen = supervise.cache('demo.seen', () => new Set<string>());\nio.on('connect', (id) => { seen.add(id); });`)],
    },
    {
      code: "import { app } from './app.js';\napp.pipe.register('server:afterNow', async () => {});\nexport const started = app.start().catch(() => process.exit(1));",
      filename: 'start-test-app.ts',
      errors: [{ messageId: 'topLevelInit', line: 2, column: 1 }],
    },
    {
      code: "import { initCache } from './cache.js';\ninitCache();",
      errors: [{ messageId: 'topLevelInit', line: 2, column: 1 }],
    },
    {
      code: "import { loadPrompts } from './prompts.js';\nawait loadPrompts();",
      filename: 'file.mjs',
      errors: [{ messageId: 'topLevelInit', line: 2, column: 7 }],
    },
    {
      code: "import { registry } from './registry.js';\nregistry.register('billing', billingHandler);",
      errors: [{ messageId: 'topLevelInit', line: 2, column: 1 }],
    },
    {
      code: "const { warmUp } = require('./cache');\nvoid warmUp();",
      filename: 'file.cjs',
      errors: [{ messageId: 'topLevelInit', line: 2, column: 6 }],
    },
    {
      code: 'function seedDefaults() { /* fills the settings table */ }\nseedDefaults();',
      filename: 'script.js',
      errors: [{ messageId: 'topLevelInit', line: 2, column: 1 }],
    },
    {
      code: "import * as i18n from './i18n.js';\ni18n?.initialize({ locale: 'en' });",
      errors: [{ messageId: 'topLevelInit', line: 2, column: 1 }],
    },
    // both shapes in one module: the container functions change and the call that fills it at load
    {
      code: 'const prompts = new Map<string, string>();\nexport function setPrompt(k: string, v: string) { prompts.set(k, v); }\nfunction loadPrompts() { setPrompt("hi", "hello"); }\nloadPrompts();',
      errors: [
        container(
          1,
          17,
          `${IMPORT.replaceAll("'", '"')}const prompts = supervise.cache("file.prompts", () => new Map<string, string>());\nexport function setPrompt(k: string, v: string) { prompts.set(k, v); }\nfunction loadPrompts() { setPrompt("hi", "hello"); }\nloadPrompts();`,
        ),
        { messageId: 'topLevelInit', line: 4, column: 1 },
      ],
    },
  ],
});

/** `const <name> = <init>` rewritten by the suggestion, in a file that has no import yet. */
function owned(code: string, name: string, init: string, line: number, column: number) {
  const factory = init.startsWith('{') ? `(${init})` : init;
  return container(line, column, `${IMPORT}${code.replace(`const ${name} = ${init}`, `const ${name} = supervise.cache('file.${name}', () => ${factory})`).replace(`let ${name} = ${init}`, `let ${name} = supervise.cache('file.${name}', () => ${factory})`)}`);
}

// issue 9, session 8: the held-out projects' bounded and owned module state, each class with its counterpart
const literalKeys = "const GET = 'GET';\nconst POST = 'POST';\nconst mapping = new Map();\nexport function createServer(app) {\n  mapping.set(GET, {});\n  mapping.set(POST, {});\n  mapping.set('PATCH', {});\n  app.routes = mapping;\n}";
const requestKeys = "const mapping = new Map();\nexport function createRoute(req) {\n  mapping.set('route:' + req.id, {});\n}";
const defaultedZone = "const formatters = new Map();\nexport function formatter(timezone) {\n  const key = timezone ?? '';\n  let found = formatters.get(key);\n  if (!found) {\n    found = new Intl.DateTimeFormat('en-US', { timeZone: timezone });\n    formatters.set(key, found);\n  }\n  return found;\n}";
const defaultedUser = "const formatters = new Map();\nexport function formatter(userId) {\n  const key = userId ?? '';\n  if (!formatters.has(key)) formatters.set(key, new Intl.DateTimeFormat('en-US'));\n  return formatters.get(key);\n}";
const reloadedSettings = "const settings = { port: 9001, skinName: 'colibris' };\nexport function reloadSettings(read) {\n  const parsed = read();\n  settings.port = parsed.port;\n  settings.skinName = parsed.skinName;\n}\nexport default settings;";
const updatedSettings = "const settings = { port: 9001, skinName: 'colibris' };\nexport function updateSettings(read) {\n  const parsed = read();\n  settings.port = parsed.port;\n  settings.skinName = parsed.skinName;\n}\nexport default settings;";
const loadedPerUser = 'const prefs = new Map();\nexport function reloadUser(id, read) {\n  prefs[id] = read(id);\n}';
const clearedOnLoad = 'const userPrefs = new Map();\nexport function loadAll() {\n  userPrefs.clear();\n}\nexport function prefsOf(user, read) {\n  if (!userPrefs.has(user)) userPrefs.set(user, read(user));\n  return userPrefs.get(user);\n}';
const unregistered = "const actionHandlers = {};\nexport function registerActionHandler(context, path, callback) {\n  if (actionHandlers[context] === undefined) actionHandlers[context] = {};\n  actionHandlers[context][path] = callback;\n  return () => deRegisterActionHandler(context, path, callback);\n}\nexport function deRegisterActionHandler(context, path, callback) {\n  if (actionHandlers[context] && actionHandlers[context][path] === callback) delete actionHandlers[context][path];\n}";
const neverUnregistered = "const actionHandlers = {};\nexport function registerActionHandler(context, path, callback) {\n  if (actionHandlers[context] === undefined) actionHandlers[context] = {};\n  actionHandlers[context][path] = callback;\n}\nexport function forgetActionHandler(context, path) {\n  actionHandlers[context][path] = undefined;\n}";
const evictedWhenFull = 'const recent = new Map();\nexport function remember(id, value) {\n  if (recent.size >= 500) recent.delete(recent.keys().next().value);\n  recent.set(id, value);\n}';
const ringBuffer = 'const lines = [];\nexport function log(line) {\n  lines.push(line);\n  while (lines.length > 100) lines.shift();\n}';
const lastTweets = "let tweets = [];\nconst MAX_TWEETS = 10;\nexport function onTweet(tweet) {\n  tweets.unshift(tweet);\n  tweets = tweets.slice(0, MAX_TWEETS);\n}\nexport function buffer() { return tweets; }";
const drainedQueue = 'const lines = [];\nexport function log(line) {\n  lines.push(line);\n}\nexport function flush(write) {\n  if (lines.length > 0) write(lines.shift());\n}';
const skippedFirst = 'let tweets = [];\nexport function onTweet(tweet) {\n  tweets.push(tweet);\n  tweets = tweets.slice(1);\n}';
const flushedByInterval = 'let memo = {};\nexport function keyOf(context, path) {\n  return memo[context + path] || (memo[context + path] = `${context}.${path}`);\n}\nsetInterval(() => {\n  memo = {};\n}, 30 * 60 * 1000);';
const flushedIfStarted = 'const sessions = new Map();\nexport function track(user) {\n  sessions.set(user, (sessions.get(user) ?? 0) + 1);\n}\nexport function startFlushing() {\n  setInterval(() => {\n    sessions.clear();\n  }, 60000);\n}';
const flushedOnce = 'let memo = {};\nexport function keyOf(context, path) {\n  return memo[context + path] || (memo[context + path] = `${context}.${path}`);\n}\nsetTimeout(() => {\n  memo = {};\n}, 30 * 60 * 1000);';

testRuleInBothModes('no-unowned-state', rule, {
  valid: [
    // keys written in the source (etherpad's REST mapping: one entry per HTTP verb)
    literalKeys,
    // vocabulary with a default (node-cron's formatter per time zone)
    defaultedZone,
    // a configuration singleton its own reload function refills (etherpad's Settings), a cache emptied by loadAll (signalk's unit preferences)
    reloadedSettings,
    clearedOnLoad,
    // a registry with an unregister path that deletes the nested entry (signalk's PUT action handlers)
    unregistered,
    // bounded by an eviction when full (already quiet before: its entries are added and removed), or cut back to the last N (socket.io's tweet-stream example)
    evictedWhenFull,
    ringBuffer,
    lastTweets,
    // a memo an interval empties (signalk's canonical path memo)
    flushedByInterval,
    // registering a class of this module at load is a declaration, as a decorator (kuzzle's models)
    "import { BaseModel } from './baseModel.js';\nclass ApiKey extends BaseModel {}\nBaseModel.register(ApiKey);\nexport default ApiKey;",
    // set-up at load that the module's own reload runs again (etherpad's early default logging)
    "import { configure } from './logger.js';\nconst initLogging = (config) => configure(config);\ninitLogging({ level: 'info' });\nexport function reloadSettings(read) {\n  initLogging(read().logconfig);\n}",
  ],
  invalid: [
    { code: requestKeys, errors: [owned(requestKeys, 'mapping', 'new Map()', 1, 17)] },
    { code: defaultedUser, errors: [owned(defaultedUser, 'formatters', 'new Map()', 1, 20)] },
    { code: updatedSettings, errors: [owned(updatedSettings, 'settings', "{ port: 9001, skinName: 'colibris' }", 1, 18)] },
    // a load function that adds one entry per id is not a reset
    { code: loadedPerUser, errors: [owned(loadedPerUser, 'prefs', 'new Map()', 1, 15)] },
    { code: neverUnregistered, errors: [owned(neverUnregistered, 'actionHandlers', '{}', 1, 24)] },
    // a queue drained by its consumer is not bounded: the guard only checks it is not empty
    { code: drainedQueue, errors: [owned(drainedQueue, 'lines', '[]', 1, 15)] },
    { code: skippedFirst, errors: [owned(skippedFirst, 'tweets', '[]', 1, 14)] },
    // a reset that runs once does not bound what comes after it
    { code: flushedOnce, errors: [owned(flushedOnce, 'memo', '{}', 1, 12)] },
    // an interval a function starts bounds nothing until, and unless, it is called (test/audit/fixture-project's usage.ts)
    { code: flushedIfStarted, errors: [owned(flushedIfStarted, 'sessions', 'new Map()', 1, 18)] },
    // the same set-up called again only per request: nothing re-runs it when the owner restarts
    {
      code: "import { configure } from './logger.js';\nconst initLogging = (config) => configure(config);\ninitLogging({ level: 'info' });\nexport function handle(req) {\n  initLogging(req.logconfig);\n}",
      errors: [{ messageId: 'topLevelInit', line: 3, column: 1 }],
    },
    // registering data, not a declaration, still initialises state at load
    {
      code: "import { BaseModel } from './baseModel.js';\nconst fields = ['a'];\nBaseModel.register(fields);",
      errors: [{ messageId: 'topLevelInit', line: 3, column: 1 }],
    },
  ],
});

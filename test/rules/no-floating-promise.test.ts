import rule, { strictOptions } from '../../rules/no-floating-promise.js';
import { testRuleInBothModes } from './rule-tester.js';
import { withImport } from './expected-import.js';

const RUNTIME = "import { tasks } from '@spawnguard/runtime';";
const SEND = 'async function send(): Promise<void> {}\n';
/** A file of a small project whose other modules (typed-project/projects/cross-file) the cases import. */
const CROSS_FILE_APP = 'projects/cross-file/app.ts';
const CROSS_FILE_JS_APP = 'projects/cross-file/legacy-app.js';
/** A file of a project whose store resolves from memory (typed-project/projects/cannot-reject: soketi's adapters and namespaces). */
const CANNOT_REJECT_APP = 'projects/cannot-reject/app.ts';
/** A module-private function whose error callback is typed `void | Promise<void>` (graphile-worker's `batch`). */
const ON_ERROR = 'function retry(run: () => void, onError: (error: unknown) => void | Promise<void>) {\n  try {\n    run();\n  } catch (error) {\n    onError(error);\n  }\n}\n';
/** A file of a project whose node_modules declare a few package classes (typed-project/projects/package-methods). */
const PACKAGE_METHODS_APP = 'projects/package-methods/app.ts';
/** A CommonJS file of the same project, beside its rate-limiter.js (uptime-kuma's server/rate-limiter.js). */
const PACKAGE_METHODS_CJS = 'projects/package-methods/auth.cjs';
/**
 * A project whose node_modules hold telemetry packages (typed-project/projects/dependency-bodies): their
 * JavaScript catches every error of its request (an ES5 build, a modern one, one pinned by the
 * lockfile), rethrows it, or is installed under a range no lockfile pins (issue 9: quirrel's
 * plausible-telemetry, whose `record` its Telemetrist awaits).
 */
const DEPENDENCY_BODIES = 'projects/dependency-bodies/app.ts';
/** quirrel's Telemetrist: a project class extending the package's, whose async method awaits an inherited one. */
function telemetrist(pkg: string, method = 'record'): string {
  return `import Telemetry from '${pkg}';\nclass Telemetrist extends Telemetry {\n  async dispatch(path: string) {\n    await this.${method}(path);\n  }\n}\nconst telemetrist = new Telemetrist('telemetry.example');\nexport function onJob() {\n  telemetrist.dispatch('job');\n}\n`;
}
/** A project function awaiting a modern package's method (`modern-telemetry`, `loud-telemetry`). */
function reporter(pkg: string): string {
  return `import { Telemetry } from '${pkg}';\nconst telemetry = new Telemetry('telemetry.example');\nasync function report(event: string) {\n  await telemetry.record(event);\n}\nexport function onJob() {\n  report('job');\n}\n`;
}
/** A transport handed a promise by its callers, in a private package (projects/handed-promise) and in a published one. */
const HANDED_PROMISE = 'projects/handed-promise/transport.ts';
const NEXT_SILENT_INDEX = 'projects/next-silent/src/index.ts';
const NEXT_LOGGING_INDEX = 'projects/next-logging/src/index.ts';
const HANDED_PROMISE_PUBLISHED = 'projects/handed-promise-published/transport.ts';
const SOCKET = "export interface Provider {\n  on(event: string, listener: () => void): void;\n}\nexport function socket({ done }: { done: Promise<Provider> }) {\n  return () => {\n    done.then((provider) => provider.on('connection', () => {}));\n  };\n}\n";
/** A class whose field the constructor builds from the limiter package's class (uptime-kuma's rate limiter, in TypeScript). */
const GATEKEEPER = "import { RateLimiter } from 'limiter';\nclass Gatekeeper {\n  private limiter: RateLimiter;\n  constructor() {\n    this.limiter = new RateLimiter({ tokensPerInterval: 20, interval: 'minute' });\n  }\n  async pass(): Promise<boolean> {\n    return (await this.limiter.removeTokens(1)) >= 0;\n  }\n}\nconst gatekeeper = new Gatekeeper();\n";

const PROTOTYPE_FETCH = "async function load(): Promise<void> {\n  await fetch('https://example.test/queue');\n}\n";
/** graphile-worker's pool: `shutdown()` stores the drain's promise, gives it a rejection handler in the next statement, and hands it out (again on later calls). */
const HANDLED_WHERE_STORED = `async function drain(): Promise<void> {\n  await fetch('https://example.test/drain');\n}\nfunction finish(error?: unknown): void {\n  if (error) console.error(error);\n}\nlet stopping: Promise<void> | null = null;\nconst pool = {\n  shutdown(): Promise<void> {\n    if (stopping) return stopping;\n    stopping = drain();\n    Promise.resolve(stopping).then(() => finish(), finish);\n    return stopping;\n  },\n};\n`;
/** A child process whose exit a function hands back as a promise in an object (the demo's smoke harness, `startApp`). */
const STARTED_APP = "import { spawn } from 'node:child_process';\nasync function startApp(command: string) {\n  const child = spawn(command);\n  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code: number | null) => resolveExit(code)));\n  return { child, exited };\n}\n";
/** A function given the started app, whose every caller in the file passes what `startApp` returns. */
const ON_EXIT = "function onExit(app: { exited: Promise<number | null> }, report: (code: number | null) => void) {\n  app.exited.then((code) => report(code));\n}\n";

/**
 * A project helper that hands a promise's outcome to a node-style callback and returns the promise it
 * was given (standard-as-callback's `asCallback`, bluebird's `nodeify`), under a name that says nothing.
 */
const ADAPTER = `function settleInto<T>(promise: Promise<T>, callback?: (error: unknown, value?: T) => void): Promise<T> {\n  if (callback) promise.then((value) => callback(null, value), (error) => callback(error));\n  return promise;\n}\nasync function load(): Promise<number> {\n  const response = await fetch('https://example.test/count');\n  return Number(await response.text());\n}\n`;
/** A project function taking a node-style callback last, which it hands the rejection of the promise it returns. */
const ROUTED_SAVE = `async function write(record: object): Promise<void> {\n  await fetch('https://example.test/records', { method: 'POST', body: JSON.stringify(record) });\n}\nfunction save(record: object, callback: (error: unknown) => void): Promise<void> {\n  const written = write(record);\n  written.then(() => callback(null), callback);\n  return written;\n}\n`;

/**
 * The name the suggestion gives the task, for telemetry: the module and the function `target` calls
 * first (`file.save` for `api?.save()`, `file.send` for `send().then(...)`).
 */
function taskName(target: string, filename = 'file.ts'): string {
  const module = filename.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
  const callee = /^(?:new )?(?:[\w$]+(?:\[[^\]]*\])?\??\.)*([\w$]+)\(/.exec(target)?.[1];
  return `${module}.${callee}`;
}

/** `code` with `target` (its last occurrence) rewritten by the suggestion (an async arrow in TypeScript), and the runtime import added. */
function suggested(code: string, target: string, filename = 'file.ts', name = taskName(target, filename)): string {
  const at = code.lastIndexOf(target);
  const arrow = /\.[cm]?tsx?$/.test(filename) ? 'async () =>' : '() =>';
  return withImport(`${code.slice(0, at)}tasks.start(${arrow} ${target}, { name: '${name}' })${code.slice(at + target.length)}`, 'tasks', filename);
}

/** A floating-promise error on `target` at line:column, with its `tasks.start` suggestion. */
function floating(code: string, target: string, line: number, column: number, filename?: string, name?: string) {
  return {
    messageId: 'floatingPromise' as const,
    line,
    column,
    suggestions: [{ messageId: 'runUnderTasksStart' as const, output: suggested(code, target, filename, name) }],
  };
}

/** `void send()` at the start of `line`, reported with its `tasks.start` suggestion (the runtime import goes first). */
function voidedCase(name: string, code: string, line: number) {
  const output = withImport(code.replace('void send();', "tasks.start(async () => send(), { name: 'file.send' });"), 'tasks', 'file.ts');
  return { name, code, errors: [{ messageId: 'voidedPromise' as const, line, column: 6, suggestions: [{ messageId: 'runUnderTasksStart' as const, output }] }] };
}

function floatingCase(name: string, code: string, target: string, line: number, column: number, filename?: string, taskName?: string) {
  return { name, code, ...(filename ? { filename } : {}), errors: [floating(code, target, line, column, filename, taskName)] };
}

/** A floating call at the start of `line`, whose suggestion gives exactly `output` (written out, not derived). */
function suggestedCase(name: string, code: string, line: number, output: string, filename?: string) {
  return {
    name,
    code,
    ...(filename ? { filename } : {}),
    errors: [{ messageId: 'floatingPromise' as const, line, column: 1, suggestions: [{ messageId: 'runUnderTasksStart' as const, output }] }],
  };
}

/** `f0` returns `f1()` ... returns `f{n-1}()`, the last async: generated code has such chains. */
function callChain(length: number): string {
  const lines = [`async function f${length - 1}() {}`];
  for (let index = length - 2; index >= 0; index--) lines.push(`function f${index}() { return f${index + 1}(); }`);
  return lines.join('\n');
}
const LONG_CHAIN = callChain(700);

/** typescript-eslint's own case (its issue 11947): printing this type overflows TypeScript's checker. */
const RECURSIVE_GENERIC = `interface CustomNode<P> {
  getNextNode: () => CustomNode<P>;
}
declare const createNode: () => {
  getNextNode: <T>() => CustomNode<T>;
};
function wrapNode<T>(getNode: () => CustomNode<T>) {
  return getNode;
}
`;
const RECURSIVE_IIFE = `(async () => {
  wrapNode(() => {
    const node = createNode();
    return wrapNode<typeof node.getNextNode<any>>(node.getNextNode);
  });
})()`;

/** A thenable reply whose setters return the reply itself (Fastify's FastifyReply). */
const REPLY = `interface Reply {
  then(onFulfilled: () => void, onRejected: (error: unknown) => void): void;
  header(key: string, value: string): Reply;
  code(status: number): Reply;
  send(payload?: unknown): Reply;
}
`;

/** An async function of this file that catches and logs everything it does. */
const SAFE_SEND = `async function safeSend(): Promise<void> {
  try {
    await fetch('https://example.test');
  } catch (error) {
    console.error('send failed', error);
  }
}
`;

/** A server the cases start, and an identd-like service that reports its start through a callback (thelounge). */
const LISTENING = `${SEND}import { createServer } from 'node:http';\nconst server = createServer();\n`;
const IDENTD = 'declare class Identd {\n  constructor(started: (ready: boolean, error?: Error) => void);\n}\n';

/** A Redis-style command batch: commands queue synchronously, exec() runs and reports them. */
const PIPELINE = 'interface Pipeline {\n  exec(): Promise<unknown[]>;\n}\nasync function enqueue(_pipeline: Pipeline, _item: number): Promise<void> {}\n';

testRuleInBothModes('no-floating-promise', rule, {
  valid: [
    { name: 'awaited', code: `${SEND}async function main() { await send(); }` },
    { name: 'returned', code: `${SEND}function main() { return send(); }` },
    { name: 'stored', code: `${SEND}const pending = send();` },
    { name: 'assigned', code: `${SEND}let pending: Promise<void> | undefined;\npending = send();` },
    { name: 'passed on', code: `${SEND}declare function keep(p: Promise<void>): void;\nkeep(send());` },
    { name: 'catch with a handler that logs', code: `${SEND}send().catch((error) => console.error(error));` },
    { name: 'catch with a handler reference', code: `${SEND}declare function report(e: unknown): void;\nsend().catch(report);` },
    { name: 'then with a rejection handler', code: `${SEND}send().then(() => console.log('ok'), (error) => console.error(error));` },
    { name: 'handled chain then finally', code: `${SEND}send().catch(console.error).finally(() => console.log('done'));` },
    { name: 'empty catch is no-swallowed-error territory', code: `${SEND}send().catch(() => {});`, options: strictOptions },
    { name: 'tasks.start with an arrow returning the promise', code: `${RUNTIME}\n${SEND}tasks.start(() => send(), { name: 'file.send' });` },
    { name: 'tasks.async result (a Task reports its own failure)', code: `${RUNTIME}\n${SEND}tasks.async(() => send());` },
    { name: 'awaited inside a task', code: `${RUNTIME}\n${SEND}tasks.start(async () => { await send(); });` },
    { name: 'top-level await', code: `${SEND}await send();` },
    { name: 'top-level await of Promise.all', code: `${SEND}await Promise.all([send(), send()]);`, filename: 'file.mjs' },
    { name: 'plain function call', code: 'function total() { return 1; }\ntotal();' },
    { name: 'async generator is not a promise', code: 'async function* lines() { yield 1; }\nlines();' },
    { name: 'non-async method via this', code: 'class Cache { clear() { return 1; } reset() { this.clear(); } }' },
    { name: 'void 0', code: 'void 0;' },
    // `void` with a comment saying why is fire-and-forget on purpose, as a swallow with one is (issue 9, thelounge's `void socket.join(...)`).
    { name: 'void p() with a comment above saying why', code: `${SEND}// socket.join is a promise depending on the adapter.\nvoid send();` },
    { name: 'void p() with a comment after it on its line', code: `${SEND}void send(); // best effort: the next heartbeat sends again` },
    { name: 're-assigned to a plain function', code: 'let run: () => unknown = async () => {};\nrun = () => 1;\nrun();' },
    { name: 'sync fs API', code: "const fs = require('fs');\nfs.readFileSync('config.json');", filename: 'file.cjs' },
    { name: 'fs.promises handled', code: "import fs from 'node:fs';\nfs.promises.readFile('x').catch(console.error);" },
    { name: 'timers', code: 'const handle = setTimeout(() => {}, 10);\nclearTimeout(handle);' },
    { name: 'event emit', code: "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.emit('ready');" },
    { name: 'JSX handler returning the promise', code: `${SEND}export const el = <button onClick={() => send()} />;`, filename: 'react.tsx' },
    { name: 'strict: empty rejection handler left to no-swallowed-error', code: `${SEND}send().then(undefined, function () {});`, options: strictOptions },
    { name: 'a promise-returning function shadowed by a sync one', code: `${SEND}function main(send: () => number) { send(); }` },

    // Rejections that cannot happen (issue 9, class 2).
    // Entry files (precision notes FP4/FP19): the top-level call is the program; a rejection exits 1, as meant.
    { name: 'browser code under client/ (a rejection is a console error)', code: `${SEND}export function onClick() { send(); }`, filename: 'client/app.ts' },
    // feathers' knexify: a method bound to its instance returns a thenable query builder, not a Promise.
    { name: 'a bound method returning a thenable query builder', code: "interface Builder {\n  then(onFulfilled: (rows: unknown[]) => void): void;\n  where(column: string): Builder;\n}\nexport class Adapter {\n  build(builder: Builder, column: string): Builder {\n    return builder.where(column);\n  }\n  apply(builder: Builder) {\n    const build = this.build.bind(this);\n    build(builder, 'id');\n  }\n}" },
    { name: 'a Vite + React page package, wherever it sits (a rejection is a console error)', code: `${SEND}export function onClick() { send(); }`, filename: 'projects/admin-ui/src/settings.ts' },
    // A Next.js app's client modules (issue 9, session 8): the package is a server, but a component's
    // handlers and effects and a hook's callbacks run in the browser that hydrated the page.
    { name: 'a Next.js component whose handler fires a request', code: `import { useState } from 'react';\n${SEND}export function UserList({ ids }: { ids: string[] }) {\n  const [busy, setBusy] = useState(false);\n  return <ul>{ids.map((id) => <li key={id} onClick={() => { setBusy(!busy); send(); }}>{id}</li>)}</ul>;\n}`, filename: 'projects/pages-app/components/user-list.tsx' },
    { name: "a Next.js app's query hook module", code: `import { useMutation } from '@tanstack/react-query';\n${SEND}export function useRename() {\n  return useMutation({ mutationFn: async () => {}, onSuccess: () => { send(); } });\n}`, filename: 'projects/pages-app/lib/queries.ts' },
    { name: "a 'use client' module under the App Router", code: `'use client';\n${SEND}export function Save() {\n  const save = () => {\n    send();\n  };\n  return <button onClick={save} />;\n}`, filename: 'projects/pages-app/app/settings/form.tsx' },
    // A page that also exports server data functions is split per declaration (issue 9, session 9: zipline's
    // pages): the component, its effects and handlers and what only they reach run in the browser.
    { name: "a Next.js page's effect beside its getServerSideProps", code: `import { useEffect } from 'react';\n${SEND}export default function Logout() {\n  useEffect(() => {\n    send();\n  }, []);\n  return <p>bye</p>;\n}\nexport async function getServerSideProps() {\n  return { props: {} };\n}`, filename: 'projects/pages-app/pages/login.tsx' },
    { name: "a Next.js page's handler, the page's getServerSideProps re-exported from a shared module", code: `import { useState } from 'react';\n${SEND}export { getServerSideProps } from '../lib/session';\nexport default function Login() {\n  const [name, setName] = useState('');\n  return <form onSubmit={() => { send(); }}><input value={name} onChange={(event) => setName(event.target.value)} /></form>;\n}`, filename: 'projects/pages-app/pages/login.tsx' },
    { name: "a component a Next.js page renders (by JSX) beside its getStaticProps, whose effect fires a request", code: `import { useEffect } from 'react';\n${SEND}function Banner() {\n  useEffect(() => {\n    send();\n  }, []);\n  return <p>new</p>;\n}\nexport default function Home() {\n  return <main><Banner /></main>;\n}\nexport const getStaticProps = async () => ({ props: {} });`, filename: 'projects/pages-app/pages/login.tsx' },
    { name: "a helper only a Next.js page's component reaches, beside a getServerSideProps declared as a const", code: `import { useRouter } from 'next/router';\n${SEND}function leave(router: { push(url: string): Promise<boolean> }) {\n  router.push('/auth/login');\n  send();\n}\nconst Logout = () => {\n  const router = useRouter();\n  return <button onClick={() => leave(router)}>log out</button>;\n};\nexport default Logout;\nexport const getServerSideProps = async () => ({ props: {} });`, filename: 'projects/pages-app/pages/login.tsx' },
    { name: 'a bundle template that touches the page as it loads', code: `${SEND}window.ready = true;\nexport function onClick() { send(); }` },
    { name: 'a bundle template that touches the page as it loads, the global written with a unicode escape', code: `${SEND}\\u0077indow.ready = true;\nexport function onClick() { send(); }` },
    { name: 'an example boot() starting its worker', code: `${SEND}export async function boot() {\n  send();\n}`, filename: 'examples/demo.ts' },
    // issue 9 (held-out class C): a one-shot script wherever it sits ends with the error, as a development script does
    { name: 'a bin/ tool whose actions start async IIFEs', code: `${SEND}const install = () => {\n  (async () => {\n    await send();\n  })();\n};\nif (process.argv[2] === 'install') install();`, filename: 'bin/create-session.ts' },
    { name: 'a shebang script that fires its work', code: `#!/usr/bin/env node\n${SEND}for (const name of process.argv.slice(2)) send();`, filename: 'profile-report.ts' },
    { name: 'main() at the top of a server entry', code: `${SEND}async function main() { await send(); }\nmain();`, filename: 'main.ts' },
    { name: 'main() of a script its package.json runs, under a top-level guard', code: `${SEND}async function main() { await send(); }\nif (!process.env.TEST_BACKEND) {\n  main();\n}`, filename: 'projects/tools-app/extra/reset-password.ts' },
    // issue 9 (session 8's fresh set, zipline): `"start": "node dist"` runs what tsup built from the files its config names
    { name: "the start-up call of a server a bundler's config names as an entry", code: `${SEND}async function start() { await send(); }\nstart();`, filename: 'projects/bundled-app/src/server/index.ts' },
    { name: "the start-up call of a script a bundler's config names as an entry ('./' path)", code: `${SEND}async function main() { await send(); }\nmain();`, filename: 'projects/bundled-app/src/scripts/import-dir.ts' },
    { name: 'an example with its own package.json, still under examples/', code: `${SEND}export function boot() {\n  send();\n}`, filename: 'projects/tools-app/examples/docker/worker/src/worker.ts' },
    { name: 'start-up of an entry file whose unhandledRejection handler exits (later)', code: `${SEND}process.on('unhandledRejection', (error) => {\n  console.error(error);\n  process.nextTick(() => process.exit(1));\n});\nasync function main() { await send(); }\nmain();`, filename: 'main.ts' },
    { name: 'a script run at the top of scripts/', code: `${SEND}(async () => { await send(); })();`, filename: 'scripts/seed.ts' },
    // Start-up work runs once while the program starts (issue 9, thelounge's `void manager.init(...)`):
    // in a server's listen callback, in a completion callback that ends the process on its own failure,
    // in a function the top level calls once and exits on.
    { name: "start-up work in a server's listen callback", code: `${LISTENING}export function start() {\n  server.listen(8080, () => {\n    send();\n  });\n}`, filename: 'main.ts' },
    { name: 'start-up work in a completion callback that exits on its own failure, inside the listen callback', code: `${LISTENING}${IDENTD}server.listen(8080, () => {\n  new Identd((ready, error) => {\n    if (error) {\n      console.error(error);\n      process.exit(1);\n    }\n    void send();\n  });\n});`, filename: 'main.ts' },
    { name: 'a function the top level calls once, exiting on its failure', code: `${SEND}async function boot() {\n  send();\n}\nboot().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});`, filename: 'main.ts' },
    { name: "a one-shot timer's callback at the top of an entry", code: `${SEND}setImmediate(() => {\n  send();\n});`, filename: 'main.ts' },
    { name: 'an IIFE at the top of an entry', code: `${SEND}(() => {\n  send();\n})();`, filename: 'main.ts' },
    { name: 'a same-file async function that catches everything', code: `${SAFE_SEND}safeSend();` },
    { name: 'an async method that only schedules its next run', code: "class Poller {\n  timer: unknown;\n  async poll() {}\n  async pollAgainLater() {\n    this.timer = setTimeout(() => this.poll().catch(console.error), 1000);\n  }\n  run() {\n    this.pollAgainLater();\n  }\n}" },
    { name: 'an async arrow whose whole body is a handled try/catch', code: "const refresh = async () => {\n  try {\n    await fetch('https://example.test');\n  } catch (error) {\n    console.warn(error);\n  }\n};\nrefresh();" },
    // Promises that cannot reject, built from parts that never reject (issue 9, FP9/FP21/FP1).
    { name: 'a then() on a promise whose executor never rejects', code: "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst ready = new Promise<void>((resolve) => bus.once('ready', () => resolve()));\nexport function onReady(start: () => void) {\n  ready.then(() => start());\n}" },
    { name: 'finally() on a stored Promise.allSettled', code: `${SEND}export function stopAll() {\n  const stopping = Promise.allSettled([send(), send()]);\n  stopping.finally(() => console.log('stopped'));\n}` },
    // Held-out check (kuzzle's signal handlers): as no-detached-async-callback's async shutdown handlers,
    // a rejection there ends the process the signal was ending anyway, or lands in its last-resort handler.
    { name: 'a floating call in a process signal handler', code: `${SEND}process.on('SIGTERM', () => {\n  console.log('stopping');\n  send();\n});` },
    { name: "a floating call in the process's exit handler (and a callback inside a signal handler)", code: `${SEND}import process from 'node:process';\nprocess.on('exit', () => {\n  send();\n});\nprocess.once('SIGINT', () => {\n  setImmediate(() => {\n    send();\n  });\n});` },
    // Held-out check (etherpad's Minify, signalk's app store): each element's failure is caught where it is made.
    { name: 'a call of a function awaiting Promise.all over elements that each catch', code: "async function load(id: string): Promise<string> {\n  if (!id) throw new Error('no id');\n  return id;\n}\nasync function loadAll(ids: string[]) {\n  await Promise.all(ids.map((id) => load(id).catch((error) => {\n    console.error(error);\n    return null;\n  })));\n}\nloadAll(['a']);" },
    { name: 'finally() that exits the process: no rejection is ever reported', code: `${SEND}process.on('SIGTERM', () => {\n  send().finally(() => process.exit(0));\n});` },
    // Fresh and held-out checks (soketi, kuzzle, faktory_worker_node): code that runs only while the process stops (issue 9).
    { name: "a function handed only to signal handlers and called by an uncaughtException handler that exits through it (soketi's handleFailure)", code: `${SEND}export class Cli {\n  start() {\n    const handleFailure = () => {\n      send().then(() => {\n        process.exit();\n      });\n    };\n    process.on('SIGINT', handleFailure);\n    process.on('SIGTERM', handleFailure);\n    process.on('uncaughtException', (error) => {\n      console.error(error);\n      handleFailure();\n    });\n  }\n}` },
    { name: 'signal handlers registered in a loop over signal names (kuzzle)', code: `${SEND}for (const signal of ['SIGINT', 'SIGTERM']) {\n  process.on(signal, () => {\n    console.log(signal);\n    send();\n  });\n}` },
    { name: 'an uncaughtException handler that ends the process through a method of its class (kuzzle dumpAndExit)', code: `${SEND}export class Kuzzle {\n  register() {\n    process.on('uncaughtException', (error) => {\n      console.error(error);\n      this.dumpAndExit();\n    });\n  }\n  async dumpAndExit() {\n    await send();\n    process.exit(1);\n  }\n}` },
    { name: 'a function handed to chained signal handlers and taken off again (faktory_worker_node)', code: `${SEND}function stop() {\n  send();\n}\nprocess.once('SIGTERM', stop).once('SIGINT', stop);\nexport function untrap() {\n  process.removeListener('SIGTERM', stop).removeListener('SIGINT', stop);\n}` },
    { name: 'a function called only from a signal handler', code: `${SEND}function closeAll() {\n  send();\n}\nprocess.on('SIGTERM', () => {\n  closeAll();\n});` },
    { name: 'a plain function returning the promise it attaches a rejection handler to (FP21)', code: `${SEND}function shutdown(): Promise<void> {\n  const stopping = send();\n  Promise.resolve(stopping).then(() => console.log('stopped'), (error) => console.error(error));\n  return stopping;\n}\nshutdown();` },
    // Issue 9 (ioredis' Pipeline): methods added to a class's prototype beside it are members of the class.
    { name: 'a method assigned to the prototype beside the class, which catches everything', code: `${SEND}class Queue {\n  retry() {\n    this.flush();\n  }\n}\ninterface Queue {\n  flush(): Promise<void>;\n}\nQueue.prototype.flush = async function (this: Queue) {\n  try {\n    await send();\n  } catch (error) {\n    console.error(error);\n  }\n};` },
    { name: 'a method Object.assign puts on the prototype, which catches everything, called through a const holding this', code: `${SEND}class Client {\n  refresh() {\n    const self = this;\n    setTimeout(() => {\n      self.sync();\n    }, 10);\n  }\n}\ninterface Client {\n  sync(): Promise<void>;\n}\nObject.assign(Client.prototype, {\n  async sync() {\n    try {\n      await send();\n    } catch (error) {\n      console.error(error);\n    }\n  },\n});` },
    // Issue 9 (graphile-worker's gracefulShutdown): a promise kept in a variable or field, given its rejection handler in the statement that follows its storing, and handed out again on later calls.
    { name: 'a plain method handing out the promise it stored and gave a rejection handler right after, again on later calls', code: `${HANDLED_WHERE_STORED}export function onSignal() {\n  pool.shutdown();\n}` },
    { name: 'a plain method handing out the field it stored and gave a rejection handler right after', code: `${SEND}class Worker {\n  private closing: Promise<void> | undefined;\n  close(): Promise<void> {\n    if (this.closing) return this.closing;\n    this.closing = send();\n    this.closing.catch((error: unknown) => console.error(error));\n    return this.closing;\n  }\n  stop() {\n    this.close();\n  }\n}` },
    { name: "another file's plain method handing out the promise it stored and handled", code: "import { pool } from './pool.js';\nexport function onSignal() {\n  pool.shutdown();\n}", filename: CANNOT_REJECT_APP },
    { name: "another file's class method handing out the field it stored and handled", code: "import { Worker } from './pool.js';\nexport function stop(worker: Worker) {\n  worker.close();\n}", filename: CANNOT_REJECT_APP },
    { name: 'a plain function returning a promise made and kept elsewhere', code: `${SEND}const running = send();\nlet active = true;\nfunction release(): Promise<void> {\n  active = false;\n  return running;\n}\nrelease();\nexport { active };` },
    { name: 'an async job loop whose every await is handled and that throws nothing itself', code: `${SEND}declare function check(condition: boolean): void;\nlet active = true;\nasync function doNext(): Promise<void> {\n  check(active);\n  let failed = false;\n  try {\n    await send();\n  } catch (error) {\n    console.error(error);\n    failed = true;\n  }\n  if (!failed && active) doNext();\n}\ndoNext();\nexport function stop() {\n  active = false;\n}` },
    { name: 'a close() whose stored promise has a handled step and a non-failing finally', code: `class Client {\n  closing: Promise<void> | undefined;\n  chain: Promise<void> = Promise.resolve();\n  raw: { close(): void } | undefined;\n  private async clearName(): Promise<void> {\n    try {\n      await fetch('https://example.test/name');\n    } catch {\n      // the connection is going away\n    }\n  }\n  private closeRaw(): Promise<void> {\n    if (!this.closing) {\n      this.closing = this.chain\n        .catch(() => {})\n        .then(async () => {\n          await this.clearName();\n        })\n        .finally(() => {\n          this.closing = undefined;\n        });\n    }\n    return this.closing;\n  }\n  disconnect(): void {\n    void this.closeRaw();\n  }\n}` },
    { name: 'a memo of loads whose new entries end in a catch', code: `${SEND}class Scripts {\n  loads = new Map<string, Promise<void>>();\n  ensure(name: string): Promise<void> {\n    let pending = this.loads.get(name);\n    if (!pending) {\n      pending = send().then(() => {}).catch(() => {});\n      this.loads.set(name, pending);\n    }\n    return pending;\n  }\n  define(name: string): void {\n    void this.ensure(name);\n  }\n}` },
    { name: 'a floating write inside a function of a development script', code: `${SEND}export function writeChangelog() {\n  send();\n}`, filename: 'scripts/release.ts' },
    { name: 'commands queued on a pipeline whose exec() is awaited after', code: `${PIPELINE}export async function addAll(pipeline: Pipeline, items: number[]) {\n  for (const item of items) enqueue(pipeline, item);\n  const results = await pipeline.exec();\n  return results;\n}` },
    { name: 'execa awaited', code: "import { execa } from 'execa';\nexport async function push() {\n  await execa('git', ['push']);\n}" },
    // Arrays of promises: only an array statement drops them (issue 9, misses).
    { name: 'an array of promises stored', code: `${SEND}export const all = [send(), send()];` },
    { name: 'an array mapped to promises and awaited together', code: `${SEND}export async function saveAll(ids: number[]) {\n  await Promise.all(ids.map(async () => send()));\n}` },
    { name: 'a map whose callback returns no promise', code: 'const ids = [1, 2];\nids.map((id) => id * 2);' },
    // typescript-eslint's default (checkThenables: false): a thenable that is no Promise starts nothing by being dropped.
    { name: 'a call returning a bare PromiseLike', code: 'declare function createPromiseLike(): PromiseLike<number>;\ncreatePromiseLike();' },
    // Cross-file (type-aware): the callee's own body, in another file of the project, decides.
    { name: 'an imported async function that catches everything itself', code: "import { refreshQuietly } from './helpers/self-handling.js';\nrefreshQuietly();" },
    { name: 'an imported class method that catches everything itself', code: "import { Poller } from './helpers/self-handling.js';\nexport function tick(poller: Poller) {\n  poller.pollSafely();\n}" },
    { name: 'an imported function returning the promise it handles', code: "import { shutdownHandled } from './helpers/self-handling.js';\nshutdownHandled();" },
    { name: 'typescript-eslint recursive generic case, handled: no crash', code: `${RECURSIVE_GENERIC}${RECURSIVE_IIFE}.catch(() => {});` },
    // Cross-file without a checker (issue 9): the syntactic mode reads the imported module's file.
    { name: 'an imported function of a project file that returns no promise', code: "import { countAccounts } from './service.js';\nexport function onTick() {\n  countAccounts();\n}", filename: CROSS_FILE_APP },
    { name: 'an imported async function of a project file that catches everything itself', code: "import { refreshQuietly } from './index.js';\nexport function onTick() {\n  refreshQuietly();\n}", filename: CROSS_FILE_APP },
    { name: 'a plain method of a parameter declared as an imported class', code: "import { Connection } from './index.js';\nexport function drop(connection: Connection) {\n  connection.close();\n}", filename: CROSS_FILE_APP },
    { name: 'an async method of an imported class that catches everything itself', code: "import { Connection } from './connection.js';\nexport function drop(connection: Connection) {\n  connection.closeQuietly();\n}", filename: CROSS_FILE_APP },
    { name: 'an inherited plain method', code: "import { Server } from './index.js';\nexport class WebServer extends Server {\n  start() {\n    this.log('started');\n  }\n}", filename: CROSS_FILE_APP },
    { name: 'an async function a required TypeScript file exports as CommonJS, which catches its failures', code: "const handler = require('./helpers/commonjs-exports');\nexport function touch(pad: string) {\n  handler.touchClients(pad);\n}" },
    { name: 'a plain function a required TypeScript file exports as CommonJS', code: "const handler = require('./helpers/commonjs-exports');\nexport function label(pad: string) {\n  handler.describeClients(pad);\n}" },
    { name: 'a plain function of a required CommonJS module', code: "const { describeJob } = require('./jobs');\nfunction onMessage(name) {\n  describeJob(name);\n}\nmodule.exports = { onMessage };", filename: CROSS_FILE_JS_APP },
    { name: 'an import that no project file answers (a package)', code: "import { syncAccounts } from 'accounts-package';\nexport function onTick() {\n  syncAccounts();\n}", filename: CROSS_FILE_APP },
    // Issue 9, "the callee cannot reject" (soketi): followed through super, inherited methods and the instance a method returns.
    { name: 'a method of the instance another method is declared to return, which resolves from memory', code: "import { LocalStore } from './store.js';\nexport function join(store: LocalStore) {\n  store.addMember('room', { id: 'a' });\n}", filename: CANNOT_REJECT_APP },
    { name: "super's method in another file, which resolves from memory", code: "import { LocalStore } from './store.js';\nexport class ClusterStore extends LocalStore {\n  async getMembers(id: string) {\n    await fetch(`https://example.test/${id}`);\n    return new Map();\n  }\n  list(id: string) {\n    super.getMembers(id).then((members) => console.log(members.size));\n  }\n}", filename: CANNOT_REJECT_APP },
    { name: 'an async method returning a chain on an in-memory promise', code: "import { LocalStore } from './store.js';\nexport function count(store: LocalStore) {\n  store.countMembers('room').then((size) => console.log(size));\n}", filename: CANNOT_REJECT_APP },
    { name: 'Promise.resolve of the set a reduce builds', code: "class Registry {\n  private ids = new Map<string, string[]>();\n  socketsOf(user: string): Promise<Set<string>> {\n    return Promise.resolve((this.ids.get(user) ?? []).reduce((found, id) => {\n      found.add(id);\n      return found;\n    }, new Set<string>()));\n  }\n}\nexport function notify(registry: Registry) {\n  registry.socketsOf('u').then((found) => console.log(found.size));\n}" },
    // signalk's createSavePaths: every await caught, a nested one in the catch, the error returned as a value.
    { name: 'an async function whose loop catches every await, the error returned as a value', code: "async function createPaths(paths: string[]): Promise<{ error: boolean }> {\n  const result = { error: false };\n  for (const path of paths) {\n    try {\n      await fetch(path);\n    } catch {\n      try {\n        await fetch(`${path}/create`);\n      } catch {\n        result.error = true;\n      }\n    }\n  }\n  return result;\n}\nexport function onTick() {\n  createPaths(['a']);\n}" },
    { name: 'an inherited method that delegates to an in-memory instance', code: "import { LocalStore } from './store.js';\nexport class ClusterStore extends LocalStore {\n  join(id: string) {\n    this.addMember(id, { id });\n  }\n}", filename: CANNOT_REJECT_APP },
    // Typed `void | Promise<void>`, but every caller of the module-private function passes a plain function (issue 9, class 3).
    { name: 'a void | Promise<void> parameter every caller gives a plain function', code: `${ON_ERROR}retry(() => {}, (error) => {\n  console.error(error);\n});\nretry(() => {}, function (error) {\n  console.warn(error);\n});\nretry(() => {}, report);\nfunction report(error: unknown) {\n  console.log(error);\n}` },
    // Package methods whose promise does not reject, found by the declaring module and class (issue 9, class 1).
    { name: "worker_threads Worker.terminate() (fulfils with the exit code)", code: "import { Worker } from 'node:worker_threads';\nexport function stop(worker: Worker) {\n  worker.terminate();\n}" },
    { name: 'pg Pool.end() (declared by @types/pg; rejects only on a second end)', code: "import { Pool } from 'pg';\nexport function release(pool: Pool) {\n  pool.end();\n}", filename: PACKAGE_METHODS_APP },
    { name: "node-resque Scheduler.start() (only arms its polling timer)", code: "import { Scheduler } from 'node-resque';\nexport function boot(scheduler: Scheduler) {\n  scheduler.start();\n}", filename: PACKAGE_METHODS_APP },
    // The same table without a checker: the receiver is built from the package's class in view (issue 9, session 7).
    { name: 'limiter RateLimiter.removeTokens() awaited on a field the constructor builds from the package class', code: `${GATEKEEPER}export function authorize(callback: (ok: boolean) => void) {\n  gatekeeper.pass().then((ok) => {\n    callback(ok);\n  });\n}`, filename: PACKAGE_METHODS_APP },
    { name: 'pg Pool.end() on a const built from the package class', code: "import { Pool } from 'pg';\nconst pool = new Pool();\nexport function release(done: () => void) {\n  pool.end().then(() => done());\n}", filename: PACKAGE_METHODS_APP },
    { name: "a required project limiter whose pass() awaits only the limiter package (uptime-kuma's auth.js)", code: "const { loginRateLimiter } = require('./rate-limiter');\nfunction authorize(username, callback) {\n  loginRateLimiter.pass(null, 0).then((pass) => {\n    callback(null, pass);\n  });\n}\nmodule.exports = { authorize };", filename: PACKAGE_METHODS_CJS },
    // A promise handed in: every caller in the never-published package passes one that never rejects (issue 9, session 7).
    { name: "a parameter's promise every caller of the package passes as a new Promise that never rejects", code: SOCKET, filename: HANDED_PROMISE },
    // With a checker, another file's receivers made by factories: that file's checker places the package method.
    { name: "another file's method returning limiter's removeTokens() on a field a factory makes", code: "import { Gate } from './gates.js';\nexport function enter(gate: Gate) {\n  gate.take();\n}", filename: PACKAGE_METHODS_APP },
    { name: "another file's method returning pg Pool.end() on a field a factory makes", code: "import { Gate } from './gates.js';\nexport function release(gate: Gate) {\n  gate.close();\n}", filename: PACKAGE_METHODS_APP },
    // A rejection handed to a callback (issue 9, session 8, s7-fresh class P): the adapter attaches the
    // callback's handlers and returns the promise it was given; decided by what the helper does.
    { name: 'a project helper that hands the rejection to the callback it is given', code: `${ADAPTER}export function run(done: (error: unknown, value?: number) => void) {\n  settleInto(load(), done);\n}` },
    { name: 'a project helper given a callback literal', code: `${ADAPTER}settleInto(load(), (error) => {\n  if (error) console.error(error);\n});` },
    { name: 'a project helper re-handing a promise the object holds and returns (ioredis Pipeline.exec)', code: `${ADAPTER}class Batch {\n  promise: Promise<number> = load();\n  exec(callback?: (error: unknown, value?: number) => void): Promise<number> {\n    settleInto(this.promise, callback);\n    return this.promise;\n  }\n}` },
    { name: 'standard-as-callback given a callback (ioredis Redis.connect)', code: "import asCallback from 'standard-as-callback';\nimport { Pool } from 'pg';\nexport function ping(pool: Pool, done: (error: Error | null, rows?: unknown) => void) {\n  asCallback(pool.query('select 1'), done);\n}", filename: PACKAGE_METHODS_APP },
    { name: 'standard-as-callback on a promise the object holds, callback maybe absent (ioredis Script.execute)', code: "import asCallback from 'standard-as-callback';\nexport class Command {\n  promise: Promise<number> = Promise.resolve(1);\n  run(callback?: (error: Error | null, value?: number) => void): Promise<number> {\n    asCallback(this.promise, callback);\n    return this.promise;\n  }\n}", filename: PACKAGE_METHODS_APP },
    { name: 'a helper that handles the promise itself before giving it back is no callback adapter', code: `${ADAPTER}function logged<T>(promise: Promise<T>): Promise<T> {\n  promise.catch((error) => console.error(error));\n  return promise;\n}\nlogged(load());` },
    // A node-style callback whose callee hands it the rejection: the project's own function is followed.
    { name: "a project function that hands its promise's rejection to the callback argument", code: `${ROUTED_SAVE}save({}, (error) => {\n  if (error) console.error(error);\n});` },
    { name: 'a project function routing through a callback adapter', code: `${ADAPTER}function fetchCount(callback: (error: unknown, value?: number) => void): Promise<number> {\n  return settleInto(load(), callback);\n}\nfetchCount((error, count) => console.log(error, count));` },
    // A promise that never rejects, kept in an object a function returns (issue 9, session 9: the demo's smoke harness).
    { name: 'a never-rejecting promise read from the object a local async function returns', code: `${STARTED_APP}export async function main() {\n  const app = await startApp('node');\n  app.exited.then((code) => console.log(code));\n}` },
    { name: "a parameter's object whose promise every caller gets from the same function", code: `${STARTED_APP}${ON_EXIT}export async function main() {\n  const app = await startApp('node');\n  onExit(app, (code) => console.log(code));\n  const again = await startApp('node');\n  onExit(again, (code) => console.warn(code));\n}` },
    // A dependency's method that catches every error, read in the package's own JavaScript (issue 9, session 9).
    { name: "a method inherited from a package class whose ES5 build catches every error (quirrel's Telemetrist)", code: telemetrist('quiet-telemetry'), filename: DEPENDENCY_BODIES },
    { name: 'the same package under a range its lockfile pins to the installed version', code: telemetrist('locked-telemetry'), filename: DEPENDENCY_BODIES },
    { name: "a modern package class's async method whose try/catch logs", code: reporter('modern-telemetry'), filename: DEPENDENCY_BODIES },
    { name: "an ES module package's class method whose try/catch logs", code: reporter('esm-telemetry'), filename: DEPENDENCY_BODIES },
    { name: "a package's async function behind an exports map, whose try/catch swallows", code: "import { track } from 'modern-telemetry';\nasync function report(event: string) {\n  await track(event);\n}\nexport function onJob() {\n  report('job');\n}\n", filename: DEPENDENCY_BODIES },
  ],
  invalid: [
    // issue 9 (s9): a dependency's process handlers keep the process running, and the message says what
    // becomes of the rejection. zipline: its server's index loads the plugin that starts Next's custom
    // server (`next(options).prepare()`), whose handlers swallow a failure up to Next 15.0 and log it from 15.1.
    {
      name: "Next.js's custom server started by a module the file loads swallows the rejection (Next 14)",
      code: `import { nextPlugin } from './plugins/next.js';\n${SEND}export function onResponse() {\n  send();\n}\nexport { nextPlugin };`,
      filename: NEXT_SILENT_INDEX,
      errors: [{ ...floating(`import { nextPlugin } from './plugins/next.js';\n${SEND}export function onResponse() {\n  send();\n}\nexport { nextPlugin };`, 'send()', 4, 3, NEXT_SILENT_INDEX, 'src.send'), data: { expression: 'send()', outcome: "Next.js's custom server swallows it: the work is lost without a log" } }],
    },
    {
      name: "Next.js's custom server started in the file itself logs the rejection (Next 15.3)",
      code: `import next from 'next';\n${SEND}export async function start() {\n  await next({ dev: false }).prepare();\n}\nexport function onResponse() {\n  send();\n}`,
      filename: NEXT_LOGGING_INDEX,
      errors: [{ ...floating(`import next from 'next';\n${SEND}export async function start() {\n  await next({ dev: false }).prepare();\n}\nexport function onResponse() {\n  send();\n}`, 'send()', 7, 3, NEXT_LOGGING_INDEX, 'src.send'), data: { expression: 'send()', outcome: "Next.js's custom server only logs it and the process runs on without the work" } }],
    },
    {
      name: 'a prepared statement is not a dependency that keeps the process running',
      code: `import Database from 'better-sqlite3';\n${SEND}const statement = new Database('x.db').prepare('select 1');\nexport function onResponse() {\n  send();\n  return statement;\n}`,
      filename: NEXT_SILENT_INDEX,
      errors: [{ ...floating(`import Database from 'better-sqlite3';\n${SEND}const statement = new Database('x.db').prepare('select 1');\nexport function onResponse() {\n  send();\n  return statement;\n}`, 'send()', 5, 3, NEXT_SILENT_INDEX, 'src.send'), data: { expression: 'send()', outcome: 'Node exits the process' } }],
    },
    // An async function returning another's promise rejects when that one does (s8-callback's finding).
    floatingCase('an async function returning the promise of a callback-taking call that rejects anyway', "async function save(record: object, cb: (error: unknown) => void): Promise<void> {\n  await fetch('https://example.test', { method: 'POST', body: JSON.stringify(record) });\n  cb(null);\n}\nasync function saveAll(cb: (error: unknown) => void) {\n  return save({}, cb);\n}\nexport function flush() {\n  saveAll(() => {});\n}", 'saveAll(() => {})', 9, 3),
    // Server code of a Next.js app stays checked: a page's server data function, a server component, a server file calling a hook-named API.
    floatingCase("a Next.js page's getServerSideProps", `import { useState } from 'react';\n${SEND}export default function Login() {\n  const [name, setName] = useState('');\n  return <input value={name} onChange={(event) => setName(event.target.value)} />;\n}\nexport async function getServerSideProps() {\n  send();\n  return { props: {} };\n}`, 'send()', 8, 3, 'projects/pages-app/pages/login.tsx'),
    floatingCase("a helper both a Next.js page's component and its getServerSideProps call (shared code runs on the server)", `import { useEffect } from 'react';\n${SEND}function refresh() {\n  send();\n}\nexport default function Files() {\n  useEffect(() => refresh(), []);\n  return <p>files</p>;\n}\nexport async function getServerSideProps() {\n  refresh();\n  return { props: {} };\n}`, 'send()', 4, 3, 'projects/pages-app/pages/login.tsx'),
    floatingCase("a Next.js page's getInitialProps (it runs on the server for the first request)", `import { useState } from 'react';\n${SEND}function Home() {\n  const [count, setCount] = useState(0);\n  return <button onClick={() => setCount(count + 1)}>{count}</button>;\n}\nHome.getInitialProps = async () => {\n  send();\n  return {};\n};\nexport default Home;`, 'send()', 8, 3, 'projects/pages-app/pages/login.tsx'),
    floatingCase("a Next.js page's module-level code (it runs when the server loads the page)", `import { useState } from 'react';\n${SEND}send();\nexport default function Home() {\n  const [count, setCount] = useState(0);\n  return <button onClick={() => setCount(count + 1)}>{count}</button>;\n}\nexport const getStaticProps = async () => ({ props: {} });`, 'send()', 3, 1, 'projects/pages-app/pages/login.tsx'),
    floatingCase("a helper a Next.js page exports beside its component (another module may import it)", `import { useState } from 'react';\n${SEND}export function warm() {\n  send();\n}\nexport default function Home() {\n  const [count, setCount] = useState(0);\n  return <button onClick={() => { warm(); setCount(count + 1); }}>{count}</button>;\n}\nexport const getStaticProps = async () => ({ props: {} });`, 'send()', 4, 3, 'projects/pages-app/pages/login.tsx'),
    floatingCase('a server component under the App Router, whose hook-named API runs on the server', `import { useTranslations } from 'next-intl';\n${SEND}export default function Page() {\n  const t = useTranslations('home');\n  send();\n  return <h1>{t('title')}</h1>;\n}`, 'send()', 5, 3, 'projects/pages-app/app/page.tsx'),
    floatingCase("a Next.js app's own server calling a hook-named API", `import { useContainer } from 'class-validator';\n${SEND}export function boot() {\n  useContainer({});\n  send();\n}`, 'send()', 5, 3, 'projects/pages-app/server/main.ts'),
    floatingCase('a React component outside a server-rendered app (Ink renders React in a terminal)', `import { useState } from 'react';\n${SEND}export function Prompt() {\n  const [value] = useState('');\n  return <input value={value} onChange={() => { send(); }} />;\n}`, 'send()', 5, 49, 'react.tsx'),
    {
      name: 'async function declaration',
      code: `${SEND}send();`,
      errors: [
        {
          messageId: 'floatingPromise',
          line: 2,
          column: 1,
          suggestions: [
            {
              messageId: 'runUnderTasksStart',
              output: `${RUNTIME}\n${SEND}tasks.start(async () => send(), { name: 'file.send' });`,
            },
          ],
        },
      ],
    },
    {
      name: 'suggestion reuses an existing runtime import',
      code: `${RUNTIME}\n${SEND}send();`,
      errors: [
        {
          messageId: 'floatingPromise',
          line: 3,
          column: 1,
          suggestions: [{ messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async () => send(), { name: 'file.send' });` }],
        },
      ],
    },
    suggestedCase(
      'the runtime import joins the package imports, above the project\'s own (import-x/order)',
      `import { EventEmitter } from 'node:events';\nimport { helper } from './helper.js';\n${SEND}send();`,
      4,
      `import { EventEmitter } from 'node:events';\n${RUNTIME}\nimport { helper } from './helper.js';\n${SEND}tasks.start(async () => send(), { name: 'file.send' });`,
    ),
    suggestedCase(
      'CommonJS: the require goes below \'use strict\', above the first relative require, and the task arrow is not async',
      "'use strict';\nconst utils = require('./utils');\nasync function send() {}\nsend();",
      4,
      "'use strict';\nconst { tasks } = require('@spawnguard/runtime');\nconst utils = require('./utils');\nasync function send() {}\ntasks.start(() => send(), { name: 'file.send' });",
      'file.cjs',
    ),
    floatingCase("a floating call in a process 'message' handler (not a shutdown)", `${SEND}process.on('message', () => {\n  send();\n});`, 'send()', 3, 3),
    floatingCase("a floating call in a SIGTERM handler of an emitter that is not the process", `${SEND}import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('SIGTERM', () => {\n  send();\n});`, 'send()', 5, 3),
    // Not only while the process stops (issue 9): a function that also runs while the service runs.
    floatingCase('a stop function handed to a signal handler and also called by a restart', `${SEND}function stop() {\n  send();\n}\nprocess.on('SIGTERM', stop);\nexport function restart() {\n  stop();\n}`, 'send()', 3, 3),
    floatingCase('an exported stop function handed to a signal handler (another module may call it)', `${SEND}export function stop() {\n  send();\n}\nprocess.on('SIGTERM', stop);`, 'send()', 3, 3),
    floatingCase('an uncaughtException handler that logs and keeps the process running', `${SEND}process.on('uncaughtException', (error) => {\n  console.error(error);\n  send();\n});`, 'send()', 4, 3),
    floatingCase("handlers registered in a loop over events that are not all signals", `${SEND}for (const event of ['SIGTERM', 'message']) {\n  process.on(event, () => {\n    send();\n  });\n}`, 'send()', 4, 5),
    floatingCase('a call of a function awaiting Promise.all over elements that do not all catch', "async function load(id: string): Promise<string> {\n  if (!id) throw new Error('no id');\n  return id;\n}\nasync function loadAll(ids: string[]) {\n  await Promise.all(ids.map((id) => (id ? load(id).catch(() => null) : load(id))));\n}\nloadAll(['a']);", "loadAll(['a'])", 8, 1),
    floatingCase('async arrow bound to a const', 'const save = async () => {};\nsave();', 'save()', 2, 1),
    floatingCase('async function expression', 'const load = async function () {};\nload();', 'load()', 2, 1),
    floatingCase('function whose every return is a promise', "function get(id: string) {\n  if (!id) return Promise.resolve(null);\n  return fetch('/users/' + id);\n}\nget('1');", "get('1')", 5, 1),
    floatingCase('function declared to return a Promise', "declare const queue: { push(x: number): Promise<void> };\nfunction enqueue(x: number): Promise<void> { return queue.push(x); }\nenqueue(1);", 'enqueue(1)', 3, 1),
    floatingCase('class method through this', 'class Sync {\n  async pull() {}\n  start() {\n    this.pull();\n  }\n}', 'this.pull()', 4, 5),
    floatingCase('class field arrow through this, from another field', 'class Sync {\n  flush = async () => {};\n  onTick = () => {\n    this.flush();\n  };\n}', 'this.flush()', 4, 5),
    floatingCase('object literal method', 'const api = { async save() {} };\napi.save();', 'api.save()', 2, 1),
    floatingCase('object method through this', 'const store = {\n  async save() {},\n  flushAll() { this.save(); },\n};', 'this.save()', 3, 16),
    floatingCase('method of a local class instance', 'class Service { async run() {} }\nconst service = new Service();\nservice.run();', 'service.run()', 3, 1),
    floatingCase('static method', 'class Boot { static async init() {} }\nBoot.init();', 'Boot.init()', 2, 1),
    floatingCase('alias', `${SEND}const go = send;\ngo();`, 'go()', 3, 1),
    floatingCase('re-assignment to another async function', 'let run = async () => {};\nrun = async () => {};\nrun();', 'run()', 3, 1),
    floatingCase('optional chaining', 'const api: { save(): Promise<void> } | undefined = { async save() {} };\napi?.save();', 'api?.save()', 2, 1),
    {
      name: 'a value narrowed by the code around is read before the arrow (TypeScript keeps no narrowing in a closure)',
      code: "export class Client {\n  url: string | undefined;\n  ping() {\n    if (!this.url) return;\n    fetch(this.url);\n  }\n}",
      errors: [
        {
          messageId: 'floatingPromise' as const,
          line: 5,
          column: 5,
          suggestions: [
            {
              messageId: 'runUnderTasksStart' as const,
              output: withImport("export class Client {\n  url: string | undefined;\n  ping() {\n    if (!this.url) return;\n    const url = this.url;\n    tasks.start(async () => fetch(url), { name: 'file.fetch' });\n  }\n}", 'tasks', 'file.ts'),
            },
          ],
        },
      ],
    },
    {
      name: 'a narrowed value in the body of an if: the reads and the task in one block',
      code: "let url: string | undefined = process.env.URL;\nif (url) fetch(url);\nurl = undefined;",
      errors: [
        {
          messageId: 'floatingPromise' as const,
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'runUnderTasksStart' as const,
              output: withImport("let url: string | undefined = process.env.URL;\nif (url) { const url2 = url; tasks.start(async () => fetch(url2), { name: 'file.fetch' }); }\nurl = undefined;", 'tasks', 'file.ts'),
            },
          ],
        },
      ],
    },
    floatingCase('global fetch', "fetch('https://example.com/ping');", "fetch('https://example.com/ping')", 1, 1),
    floatingCase('node:fs/promises named import', "import { readFile } from 'node:fs/promises';\nreadFile('x');", "readFile('x')", 2, 1),
    floatingCase('fs.promises through a default import', "import fs from 'fs';\nfs.promises.writeFile('x', 'y');", "fs.promises.writeFile('x', 'y')", 2, 1),
    floatingCase('timers/promises aliased', "import { setTimeout as sleep } from 'timers/promises';\nsleep(10);", 'sleep(10)', 2, 1),
    floatingCase('CommonJS destructured require of stream/promises', "const { pipeline } = require('stream/promises');\nconst { Readable, Writable } = require('stream');\npipeline(Readable.from(['a']), new Writable());", "pipeline(Readable.from(['a']), new Writable())", 3, 1, 'file.cjs'),
    floatingCase('util.promisify result', "import { promisify } from 'node:util';\nimport { exec } from 'node:child_process';\nconst run = promisify(exec);\nrun('ls');", "run('ls')", 4, 1),
    floatingCase('new Promise', 'new Promise((resolve) => resolve(1));', 'new Promise((resolve) => resolve(1))', 1, 1, undefined, 'file'),
    floatingCase('Promise.all', `${SEND}Promise.all([send(), send()]);`, 'Promise.all([send(), send()])', 2, 1, undefined, 'file'),
    floatingCase('Promise.reject', "Promise.reject(new Error('boom'));", "Promise.reject(new Error('boom'))", 1, 1, undefined, 'file'),
    floatingCase('then without a rejection handler', `${SEND}send().then(() => console.log('sent'));`, "send().then(() => console.log('sent'))", 2, 1),
    floatingCase('finally', `${SEND}send().finally(() => console.log('done'));`, "send().finally(() => console.log('done'))", 2, 1),
    floatingCase('catch(undefined) handles nothing', `${SEND}send().catch(undefined);`, 'send().catch(undefined)', 2, 1),
    {
      name: 'async IIFE',
      code: `${SEND}(async () => {\n  await send();\n})();`,
      errors: [
        {
          messageId: 'floatingAsyncIife',
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async () => {\n  await send();\n}, { name: 'file' });` },
          ],
        },
      ],
    },
    {
      name: 'voided async IIFE: the rewrite replaces the void too',
      code: `${SEND}void (async function main() { await send(); })();`,
      errors: [
        {
          messageId: 'floatingAsyncIife',
          line: 2,
          column: 6,
          suggestions: [
            { messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async function main() { await send(); }, { name: 'file.main' });` },
          ],
        },
      ],
    },
    {
      name: 'IIFE with arguments gets no suggestion',
      code: '(async (n: number) => n)(1);',
      errors: [{ messageId: 'floatingAsyncIife', line: 1, column: 1, suggestions: [] }],
    },
    {
      name: 'void p()',
      code: `${SEND}void send();`,
      errors: [
        {
          messageId: 'voidedPromise',
          line: 2,
          column: 6,
          suggestions: [{ messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async () => send(), { name: 'file.send' });` }],
        },
      ],
    },
    voidedCase('void p() under a TODO comment: a problem marker, not a reason', `${SEND}// TODO: handle the failure\nvoid send();`, 3),
    voidedCase('void p() under a tool directive: not a reason', `${SEND}// eslint-disable-next-line @typescript-eslint/no-floating-promises\nvoid send();`, 3),
    voidedCase('void p() with a comment set apart by a blank line', `${SEND}// Sends the greeting.\n\nvoid send();`, 4),
    { ...voidedCase('strict: void p() with a comment is still unowned', `${SEND}// best effort\nvoid send();`, 3), options: strictOptions },
    floatingCase('sequence expression', `${SEND}console.log('go'), send();`, 'send()', 2, 20),
    {
      name: 'conditional expression: both branches',
      code: `${SEND}declare const ready: boolean;\nready ? send() : fetch('/retry');`,
      errors: [
        floating(`${SEND}declare const ready: boolean;\nready ? send() : fetch('/retry');`, 'send()', 3, 9),
        {
          ...floating(`${SEND}declare const ready: boolean;\nready ? send() : fetch('/retry');`, "fetch('/retry')", 3, 18),
        },
      ],
    },
    floatingCase('logical expression', `${SEND}declare const ready: boolean;\nready && send();`, 'send()', 3, 10),
    {
      name: 'a floating statement inside a task body still floats',
      code: `${RUNTIME}\n${SEND}tasks.start(async () => {\n  send();\n});`,
      errors: [
        {
          messageId: 'floatingPromise',
          line: 4,
          column: 3,
          suggestions: [{ messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async () => {\n  tasks.start(async () => send(), { name: 'file.send' });\n});` }],
        },
      ],
    },
    {
      name: 'await inside the expression: no suggestion',
      code: `${SEND}async function main() {\n  Promise.all([await send()]);\n}`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, suggestions: [] }],
    },
    {
      name: 'a constructor starting what the object needs to be ready: no suggestion (a one-shot task would leave it half-built)',
      code: 'declare function connectTo(): Promise<{ ping(): void }>;\nexport class Queue {\n  client: { ping(): void } | undefined;\n  constructor() {\n    this.connect();\n  }\n  async connect() {\n    this.client = await connectTo();\n  }\n  ping() {\n    this.client?.ping();\n  }\n}',
      errors: [{ messageId: 'floatingPromise', line: 5, column: 5, suggestions: [] }],
    },
    {
      name: 'strict: handled but unowned',
      code: `${SEND}send().catch((error) => console.error(error));`,
      options: strictOptions,
      errors: [
        {
          messageId: 'handledButUnowned',
          line: 2,
          column: 1,
          suggestions: [
            { messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${SEND}tasks.start(async () => send().catch((error) => console.error(error)), { name: 'file.send' });` },
          ],
        },
      ],
    },
    floatingCase('axios default import', "import axios from 'axios';\naxios.post('/audit', {});", "axios.post('/audit', {})", 2, 1),
    floatingCase('CommonJS require of a known module member', "const fsp = require('node:fs').promises;\nfsp.unlink('/tmp/x');", "fsp.unlink('/tmp/x')", 2, 1, 'file.cjs'),
    floatingCase('TSX effect body', `${SEND}export function Button() {\n  const onClick = () => {\n    send();\n  };\n  return <button onClick={onClick} />;\n}`, 'send()', 4, 5, 'react.tsx'),
    floatingCase('ES module .mjs', "import { once } from 'node:events';\nimport { EventEmitter } from 'node:events';\nonce(new EventEmitter(), 'ready');", "once(new EventEmitter(), 'ready')", 3, 1, 'file.mjs'),
    floatingCase('bound async method called later', 'class Job { async run() {} }\nconst job = new Job();\nconst run = job.run.bind(job);\nrun();', 'run()', 4, 1),

    // An entry file whose own unhandledRejection handler only logs: a failed start-up leaves a
    // half-started program running, so the start-up call is a real finding.
    {
      name: 'start-up IIFE of a server entry whose unhandledRejection handler only logs',
      code: `${SEND}const onUnexpected = (error: unknown) => {\n  console.error(error);\n};\nprocess.addListener('unhandledRejection', onUnexpected);\n(async () => {\n  await send();\n})();`,
      filename: 'main.ts',
      errors: [{ messageId: 'floatingAsyncIife' as const, line: 6, column: 1, suggestions: [{ messageId: 'runUnderTasksStart' as const, output: withImport(`${SEND}const onUnexpected = (error: unknown) => {\n  console.error(error);\n};\nprocess.addListener('unhandledRejection', onUnexpected);\ntasks.start(async () => {\n  await send();\n}, { name: 'main' });`, 'tasks', 'main.ts') }] }],
    },
    // A worker thread's rejection is an 'error' on its Worker in the parent, which crashes the parent or is lost unless someone listens (zipline's upload worker)
    floatingCase("start() of a worker thread a bundler's config names as an entry", `import { workerData } from 'node:worker_threads';\n${SEND}async function start() { await send(); }\nstart();`, 'start()', 4, 1, 'projects/bundled-app/src/worker/thumbnail.ts'),
    floatingCase("main() of a CommonJS worker thread a bundler's config names", `const { parentPort } = require('node:worker_threads');\n${SEND}async function main() { await send(); }\nmain();`, 'main()', 4, 1, 'projects/bundled-app/src/worker/thumbnail.ts'),
    floatingCase("start() of a module of a bundled app that its bundler's config does not name", `${SEND}async function start() { await send(); }\nstart();`, 'start()', 3, 1, 'projects/bundled-app/src/lib/tasks.ts'),
    floatingCase('main() of a module no package.json script runs', `${SEND}async function main() { await send(); }\nmain();`, 'main()', 3, 1, 'projects/tools-app/lib.ts'),
    // issue 9 (held-out class C) counterparts: a bin/ daemon keeps running; a script whose handler only logs runs on after the rejection
    floatingCase('a bin/ daemon firing work per request', `import http from 'node:http';\n${SEND}http.createServer((req, res) => {\n  send();\n  res.end();\n}).listen(8080);`, 'send()', 4, 3, 'bin/serve.ts'),
    {
      name: 'a shebang script whose unhandledRejection handler only logs',
      code: `#!/usr/bin/env node\n${SEND}process.on('unhandledRejection', (error) => console.error(error));\nfor (const name of process.argv.slice(2)) send();`,
      filename: 'profile-report.ts',
      errors: [{ messageId: 'floatingPromise' as const, line: 4, column: 43, suggestions: [{ messageId: 'runUnderTasksStart' as const, output: `#!/usr/bin/env node\n${RUNTIME}\n${SEND}process.on('unhandledRejection', (error) => console.error(error));\nfor (const name of process.argv.slice(2)) tasks.start(async () => send(), { name: 'profile-report.send' });` }] }],
    },
    floatingCase('inside a function of an entry file, still floating', `${SEND}export function handle() {\n  send();\n}`, 'send()', 3, 3, 'main.ts'),
    // Where start-up stops: a callback per connection, a completion callback that does not end the
    // process on failure, a listen callback outside an entry file, a program that keeps running after a
    // rejection, a start-up function also called per event or whose caller logs and goes on.
    floatingCase('a per-connection listener inside the listen callback', `${LISTENING}server.listen(8080, () => {\n  server.on('connection', () => {\n    send();\n  });\n});`, 'send()', 6, 5, 'main.ts'),
    floatingCase('a listener that exits on its own failure is still per event', `${LISTENING}server.listen(8080, () => {\n  server.on('connection', (socket) => {\n    if (!socket) process.exit(1);\n    send();\n  });\n});`, 'send()', 7, 5, 'main.ts'),
    floatingCase('a completion callback that does not exit on failure', `${LISTENING}${IDENTD}server.listen(8080, () => {\n  new Identd((ready) => {\n    if (ready) send();\n  });\n});`, 'send()', 9, 16, 'main.ts'),
    floatingCase('a listen callback in a module that is not an entry', `${LISTENING}server.listen(8080, () => {\n  send();\n});`, 'send()', 5, 3),
    floatingCase('a listen callback of a program whose unhandledRejection handler only logs', `${LISTENING}process.on('unhandledRejection', (error) => console.error(error));\nserver.listen(8080, () => {\n  send();\n});`, 'send()', 6, 3, 'main.ts'),
    floatingCase('a listen callback of an entry that loads a logging handler module', `import './crash-log.js';\n${LISTENING}server.listen(8080, () => {\n  send();\n});`, 'send()', 6, 3, 'projects/keep-alive/src/server.ts'),
    floatingCase('a start-up function also called per request', `${LISTENING}function boot() {\n  send();\n}\nboot();\nserver.on('request', () => boot());`, 'send()', 5, 3, 'main.ts'),
    floatingCase('an interval at the top of an entry runs again and again', `${SEND}setInterval(() => {\n  send();\n}, 1000);`, 'send()', 3, 3, 'main.ts'),
    // The program goes on (its interval keeps it up): a one-shot script would end with the error instead.
    floatingCase('a start-up function whose caller logs its failure and goes on', `${SEND}async function boot() {\n  send();\n}\nboot().catch((error) => console.error(error));\nsetInterval(() => console.log('alive'), 1000);`, 'send()', 3, 3, 'main.ts'),
    floatingCase('a same-file async function whose catch rethrows', "async function strictSend() {\n  try {\n    await fetch('https://example.test');\n  } catch (error) {\n    throw new Error('send failed', { cause: error });\n  }\n}\nstrictSend();", 'strictSend()', 8, 1),
    floatingCase('a same-file async function with work after its try', "async function partlySafe() {\n  try {\n    await fetch('https://example.test');\n  } catch (error) {\n    console.error(error);\n  }\n  await fetch('https://example.test/done');\n}\npartlySafe();", 'partlySafe()', 9, 1),
    floatingCase('a plain function returning a chain whose rejection handler rethrows', "function load(): Promise<void> {\n  return fetch('https://example.test').then(() => {}, (error) => {\n    throw error;\n  });\n}\nload();", 'load()', 6, 1),
    floatingCase('a then() on a promise whose executor can reject', "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst ready = new Promise<void>((resolve, reject) => {\n  bus.once('ready', () => resolve());\n  bus.once('error', reject);\n});\nexport function onReady(start: () => void) {\n  ready.then(() => start());\n}", 'ready.then(() => start())', 8, 3, undefined, 'file.ready'),
    floatingCase('an async loop with handled awaits that throws on its own', `${SEND}let active = true;\nasync function doNext(): Promise<void> {\n  if (!active) throw new Error('doNext after release');\n  try {\n    await send();\n  } catch (error) {\n    console.error(error);\n  }\n}\ndoNext();\nexport function stop() {\n  active = false;\n}`, 'doNext()', 11, 1),
    floatingCase('an async function returning a promise kept elsewhere adopts its rejection', `${SEND}const running = send();\nasync function release(): Promise<void> {\n  return running;\n}\nrelease();`, 'release()', 6, 1),
    floatingCase('a plain function that stores and returns a promise it made', `class Link {\n  pending: Promise<Response> | undefined;\n  connect(): Promise<Response> {\n    this.pending = fetch('https://example.test');\n    return this.pending;\n  }\n  start(): void {\n    this.connect();\n  }\n}`, 'this.connect()', 8, 5),
    floatingCase('Promise.resolve(v).then(f) only defers f: still reported', "Promise.resolve(1).then(() => console.log('later'));", "Promise.resolve(1).then(() => console.log('later'))", 1, 1, undefined, 'file'),
    {
      name: 'an array of promises as a statement',
      code: `${SEND}[send(), 1, send().catch(() => {})];`,
      errors: [{ messageId: 'floatingPromiseArray' as const, line: 2, column: 1 }],
    },
    {
      name: 'an array mapped to promises as a statement',
      code: `${SEND}const ids = [1, 2];\nids.map(async () => {\n  await send();\n});`,
      errors: [{ messageId: 'floatingPromiseArray' as const, line: 3, column: 1 }],
    },
    floatingCase('then() whose handlers come from a spread: no handler is known', `${SEND}declare const handlers: [() => void];\nsend().then(...handlers, (error: unknown) => console.error(error));`, 'send().then(...handlers, (error: unknown) => console.error(error))', 3, 1),
    floatingCase('a value asserted to be a Promise', 'declare const value: unknown;\nvalue as Promise<number>;', 'value as Promise<number>', 2, 1, undefined, 'file'),
    floatingCase('an angle-bracket assertion to a Promise intersection', 'declare const value: unknown;\n<Promise<number> & { id: string }>value;', '<Promise<number> & { id: string }>value', 2, 1, undefined, 'file'),
    floatingCase('a command queued on a pipeline nobody executes', `${PIPELINE}export function addOne(pipeline: Pipeline) {\n  enqueue(pipeline, 1);\n}`, 'enqueue(pipeline, 1)', 6, 3),
    // Missed before (issue 9): execa spawns and returns the promise of the command's result.
    floatingCase('execa named import', "import { execa } from 'execa';\nexeca('git', ['push']);", "execa('git', ['push'])", 2, 1),
    floatingCase("execa's $ tagged template", "import { $ } from 'execa';\n$`git push`;", '$`git push`', 2, 1, undefined, 'file'),
    floatingCase('execa 5 required as a function', "const execa = require('execa');\nexeca('ls');", "execa('ls')", 2, 1, 'file.cjs'),
    // Missed before (issue 9): fetch through an alias or a default parameter.
    floatingCase('fetch through a default parameter', "export function ping(url: string, fetchFn = fetch) {\n  fetchFn(url);\n}", 'fetchFn(url)', 2, 3),
    floatingCase('fetch through an alias', "const request = fetch;\nrequest('https://example.test');", "request('https://example.test')", 2, 1),
    {
      name: 'typescript-eslint recursive generic case, floating: no crash, still reported',
      code: `${RECURSIVE_GENERIC}${RECURSIVE_IIFE};`,
      errors: [{ messageId: 'floatingAsyncIife', line: 10, column: 1, suggestions: [{ messageId: 'runUnderTasksStart', output: `${RUNTIME}\n${RECURSIVE_GENERIC}tasks.start(${RECURSIVE_IIFE.slice(1, RECURSIVE_IIFE.lastIndexOf(')()'))}, { name: 'file' });` }] }],
    },
    // Cross-file without a checker (issue 9): missed by the syntactic mode before.
    floatingCase('an imported async function of a project file', "import { syncAccounts } from './service.js';\nexport function onTick() {\n  syncAccounts();\n}", 'syncAccounts()', 3, 3, CROSS_FILE_APP),
    floatingCase('an async function re-exported by a barrel (export *)', "import { syncAccounts } from './index.js';\nexport function onTick() {\n  syncAccounts();\n}", 'syncAccounts()', 3, 3, CROSS_FILE_APP),
    floatingCase('the default export of a project file, an async arrow', "import syncAll from './service.js';\nexport function onTick() {\n  syncAll();\n}", 'syncAll()', 3, 3, CROSS_FILE_APP),
    floatingCase('an async method of a parameter declared as an imported class', "import { Connection } from './index.js';\nexport function drop(connection: Connection) {\n  connection.destroy();\n}", 'connection.destroy()', 3, 3, CROSS_FILE_APP),
    floatingCase('an async method of a variable made with new', "import { Connection } from './connection.js';\nexport function drop() {\n  const connection = new Connection();\n  connection.destroy();\n}", 'connection.destroy()', 4, 3, CROSS_FILE_APP),
    floatingCase('an async method of a field declared as an imported class', "import { Connection } from './connection.js';\nexport class Session {\n  private connection: Connection;\n  constructor(connection: Connection) {\n    this.connection = connection;\n  }\n  end() {\n    this.connection.destroy();\n  }\n}", 'this.connection.destroy()', 8, 5, CROSS_FILE_APP),
    floatingCase('an async method inherited from a class of another file (renamed re-export)', "import { Server } from './index.js';\nexport class WebServer extends Server {\n  handle(connection: never) {\n    this.processAction(connection);\n  }\n}", 'this.processAction(connection)', 4, 5, CROSS_FILE_APP),
    floatingCase('an async function of a required CommonJS module (destructured)', "const { runJob } = require('./jobs');\nfunction onMessage(name) {\n  runJob(name);\n}\nmodule.exports = { onMessage };", 'runJob(name)', 3, 3, CROSS_FILE_JS_APP),
    floatingCase('an async function a CommonJS barrel re-exports from a destructured require', "const { runJob } = require('./jobs-barrel');\nfunction onMessage(name) {\n  runJob(name);\n}\nmodule.exports = { onMessage };", 'runJob(name)', 3, 3, CROSS_FILE_JS_APP),
    floatingCase('an async function of a required CommonJS module (member)', "const jobs = require('./jobs');\nfunction onMessage(name) {\n  jobs.runJob(name);\n}\nmodule.exports = { onMessage };", 'jobs.runJob(name)', 3, 3, CROSS_FILE_JS_APP),
    floatingCase('an async method of a field of a parameter declared as an imported class', "import { ActionProcessor } from './connection.js';\nexport function complete(data: ActionProcessor) {\n  data.connection.destroy();\n}", 'data.connection.destroy()', 3, 3, CROSS_FILE_APP),
    floatingCase('an async method of an element of an array a function is declared to return', "import { liveConnections } from './connection.js';\nexport function dropAll() {\n  const connections = liveConnections();\n  for (const i in connections) {\n    connections[i].destroy();\n  }\n}", 'connections[i].destroy()', 5, 5, CROSS_FILE_APP),
    floatingCase('an async method of the instance a static factory returns', "import { Connection } from './connection.js';\nexport async function greet() {\n  const connection = await Connection.open();\n  connection.destroy();\n}", 'connection.destroy()', 4, 3, CROSS_FILE_APP),
    floatingCase('an abstract method declared to return a promise, called on this', 'export abstract class Server {\n  abstract send(message: string): Promise<void>;\n  relay(message: string) {\n    this.send(message);\n  }\n}', 'this.send(message)', 4, 5),
    floatingCase('an async function whose nested catch rethrows', "async function createPaths(paths: string[]): Promise<{ error: boolean }> {\n  const result = { error: false };\n  for (const path of paths) {\n    try {\n      await fetch(path);\n    } catch {\n      try {\n        await fetch(`${path}/create`);\n      } catch {\n        throw new Error(`cannot create ${path}`);\n      }\n    }\n  }\n  return result;\n}\nexport function onTick() {\n  createPaths(['a']);\n}", "createPaths(['a'])", 17, 3),
    floatingCase('an async method returning a chain on a request', "import { LocalStore } from './store.js';\nexport function count(store: LocalStore) {\n  store.countFetchedMembers('room').then((size) => console.log(size));\n}", "store.countFetchedMembers('room').then((size) => console.log(size))", 3, 3, CANNOT_REJECT_APP),
    floatingCase('Promise.resolve of a promise chain a reduce builds', "class Registry {\n  socketsOf(ids: string[]): Promise<void> {\n    return Promise.resolve(ids.reduce((chain, id) => chain.then(() => fetch(id)).then(() => {}), Promise.resolve()));\n  }\n}\nexport function notify(registry: Registry) {\n  registry.socketsOf(['u']).then(() => console.log('done'));\n}", "registry.socketsOf(['u']).then(() => console.log('done'))", 7, 3),
    floatingCase('a method of the instance another method is declared to return, which fetches', "import { LocalStore } from './store.js';\nexport function refresh(store: LocalStore) {\n  store.fetchMembers('room');\n}", "store.fetchMembers('room')", 3, 3, CANNOT_REJECT_APP),
    floatingCase('an abstract method of a base class in another file', "import { Transport } from './base-server.js';\nexport class Relay extends Transport {\n  async send(message: string): Promise<void> {\n    console.log(message);\n  }\n  relay(transport: Transport) {\n    transport.send('hi');\n  }\n}", "transport.send('hi')", 7, 5, CROSS_FILE_APP),
    // The table of non-rejecting package methods goes by the declaring module, never by the name.
    floatingCase("a project class's async terminate() named like worker_threads'", "class Worker {\n  async terminate(): Promise<number> {\n    await fetch('https://example.test/stop');\n    return 0;\n  }\n}\nexport function stop(worker: Worker) {\n  worker.terminate();\n}", 'worker.terminate()', 8, 3),
    // Found in nodemon (issue 9): the rejection handler is attached only for callers that pass a callback.
    floatingCase('a function returning a promise it handles only when given a callback', "function load(): Promise<string> {\n  return fetch('https://example.test/v').then((response) => response.text());\n}\nfunction version(callback?: (error: unknown, value?: string) => void) {\n  const promise = load();\n  if (callback) {\n    promise.then((value) => callback(null, value), callback);\n  }\n  return promise;\n}\nversion().then((value) => console.log(value));", 'version().then((value) => console.log(value))', 11, 1),
    {
      name: 'a 700-function call chain without types: no stack overflow, the file\'s other findings survive',
      code: `${LONG_CHAIN}\nf0();\nf699();`,
      // f0() is past the walk's bound: unknown, so quiet; f699() is reported.
      errors: [floating(`${LONG_CHAIN}\nf0();\nf699();`, 'f699()', 702, 1)],
    },
    // The never-rejecting table goes by the package class the receiver was built from, never by its name (issue 9, session 7).
    floatingCase(
      "a project class named like the package's RateLimiter, whose removeTokens() can reject",
      "class RateLimiter {\n  async removeTokens(count: number): Promise<number> {\n    const response = await fetch(`https://limits.example/${count}`);\n    return response.status;\n  }\n}\nclass Gatekeeper {\n  private limiter = new RateLimiter();\n  async pass(): Promise<boolean> {\n    return (await this.limiter.removeTokens(1)) >= 0;\n  }\n}\nconst gatekeeper = new Gatekeeper();\nexport function authorize(callback: (ok: boolean) => void) {\n  gatekeeper.pass().then((ok) => {\n    callback(ok);\n  });\n}",
      'gatekeeper.pass().then((ok) => {\n    callback(ok);\n  })',
      15,
      3,
      PACKAGE_METHODS_APP,
    ),
    floatingCase(
      'a field built from the package class in the constructor and replaced by another class elsewhere',
      "import { RateLimiter } from 'limiter';\nclass RemoteLimiter {\n  async removeTokens(count: number): Promise<number> {\n    const response = await fetch(`https://limits.example/${count}`);\n    return response.status;\n  }\n}\nclass Gate {\n  private limiter: RateLimiter | RemoteLimiter;\n  constructor() {\n    this.limiter = new RateLimiter({ tokensPerInterval: 20, interval: 'minute' });\n  }\n  useRemote() {\n    this.limiter = new RemoteLimiter();\n  }\n  async pass(): Promise<boolean> {\n    return (await this.limiter.removeTokens(1)) >= 0;\n  }\n}\nconst gate = new Gate();\nexport function authorize(callback: (ok: boolean) => void) {\n  gate.pass().then((ok) => {\n    callback(ok);\n  });\n}",
      'gate.pass().then((ok) => {\n    callback(ok);\n  })',
      22,
      3,
      PACKAGE_METHODS_APP,
    ),
    floatingCase(
      'the same parameter in a published package: callers outside the repository are not in view',
      SOCKET,
      "done.then((provider) => provider.on('connection', () => {}))",
      6,
      5,
      HANDED_PROMISE_PUBLISHED,
      'transport.done',
    ),
    floatingCase(
      "a parameter's promise one caller of the package gives as a request that can reject",
      "export interface Provider {\n  on(event: string, listener: () => void): void;\n}\nexport function relay(ready: Promise<Provider>) {\n  ready.then((provider) => provider.on('message', () => {}));\n}\n",
      "ready.then((provider) => provider.on('message', () => {}))",
      5,
      3,
      HANDED_PROMISE,
      'transport.ready',
    ),
    floatingCase(
      'pg Pool.query() on a const built from the package class: not in the table',
      "import { Pool } from 'pg';\nconst pool = new Pool();\nexport function ping(done: () => void) {\n  pool.query('select 1').then(done);\n}",
      "pool.query('select 1').then(done)",
      4,
      3,
      PACKAGE_METHODS_APP,
    ),
    // The reverse stays flagged: the callback is given but the rejection does not reach it.
    floatingCase('a project helper given no callback: the promise it returns is the fresh one', `${ADAPTER}settleInto(load());`, 'settleInto(load())', 9, 1),
    floatingCase('a helper that returns the promise but never hands the rejection to the callback', `async function load(): Promise<number> {\n  const response = await fetch('https://example.test/count');\n  return Number(await response.text());\n}\nfunction keep<T>(promise: Promise<T>, callback?: (error: unknown) => void): Promise<T> {\n  callback?.(null);\n  return promise;\n}\nkeep(load(), (error) => console.error(error));`, 'keep(load(), (error) => console.error(error))', 9, 1),
    // A dependency's method read in its JavaScript that can reject, or whose body is not pinned (issue 9, session 9).
    floatingCase('a package method that logs and rethrows', reporter('loud-telemetry'), "report('job')", 7, 3, DEPENDENCY_BODIES),
    floatingCase('a package method of an ES5 build awaiting outside any try', telemetrist('quiet-telemetry', 'flush'), "telemetrist.dispatch('job')", 9, 3, DEPENDENCY_BODIES),
    floatingCase('a package installed under a range no lockfile pins: another install may bring another body', telemetrist('ranged-telemetry'), "telemetrist.dispatch('job')", 9, 3, DEPENDENCY_BODIES),
    floatingCase('a project function taking a node-style callback whose promise rejects anyway', `async function write(record: object): Promise<void> {\n  await fetch('https://example.test/records', { method: 'POST', body: JSON.stringify(record) });\n}\nasync function save(record: object, callback: (error: unknown) => void) {\n  await write(record);\n  callback(null);\n}\nsave({}, (error) => console.error(error));`, 'save({}, (error) => console.error(error))', 8, 1),
    // Issue 9 (ioredis' Pipeline): a prototype method of the class is judged by its body (it replaces a body method of its name); `this` inside one is the class's instance.
    floatingCase("a body method the prototype replaces beside the class with one that fetches", `${PROTOTYPE_FETCH}class Queue {\n  async flush(): Promise<void> {\n    try {\n      await load();\n    } catch (error) {\n      console.error(error);\n    }\n  }\n  retry() {\n    this.flush();\n  }\n}\nQueue.prototype.flush = async function (this: Queue) {\n  await load();\n};`, 'this.flush()', 13, 5),
    floatingCase('a class method called through this inside a prototype method', `${PROTOTYPE_FETCH}class Queue {\n  async drain(): Promise<void> {\n    await load();\n  }\n}\ninterface Queue {\n  flush(): void;\n}\nQueue.prototype.flush = function (this: Queue) {\n  this.drain();\n};`, 'this.drain()', 13, 3),
    // Issue 9, the reverse of a promise handled where it is stored: what is handed out is not that very promise, or not always handled.
    floatingCase("another file's method that hands out a new rejecting promise on one path", "import { guardedPool } from './pool.js';\nexport function onSignal() {\n  guardedPool.shutdown();\n}", 'guardedPool.shutdown()', 3, 3, CANNOT_REJECT_APP),
    floatingCase('a method returning a then() of the promise it handled: a new promise', `${HANDLED_WHERE_STORED.replace('return stopping;\n  },', 'return stopping.then(() => finish());\n  },')}export function onSignal() {\n  pool.shutdown();\n}`, 'pool.shutdown()', 17, 3),
    floatingCase('a method that may return the stored promise before it gives it a handler', `${HANDLED_WHERE_STORED.replace('    Promise.resolve(stopping)', '    if (Date.now() > 0) return stopping;\n    Promise.resolve(stopping)')}export function onSignal() {\n  pool.shutdown();\n}`, 'pool.shutdown()', 18, 3),
    floatingCase('an async method returning the handled promise: its own promise adopts the rejection', `${HANDLED_WHERE_STORED.replace('shutdown(): Promise<void> {', 'async shutdown(): Promise<void> {')}export function onSignal() {\n  pool.shutdown();\n}`, 'pool.shutdown()', 17, 3),
    floatingCase('a function that routes one promise to the callback but returns another', `async function write(record: object): Promise<void> {\n  await fetch('https://example.test/records', { method: 'POST', body: JSON.stringify(record) });\n}\nfunction save(record: object, callback: (error: unknown) => void): Promise<void> {\n  write(record).catch(callback);\n  return write(record);\n}\nsave({}, (error) => console.error(error));`, 'save({}, (error) => console.error(error))', 8, 1),
  ],
  typedOnly: {
    valid: [
      // A known package API's callback overload: ioredis hands a command's error to the callback given last.
      { name: 'an ioredis command given a node-style callback (cluster INFO)', code: "import Redis from 'ioredis';\nexport function check(redis: Redis, done: (ok: boolean) => void) {\n  redis.cluster('INFO', (err, info) => done(!err && info !== undefined));\n}", filename: PACKAGE_METHODS_APP },
      { name: 'an ioredis command given a callback through a rest tuple (psubscribe)', code: "import Redis from 'ioredis';\nexport function listen(redis: Redis) {\n  const onError = (err?: Error | null) => {\n    if (err) console.error(err);\n  };\n  redis.psubscribe('events*', onError);\n}", filename: PACKAGE_METHODS_APP },
      // Issue 9: an interface of a private package whose every implementation in the program cannot reject.
      { name: "an interface's method whose every implementation resolves from memory", code: "import type { Store } from './store.js';\nexport function join(store: Store) {\n  store.addMember('room', { id: 'a' });\n}", filename: CANNOT_REJECT_APP },
      // Issue 9 (ioredis' Pipeline): the checker resolves the call to an interface merged with the class; the method is the one assigned to the class's prototype beside it.
      { name: "another file's prototype method, declared by an interface merged with the class, which catches everything", code: "import { Queue } from './queue.js';\nexport function drain(queue: Queue) {\n  queue.flush();\n}", filename: CANNOT_REJECT_APP },
      // The checker places the method in the package's .d.ts: the JavaScript beside it answers (issue 9, session 9).
      { name: "a package class's method called directly, whose ES5 build catches every error", code: "import Telemetry from 'quiet-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.record('ping');\n}\n", filename: DEPENDENCY_BODIES },
      { name: "an ES module package's exported class method called directly, whose try/catch logs", code: "import { Telemetry } from 'esm-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.record('ping');\n}\n", filename: DEPENDENCY_BODIES },
      { name: "a package whose declarations sit apart from its JavaScript (types/ and lib/): the import's entry answers", code: "import { Telemetry } from 'split-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.record('ping');\n}\n", filename: DEPENDENCY_BODIES },
      { name: "a package whose JavaScript beside the declaration only re-exports another file: the import is followed", code: "import { Telemetry } from 'relay-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.record('ping');\n}\n", filename: DEPENDENCY_BODIES },
      { name: 'a package function called directly, whose try/catch swallows', code: "import { track } from 'modern-telemetry';\nexport function onJob() {\n  track('job');\n}\n", filename: DEPENDENCY_BODIES },
      { name: 'then() on a thenable class that is no Promise (one callback)', code: 'class Lazy {\n  then(callback: () => void): Lazy {\n    callback();\n    return this;\n  }\n}\nexport function run(lazy: Lazy) {\n  lazy.then(() => {});\n}' },
      { name: 'a call returning a custom thenable with a rejection callback', code: 'interface MyThenable {\n  then(onFulfilled: () => void, onRejected: () => void): MyThenable;\n}\ndeclare function createMyThenable(): MyThenable;\ncreateMyThenable();' },
      // A thenable's setter returns the thenable it was called on: no new promise starts (issue 9, class 1).
      { name: 'a fluent register() returning the instance made thenable (fastify.register)', code: 'interface Instance {\n  register(plugin: unknown): Instance & PromiseLike<undefined>;\n}\nexport function setup(app: Instance, plugin: unknown) {\n  app.register(plugin);\n}' },
      { name: 'a query builder whose where() returns the builder (knex)', code: 'interface Builder<T> {\n  where(filter: object): Builder<T[]>;\n  then(onFulfilled: (rows: T) => void, onRejected: (error: unknown) => void): void;\n}\nexport function narrow(query: Builder<number>) {\n  query.where({ status: 1 });\n}' },
      { name: 'Fastify reply.header() / reply.code().send()', code: `${REPLY}export async function handler(request: unknown, reply: Reply) {
  reply.header('x-request', String(request));
  reply.code(200).send({ ok: true });
}` },
    ],
    invalid: [
      // Only the checker knows `identity` returns its argument's promise: the fresh promise it is given is dropped.
      floatingCase('a generic function that gives back the promise it is given, dropped', "async function load(): Promise<number> {\n  const response = await fetch('https://example.test/count');\n  return Number(await response.text());\n}\nfunction identity<T>(value: T): T {\n  return value;\n}\nidentity(load());", 'identity(load())', 8, 1),
      floatingCase('a method assigned to the prototype beside the class, which fetches', `${PROTOTYPE_FETCH}class Queue {\n  retry() {\n    this.flush();\n  }\n}\ninterface Queue {\n  flush(): Promise<void>;\n}\nQueue.prototype.flush = async function (this: Queue) {\n  await load();\n};`, 'this.flush()', 6, 5),
      floatingCase("another file's prototype method, declared by an interface merged with the class, which fetches", "import { Queue } from './queue.js';\nexport function add(queue: Queue) {\n  queue.push();\n}", 'queue.push()', 3, 3, CANNOT_REJECT_APP),
      floatingCase("a package class's method called directly, whose ES5 build awaits outside any try", "import Telemetry from 'quiet-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.flush();\n}\n", 'telemetry.flush()', 3, 3, DEPENDENCY_BODIES),
      floatingCase("a package class's method called directly, which rethrows", "import { Telemetry } from 'loud-telemetry';\nexport function ping(telemetry: Telemetry) {\n  telemetry.record('ping');\n}\n", "telemetry.record('ping')", 3, 3, DEPENDENCY_BODIES),
      floatingCase('an ioredis command without a callback', "import Redis from 'ioredis';\nexport function announce(redis: Redis) {\n  redis.publish('news', 'up');\n}", "redis.publish('news', 'up')", 3, 3, PACKAGE_METHODS_APP),
      floatingCase('an ioredis command given a callback that may be absent', "import Redis, { type Callback } from 'ioredis';\nexport function announce(redis: Redis, done?: Callback<number>) {\n  redis.publish('news', 'up', done);\n}", "redis.publish('news', 'up', done)", 3, 3, PACKAGE_METHODS_APP),
      floatingCase('standard-as-callback without a callback, on a fresh promise', "import asCallback from 'standard-as-callback';\nimport { Pool } from 'pg';\nexport function ping(pool: Pool) {\n  asCallback(pool.query('select 1'));\n}", "asCallback(pool.query('select 1'))", 4, 3, PACKAGE_METHODS_APP),
      floatingCase("an interface's method one implementation of which (an object literal) fetches", "import type { Feed } from './feeds.js';\nexport function poll(feed: Feed) {\n  feed.refresh();\n}", 'feed.refresh()', 3, 3, CANNOT_REJECT_APP),
      floatingCase("a published package's interface, whose users can implement it", "import type { Store } from './store.js';\nexport function join(store: Store) {\n  store.addMember('room');\n}", "store.addMember('room')", 3, 3, 'projects/cannot-reject-published/app.ts'),
      // Without a checker, whether `super.x()` returns a promise is not asked (only whether it can reject).
      floatingCase("super's method in another file, which fetches", "import { LocalStore } from './store.js';\nexport class ClusterStore extends LocalStore {\n  list(id: string) {\n    super.fetchMembers(id);\n  }\n}", 'super.fetchMembers(id)', 4, 5, CANNOT_REJECT_APP),
      // Missed before (issue 9): a module loaded with require() is typed any; its file says what it returns.
      floatingCase('an async function of a required project module', "const service = require('./helpers/async-service');\nservice.save({ id: 1 });", 'service.save({ id: 1 })', 2, 1),
      // Missed in type-aware mode only (fresh check, zipline): without strictBindCallApply the checker
      // types `fn.bind(x)` as `any`; fn's own type still says the call returns a promise.
      {
        ...floatingCase('an imported async function called through bind() in a project without strict', "import { onResponse } from './handlers.js';\nexport function route(server: { name: string }, url: string) {\n  onResponse.bind(server)(url);\n}", 'onResponse.bind(server)(url)', 3, 3, 'projects/loose-bind/app.ts', 'app.route'),
        languageOptions: { parserOptions: { project: './projects/loose-bind/tsconfig.json' } },
      },
      // Missed in type-aware mode only (held-out check): the checker types it `any` and cannot read a
      // TypeScript file written as CommonJS, so the syntactic reading of that file must still answer.
      floatingCase('an async function a required TypeScript file exports as CommonJS', "const handler = require('./helpers/commonjs-exports');\nexport async function setText(pad: string) {\n  handler.updateClients(pad);\n}", 'handler.updateClients(pad)', 3, 3),
      {
        name: 'a value typed as an array of promises, as a statement',
        code: 'declare const pending: Array<Promise<void>> | undefined;\npending;',
        errors: [{ messageId: 'floatingPromiseArray' as const, line: 2, column: 1 }],
      },
      {
        name: 'a tuple holding a promise returned by a call',
        code: 'declare function both(): [number, Promise<string>];\nboth();',
        errors: [{ messageId: 'floatingPromiseArray' as const, line: 2, column: 1 }],
      },
      {
        name: 'yield whose sent-back value is a promise the generator drops',
        code: 'export function* steps(): Generator<number, void, Promise<number>> {\n  yield 1;\n}',
        errors: [{ messageId: 'floatingPromise' as const, line: 2, column: 3, suggestions: [] }],
      },
      floatingCase('a replaceable callback whose placeholder cannot reject', "import { Hooks } from './helpers/self-handling.js';\nexport function receive(hooks: Hooks) {\n  hooks.callbacks.onMessage({});\n}", 'hooks.callbacks.onMessage({})', 3, 3),
      floatingCase('an imported async function whose await is not handled', "import { refreshLoudly } from './helpers/self-handling.js';\nrefreshLoudly();", 'refreshLoudly()', 2, 1),
      floatingCase('a method of an imported class (only the checker knows)', "import fs from 'node:fs';\nconst handle = await fs.promises.open('x');\nhandle.close();", 'handle.close()', 3, 1),
      floatingCase('a void | Promise<void> parameter one caller gives an async function', `${ON_ERROR}retry(() => {}, (error) => {\n  console.error(error);\n});\nretry(() => {}, async (error) => {\n  await fetch('https://example.test/report');\n});`, 'onError(error)', 5, 5),
      floatingCase('a void | Promise<void> parameter a caller leaves out (only the type says what it holds)', `${ON_ERROR}retry(() => {}, (error) => {\n  console.error(error);\n});\nretry(() => {});`, 'onError(error)', 5, 5),
      floatingCase('a void | Promise<void> parameter one caller gives a function returning a promise', `${ON_ERROR}retry(() => {}, (error) => fetch(String(error)));`, 'onError(error)', 5, 5),
      floatingCase('a void | Promise<void> parameter of an exported function (callers elsewhere)', `export ${ON_ERROR}retry(() => {}, (error) => {\n  console.error(error);\n});`, 'onError(error)', 5, 5),
      floatingCase('a void | Promise<void> parameter of a function also passed on as a value', `${ON_ERROR}retry(() => {}, (error) => {\n  console.error(error);\n});\nexport const retries = [retry];`, 'onError(error)', 5, 5),
      floatingCase('a void | Promise<void> parameter given a function this file does not show', `${ON_ERROR}declare const onFailure: (error: unknown) => void | Promise<void>;\nretry(() => {}, onFailure);`, 'onError(error)', 5, 5),
      floatingCase("node-resque Worker.end(): the same package's release method that can reject", "import { Worker } from 'node-resque';\nexport function stop(worker: Worker) {\n  worker.end();\n}", 'worker.end()', 3, 3, PACKAGE_METHODS_APP),
      floatingCase('node-resque Scheduler.end(): another method of the same class', "import { Scheduler } from 'node-resque';\nexport function stop(scheduler: Scheduler) {\n  scheduler.end();\n}", 'scheduler.end()', 3, 3, PACKAGE_METHODS_APP),
      floatingCase('pg Pool.query(): not a release method', "import { Pool } from 'pg';\nexport function ping(pool: Pool) {\n  pool.query('select 1');\n}", "pool.query('select 1')", 3, 3, PACKAGE_METHODS_APP),
      floatingCase("pg Pool.query() in another file, on a field a factory makes: the method decides, not the class", "import { Gate } from './gates.js';\nexport function check(gate: Gate) {\n  gate.ping();\n}", 'gate.ping()', 3, 3, PACKAGE_METHODS_APP),
      floatingCase("an object's promise that is a request", "async function startApp(url: string) {\n  const exited = fetch(url);\n  return { url, exited };\n}\nexport async function main() {\n  const app = await startApp('https://example.test');\n  app.exited.then(() => console.log('done'));\n}", "app.exited.then(() => console.log('done'))", 7, 3, undefined, 'file.exited'),
      floatingCase("an object's never-rejecting promise replaced by a request elsewhere in the file", `${STARTED_APP}export async function main() {\n  const app = await startApp('node');\n  app.exited.then((code) => console.log(code));\n}\nexport function replace(app: { exited: Promise<unknown> }) {\n  app.exited = fetch('https://example.test');\n}`, 'app.exited.then((code) => console.log(code))', 9, 3, undefined, 'file.exited'),
      floatingCase("a parameter's object one caller builds with a request", `${STARTED_APP}${ON_EXIT}export async function main() {\n  onExit(await startApp('node'), (code) => console.log(code));\n  onExit({ exited: fetch('https://example.test').then(() => 0) }, (code) => console.warn(code));\n}`, 'app.exited.then((code) => report(code))', 8, 3, undefined, 'file.exited'),
      floatingCase("an exported object's never-rejecting promise (other modules can replace it)", `${STARTED_APP}export const app = await startApp('node');\napp.exited.then((code) => console.log(code));`, 'app.exited.then((code) => console.log(code))', 8, 1, undefined, 'file.exited'),
      floatingCase("a parameter's object of an exported function (callers elsewhere)", `${STARTED_APP}export ${ON_EXIT}export async function main() {\n  onExit(await startApp('node'), (code) => console.log(code));\n}`, 'app.exited.then((code) => report(code))', 8, 3, undefined, 'file.exited'),
      floatingCase('a function that returns a promise on one path only', `${SEND}function maybe(now: boolean) {\n  if (now) return send();\n  return undefined;\n}\nmaybe(true);`, 'maybe(true)', 6, 1),
    ],
  },
});

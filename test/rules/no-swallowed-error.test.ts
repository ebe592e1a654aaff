import rule from '../../rules/no-swallowed-error.js';
import { testRuleInBothModes } from './rule-tester.js';

const strict = [{ checkSyncCatch: true }] as const;

/** A `swallowingHandler` finding whose one suggestion rewrites the file to `output`. */
function swallowed(line: number, column: number, output: string) {
  return { messageId: 'swallowingHandler' as const, line, column, suggestions: [{ messageId: 'reportRejection' as const, output }] };
}

testRuleInBothModes('no-swallowed-error', rule, {
  valid: [
    // A Next.js page split per declaration (issue 9, session 9): a page that drops an error shows its user nothing happened.
    { name: "a Next.js page's handler dropping a failed save, beside the page's getServerSideProps", code: "import { useState } from 'react';\nexport default function Settings() {\n  const [name, setName] = useState('');\n  const save = () => {\n    fetch('/api/user', { method: 'PATCH', body: name }).catch(() => {});\n  };\n  return <input value={name} onChange={(event) => setName(event.target.value)} onBlur={save} />;\n}\nexport async function getServerSideProps() {\n  return { props: {} };\n}", filename: 'projects/pages-app/pages/login.tsx' },
    // issue 9 (held-out class A): a web page's package runs in a browser, where no Node process loses the error
    { code: "export function toggle(save: () => Promise<void>) {\n  save().catch(() => {});\n}", filename: 'projects/admin-ui/src/settings.ts' },
    // issue 9 (precision notes FP3): a failure checked right after, best-effort cleanup before a rethrow
    { code: "export function read(text: string) {\n  let parsed;\n  try { parsed = JSON.parse(text); } catch (error) {}\n  if (!parsed) throw new Error('not JSON');\n  return parsed;\n}", options: strict },
    { code: "export async function run(worker: { end(): void }, work: () => Promise<void>) {\n  try {\n    await work();\n  } catch (error) {\n    try { worker.end(); } catch {}\n    throw error;\n  }\n}" },
    // issue 9, class 2 (precision notes FP8): deliberate shapes
    'export async function stats() {\n  const [users, count] = await Promise.all([fetchUser(), countUsers().catch(() => null)]);\n  return { users, count };\n}',
    'export async function list(count: boolean) {\n  return Promise.all([fetchUser(), count ? countUsers().catch(() => null) : Promise.resolve(null)]);\n}',
    'export async function total() {\n  const n = await countUsers().catch(() => 0);\n  return n;\n}',
    'export class Boss {\n  starting?: Promise<void>;\n  async stop() {\n    await this.starting?.catch(() => {});\n  }\n}',
    'export async function connect(client: { connect(): Promise<void>; end(): Promise<void> }) {\n  try {\n    await client.connect();\n  } catch (error) {\n    await client.end().catch(() => {});\n    throw error;\n  }\n}',
    'export function settle(ps: Promise<unknown>[]) {\n  Promise.allSettled(ps).finally(() => console.log("done")).catch(() => {});\n}',
    // issue 9, class 2: a comment on the statement says why; a catch that only defers the rejection
    'fetchUser().catch(() => {}); // best effort: the cache is optional',
    '// warm-up only: a failure here is retried by the first request\nfetchUser().catch(() => {});',
    // issue 13 (bull's Queue#close): the reason follows the `.catch(...)` call on its line, mid-chain
    'export function close(queue: { pause(): Promise<void>; disconnect(): Promise<void> }) {\n  return queue\n    .pause()\n    .catch(() => void 0) // Ignore possible error from pause\n    .then(() => queue.disconnect());\n}',
    'export async function load() {\n  const pending = fetchUser();\n  pending.catch(() => {});\n  await doOtherWork();\n  return await pending;\n}',
    'export function load() {\n  const pending = fetchUser();\n  pending.catch(() => {});\n  return pending;\n}',
    'export async function loadAll() {\n  const first = fetchUser();\n  const second = fetchUser();\n  first.catch(() => {});\n  second.catch(() => {});\n  return Promise.all([first, second]);\n}',
    // handlers that log, rethrow, record, exit, or say why they ignore
    'fetchUser().catch((error) => console.error(error));',
    'fetchUser().catch((error) => logger.warn({ error }, "user fetch failed"));',
    'fetchUser().catch((error) => { throw new Error("lookup failed", { cause: error }); });',
    'let lastError; fetchUser().catch((error) => { lastError = error; });',
    'fetchUser().catch(() => { /* the cache is optional: a miss is fine */ });',
    'fetchUser().catch(() => {\n  // best effort: the next tick retries\n});',
    'fetchUser().catch(() => fallbackUser);',
    'fetchUser().catch(handleError);',
    'fetchUser().catch(onError); function onError(error: unknown) { metrics.increment("user.error"); console.error(error); }',
    'fetchUser().then((user) => render(user), (error) => showError(error));',
    'fetchUser().then((user) => render(user));',
    'fetchUser().finally(() => {});',
    // already on the runtime
    "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('users.load'));",
    "const { report } = require('@spawnguard/runtime');\nfetchUser().catch(report('users'));",
    // catch blocks
    'async function load() { try { await fetchUser(); } catch (error) { console.error(error); } }',
    'async function load() { try { await fetchUser(); } catch { /* optional feature: absent is fine */ } }',
    'async function load() { try { await fetchUser(); } catch (error) { throw error; } }',
    'async function load() { try { await fetchUser(); } catch (error) { process.exitCode = 1; } }',
    // synchronous empty catch is only flagged by strict
    'function parse(text: string) { try { return JSON.parse(text); } catch {} }',
    { code: 'function parse(text) { try { return JSON.parse(text); } catch (e) {} }', filename: 'script.js' },
    // an async function nested in the try block does not make the catch asynchronous
    'function register() { try { app.get("/", async () => { await x(); }); } catch {} }',
    // process-wide handlers that log, exit or rethrow
    "process.on('unhandledRejection', (reason) => { console.error('unhandled', reason); process.exit(1); });",
    "process.on('uncaughtException', (error) => { logger.fatal(error); });",
    "process.on('uncaughtException', () => { process.exit(1); });",
    "import process from 'node:process';\nprocess.once('unhandledRejection', (reason) => { throw reason; });",
    "process.on('unhandledRejection', (reason) => report('process')(reason));",
    // the reason handed on under a type assertion or `satisfies` still leaves the handler (TypeScript only)
    "const failures: Error[] = [];\nprocess.on('unhandledRejection', (reason) => { failures.push(<Error>reason); });",
    "const failures: unknown[] = [];\nprocess.on('unhandledRejection', (reason) => { failures.push(reason satisfies unknown); });",
    "process.on('warning', () => {});",
    "emitter.on('uncaughtException', () => {});",
    // not a promise rejection handler: a .catch with two arguments, or a shadowed noop that does work
    'query.catch(() => {}, 10);',
    // issue 9, best-effort release of a resource being discarded (a rejection there says it is already gone)
    'export async function close(client: { end(): Promise<void> }) {\n  await client.end().catch(() => {});\n}',
    'export function drop(redis: { quit(): Promise<void> }) {\n  redis.quit().catch(() => {});\n}',
    'export function force(pool: { gracefulShutdown(): Promise<void> }) {\n  Promise.resolve(pool.gracefulShutdown()).then(null, () => {});\n}',
    'export async function exit(boss: { stop(): Promise<void> }, pool: { end(): Promise<void> }) {\n  try { await boss.stop(); } catch {}\n  try { await pool.end(); } catch {}\n}',
    // issue 9, test code: clean-up and set-up inside a test framework's callbacks
    "afterEach(async () => {\n  try {\n    await service.remove(id);\n  } catch (error) {}\n});",
    "describe('remove', () => {\n  test('multi', async () => {\n    try { await service.remove(id); } catch {}\n    service.find().catch(() => {});\n  });\n});",
    "it.each([1, 2])('case %s', async (n) => {\n  try { await service.remove(n); } catch {}\n});",
    // issue 9, an empty catch keeping a fallback value that is used afterwards
    'export async function schedule(date: { toISOString(): string }) {\n  let startAt = undefined;\n  try {\n    startAt = date.toISOString();\n  } catch (_) {}\n  return start({ startAt });\n}',
    'export async function beat(heartbeat: { ping?: number }, host: string) {\n  try {\n    heartbeat.ping = await ping(host);\n  } catch (_) {}\n}',
    // issue 9, the try returns on success and a failure falls through to the code after it
    'export async function example(callback: (r: object) => void) {\n  try {\n    const files = await readdir(dir);\n    for (const file of files) {\n      if (file.startsWith("index.")) {\n        callback({ ok: true, code: await readFile(file) });\n        return;\n      }\n    }\n  } catch (e) {}\n  callback({ ok: false, msg: "Not found" });\n}',
    // issue 9, an optional API detected before use
    'export function badge(nav: { setAppBadge?(n: number): Promise<void> }, n: number) {\n  if (nav.setAppBadge) {\n    nav.setAppBadge(n).catch(() => {});\n  }\n}',
    // issue 9, a process listener scoped to one operation, removed again
    "export async function close() {\n  const listener = () => { closing = false; };\n  process.addListener('unhandledRejection', listener);\n  await pool.close();\n  process.removeListener('unhandledRejection', listener);\n}",
    // issue 9, `p.finally(f).catch(noop)` on a promise handed out to callers
    'export function pool() {\n  const fin = defer();\n  fin.finally(() => emit(0)).catch(noop);\n  return { promise: fin, then: (a: any, b: any) => fin.then(a, b) };\n}\nfunction noop() {}',
    // issue 9 / issue 11: one judgement of "a comment says why", for the rule and the fix alike
    'export function close(socket: { flush(): Promise<void> }) {\n  // the peer may have closed already:\n  // a failure here is expected\n  socket.flush().catch(() => {});\n}',
    'async function load() {\n  try { await fetchUser(); } catch {} // optional warm-up: the first request loads it anyway\n}',
    'const noop = (error: unknown) => console.error(error); fetchUser().catch(noop);',
    { code: 'export function Button() { return <button onClick={() => save().catch((e) => toast(e))}>Save</button>; }', filename: 'react.tsx' },
  ],
  invalid: [
    {
      name: "a Next.js page's getServerSideProps dropping a failed write",
      code: "import { useState } from 'react';\nexport default function Settings() {\n  const [name, setName] = useState('');\n  return <input value={name} onChange={(event) => setName(event.target.value)} />;\n}\nexport async function getServerSideProps() {\n  fetch('https://audit.example/visits', { method: 'POST' }).catch(() => {});\n  return { props: {} };\n}",
      filename: 'projects/pages-app/pages/login.tsx',
      errors: [swallowed(7, 67, "import { useState } from 'react';\nimport { report } from '@spawnguard/runtime';\nexport default function Settings() {\n  const [name, setName] = useState('');\n  return <input value={name} onChange={(event) => setName(event.target.value)} />;\n}\nexport async function getServerSideProps() {\n  fetch('https://audit.example/visits', { method: 'POST' }).catch(report('login.getServerSideProps'));\n  return { props: {} };\n}")],
    },
    // issue 13: a mid-chain comment that marks a problem is not a reason
    {
      code: 'export function close(queue: { pause(): Promise<void>; disconnect(): Promise<void> }) {\n  return queue\n    .pause()\n    .catch(() => void 0) // TODO: report this\n    .then(() => queue.disconnect());\n}',
      errors: [
        swallowed(
          4,
          12,
          "import { report } from '@spawnguard/runtime';\nexport function close(queue: { pause(): Promise<void>; disconnect(): Promise<void> }) {\n  return queue\n    .pause()\n    .catch(report('file.close')) // TODO: report this\n    .then(() => queue.disconnect());\n}",
        ),
      ],
    },
    // the assigned value is never checked: the failure is lost
    {
      code: "export function read(text: string) {\n  let parsed;\n  try { parsed = JSON.parse(text); } catch {}\n  return 1;\n}",
      options: strict,
      errors: [{ messageId: 'emptyCatchBlock', line: 3, column: 38, suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\nexport function read(text: string) {\n  let parsed;\n  try { parsed = JSON.parse(text); } catch (error) { report('file.read')(error); }\n  return 1;\n}" }] }],
    },
    // a deferred catch whose promise is never consumed later still swallows
    {
      code: 'export function load() {\n  const pending = fetchUser();\n  pending.catch(() => {});\n}',
      errors: [swallowed(3, 17, "import { report } from '@spawnguard/runtime';\nexport function load() {\n  const pending = fetchUser();\n  pending.catch(report('file.load'));\n}")],
    },
    // a comment marking a problem is not a reason
    {
      code: '// TODO: report this failure\nfetchUser().catch(() => {});',
      errors: [swallowed(2, 19, "import { report } from '@spawnguard/runtime';\n// TODO: report this failure\nfetchUser().catch(report('file'));")],
    },
    // a tool's directive or a fixture's expectation marker is not a reason either
    {
      code: '// @ts-expect-error\nfetchUser().catch(() => {});',
      errors: [swallowed(2, 19, "import { report } from '@spawnguard/runtime';\n// @ts-expect-error\nfetchUser().catch(report('file'));")],
    },
    {
      code: '// expect: no-swallowed-error\nfetchUser().catch(() => {});',
      errors: [swallowed(2, 19, "import { report } from '@spawnguard/runtime';\n// expect: no-swallowed-error\nfetchUser().catch(report('file'));")],
    },
    // a comment on another statement says nothing about this one
    {
      code: '// load the user\nconst user = 1;\nfetchUser().catch(() => {});',
      errors: [swallowed(3, 19, "import { report } from '@spawnguard/runtime';\n// load the user\nconst user = 1;\nfetchUser().catch(report('file'));")],
    },
    {
      code: 'fetchUser().catch(() => {});',
      errors: [
        {
          messageId: 'swallowingHandler',
          line: 1,
          column: 19,
          suggestions: [
            {
              messageId: 'reportRejection',
              output: "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));",
            },
          ],
        },
      ],
    },
    {
      code: "import { db } from './db.js';\nexport async function saveOrder(order: Order) {\n  db.insert(order).catch((e) => {});\n}",
      errors: [
        {
          messageId: 'swallowingHandler',
          line: 3,
          column: 26,
          suggestions: [
            {
              messageId: 'reportRejection',
              output:
                "import { report } from '@spawnguard/runtime';\nimport { db } from './db.js';\nexport async function saveOrder(order: Order) {\n  db.insert(order).catch(report('file.saveOrder'));\n}",
            },
          ],
        },
      ],
    },
    {
      code: "import { report } from '@spawnguard/runtime';\nclass Mailer { send() { this.smtp.deliver().catch(function () {}); } }",
      errors: [
        {
          messageId: 'swallowingHandler',
          line: 2,
          column: 51,
          suggestions: [
            { messageId: 'reportRejection', output: "import { report } from '@spawnguard/runtime';\nclass Mailer { send() { this.smtp.deliver().catch(report('file.Mailer.send')); } }" },
          ],
        },
      ],
    },
    { code: 'fetchUser().catch(() => undefined);', errors: [swallowed(1, 19, "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: 'fetchUser().catch(() => null);', errors: [swallowed(1, 19, "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: 'fetchUser().catch(() => void 0);', errors: [swallowed(1, 19, "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: 'fetchUser().catch(async () => { return; });', errors: [swallowed(1, 19, "import { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: 'const noop = () => {};\nfetchUser().catch(noop);', errors: [swallowed(2, 19, "import { report } from '@spawnguard/runtime';\nconst noop = () => {};\nfetchUser().catch(report('file'));")] },
    { code: 'function ignore() {}\nfetchUser().catch(ignore);', errors: [swallowed(2, 19, "import { report } from '@spawnguard/runtime';\nfunction ignore() {}\nfetchUser().catch(report('file'));")] },
    { code: "import { noop } from 'lodash';\nfetchUser().catch(noop);", errors: [swallowed(2, 19, "import { noop } from 'lodash';\nimport { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: "import _ from 'lodash';\nfetchUser().catch(_.noop);", errors: [swallowed(2, 19, "import _ from 'lodash';\nimport { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    { code: "import noop from 'lodash/noop';\nfetchUser().catch(noop);", errors: [swallowed(2, 19, "import noop from 'lodash/noop';\nimport { report } from '@spawnguard/runtime';\nfetchUser().catch(report('file'));")] },
    {
      code: "const noop = require('lodash.noop');\nfetchUser().catch(noop);",
      filename: 'file.cjs',
      errors: [
        {
          messageId: 'swallowingHandler',
          line: 2,
          column: 19,
          suggestions: [
            {
              messageId: 'reportRejection',
              output: "const noop = require('lodash.noop');\nconst { report } = require('@spawnguard/runtime');\nfetchUser().catch(report('file'));",
            },
          ],
        },
      ],
    },
    { code: 'fetchUser().then((user) => render(user), () => {});', errors: [swallowed(1, 42, "import { report } from '@spawnguard/runtime';\nfetchUser().then((user) => render(user), report('file'));")] },
    { code: 'fetchUser()?.catch(() => {});', errors: [swallowed(1, 20, "import { report } from '@spawnguard/runtime';\nfetchUser()?.catch(report('file'));")] },
    { code: 'void fetchUser().catch(() => {});', errors: [swallowed(1, 24, "import { report } from '@spawnguard/runtime';\nvoid fetchUser().catch(report('file'));")] },
    { code: 'await fetchUser().catch(() => {});', filename: 'file.mjs', errors: [swallowed(1, 25, "import { report } from '@spawnguard/runtime';\nawait fetchUser().catch(report('file'));")] },
    {
      code: '(async () => {\n  await warmUp().catch(() => {});\n})();',
      filename: 'script.js',
      errors: [swallowed(2, 24, "import { report } from '@spawnguard/runtime';\n(async () => {\n  await warmUp().catch(report('script'));\n})();")],
    },
    {
      code: 'export function Button() { return <button onClick={() => save().catch(() => {})}>Save</button>; }',
      filename: 'component.jsx',
      errors: [swallowed(1, 71, "import { report } from '@spawnguard/runtime';\nexport function Button() { return <button onClick={() => save().catch(report('component.Button'))}>Save</button>; }")],
    },
    {
      code: 'class Sync { flush = () => this.queue.drain().catch(() => {}); }',
      filename: 'react.tsx',
      errors: [swallowed(1, 53, "import { report } from '@spawnguard/runtime';\nclass Sync { flush = () => this.queue.drain().catch(report('react.Sync.flush')); }")],
    },
    // a swallowed rejection inside a supervised task is still lost: the task never sees it
    {
      code: "import { tasks } from '@spawnguard/runtime';\ntasks.start(() => sync().catch(() => {}));",
      errors: [swallowed(2, 32, "import { report, tasks } from '@spawnguard/runtime';\ntasks.start(() => sync().catch(report('file')));")],
    },
    // empty catch blocks in async code
    {
      code: 'async function load() {\n  try { await fetchUser(); } catch (error) {}\n}',
      errors: [
        {
          messageId: 'emptyCatchBlock',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'reportInCatchBlock',
              output:
                "import { report } from '@spawnguard/runtime';\nasync function load() {\n  try { await fetchUser(); } catch (error) { report('file.load')(error); }\n}",
            },
          ],
        },
      ],
    },
    {
      code: 'const load = async () => {\n  try { await fetchUser(); } catch {}\n};',
      errors: [
        {
          messageId: 'emptyCatchBlock',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'reportInCatchBlock',
              output:
                "import { report } from '@spawnguard/runtime';\nconst load = async () => {\n  try { await fetchUser(); } catch (error) { report('file.load')(error); }\n};",
            },
          ],
        },
      ],
    },
    {
      code: 'try {\n  await connect();\n} catch (e: unknown) {}',
      filename: 'file.mjs',
      errors: [
        {
          messageId: 'emptyCatchBlock',
          line: 3,
          column: 3,
          suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\ntry {\n  await connect();\n} catch (e: unknown) { report('file')(e); }" }],
        },
      ],
    },
    {
      code: 'async function load() { for await (const row of rows()) { try { handle(row); } catch ({ message }) {} } }',
      errors: [{ messageId: 'emptyCatchBlock', line: 1, column: 80, suggestions: [] }],
    },
    {
      code: "const report = () => {};\nasync function load() { try { await x(); } catch (e) {} }",
      errors: [{ messageId: 'emptyCatchBlock', line: 2, column: 44, suggestions: [] }],
    },
    // issue 9 counterparts: a business operation is not a release, a swallow outside a test callback
    // is no test's, a try without a fallback or a fall-through, an API used without detection, a
    // process listener never removed, a finally chain on a promise nobody consumes
    {
      code: 'export function drop(order: { cancel(): Promise<void> }) {\n  order.cancel().catch(() => {});\n}',
      errors: [swallowed(2, 24, "import { report } from '@spawnguard/runtime';\nexport function drop(order: { cancel(): Promise<void> }) {\n  order.cancel().catch(report('file.drop'));\n}")],
    },
    {
      code: 'export async function cleanup() {\n  try { await service.remove(id); } catch {}\n}',
      errors: [{ messageId: 'emptyCatchBlock', line: 2, column: 37, suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\nexport async function cleanup() {\n  try { await service.remove(id); } catch (error) { report('file.cleanup')(error); }\n}" }] }],
    },
    {
      code: 'export async function load() {\n  try {\n    return await fetchUser();\n  } catch (e) {}\n}',
      errors: [{ messageId: 'emptyCatchBlock', line: 4, column: 5, suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\nexport async function load() {\n  try {\n    return await fetchUser();\n  } catch (e) { report('file.load')(e); }\n}" }] }],
    },
    {
      code: 'export async function load() {\n  let user;\n  try { user = await fetchUser(); } catch {}\n}',
      errors: [{ messageId: 'emptyCatchBlock', line: 3, column: 37, suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\nexport async function load() {\n  let user;\n  try { user = await fetchUser(); } catch (error) { report('file.load')(error); }\n}" }] }],
    },
    {
      code: 'export function badge(nav: { setAppBadge(n: number): Promise<void> }, n: number) {\n  nav.setAppBadge(n).catch(() => {});\n}',
      errors: [swallowed(2, 28, "import { report } from '@spawnguard/runtime';\nexport function badge(nav: { setAppBadge(n: number): Promise<void> }, n: number) {\n  nav.setAppBadge(n).catch(report('file.badge'));\n}")],
    },
    {
      code: "export function watch() {\n  const listener = () => {};\n  process.addListener('unhandledRejection', listener);\n}",
      errors: [{ messageId: 'swallowingProcessHandler', line: 3, column: 45 }],
    },
    {
      code: 'export function pool() {\n  const fin = defer();\n  fin.finally(() => emit(0)).catch(() => {});\n}',
      errors: [swallowed(3, 36, "import { report } from '@spawnguard/runtime';\nexport function pool() {\n  const fin = defer();\n  fin.finally(() => emit(0)).catch(report('file.pool'));\n}")],
    },
    // a comment above the try describes what it tries, not why its failure may be dropped
    {
      code: 'export async function update(id: string) {\n  // clear the history if the certificate changed\n  try {\n    await clearHistory(id);\n  } catch (e) {}\n  await store(id);\n}',
      errors: [{ messageId: 'emptyCatchBlock', line: 5, column: 5, suggestions: [{ messageId: 'reportInCatchBlock', output: "import { report } from '@spawnguard/runtime';\nexport async function update(id: string) {\n  // clear the history if the certificate changed\n  try {\n    await clearHistory(id);\n  } catch (e) { report('file.update')(e); }\n  await store(id);\n}" }] }],
    },
    // strict: synchronous empty catch too
    {
      code: 'function parse(text: string) { try { return JSON.parse(text); } catch {} }',
      options: strict,
      errors: [
        {
          messageId: 'emptyCatchBlock',
          line: 1,
          column: 65,
          suggestions: [
            {
              messageId: 'reportInCatchBlock',
              output: "import { report } from '@spawnguard/runtime';\nfunction parse(text: string) { try { return JSON.parse(text); } catch (error) { report('file.parse')(error); } }",
            },
          ],
        },
      ],
    },
    // process-wide handlers that swallow
    { code: "process.on('unhandledRejection', () => {});", errors: [{ messageId: 'swallowingProcessHandler', line: 1, column: 34 }] },
    {
      code: "process.on('uncaughtException', (error) => { metrics.count += 1; });",
      errors: [{ messageId: 'swallowingProcessHandler', line: 1, column: 33 }],
    },
    {
      code: "import process from 'node:process';\nprocess.on('unhandledRejection', function (reason) { if (reason instanceof Error) return; });",
      errors: [{ messageId: 'swallowingProcessHandler', line: 2, column: 34 }],
    },
    {
      code: "const { on } = require('process');\nfunction ignore() {}\non('uncaughtException', ignore);",
      filename: 'file.cjs',
      errors: [{ messageId: 'swallowingProcessHandler', line: 3, column: 25 }],
    },
    { code: "globalThis.process.once('unhandledRejection', noop);\nimport { noop } from 'lodash';", errors: [{ messageId: 'swallowingProcessHandler', line: 1, column: 47 }] },
  ],
});

import rule from '../../rules/no-stray-timer.js';
import { testRuleInBothModes } from './rule-tester.js';
import { withImport } from './expected-import.js';

const IMPORT = "import { supervise } from '@spawnguard/runtime';";

/** Line and column (1-based) of the `nth` occurrence of `needle` in `code`. */
function at(code: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = code.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** `code` with `target` replaced by `replacement` and the runtime import added after the last import. */
function rewritten(code: string, target: string, replacement: string, filename = 'file.ts'): string {
  const index = code.indexOf(target);
  return withImport(`${code.slice(0, index)}${replacement}${code.slice(index + target.length)}`, 'supervise', filename);
}

function error(
  messageId: 'discardedInterval' | 'discardedUnrefInterval' | 'unclearedInterval' | 'reschedulingTimeout',
  code: string,
  needle: string,
  fix?: { target: string; replacement: string; id: string; filename?: string },
) {
  return {
    messageId,
    ...at(code, needle),
    ...(fix
      ? {
          suggestions: [
            {
              messageId: 'useSuperviseInterval' as const,
              data: { id: fix.id },
              output: rewritten(code, fix.target, fix.replacement, fix.filename),
            },
          ],
        }
      : {}),
  };
}

function invalid(
  name: string,
  code: string,
  messageId: Parameters<typeof error>[0],
  needle: string,
  fix?: { target: string; replacement: string; id: string },
  filename?: string,
) {
  return {
    name,
    code,
    ...(filename ? { filename } : {}),
    errors: [error(messageId, code, needle, fix && { ...fix, ...(filename ? { filename } : {}) })],
  };
}

const discarded = (code: string, name: string, filename?: string) =>
  invalid(name, code, 'discardedInterval', 'setInterval(tick, 1000)', {
    target: 'setInterval(tick, 1000)',
    replacement: `supervise.interval('${(filename ?? 'file.ts').replace(/\..*$/, '')}.tick', tick, 1000)`,
    id: `${(filename ?? 'file.ts').replace(/\..*$/, '')}.tick`,
  }, filename);

/** zipline's server main module: it exports nothing, starts the server, and starts its sweeps once, in the start function its top level calls. */
const SERVER_MAIN = "import fastify from 'fastify';\nconst server = fastify();\nstart();\nasync function start() {\n  await server.listen({ port: 3000 });\n  await clearInvites();\n  setInterval(() => clearInvites(), 60_000);\n}\nasync function clearInvites() {}\n";

testRuleInBothModes('no-stray-timer', rule, {
  valid: [
    { name: 'module handle cleared by an exported stop', code: 'const timer = setInterval(tick, 1000);\nexport function stop() { clearInterval(timer); }' },
    {
      name: 'this.field cleared in stop()',
      code: 'class Poller {\n  private timer?: NodeJS.Timeout;\n  start() { this.timer = setInterval(() => this.tick(), 1000); }\n  stop() { clearInterval(this.timer); }\n  tick() {}\n}',
    },
    {
      name: 'class field initialiser cleared in close()',
      code: 'class Flusher {\n  timer = setInterval(() => this.flush(), 1000);\n  flush() {}\n  close() { clearInterval(this.timer); }\n}',
    },
    {
      name: 'private field cleared in [Symbol.dispose]',
      code: 'class Ticker {\n  #timer = setInterval(tick, 10);\n  [Symbol.dispose]() { clearInterval(this.#timer); }\n}',
    },
    {
      name: 'arrow-function field dispose clears',
      code: 'class Ticker {\n  timer = setInterval(tick, 10);\n  dispose = () => { if (this.timer) clearInterval(this.timer); };\n}',
    },
    { name: 'closure handle cleared by the returned stop function', code: 'export function every(fn: () => void) {\n  const h = setInterval(fn, 10);\n  return () => clearInterval(h);\n}' },
    { name: 'returned handle is owned by the caller', code: 'export function start() { return setInterval(tick, 1000); }' },
    { name: 'arrow-returned handle', code: 'export const start = () => setInterval(tick, 1000);' },
    { name: 'handle passed on is owned by the callee', code: 'declare const registry: { track(t: unknown): void };\nregistry.track(setInterval(tick, 1000));' },
    { name: 'stored handle handed to another owner', code: 'declare function own(t: unknown): void;\nconst t = setInterval(tick, 5);\nown(t);' },
    { name: 'exported handle is owned by importers', code: 'export const ticker = setInterval(tick, 1000);' },
    {
      name: 'timers/promises setInterval with a signal',
      code: "import { setInterval } from 'node:timers/promises';\nexport async function run(signal: AbortSignal) {\n  for await (const _ of setInterval(1000, undefined, { signal })) tick();\n}",
    },
    // issue 9 (precision notes FP14): a rescheduling that happens only on some paths ends by itself
    {
      name: 'wait until the sub-processes are gone (guard that leaves first)',
      code: 'function waitFor(pid: number, done: () => void) {\n  psTree(pid, (error: unknown, pids: number[]) => {\n    if (!pids.length) {\n      return done();\n    }\n    setTimeout(() => waitFor(pid, done), 1000);\n  });\n}',
    },
    {
      name: 'retry in the else branch of end()',
      code: 'class Scheduler {\n  async end(): Promise<unknown> {\n    if (!this.working) {\n      await this.queue.end();\n    } else {\n      return new Promise((resolve) => {\n        setTimeout(async () => { await this.end(); resolve(null); }, 100);\n      });\n    }\n  }\n}',
    },
    {
      name: 'daily check until an update is found',
      code: 'function check(manager: unknown) {\n  fetch().then(() => {\n    if (!state.updateAvailable) {\n      setTimeout(() => check(manager), 86400000);\n    }\n  });\n}',
    },
    { name: 'poll loop that stops on its own flag', code: 'let running = true;\nfunction poll() {\n  if (!running) return;\n  work();\n  setTimeout(poll, 1000);\n}\nexport function stop() { running = false; }' },
    { name: 'retry only after a failure', code: 'async function connect() {\n  try {\n    await open();\n  } catch {\n    setTimeout(connect, 1000);\n  }\n}' },
    // issue 9: the process's own watchdog, which ends the process
    { name: 'orphan watchdog that exits the process', code: 'setInterval(() => {\n  if (!process.connected) {\n    process.exit(1);\n  }\n}, 5000);' },
    // issue 9: demonstration code, whose interval lives as long as the demo
    { name: 'a development script pushing a heartbeat', code: 'const push = async () => { await send(); };\npush();\nsetInterval(push, 60000);', filename: 'scripts/seed.ts' },
    { name: 'an example producer adding jobs forever', code: 'export async function boot() {\n  setInterval(enqueue, 1000, job);\n}', filename: 'examples/demo.ts' },
    { name: 'one-shot setTimeout', code: "setTimeout(() => console.log('ready'), 100);" },
    { name: 'one-shot setTimeout calling another function', code: 'function a() { setTimeout(b, 10); }\nfunction b() {}' },
    { name: 'supervise.interval', code: `${IMPORT}\nsupervise.interval('metrics.flush', tick, 1000);` },
    {
      name: 'inside a runtime task callback',
      code: "import { tasks } from '@spawnguard/runtime';\ntasks.start(async () => { setInterval(tick, 1000); });",
    },
    {
      name: 'self-rescheduling timeout cleared by its class',
      code: 'class Poller {\n  timer?: NodeJS.Timeout;\n  poll() { this.timer = setTimeout(() => this.poll(), 1000); }\n  stop() { clearTimeout(this.timer); }\n}',
    },
    {
      name: 'self-rescheduling timeout in a module variable, cleared',
      code: 'let timer: NodeJS.Timeout | undefined;\nfunction poll() { timer = setTimeout(poll, 1000); }\nexport function stop() { clearTimeout(timer); }',
    },
    {
      name: 'timers module aliases',
      code: "import { setInterval as every, clearInterval as stopEvery } from 'node:timers';\nconst h = every(tick, 5);\nprocess.on('SIGTERM', () => stopEvery(h));",
    },
    { name: 'legacy timeout.close()', code: 'const t = setInterval(tick, 1);\nexport const stop = () => t.close();' },
    { name: 'Symbol.dispose call', code: 'const t = setInterval(tick, 1);\nexport function stop() { t[Symbol.dispose](); }' },
    {
      name: 'collection cleared with forEach(clearInterval)',
      code: 'class Group {\n  timers: NodeJS.Timeout[] = [];\n  add() { this.timers.push(setInterval(tick, 1)); }\n  stop() { this.timers.forEach(clearInterval); }\n}',
    },
    {
      name: 'collection cleared in a for-of loop',
      code: 'const timers: NodeJS.Timeout[] = [];\ntimers.push(setInterval(tick, 1));\nexport function stop() { for (const t of timers) clearInterval(t); }',
    },
    {
      name: 'alias into a field that stop() clears',
      code: 'class A {\n  timer: unknown;\n  start() { const t = setInterval(tick, 1); this.timer = t; }\n  stop() { clearInterval(this.timer as NodeJS.Timeout); }\n}',
    },
    { name: 'local function named setInterval', code: 'function setInterval(fn: () => void, ms: number) { return 0; }\nsetInterval(tick, 1);' },
    { name: 'globalThis.clearInterval clears', code: 'const h = setInterval(tick, 1);\nexport const stop = () => globalThis.clearInterval(h);' },
    {
      name: 'CommonJS destructured timers',
      filename: 'file.cjs',
      code: "const { setInterval: every, clearInterval } = require('timers');\nconst h = every(tick, 1);\nmodule.exports.stop = () => clearInterval(h);",
    },
    {
      name: 'React effect cleanup (tsx)',
      filename: 'react.tsx',
      code: "import { useEffect } from 'react';\nexport function Clock() {\n  useEffect(() => {\n    const id = setInterval(tick, 1000);\n    return () => clearInterval(id);\n  }, []);\n  return <span />;\n}",
    },
    { name: 'using declaration disposes the timer', code: 'export function run() {\n  using t = setInterval(tick, 5);\n  work();\n}' },
    { name: 'conditional clear with optional chaining', code: 'class A {\n  t?: NodeJS.Timeout = setInterval(tick, 5);\n  stop() { this.t && clearInterval(this.t); }\n}' },
    // issue 9 (s9, zipline; the labeled precedent "a daily update check for the life of the server"): an
    // interval started once by the program's main module lives as long as the process, which stops by
    // ending (no signal handler: Node's default; or one that exits). Nothing restarts it, nothing waits for it.
    { name: "the server main module's sweep, started once, with no signal handler", code: SERVER_MAIN },
    { name: "the server main module's sweep, whose stop signal exits", code: `${SERVER_MAIN}process.on('SIGTERM', () => {\n  server.close();\n  process.exit(0);\n});` },
    { name: 'an entry file\'s top-level interval, in a program that exits on SIGINT', code: "declare function tick(): void;\nsetInterval(tick, 1000);\nprocess.once('SIGINT', () => process.exit(130));", filename: 'main.ts' },
  ],
  invalid: [
    discarded('setInterval(tick, 1000);', 'discarded statement'),
    // Where the process-lifetime reading stops: a graceful stop that waits for the event loop, a main
    // module whose start function something else calls again, a module that is imported.
    invalid(
      "the server main module's sweep, with a graceful stop that does not exit",
      `${SERVER_MAIN}process.on('SIGTERM', () => {\n  server.close();\n});`,
      'discardedInterval',
      'setInterval',
      { target: 'setInterval(() => clearInvites(), 60_000)', replacement: "supervise.interval('file.interval', () => clearInvites(), 60_000)", id: 'file.interval' },
    ),
    invalid(
      "the server main module's sweep, when a reload starts the server again",
      `${SERVER_MAIN}process.on('SIGHUP', () => start());`,
      'discardedInterval',
      'setInterval',
      { target: 'setInterval(() => clearInvites(), 60_000)', replacement: "supervise.interval('file.interval', () => clearInvites(), 60_000)", id: 'file.interval' },
    ),
    invalid(
      'a sweep started by an exported start function',
      SERVER_MAIN.replace('async function start()', 'export async function start()'),
      'discardedInterval',
      'setInterval',
      { target: 'setInterval(() => clearInvites(), 60_000)', replacement: "supervise.interval('file.interval', () => clearInvites(), 60_000)", id: 'file.interval' },
    ),
    invalid('globalThis.setInterval', 'globalThis.setInterval(tick, 1000);', 'discardedInterval', 'globalThis.setInterval', {
      target: 'globalThis.setInterval(tick, 1000)',
      replacement: "supervise.interval('file.tick', tick, 1000)",
      id: 'file.tick',
    }),
    invalid('void setInterval', 'void setInterval(tick, 1000);', 'discardedInterval', 'setInterval', {
      target: 'setInterval(tick, 1000)',
      replacement: "supervise.interval('file.tick', tick, 1000)",
      id: 'file.tick',
    }),
    invalid('discarded and unref', 'setInterval(tick, 1000).unref();', 'discardedUnrefInterval', 'setInterval', {
      target: 'setInterval(tick, 1000).unref()',
      replacement: "supervise.interval('file.tick', tick, 1000, { unref: true })",
      id: 'file.tick',
    }),
    invalid('module variable never cleared', 'const timer = setInterval(flush, 5000);', 'unclearedInterval', 'setInterval', {
      target: 'setInterval(flush, 5000)',
      replacement: "supervise.interval('file.timer', flush, 5000)",
      id: 'file.timer',
    }),
    invalid(
      'this.field never cleared',
      'class Poller {\n  timer: unknown;\n  start() { this.timer = setInterval(tick, 1000); }\n  stop() {}\n}',
      'unclearedInterval',
      'setInterval',
      { target: 'setInterval(tick, 1000)', replacement: "supervise.interval('file.timer', tick, 1000)", id: 'file.timer' },
    ),
    invalid(
      'class field initialiser never cleared',
      'class Flusher {\n  private timer = setInterval(() => this.flush(), 1000);\n  flush() {}\n}',
      'unclearedInterval',
      'setInterval',
      { target: 'setInterval(() => this.flush(), 1000)', replacement: "supervise.interval('file.timer', () => this.flush(), 1000)", id: 'file.timer' },
    ),
    invalid(
      'closure handle unref-ed but never cleared',
      'export function start() {\n  const h = setInterval(tick, 10);\n  h.unref();\n}',
      'unclearedInterval',
      'setInterval',
      { target: 'setInterval(tick, 10)', replacement: "supervise.interval('file.h', tick, 10)", id: 'file.h' },
    ),
    invalid(
      'timers import alias',
      "import { setInterval as every } from 'node:timers';\nevery(tick, 10);",
      'discardedInterval',
      'every(',
      { target: 'every(tick, 10)', replacement: "supervise.interval('file.tick', tick, 10)", id: 'file.tick' },
    ),
    invalid(
      'timers namespace import',
      "import * as timers from 'timers';\ntimers.setInterval(tick, 10);",
      'discardedInterval',
      'timers.setInterval',
      { target: 'timers.setInterval(tick, 10)', replacement: "supervise.interval('file.tick', tick, 10)", id: 'file.tick' },
    ),
    invalid(
      'CommonJS require',
      "const timers = require('timers');\ntimers.setInterval(tick, 10);",
      'discardedInterval',
      'timers.setInterval',
      { target: 'timers.setInterval(tick, 10)', replacement: "supervise.interval('file.tick', tick, 10)", id: 'file.tick' },
      'file.cjs',
    ),
    invalid('function declaration reschedules itself', 'function poll() {\n  fetchJobs();\n  setTimeout(poll, 1000);\n}', 'reschedulingTimeout', 'setTimeout'),
    invalid(
      'async const arrow reschedules itself through a wrapper',
      'const tick = async () => {\n  await work();\n  setTimeout(() => void tick(), 500);\n};',
      'reschedulingTimeout',
      'setTimeout',
    ),
    invalid('method reschedules itself', 'class P {\n  tick() {\n    this.run();\n    setTimeout(() => this.tick(), 100);\n  }\n  run() {}\n}', 'reschedulingTimeout', 'setTimeout'),
    invalid('bound method reschedules itself', 'class P {\n  tick() { setTimeout(this.tick.bind(this), 100); }\n}', 'reschedulingTimeout', 'setTimeout'),
    invalid('named function expression', 'const loop = function again() { setTimeout(again, 5); };', 'reschedulingTimeout', 'setTimeout'),
    invalid('rescheduled from a nested promise callback', 'function poll() {\n  load().then(() => { setTimeout(poll, 1000); });\n}', 'reschedulingTimeout', 'setTimeout'),
    // issue 9 counterparts: a condition that does not guard the rescheduling, an interval that only logs
    invalid('a branch before the unconditional rescheduling', 'function poll() {\n  if (busy) work();\n  setTimeout(poll, 1000);\n}', 'reschedulingTimeout', 'setTimeout'),
    invalid('a guard inside a nested callback does not stop the loop', 'function poll() {\n  items.forEach((item) => { if (!item) return; use(item); });\n  setTimeout(poll, 1000);\n}', 'reschedulingTimeout', 'setTimeout'),
    invalid('an interval that only logs when the parent is gone', 'const warn = () => {\n  if (!process.connected) console.log(parentGone);\n};\nsetInterval(warn, 5000);', 'discardedInterval', 'setInterval(warn, 5000)', {
      target: 'setInterval(warn, 5000)',
      replacement: "supervise.interval('file.warn', warn, 5000)",
      id: 'file.warn',
    }),
    invalid('the same interval in a library file', 'export async function boot() {\n  setInterval(enqueue, 1000, job);\n}', 'discardedInterval', 'setInterval'),
    invalid('rescheduling handle stored but never cleared', 'let timer: unknown;\nfunction poll() { timer = setTimeout(poll, 1000); }', 'reschedulingTimeout', 'setTimeout'),
    invalid(
      'clearInterval in another class does not count',
      'class A {\n  t: any;\n  start() { this.t = setInterval(tick, 1); }\n}\nclass B {\n  t: any;\n  stop() { clearInterval(this.t); }\n}',
      'unclearedInterval',
      'setInterval',
      { target: 'setInterval(tick, 1)', replacement: "supervise.interval('file.t', tick, 1)", id: 'file.t' },
    ),
    {
      name: 'only the handle that is cleared is owned',
      code: 'const a = setInterval(tick, 1);\nconst b = setInterval(tock, 1);\nexport function stop() { clearInterval(a); }',
      errors: [
        {
          messageId: 'unclearedInterval',
          ...at('const a = setInterval(tick, 1);\nconst b = setInterval(tock, 1);', 'setInterval', 1),
          suggestions: [
            {
              messageId: 'useSuperviseInterval',
              output: `${IMPORT}\nconst a = setInterval(tick, 1);\nconst b = supervise.interval('file.b', tock, 1);\nexport function stop() { clearInterval(a); }`,
            },
          ],
        },
      ],
    },
    discarded('(() => {\n  setInterval(tick, 1000);\n})();', 'inside an IIFE'),
    invalid('optional call', 'setInterval?.(tick, 1000);', 'discardedInterval', 'setInterval', {
      target: 'setInterval?.(tick, 1000)',
      replacement: "supervise.interval('file.tick', tick, 1000)",
      id: 'file.tick',
    }),
    discarded(
      "import { useEffect } from 'react';\nexport function Clock() {\n  useEffect(() => {\n    setInterval(tick, 1000);\n  }, []);\n  return <span />;\n}",
      'React effect without cleanup (tsx)',
      'react.tsx',
    ),
    discarded('setInterval(tick, 1000);', 'plain script', 'script.js'),
    discarded('await init();\nsetInterval(tick, 1000);', 'after top-level await', 'file.mjs'),
    discarded('const x = 1;\nsetInterval(tick, 1000);', 'jsx dialect', 'component.jsx'),
    invalid(
      'anonymous default-exported class',
      'export default class {\n  timer = setInterval(tick, 1);\n}',
      'unclearedInterval',
      'setInterval',
      { target: 'setInterval(tick, 1)', replacement: "supervise.interval('file.timer', tick, 1)", id: 'file.timer' },
    ),
    invalid('extra callback arguments: no suggestion', "setInterval(log, 10, 'tick');", 'discardedInterval', 'setInterval'),
    invalid('no delay: no suggestion', 'setInterval(tick);', 'discardedInterval', 'setInterval'),
    invalid(
      'runtime already imported',
      "import { tasks } from '@spawnguard/runtime';\nsetInterval(tick, 1000);",
      'discardedInterval',
      'setInterval',
      { target: 'setInterval(tick, 1000)', replacement: "supervise.interval('file.tick', tick, 1000)", id: 'file.tick' },
    ),
    {
      name: 'supervise already imported: no second import',
      code: `${IMPORT}\nsetInterval(tick, 1000);`,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 1,
          suggestions: [{ messageId: 'useSuperviseInterval', output: `${IMPORT}\nsupervise.interval('file.tick', tick, 1000);` }],
        },
      ],
    },
    invalid(
      'a callback nested in a task is not supervised by it',
      "import { tasks } from '@spawnguard/runtime';\ntasks.start(async () => {\n  emitter.on('x', () => { setInterval(tick, 1); });\n});",
      'discardedInterval',
      'setInterval',
      { target: 'setInterval(tick, 1)', replacement: "supervise.interval('file.tick', tick, 1)", id: 'file.tick' },
    ),
  ],
});

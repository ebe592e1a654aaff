import rule from '../../rules/no-unbounded-buffer.js';
import { testRuleInBothModes } from './rule-tester.js';
import { withImport } from './expected-import.js';

const FS = "import fs from 'node:fs';";
const OUT = `${FS}\nconst out = fs.createWriteStream('dump.log');`;
const ONCE_IMPORT = "import { once } from 'node:events';";

type MessageId = 'ignoredWriteInAsyncLoop' | 'ignoredWriteInLoop' | 'ignoredPushInLoop' | 'ignoredWriteInHandler' | 'unboundedQueue';

/** Line and column (1-based) of the first occurrence of `needle` in `code`. */
function at(code: string, needle: string): { line: number; column: number } {
  const index = code.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function invalid(name: string, code: string, messageId: MessageId, needle: string, filename?: string) {
  return { name, code, ...(filename ? { filename } : {}), errors: [{ messageId, ...at(code, needle) }] };
}

/** An async-loop write, with the suggestion replacing `statement` and adding the `once` import when `importLine` is given. */
function awaitable(name: string, code: string, statement: string, receiver: string, importLine: string | null, filename?: string) {
  const drain = `if (!${statement.replace(/^void /, '').replace(/;$/, '')}) await once(${receiver}, 'drain');`;
  // A loop's or an if's body is braced, so that an `else` after it keeps its own `if`.
  const isBody = /\)\s*$/.test(code.slice(0, code.indexOf(statement)));
  const replaced = code.replace(statement, isBody ? `{ ${drain} }` : drain);
  const output = importLine ? withImport(replaced, 'once', filename, 'node:events') : replaced;
  return {
    name,
    code,
    ...(filename ? { filename } : {}),
    errors: [
      {
        messageId: 'ignoredWriteInAsyncLoop' as const,
        ...at(code, statement.replace(/^void /, '')),
        suggestions: [{ messageId: 'awaitDrain' as const, output }],
      },
    ],
  };
}

testRuleInBothModes('no-unbounded-buffer', rule, {
  valid: [
    { name: 'write result checked, drain awaited', code: `${OUT}\n${ONCE_IMPORT}\nexport async function dump(rows: string[]) {\n  for (const row of rows) {\n    if (!out.write(row)) await once(out, 'drain');\n  }\n}` },
    { name: 'writableNeedDrain checked after the write', code: `${OUT}\n${ONCE_IMPORT}\nexport async function dump(rows: string[]) {\n  for (const row of rows) {\n    out.write(row);\n    if (out.writableNeedDrain) await once(out, 'drain');\n  }\n}` },
    { name: "s.once('drain') in the loop", code: `${OUT}\nexport function dump(rows: string[], next: () => void) {\n  for (const row of rows) {\n    out.write(row);\n    out.once('drain', next);\n  }\n}` },
    { name: 'a single write outside a loop', code: "import http from 'node:http';\nhttp.createServer((req, res) => { res.write('hello'); res.end(); });" },
    { name: 'array push in a loop', code: 'const list: number[] = [];\nfor (let i = 0; i < 10; i++) list.push(i);' },
    { name: 'a non-stream writer', code: "class Doc { write(s: string) {} }\nconst doc = new Doc();\nfor (const s of ['a']) doc.write(s);" },
    { name: 'queue bounded by a length check', code: "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst queue: unknown[] = [];\nbus.on('event', (e) => { if (queue.length < 1000) queue.push(e); });" },
    { name: 'queue drained with shift elsewhere', code: "declare const bus: NodeJS.EventEmitter;\nconst queue: unknown[] = [];\nbus.on('event', (e) => { queue.push(e); });\nexport function next() { return queue.shift(); }" },
    { name: 'queue drained with splice', code: "declare const bus: NodeJS.EventEmitter;\nconst queue: unknown[] = [];\nbus.on('event', (e) => queue.push(e));\nexport function flush() { send(queue.splice(0)); }" },
    { name: 'queue emptied with length = 0', code: "declare const bus: NodeJS.EventEmitter;\nconst queue: unknown[] = [];\nbus.on('event', (e) => queue.push(e));\nexport function reset() { queue.length = 0; }" },
    { name: 'queue reassigned on flush', code: "declare const bus: NodeJS.EventEmitter;\nlet queue: unknown[] = [];\nbus.on('event', (e) => queue.push(e));\nexport function flush() { const batch = queue; queue = []; return batch; }" },
    { name: 'class buffer spliced in flush()', code: 'class Batcher {\n  buffer: unknown[] = [];\n  onEvent(e: unknown) { this.buffer.push(e); }\n  flush() { return this.buffer.splice(0); }\n}' },
    { name: 'module array filled at start-up, not in a handler', code: "const routes: string[] = [];\nfor (const r of ['a', 'b']) routes.push(r);" },
    { name: 'a local array inside a handler', code: "declare const bus: NodeJS.EventEmitter;\nbus.on('event', (e) => { const batch: unknown[] = []; batch.push(e); });" },
    { name: 'supervise.queue', code: "import { supervise } from '@spawnguard/runtime';\ndeclare const bus: NodeJS.EventEmitter;\nconst queue = supervise.queue('events', { max: 100 });\nbus.on('event', (e) => queue.push(e));" },
    { name: 'queue handed to a consumer', code: "declare const bus: NodeJS.EventEmitter;\ndeclare function consume(q: unknown[]): void;\nconst events: unknown[] = [];\nbus.on('event', (e) => events.push(e));\nconsume(events);" },
    { name: 'exported queue is the importers’ to bound', code: "declare const bus: NodeJS.EventEmitter;\nexport const events: unknown[] = [];\nbus.on('event', (e) => events.push(e));" },
    { name: 'readable push result drives the loop', code: "import { Readable } from 'node:stream';\nconst r = new Readable({ read() {} });\nconst items = ['a'];\nlet i = 0;\nwhile (r.push(items[i++])) {}" },
    { name: 'process.stdout.write outside a loop', code: "process.stdout.write('done\\n');" },
    { name: 'forEach callback that waits for drain', code: `${OUT}\nexport function dump(rows: string[], resume: () => void) {\n  rows.forEach((row) => {\n    out.write(row);\n    if (out.writableLength > 1e6) out.once('drain', resume);\n  });\n}` },
    { name: 'a writer whose write returns a promise', code: 'declare const writer: WritableStreamDefaultWriter<string>;\nexport async function go(xs: string[]) { for (const x of xs) await writer.write(x); }' },
    { name: 'CommonJS with drain handling', filename: 'file.cjs', code: "const fs = require('fs');\nconst { once } = require('events');\nconst out = fs.createWriteStream('x');\nasync function dump(rows) {\n  for (const row of rows) if (!out.write(row)) await once(out, 'drain');\n}\nmodule.exports = { dump };" },
    { name: 'res.write with drain in tsx', filename: 'react.tsx', code: "import { once } from 'node:events';\nexport async function stream(res: any, rows: string[]) {\n  for (const row of rows) { if (!res.write(row)) await once(res, 'drain'); }\n}" },
    // The stream's own read(): one push per demand is how backpressure works (issue 9, FP6).
    { name: "push inside a Readable's object-literal read()", code: "import { Readable } from 'node:stream';\ndeclare function scan(cursor: string): Promise<[string, string[]]>;\nlet cursor = '0';\nconst readable = new Readable({\n  objectMode: true,\n  async read() {\n    while (true) {\n      const [next, keys] = await scan(cursor);\n      cursor = next;\n      if (keys.length > 0) {\n        readable.push(keys);\n        if (cursor === '0') readable.push(null);\n        return;\n      }\n      if (cursor === '0') {\n        readable.push(null);\n        return;\n      }\n    }\n  },\n});\nexport { readable };" },
    { name: "push in a loop inside a Readable subclass's _read()", code: "import { Readable } from 'node:stream';\nclass Rows extends Readable {\n  rows: string[] = [];\n  _read(size: number) {\n    for (const row of this.rows.splice(0, size)) this.push(row);\n  }\n}\nexport { Rows };" },
    // Held-out check (signalk-server's liners): a Transform holds the next write until its readable side drains.
    { name: "push in a loop inside a Transform subclass's _transform()", code: "import { Transform, type TransformCallback } from 'node:stream';\nclass Liner extends Transform {\n  _transform(chunk: Buffer, encoding: BufferEncoding, done: TransformCallback) {\n    for (const line of chunk.toString().split('\\n')) this.push(line);\n    done();\n  }\n}\nexport { Liner };" },
    { name: "push in a loop inside a Transform's object-literal transform() and flush()", code: "import { Transform } from 'node:stream';\nexport const liner = new Transform({\n  transform(chunk, encoding, done) {\n    for (const line of String(chunk).split('\\n')) liner.push(line);\n    done();\n  },\n  flush(done) {\n    for (const line of ['a', 'b']) liner.push(line);\n    done();\n  },\n});" },
    // Found by the project's own lint: a name that ends in the letters of "readable" is not a stream's.
    { name: 'push in a loop on a field named unreadable', code: 'export function collect(selection: { unreadable: string[] }, files: string[]) {\n  for (const file of files) selection.unreadable.push(file);\n}' },
    { name: 'push(null) ends each stream', code: "import { Readable } from 'node:stream';\nconst sources = [new Readable({ read() {} })];\nfor (const source of sources) source.push(null);" },
    // One reply per run of the loop, then return (the identd shape).
    { name: 'one write then return inside the loop', code: "import net from 'node:net';\ndeclare const connections: Map<string, { user: string; port: number }>;\nexport function reply(socket: net.Socket, port: number) {\n  for (const connection of connections.values()) {\n    if (connection.port === port) {\n      socket.write(`USERID : ${connection.user}\\r\\n`);\n      return;\n    }\n  }\n  socket.write('ERROR\\r\\n');\n}" },
    // Text already in memory printed to the process's output (a CLI's flush).
    { name: 'lines held in memory printed to stdout', code: "export function print(lines: string[]) {\n  for (const line of lines) process.stdout.write(line + '\\n');\n}" },
    { name: "a CLI's buffered output flushed to its output stream", code: "import type { Writable } from 'node:stream';\nexport class OutputWriter {\n  private buffers: string[][] = [];\n  constructor(private readonly outputStream: Writable) {}\n  flush(index: number) {\n    this.buffers[index]!.forEach((text) => this.outputStream.write(text));\n    this.buffers[index] = [];\n  }\n}" },
    // Per-event writes that are not a pipe without backpressure.
    { name: 'a reply on the socket the data came from', code: "import net from 'node:net';\nnet.createServer((socket) => {\n  socket.on('data', (query) => {\n    socket.write(`echo ${String(query)}`);\n  });\n});" },
    { name: 'a data handler that pauses the source when the writer is full', code: `${OUT}\nimport type { Readable } from 'node:stream';\nexport function copy(source: Readable) {\n  source.on('data', (chunk) => {\n    out.write(chunk);\n    if (out.writableNeedDrain) source.pause();\n  });\n  out.on('drain', () => source.resume());\n}` },
    { name: 'a handler writing a constant, not the payload', code: `${OUT}\ndeclare const bus: NodeJS.EventEmitter;\nbus.on('tick', () => {\n  out.write('tick\\n');\n});` },
    { name: 'a once listener writes once', code: `${OUT}\nimport type { Readable } from 'node:stream';\nexport function first(source: Readable) {\n  source.once('data', (chunk) => out.write(chunk));\n}` },
    { name: 'a Set in a handler is not an array queue', code: "declare const bus: NodeJS.EventEmitter;\nconst seen = new Set<string>();\nbus.on('id', (id: string) => seen.add(id));" },
    { name: 'a variable named stream holding an array', code: "const stream: string[] = [];\nfor (const x of ['a']) stream.push(x);" },
    { name: 'queue with a clear() method... on a class field reassigned', code: 'class Log {\n  entries: string[] = [];\n  onLine(line: string) { this.entries.push(line); }\n  clear() { this.entries = []; }\n}' },
  ],
  invalid: [
    awaitable('async for-of write, once imported by the fix', `${OUT}\nexport async function dump(rows: string[]) {\n  for (const row of rows) {\n    out.write(row);\n  }\n}`, 'out.write(row);', 'out', ONCE_IMPORT),
    invalid('sync for loop', `${OUT}\nexport function dump(n: number) {\n  for (let i = 0; i < n; i++) out.write(String(i));\n}`, 'ignoredWriteInLoop', 'out.write'),
    awaitable(
      'HTTP response in an async handler while loop',
      "import http from 'node:http';\nhttp.createServer(async (req, res) => {\n  let page = 0;\n  while (page < 100) {\n    res.write(await load(page++));\n  }\n  res.end();\n});",
      'res.write(await load(page++));',
      'res',
      ONCE_IMPORT,
    ),
    invalid('forEach arrow body', "import net from 'node:net';\nconst socket = net.connect(80);\nexport function send(rows: string[]) { rows.forEach((r) => socket.write(r)); }", 'ignoredWriteInLoop', 'socket.write'),
    invalid('forEach block body in an async function', `${OUT}\nexport async function dump(rows: string[]) {\n  rows.forEach((r) => {\n    out.write(r);\n  });\n}`, 'ignoredWriteInLoop', 'out.write'),
    // Standard output fed by a producer that awaits is still unbounded.
    awaitable('process.stdout fed by an async source', "export async function print(source: AsyncIterable<string>) {\n  for await (const chunk of source) process.stdout.write(chunk);\n}", 'process.stdout.write(chunk);', 'process.stdout', ONCE_IMPORT),
    // Recall (issue 9): a write per incoming event, the pipe without backpressure.
    invalid('a data handler forwarding each chunk to a file', `${OUT}\nimport type { Readable } from 'node:stream';\nexport function copy(source: Readable) {\n  source.on('data', (chunk) => out.write(chunk));\n}`, 'ignoredWriteInHandler', 'out.write'),
    invalid('a child process output relayed to stdout', "import { fork } from 'node:child_process';\nconst child = fork('worker.js', [], { silent: true });\nchild.stdout?.on('data', (data) => {\n  process.stdout.write(data);\n});", 'ignoredWriteInHandler', 'process.stdout.write'),
    invalid('a message handler relaying to a socket', "import net from 'node:net';\ndeclare const bus: NodeJS.EventEmitter;\nconst socket = net.connect(80);\nbus.on('message', function (message: string) {\n  socket.write(JSON.stringify({ message }));\n});", 'ignoredWriteInHandler', 'socket.write'),
    // Only a write that ends the loop's run is single; a push that is not the stream's own read() stays.
    invalid('a write before a conditional return', `${OUT}\nexport function dump(rows: string[]) {\n  for (const row of rows) {\n    out.write(row);\n    if (!row) return;\n  }\n}`, 'ignoredWriteInLoop', 'out.write'),
    awaitable('module top level (top-level await) without braces', `${OUT}\nconst lines = ['a', 'b'];\nfor (const l of lines) out.write(l);`, 'out.write(l);', 'out', ONCE_IMPORT),
    invalid('CommonJS top level cannot await', "const fs = require('fs');\nconst out = fs.createWriteStream('x');\nfor (const l of ['a']) out.write(l);", 'ignoredWriteInLoop', 'out.write', 'file.cjs'),
    awaitable(
      'PassThrough in a do-while',
      "import { PassThrough } from 'node:stream';\nconst pass = new PassThrough();\nexport async function fill() {\n  let i = 0;\n  do { pass.write(String(i)); } while (++i < 10);\n}",
      'pass.write(String(i));',
      'pass',
      ONCE_IMPORT,
    ),
    awaitable(
      'this.stream in a class method',
      "import type { Writable } from 'node:stream';\nclass Exporter {\n  constructor(private stream: Writable) {}\n  async export(rows: string[]) {\n    for (const row of rows) {\n      this.stream.write(row);\n    }\n  }\n}",
      'this.stream.write(row);',
      'this.stream',
      ONCE_IMPORT,
    ),
    awaitable('void write on a socket', "import net from 'node:net';\nconst socket = net.connect(80);\nexport async function send(rows: string[]) {\n  for (const r of rows) void socket.write(r);\n}", 'void socket.write(r);', 'socket', ONCE_IMPORT),
    invalid('push in a loop on a name whose last word is Readable', 'declare const bodyReadable: any;\nexport function feed(chunks: string[]) {\n  for (const chunk of chunks) bodyReadable.push(chunk);\n}', 'ignoredPushInLoop', 'bodyReadable.push'),
    invalid('write in a loop on an upper-case stream name', 'declare const LOG_STREAM: any;\nexport function dump(lines: string[]) {\n  for (const line of lines) LOG_STREAM.write(line);\n}', 'ignoredWriteInLoop', 'LOG_STREAM.write'),
    invalid('readable push in a loop', "import { Readable } from 'node:stream';\nconst source = new Readable({ read() {} });\nfor (const x of ['a', 'b']) source.push(x);", 'ignoredPushInLoop', 'source.push'),
    awaitable('once already imported', `${OUT}\n${ONCE_IMPORT}\nexport async function dump(rows: string[]) {\n  for (const row of rows) out.write(row);\n}`, 'out.write(row);', 'out', null),
    invalid('once taken by something else: no suggestion', `${OUT}\nconst once = (f: () => void) => f;\nexport async function dump(rows: string[]) {\n  for (const row of rows) out.write(row);\n}`, 'ignoredWriteInAsyncLoop', 'out.write'),
    invalid('module queue filled by an emitter handler', "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nconst events: unknown[] = [];\nbus.on('event', (e) => { events.push(e); });", 'unboundedQueue', 'events.push'),
    invalid('queue filled by an Express route', "declare const app: { post(path: string, h: (req: any, res: any) => void): void };\nconst audit: unknown[] = [];\napp.post('/audit', (req, res) => {\n  audit.push(req.body);\n  res.end();\n});", 'unboundedQueue', 'audit.push'),
    invalid('class field filled in onMessage', 'class Inbox {\n  pending: string[] = [];\n  onMessage(msg: string) { this.pending.push(msg); }\n  count() { return this.pending.length; }\n}', 'unboundedQueue', 'this.pending.push'),
    invalid('http.createServer handler', "import http from 'node:http';\nconst hits: string[] = [];\nhttp.createServer((req, res) => { hits.push(req.url ?? ''); res.end(); });", 'unboundedQueue', 'hits.push'),
    invalid('private field in handleEvent', 'class Recorder {\n  #buffer: unknown[] = [];\n  handleEvent(e: unknown) { this.#buffer.push(e); }\n}', 'unboundedQueue', 'this.#buffer.push'),
    invalid('CommonJS queue in process.on', "const messages = [];\nprocess.on('message', (m) => { messages.push(m); });", 'unboundedQueue', 'messages.push', 'file.cjs'),
    invalid('iterated but never emptied', "declare const bus: NodeJS.EventEmitter;\nconst log: string[] = [];\nbus.on('line', (l: string) => log.push(l));\nexport function dump() { for (const l of log) console.log(l); }", 'unboundedQueue', 'log.push'),
    awaitable('for-await loop in an async arrow', `${OUT}\nexport const copy = async (source: AsyncIterable<string>) => {\n  for await (const chunk of source) out.write(chunk);\n};`, 'out.write(chunk);', 'out', ONCE_IMPORT),
    // `once` is merged into the file's import of node:events, beside the alias it already has.
    awaitable('response in an .mjs file', "import { once as onceAgain } from 'node:events';\nexport async function send(res, rows) {\n  for (const r of rows) { res.write(r); }\n}", 'res.write(r);', 'res', ONCE_IMPORT, 'file.mjs'),
    invalid('for-in over keys, sync', "import { Writable } from 'node:stream';\nconst sink = new Writable();\nexport function keys(o: object) { for (const k in o) sink.write(k); }", 'ignoredWriteInLoop', 'sink.write'),
    invalid('JSX dialect', "import fs from 'node:fs';\nconst logStream = fs.createWriteStream('x');\nexport function log(lines) { for (const l of lines) logStream.write(l); }", 'ignoredWriteInLoop', 'logStream.write', 'component.jsx'),
    invalid('length read for logging is not a bound', "declare const bus: NodeJS.EventEmitter;\nconst q: unknown[] = [];\nbus.on('x', (e) => { q.push(e); console.log(q.length); });", 'unboundedQueue', 'q.push'),
  ],
  typedOnly: {
    valid: [
      { name: 'typed: a `stream` that is an array of strings', code: "declare const stream: string[];\nfor (const x of ['a']) stream.push(x);" },
    ],
    invalid: [
      // `this` is a stream only to the checker; a push outside read()/_read() is not an answer to demand.
      invalid('typed: a Transform pushing in a loop outside _transform/_flush', "import { Transform } from 'node:stream';\nclass Liner extends Transform {\n  feed(lines: string[]) {\n    for (const line of lines) this.push(line);\n  }\n}\nexport { Liner };", 'ignoredPushInLoop', 'this.push'),
      invalid('typed: readable push in a loop inside a method not named read', "import { Readable } from 'node:stream';\nclass Feed extends Readable {\n  load(rows: string[]) {\n    for (const row of rows) this.push(row);\n  }\n}", 'ignoredPushInLoop', 'this.push'),
      {
        name: 'typed: a Writable parameter with an unremarkable name',
        code: "import type { Writable } from 'node:stream';\nexport function dump(dest: Writable, xs: string[]) {\n  for (const x of xs) dest.write(x);\n}",
        errors: [{ messageId: 'ignoredWriteInLoop', line: 3, column: 23 }],
      },
    ],
  },
});

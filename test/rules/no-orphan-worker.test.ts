import rule, { strictOptions } from '../../rules/no-orphan-worker.js';
import { testRuleInBothModes } from './rule-tester.js';
import { withImport } from './expected-import.js';

const IMPORT = "import { supervise } from '@spawnguard/runtime';";
const CP = "import { spawn, exec, execFile, fork } from 'node:child_process';";
const WT = "import { Worker } from 'node:worker_threads';";
const CLUSTER = "import cluster from 'node:cluster';";

type MessageId = 'droppedWorker' | 'droppedProcess' | 'droppedClusterWorker' | 'missingHandlers' | 'neverTerminated';

/** Line and column (1-based) of the first occurrence of `needle` in `code`. */
function at(code: string, needle: string): { line: number; column: number } {
  const index = code.indexOf(needle);
  if (index < 0) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** `code` with `target` wrapped in `supervise.<child>(id, () => target)` and the runtime import added. */
/** A child process that runs once (rewrite/shapes.ts `spawnLifetime`) is supervised as `temporary`. */
type Child = 'worker' | 'process' | 'one-shot process';

function supervised(code: string, target: string, child: Child, id: string, filename = 'file.ts'): string {
  const index = code.indexOf(target);
  const call = child === 'one-shot process' ? `supervise.process('${id}', () => ${target}, { restart: 'temporary' })` : `supervise.${child}('${id}', () => ${target})`;
  return withImport(`${code.slice(0, index)}${call}${code.slice(index + target.length)}`, 'supervise', filename);
}

function invalid(
  name: string,
  code: string,
  messageId: MessageId,
  needle: string,
  extra: { filename?: string; strict?: boolean; data?: Record<string, string>; supervisedWorker?: { target: string; id: string } } = {},
) {
  const suggestions = extra.supervisedWorker && [
    {
      messageId: 'useSuperviseWorker' as const,
      data: { id: extra.supervisedWorker.id },
      output: supervised(code, extra.supervisedWorker.target, 'worker', extra.supervisedWorker.id, extra.filename),
    },
  ];
  return {
    name,
    code,
    ...(extra.filename ? { filename: extra.filename } : {}),
    ...(extra.strict ? { options: strictOptions } : {}),
    errors: [{ messageId, ...at(code, needle), ...(extra.data ? { data: extra.data } : {}), ...(suggestions ? { suggestions } : {}) }],
  };
}

function dropped(name: string, code: string, target: string, child: Child, id: string, filename?: string) {
  return {
    name,
    code,
    ...(filename ? { filename } : {}),
    errors: [
      {
        messageId: child === 'worker' ? ('droppedWorker' as const) : ('droppedProcess' as const),
        ...at(code, target),
        suggestions: [
          {
            messageId: child === 'worker' ? ('useSuperviseWorker' as const) : ('useSuperviseProcess' as const),
            data: { id },
            output: supervised(code, target, child, id, filename),
          },
        ],
      },
    ],
  };
}

testRuleInBothModes('no-orphan-worker', rule, {
  valid: [
    {
      name: 'module worker handled and terminated by an exported stop',
      code: `${WT}\nconst worker = new Worker('./resize.js');\nworker.on('error', console.error);\nworker.on('exit', (code) => console.log(code));\nexport async function stop() { await worker.terminate(); }`,
    },
    {
      name: 'class owns its worker: handlers in start, terminate in close',
      code: `${WT}\nclass Resizer {\n  private worker?: Worker;\n  start() {\n    this.worker = new Worker('./resize.js');\n    this.worker.on('error', (e) => this.fail(e));\n    this.worker.once('exit', () => this.restart());\n  }\n  async close() { await this.worker?.terminate(); }\n  fail(e: unknown) {}\n  restart() {}\n}`,
    },
    {
      name: 'class field initialiser with chained handlers, Symbol.asyncDispose terminates',
      code: `${WT}\nclass Pool {\n  #worker = new Worker('./w.js').on('error', report).on('exit', report);\n  async [Symbol.asyncDispose]() { await this.#worker.terminate(); }\n}`,
    },
    {
      name: 'joined: a local child awaited to its close',
      code: `${CP}\nexport function run(cmd: string) {\n  return new Promise((resolve, reject) => {\n    const child = spawn(cmd);\n    child.on('error', reject);\n    child.on('close', resolve);\n  });\n}`,
    },
    // issue 9: a child in the foreground of the user's terminal (stdio inherited): the terminal supervises it
    { name: 'an editor opened with stdio inherit', code: `${CP}\nexport function edit(file: string) {\n  const child = spawn(process.env.EDITOR || 'vi', [file], { stdio: 'inherit' });\n  child.on('error', () => console.error('no editor'));\n}` },
    { name: 'a developer script running docker in the foreground', code: `${CP}\nspawn('docker', ['run', '--rm', '-it', 'image'], { stdio: ['inherit', 'inherit', 'inherit'] });` },
    // issue 9: exec runs its command through a shell: its exit code is its failure, an exit handler sees it
    { name: 'exec awaited through its exit handler', code: `${CP}\nexport function install() {\n  return new Promise<void>((resolve, reject) => {\n    const child = exec('apt install chromium');\n    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(String(code)))));\n  });\n}` },
    { name: 'exec with a callback', code: `${CP}\nexec('git status', (error, stdout) => console.log(error, stdout));` },
    { name: 'execFile with a callback reference', code: `${CP}\ndeclare function done(e: unknown): void;\nexecFile('ls', ['-l'], done);` },
    { name: 'Sync variants', code: "import { spawnSync, execSync, execFileSync } from 'node:child_process';\nspawnSync('ls');\nexecSync('ls');\nexecFileSync('ls');" },
    { name: 'returned worker is the caller’s', code: `${WT}\nexport function startWorker() { return new Worker('./w.js'); }` },
    { name: 'worker passed to a pool', code: `${WT}\ndeclare const pool: { add(w: Worker): void };\npool.add(new Worker('./w.js'));` },
    { name: 'supervise.worker', code: `${IMPORT}\n${WT}\nsupervise.worker('img.resize', () => new Worker('./resize.js'));` },
    { name: 'supervise.process with a block body', code: `${IMPORT}\n${CP}\nsupervise.process('ffmpeg', () => { return spawn('ffmpeg'); });` },
    { name: 'inside a runtime task', code: `import { tasks } from '@spawnguard/runtime';\n${CP}\ntasks.start(async () => { spawn('ls'); });` },
    { name: 'chained handlers on a dropped child are joined', code: `${CP}\nspawn('ls').on('error', console.error).on('exit', console.log);` },
    {
      name: 'events.once for exit, on for error, inside an async function',
      code: `${WT}\nimport { once } from 'node:events';\nexport async function runJob() {\n  const w = new Worker('./job.js');\n  w.on('error', console.error);\n  await once(w, 'exit');\n}`,
    },
    {
      name: 'process.kill(child.pid)',
      code: `${CP}\nconst child = spawn('server');\nchild.on('error', console.error);\nchild.on('exit', console.log);\nprocess.on('SIGTERM', () => process.kill(child.pid!));`,
    },
    {
      name: 'signal option kills the child',
      code: `${CP}\nconst controller = new AbortController();\nconst child = spawn('tail', ['-f', 'log'], { signal: controller.signal });\nchild.on('error', console.error);\nchild.on('exit', console.log);`,
    },
    { name: 'a local class called Worker', code: "class Worker { constructor(public file: string) {} }\nnew Worker('x');" },
    {
      name: 'cluster worker handled and disconnected',
      code: `${CLUSTER}\nconst w = cluster.fork();\nw.on('error', console.error);\nw.on('exit', console.log);\nprocess.on('SIGTERM', () => w.disconnect());`,
    },
    // Held-out check (socket.io's cluster examples): the cluster's own 'exit' event reports every worker's death.
    {
      name: "dropped cluster workers whose deaths the cluster's exit listener sees (and replaces)",
      code: `${CLUSTER}\nif (cluster.isPrimary) {\n  for (let i = 0; i < 4; i++) cluster.fork();\n  cluster.on('exit', (worker) => {\n    console.log('worker died', worker.process.pid);\n    cluster.fork();\n  });\n}`,
    },
    {
      // issue 9 (s9, deepstream.io and Haraka): the cluster's 'exit' listener forks a replacement, so the
      // cluster object supervises every worker, kept in a Set or sent a message as well.
      name: "cluster workers kept in a Set, replaced by the cluster's exit listener",
      code: `${CLUSTER}\nconst workers = new Set<unknown>();\nfor (let i = 0; i < 4; i++) workers.add(cluster.fork());\ncluster.on('exit', (worker) => {\n  workers.delete(worker);\n  workers.add(cluster.fork());\n});`,
    },
    {
      name: "a replacement worker sent a message in the cluster's exit listener, a function of the file",
      code: `${CLUSTER}\nfunction onExit(worker: { process: { pid?: number } }, code: number) {\n  if (code !== 0) {\n    const replacement = cluster.fork({ PARENT: process.pid });\n    replacement.send({ event: 'load_queue', pid: worker.process.pid });\n  }\n}\nconst first = cluster.fork();\nfirst.send({ event: 'start' });\ncluster.on('exit', onExit);`,
    },
    {
      // Haraka's daemonize: a detached re-exec of itself, let go, and the parent exits at once.
      name: 'a detached, unref\'d daemon child after which the parent exits',
      code: `${CP}\nexport function daemonize() {\n  if (!process.env.__daemon) {\n    const child = spawn(process.execPath, process.argv.slice(1), { detached: true, stdio: 'ignore', env: { ...process.env, __daemon: '1' } });\n    child.unref();\n    process.exit(0);\n  }\n}`,
    },
    {
      // zipline's thumbnail workers: one-shot, the 'error' listener hears a crash (its uncaught exception).
      name: "a one-shot worker thread with a chained 'error' listener",
      code: `${WT}\nexport function thumbs(chunks: unknown[][]) {\n  for (const chunk of chunks) {\n    new Worker('./thumbnail.js', { workerData: { videos: chunk } }).on('error', (err) => console.error(err));\n  }\n}`,
    },
    {
      name: "a CommonJS cluster with a once('exit') listener",
      code: "const cluster = require('cluster');\ncluster.fork();\ncluster.once('exit', () => process.exit(1));",
      filename: 'file.cjs',
    },
    {
      name: 'handled worker handed to a collection',
      code: `${WT}\nclass Pool {\n  workers: Worker[] = [];\n  add() {\n    const w = new Worker('./w.js');\n    w.on('error', console.error);\n    w.on('exit', console.log);\n    this.workers.push(w);\n  }\n}`,
    },
    {
      name: 'collection terminated element by element',
      code: `${WT}\nclass Pool {\n  workers: Worker[] = [];\n  add() { this.workers.push(new Worker('./w.js').on('error', report).on('exit', report)); }\n  close() { return Promise.all(this.workers.map((w) => w.terminate())); }\n}`,
    },
    {
      name: 'CommonJS fork owned by the module',
      filename: 'file.cjs',
      code: "const { fork } = require('child_process');\nconst c = fork('./job.js');\nc.on('error', console.error);\nc.on('exit', console.log);\nmodule.exports.stop = () => c.kill();",
    },
    { name: 'exec with a timeout and a callback', code: `${CP}\nexec('make', { timeout: 10_000 }, (error) => console.log(error));` },
    { name: 'a web Worker in a browser component (tsx)', filename: 'react.tsx', code: "export function App() {\n  const w = new Worker('/sw.js');\n  return <div />;\n}" },
    { name: 'worker stored on another object', code: `${WT}\nconst jobs = { resize: new Worker('./r.js') };` },
    { name: 'worker passed to a constructor', code: `${WT}\ndeclare class Pool { constructor(w: Worker) }\nconst pool = new Pool(new Worker('./w.js'));` },
    {
      name: 'spawn via a CommonJS member require with chained handlers',
      filename: 'file.cjs',
      code: "const spawn = require('child_process').spawn;\nspawn('ls').once('error', console.error).once('close', console.log);",
    },
  ],
  invalid: [
    dropped('dropped worker', `${WT}\nnew Worker('./resize.js');`, "new Worker('./resize.js')", 'worker', 'file.resize'),
    dropped('dropped spawn', `${CP}\nspawn('ffmpeg', ['-i', 'in.mp4']);`, "spawn('ffmpeg', ['-i', 'in.mp4'])", 'one-shot process', 'file.ffmpeg'),
    // Missed before (issue 9): the common spawn wrapper.
    dropped('dropped cross-spawn', "import spawn from 'cross-spawn';\nspawn('ffmpeg', ['-i', 'in.mp4']);", "spawn('ffmpeg', ['-i', 'in.mp4'])", 'one-shot process', 'file.ffmpeg'),
    dropped('namespace fork', "import * as cp from 'node:child_process';\ncp.fork('./job.js');", "cp.fork('./job.js')", 'process', 'file.job'),
    dropped('exec without a callback', `${CP}\nexec('make');`, "exec('make')", 'one-shot process', 'file.make'),
    dropped('void spawn', `${CP}\nvoid spawn(cmd);`, 'spawn(cmd)', 'one-shot process', 'file.process'),
    invalid('dropped cluster worker', `${CLUSTER}\nif (cluster.isPrimary) cluster.fork();`, 'droppedClusterWorker', 'cluster.fork()'),
    invalid("a cluster listening to another event than 'exit'", `${CLUSTER}\ncluster.fork();\ncluster.on('online', (worker) => console.log(worker.id));`, 'droppedClusterWorker', 'cluster.fork()'),
    invalid("an 'exit' listener on something else than the cluster", `${CLUSTER}\nimport { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\ncluster.fork();\nbus.on('exit', () => cluster.fork());`, 'droppedClusterWorker', 'cluster.fork()'),
    invalid('stored worker without handlers', `${WT}\nconst worker = new Worker('./w.js');\nworker.postMessage('go');`, 'missingHandlers', 'new Worker', {
      data: {
        spawn: 'new Worker',
        kind: 'worker thread',
        missing: "an `'error'` and an `'exit'` handler",
        stop: 'terminate()',
        owner: 'this module',
        storage: 'worker',
        runtimeChild: 'worker',
        id: 'file.worker',
      },
      // Used only through what the runtime's worker handle also offers: the handle stands in for it.
      supervisedWorker: { target: "new Worker('./w.js')", id: 'file.worker' },
    }),
    invalid(
      'stored worker used beyond what the handle offers (its stdout): no rewrite',
      `${WT}\nconst worker = new Worker('./w.js', { stdout: true });\nworker.stdout.pipe(process.stdout);`,
      'missingHandlers',
      'new Worker',
    ),
    invalid('only an error handler', `${CP}\nconst child = spawn('ls');\nchild.on('error', console.error);`, 'missingHandlers', 'spawn(', {
      data: {
        spawn: 'spawn',
        kind: 'child process',
        missing: "an `'exit'` handler",
        stop: 'kill()',
        owner: 'this module',
        storage: 'child',
        runtimeChild: 'process',
        id: 'file.child',
      },
    }),
    invalid('only an exit handler', `${WT}\nexport function go() {\n  const w = new Worker('./w.js');\n  w.on('exit', console.log);\n}`, 'missingHandlers', 'new Worker', {
      supervisedWorker: { target: "new Worker('./w.js')", id: 'file.w' },
    }),
    // issue 9 counterparts: output piped is not the foreground; spawn (no shell) still needs its 'error' handler
    invalid('stdio piped, no handlers', `${CP}\nexport function edit(file: string) {\n  const child = spawn('vi', [file], { stdio: 'pipe' });\n  child.on('error', console.error);\n}`, 'missingHandlers', 'spawn('),
    invalid('spawn with only an exit handler', `${CP}\nexport function install() {\n  const child = spawn('apt', ['install']);\n  child.on('exit', console.log);\n}`, 'missingHandlers', 'spawn('),
    invalid('chained error handler only', `${CP}\nspawn('ls').on('error', console.error);`, 'missingHandlers', 'spawn('),
    invalid(
      'class field with handlers never terminated',
      `${WT}\nclass Thumbs {\n  worker = new Worker('./t.js').on('error', report).on('exit', report);\n  close() {}\n}`,
      'neverTerminated',
      'new Worker',
      { supervisedWorker: { target: "new Worker('./t.js')", id: 'file.worker' } },
    ),
    invalid(
      'a worker kept in a field declared Worker: no suggestion (the runtime handle is not a Worker to the type checker)',
      `${WT}\nexport class Pool {\n  private worker: Worker | undefined;\n  start() {\n    this.worker = new Worker('./job.js');\n    this.worker.on('error', console.error);\n    this.worker.on('exit', console.log);\n  }\n}`,
      'neverTerminated',
      'new Worker',
    ),
    invalid(
      'module child with handlers never killed',
      `${CP}\nconst server = spawn('redis-server');\nserver.on('error', console.error);\nserver.on('exit', console.log);`,
      'neverTerminated',
      'spawn(',
    ),
    invalid(
      'strict: a joined local child must still be killed',
      `${CP}\nexport function run() {\n  const child = spawn('ls');\n  child.on('error', console.error);\n  child.on('close', console.log);\n}`,
      'neverTerminated',
      'spawn(',
      { strict: true },
    ),
    invalid('strict: exec with a callback', `${CP}\nexec('ls', (error) => console.log(error));`, 'neverTerminated', 'exec(', { strict: true }),
    dropped('CommonJS destructured fork', "const { fork } = require('child_process');\nfork('./job.js');", "fork('./job.js')", 'process', 'file.job', 'file.cjs'),
    dropped('aliased Worker import', "import { Worker as Thread } from 'node:worker_threads';\nnew Thread('./w.js');", "new Thread('./w.js')", 'worker', 'file.w'),
    dropped('default import member', "import wt from 'worker_threads';\nnew wt.Worker('./w.js');", "new wt.Worker('./w.js')", 'worker', 'file.w'),
    dropped(
      'dynamic import after top-level await',
      "const { Worker } = await import('node:worker_threads');\nnew Worker('./w.js');",
      "new Worker('./w.js')",
      'worker',
      'file.w',
      'file.mjs',
    ),
    invalid('inside an async IIFE', `${CP}\n(async () => {\n  const c = spawn('ls');\n})();`, 'missingHandlers', 'spawn('),
    invalid('non-literal event names do not count', `${CP}\nconst ev = 'error';\nconst c = spawn('ls');\nc.on(ev, console.error);`, 'missingHandlers', 'spawn('),
    invalid('stored cluster worker without handlers', `${CLUSTER}\nconst w = cluster.fork();\nw.send('hi');`, 'missingHandlers', 'cluster.fork()'),
    // Where the s9 supervision shapes stop: an exit listener that only logs does not supervise a kept
    // worker; a detached child the parent keeps running beside; a worker thread kept without an exit handler.
    invalid("a kept cluster worker whose exit listener only logs", `${CLUSTER}\nconst w = cluster.fork();\nw.send('hi');\ncluster.on('exit', (worker) => console.log('died', worker.id));`, 'missingHandlers', 'cluster.fork()'),
    invalid(
      'a detached, unref\'d child whose parent runs on',
      `${CP}\nexport function startHelper() {\n  const child = spawn('helper', [], { detached: true, stdio: 'ignore' });\n  child.unref();\n  console.log('started');\n}`,
      'missingHandlers',
      'spawn(',
    ),
    invalid(
      "a worker thread kept in a variable with only an 'error' listener",
      `${WT}\nconst worker = new Worker('./w.js');\nworker.on('error', console.error);\nworker.postMessage('go');`,
      'missingHandlers',
      'new Worker',
      { supervisedWorker: { target: "new Worker('./w.js')", id: 'file.worker' } },
    ),
    dropped(
      'a callback nested in a task is not supervised',
      `import { tasks } from '@spawnguard/runtime';\n${CP}\ntasks.start(async () => {\n  emitter.on('x', () => { spawn('y'); });\n});`,
      "spawn('y')",
      'one-shot process',
      'file.y',
    ),
    invalid(
      'this.child with handlers, stop() forgets to kill',
      `${CP}\nimport type { ChildProcess } from 'node:child_process';\nclass Server {\n  child?: ChildProcess;\n  start() {\n    this.child = spawn('node', ['srv.js']);\n    this.child.on('error', console.error).on('exit', console.log);\n  }\n  stop() { this.child = undefined; }\n}`,
      'neverTerminated',
      'spawn(',
    ),
    invalid('stdout listeners are not error/exit handling', `${CP}\nconst c = spawn('tail');\nc.stdout.on('data', console.log);`, 'missingHandlers', 'spawn('),
    dropped('optional chaining on the module', "import * as cp from 'node:child_process';\ncp?.spawn('ls');", "cp?.spawn('ls')", 'one-shot process', 'file.ls'),
    dropped('plain script with require', "const cp = require('child_process');\ncp.spawn('ls');", "cp.spawn('ls')", 'one-shot process', 'script.ls', 'script.js'),
    dropped('JSX dialect', `${WT}\nnew Worker('./w.js');`, "new Worker('./w.js')", 'worker', 'component.w', 'component.jsx'),
  ],
});

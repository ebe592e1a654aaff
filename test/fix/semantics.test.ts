import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixSource } from '../../src/fix/transform.js';
import { typeErrorsOf } from './support/type-check.js';

/**
 * Rewrites that survived but changed what the code does, found running `spawnguard fix` on real
 * projects (issue 13): each such place is left to a human, with the reason.
 */
function projectWith(manifest: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), 'spawnguard-semantics-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify(manifest));
  return root;
}
const application = projectWith({ name: 'app', private: true });
const library = projectWith({ name: 'lib', main: './index.js' });

const fix = (source: string, file = 'module.ts', root = application) => fixSource(source, join(root, file), undefined, { root });
const reasons = (result: ReturnType<typeof fix>) => result.remaining.map((finding) => finding.leftBecause);

describe('a listener whose identity is used elsewhere is not wrapped', () => {
  it('a named handler later passed to off()', () => {
    const source = [
      "import { EventEmitter } from 'node:events';",
      'const bus = new EventEmitter();',
      'async function onMessage(message: string) { await Promise.resolve(message); }',
      "bus.on('message', onMessage);",
      "export function stop() { bus.off('message', onMessage); }",
      '',
    ].join('\n');
    const result = fix(source);
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringContaining('identity')]);
  });

  it('an anonymous handler is still wrapped', () => {
    const source = "import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('message', async (m: string) => { await Promise.resolve(m); });\n";
    expect(fix(source).output).toContain('tasks.callback(async (m: string)');
  });
});

describe('intentional, commented swallows are kept', () => {
  it('a .catch explained by its comment is not turned into report(...)', () => {
    const source = 'export function close(socket: { end(): Promise<void> }) {\n  // already closed by the peer: nothing to do\n  socket.end().catch(() => {});\n}\n';
    const result = fix(source);
    expect(result.output).toBeNull();
    // no-swallowed-error itself takes the comment as the reason: there is no finding to leave to a human.
    expect(reasons(result)).toEqual([]);
  });
});

describe('tasks.start does not bypass the project’s own error path', () => {
  it('a floating call inside a try block with a catch is left alone', () => {
    const source = [
      'async function send(): Promise<void> {}',
      'declare const logger: { error(e: unknown): void };',
      'export function run() {',
      '  try {',
      '    send();',
      '  } catch (error) {',
      '    logger.error(error);',
      '  }',
      '}',
      '',
    ].join('\n');
    const result = fix(source);
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringContaining('try block')]);
  });
});

describe('a floating call the object\'s readiness depends on is not made a one-shot task', () => {
  // bee-queue's Queue: the constructor calls this.connect() without awaiting it; connect() sets the
  // fields the other methods read. As tasks.start(() => this.connect()), a failed connect is reported
  // once and the object stays half-built, where the unhandled rejection used to end the process.
  const queue = (connectBody: string) =>
    [
      'declare function createClient(): Promise<{ ping(): Promise<string> }>;',
      'export class Queue {',
      '  client: { ping(): Promise<string> } | undefined;',
      '  constructor() {',
      '    this.connect();',
      '  }',
      '  async connect(): Promise<void> {',
      `    ${connectBody}`,
      '  }',
      '  async ping(): Promise<string> {',
      '    return this.client!.ping();',
      '  }',
      '}',
      '',
    ].join('\n');

  it('a constructor calling a method that sets a field other methods read is left to a human', () => {
    const result = fix(queue('this.client = await createClient();'));
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringMatching(/constructor.*`this\.client`/)]);
  });

  it('a constructor calling a method that sets nothing the class reads is still rewritten', () => {
    expect(fix(queue('await createClient();')).output).toContain("tasks.start(async () => this.connect(), { name: 'module.connect' })");
  });

  it('a floating call inside a callback the constructor registers runs later, and is still rewritten', () => {
    const source = [
      'export class Poller {',
      '  last = 0;',
      '  constructor(emitter: { on(event: string, listener: () => void): void }) {',
      "    emitter.on('tick', () => { this.poll(); });",
      '  }',
      '  async poll(): Promise<void> { this.last = Date.now(); }',
      '  age(): number { return Date.now() - this.last; }',
      '}',
      '',
    ].join('\n');
    expect(fix(source).output).toContain("tasks.start(async () => this.poll(), { name: 'module.poll' })");
  });
});

describe('a tick two rules flag is supervised once', () => {
  it('setInterval(async ...) becomes supervise.interval(id, async ..., ms), not a tasks.callback inside it', () => {
    const source = 'async function flush() {}\nexport function start() {\n  setInterval(async () => {\n    await flush();\n  }, 1000);\n}\n';
    const result = fix(source);
    expect(result.output).toContain("supervise.interval('module.interval', async () => {\n    await flush();\n  }, 1000);");
    expect(result.output).not.toContain('tasks');
    expect(result.applied.map((finding) => finding.ruleId)).toEqual(['no-stray-timer']);
    expect(result.remaining).toEqual([]);
  });
});

describe('supervise.cache only for caches, and never at import time of a library', () => {
  // Filled by a function not named register*: a registry no-unowned-state still reports, which the fix must not make a cache.
  const registry = 'const liveTasks = new Map<string, () => void>();\nexport function track(id: string, stop: () => void) { liveTasks.set(id, stop); }\n';
  const cache = 'const rateCache = new Map<string, number>();\nexport function remember(key: string, rate: number) { rateCache.set(key, rate); }\n';

  it('a registry of live things is not made a cache', () => {
    const result = fix(registry);
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringContaining('not evidently a cache')]);
  });

  it('a cache in an application is', () => {
    expect(fix(cache).output).toContain("supervise.cache('module.rateCache', () => new Map<string, number>())");
  });

  it('a cache in a library is not: importing the library must not start a supervision tree', () => {
    const result = fix(cache, 'module.ts', library);
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringContaining('library')]);
  });
});

describe('handles the rewrite returns are accepted where the original value was', () => {
  it('an interval handle kept in a field typed NodeJS.Timeout still type-checks', () => {
    const source = [
      'export class Poller {',
      '  private timer: NodeJS.Timeout | undefined;',
      '  start(): void {',
      '    this.timer = setInterval(() => this.poll(), 1000);',
      '    this.timer.unref();',
      '  }',
      '  poll(): void {}',
      '}',
      '',
    ].join('\n');
    expect(typeErrorsOf(source)).toEqual([]);
    const result = fix(source, 'poller.ts');
    expect(result.output).toContain('supervise.interval(');
    expect(typeErrorsOf(result.output!)).toEqual([]);
  });

  it('a worker kept in a field declared as Worker is rewritten only where the result type-checks', () => {
    const source = [
      "import { Worker } from 'node:worker_threads';",
      'export class Pool {',
      '  private worker: Worker | undefined;',
      '  start(): void {',
      "    this.worker = new Worker('./job.js');",
      "    this.worker.on('error', () => {});",
      "    this.worker.on('exit', () => {});",
      '    this.worker.postMessage(1);',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(typeErrorsOf(source)).toEqual([]);
    // The runtime's worker handle is not a `Worker` to the checker: the field's declared type would break.
    const result = fix(source, 'pool.ts');
    expect(result.output).toBeNull();
    expect(reasons(result)).toEqual([expect.stringContaining('declared')]);
  });
});

describe('one-shot processes are temporary, long-running ones are restarted', () => {
  const CP = "import { exec, fork, spawn } from 'node:child_process';";
  const rewritten = (statement: string) => fix(`${CP}\n${statement}\n`, 'jobs.ts').output ?? '';

  it('an exec-style command runs once: reported if it fails, never run again', () => {
    expect(rewritten("exec('make assets');")).toMatch(/supervise\.process\('jobs\.make[\w-]*', \(\) => exec\('make assets'\), \{ restart: 'temporary' \}\);/);
  });

  it('a spawned command with no sign of serving runs once', () => {
    expect(rewritten("spawn('git', ['fetch', '--all']);")).toContain("() => spawn('git', ['fetch', '--all']), { restart: 'temporary' })");
  });

  it('a server, a watcher or a forked Node child is long-running: restarted after a crash (the default)', () => {
    expect(rewritten("spawn('redis-server', ['--port', '6380']);")).toContain("() => spawn('redis-server', ['--port', '6380']));");
    expect(rewritten("spawn('tsc', ['--watch']);")).toContain("() => spawn('tsc', ['--watch']));");
    expect(rewritten("fork('./metrics-agent.js');")).toContain("() => fork('./metrics-agent.js'));");
  });
});

describe('narrowing survives the arrow tasks.start wraps a call in', () => {
  it('a property narrowed by an if, or by an early return', () => {
    const source = [
      'export class Client {',
      '  private endpoint: string | undefined;',
      '  notify(): void {',
      '    if (this.endpoint) fetch(this.endpoint);',
      "    else console.log('no endpoint');",
      '  }',
      '  flush(queue: string[]): void {',
      '    if (!this.endpoint) return;',
      '    for (const body of queue) {',
      "      fetch(this.endpoint, { method: 'POST', body });",
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(typeErrorsOf(source)).toEqual([]);
    const result = fix(source, 'client.ts');
    expect(result.rewrites['no-floating-promise']).toBe(2);
    expect(typeErrorsOf(result.output!)).toEqual([]);
  });

  it('a let variable assigned again after the call', () => {
    const source = [
      'export function poll(next: () => string | undefined): void {',
      '  let url = next();',
      '  if (url) fetch(url);',
      '  url = next();',
      '}',
      '',
    ].join('\n');
    expect(typeErrorsOf(source)).toEqual([]);
    const result = fix(source, 'poll.ts');
    expect(result.rewrites['no-floating-promise']).toBe(1);
    expect(typeErrorsOf(result.output!)).toEqual([]);
  });

  it('a parameter with a default value and a for...of binding are never assigned again: read in place', () => {
    const source = [
      'export function poll(url: string | undefined = undefined, more: (string | undefined)[] = []): void {',
      '  if (url) fetch(url);',
      '  for (let next of more) {',
      '    if (next) fetch(next);',
      '  }',
      '}',
      '',
    ].join('\n');
    expect(typeErrorsOf(source)).toEqual([]);
    const result = fix(source, 'poll.ts');
    expect(result.rewrites['no-floating-promise']).toBe(2);
    expect(result.output).toContain("tasks.start(async (signal) => fetch(url, { signal }), { name: 'poll.fetch' })");
    expect(result.output).toContain("tasks.start(async (signal) => fetch(next, { signal }), { name: 'poll.fetch' })");
    expect(typeErrorsOf(result.output!)).toEqual([]);
  });
});

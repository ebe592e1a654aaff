// The fixed demo app under chaos mode (SPAWNGUARD_CHAOS, see runtime/src/chaos.ts): `spawnguard fix` on a
// copy of fixtures/demo-app, then the fixed server runs with chaos on while it serves a stream of
// requests. Every request must be answered correctly, every usage record must be in the totals (a
// struck task runs, and chaos fails its outcome: the failure is reported, the work is not lost), every
// receipt must arrive, SIGTERM must end the process with code 0, and chaos's summary must account for it all.
//
// The copy lives inside the repository (fixtures/.tmp-demo-chaos-*) so that the fixed app's
// '@spawnguard/runtime' import resolves through the workspace's node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChaosMonkey } from '../../runtime/src/chaos.js';
import { buildRuntime } from '../../runtime/test/helpers/built-runtime.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../cli/capture-io.js';
import { git } from './support/temp-git-repo.js';

const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const RATE = 0.3;
const SEED = 12;
const ROUNDS = 15;

/** How many times in a row chaos kills the thumbnail worker as it starts, under RATE and SEED. */
function workerStartsStruck(): number {
  const monkey = new ChaosMonkey({ rate: RATE, seed: SEED, faults: ['worker'] });
  let struck = 0;
  for (;;) {
    let killed = false;
    monkey.started('worker', 'thumbnails.worker', () => (killed = true));
    if (!killed) return struck;
    struck += 1;
  }
}

function transpile(srcDir: string, buildDir: string): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : entry.name.endsWith('.ts') ? [path] : [];
    });
  for (const file of walk(srcDir)) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const target = join(buildDir, relative(srcDir, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(buildDir, 'package.json'), '{ "type": "module" }\n');
}

interface Upstream {
  server: Server;
  url: string;
  receipts: { id: string }[];
}

async function startUpstream(): Promise<Upstream> {
  const receipts: { id: string }[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/rates') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ small: 10, medium: 30, large: 60 }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receipts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string });
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, receipts };
}

/**
 * Polls `probe` until `ok` holds. No time limit of its own (a slow machine must not fail the test):
 * what never comes runs into the test's or hook's timeout, and meanwhile `what` and the last value
 * are logged every 400 polls (about 10 s), to say what it is waiting for.
 */
async function waitFor<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let polls = 0;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (++polls % 400 === 0) console.error(`waiting for ${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the fixed demo app under chaos mode', () => {
  let app: string;
  let upstream: Upstream;
  let server: ChildProcess;
  const output = { stdout: '', stderr: '' };
  let exited: Promise<number | null>;

  beforeAll(async () => {
    buildRuntime();
    app = mkdtempSync(join(fixturesDir, '.tmp-demo-chaos-'));
    cpSync(join(fixturesDir, 'demo-app'), app, { recursive: true, filter: (source) => !source.includes('.smoke-build') });
    git(app, 'init', '-q');
    git(app, 'add', '-A');
    git(app, 'commit', '-q', '-m', 'demo app');
    const fixIO = captureIO(app);
    expect(await main(['fix'], fixIO.io)).toBe(0);
    transpile(join(app, 'src'), join(app, 'build'));
    upstream = await startUpstream();
    server = spawn(process.execPath, [join(app, 'build', 'server.js')], {
      cwd: app,
      env: {
        ...process.env,
        SPAWNGUARD_CHAOS: `${RATE},${SEED}`,
        PORT: '0',
        HOST: '127.0.0.1',
        RATES_URL: `${upstream.url}/rates`,
        RECEIPTS_URL: `${upstream.url}/receipts`,
        FLUSH_EVERY_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.setEncoding('utf8').on('data', (text: string) => (output.stdout += text));
    server.stderr!.setEncoding('utf8').on('data', (text: string) => (output.stderr += text));
    exited = new Promise((resolve) => server.once('exit', (code) => resolve(code)));
  }, 120_000);

  afterAll(async () => {
    if (server?.exitCode === null && server.signalCode === null) {
      server.kill('SIGKILL');
      await exited;
    }
    upstream?.server.close();
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it(
    'serves every request, loses no usage record although chaos strikes its tasks, and exits 0 on SIGTERM',
    async () => {
      const baseUrl = (await waitFor(() => /listening on (http:\/\/[\d.]+:\d+)/.exec(output.stdout)?.[1], Boolean, 'the server start'))!;
      // A struck worker dies as it starts; wait until the restarts chaos caused have happened, so that
      // no thumbnail request is posted to a worker that is being killed (see `lifetimeMs`).
      const workerCrashes = workerStartsStruck();
      expect(workerCrashes).toBeGreaterThan(0);
      const workerCrash = /crashed: ChaosError: chaos: injected worker fault into thumbnails\.worker/g;
      await waitFor(() => output.stderr.match(workerCrash)?.length ?? 0, (count) => count === workerCrashes, 'worker crashes');

      const request = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
        const response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        return { status: response.status, json: await response.json() };
      };
      const invoices: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const completion = await request('POST', '/complete', { customer: 'acme', model: 'small', prompt: 'summarize', input: `text ${round}` });
        expect(completion.status).toBe(200);
        expect(completion.json.completion).toContain(`text ${round}`);
        const thumbnail = await request('POST', '/thumbnails', { text: 'x'.repeat(70) });
        expect([thumbnail.status, thumbnail.json.width, thumbnail.json.height]).toEqual([200, 256, 48]);
        const invoice = await request('POST', '/billing/invoices', { customer: 'acme', model: 'medium', tokens: 2500 });
        expect([invoice.status, invoice.json.totalCents]).toEqual([200, 75]);
        invoices.push(invoice.json.id as string);
        expect((await request('GET', '/health')).json).toEqual({ status: 'ok' });
      }

      // Every usage record reached the totals, although chaos struck some of the tasks that recorded them.
      const struckTasks = (): number => output.stderr.match(/ChaosError: chaos: injected task fault into /g)?.length ?? 0;
      const recorded = await waitFor(
        async () => (await request('GET', '/usage')).json.totals.small?.requests ?? 0,
        (count) => count === ROUNDS,
        'usage records',
      );
      expect(recorded).toBe(ROUNDS);
      await waitFor(() => invoices.filter((id) => !upstream.receipts.some((receipt) => receipt.id === id)), (missing) => missing.length === 0, 'receipts');

      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      const summary = /\[spawnguard\] chaos \(rate 0\.3, seed 12\): injected (\d+) \(task (\d+), tick (\d+), worker (\d+), process 0\), restarted (\d+), escalated (\d+)\n/.exec(output.stderr);
      expect(summary, output.stderr).not.toBeNull();
      const [injected, task, tick, worker, restarted, escalated] = summary!.slice(1).map(Number) as number[];
      expect(task).toBeGreaterThan(0);
      expect(tick).toBeGreaterThan(0);
      expect(injected).toBe(task! + tick! + worker!);
      expect([worker, restarted, escalated]).toEqual([workerCrashes, workerCrashes, 0]);
      expect(task).toBe(struckTasks());
    },
    60_000,
  );
});

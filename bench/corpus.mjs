#!/usr/bin/env node
// A deterministic generator of a realistic TypeScript service codebase, used by the benchmarks (lint,
// audit, fix) and their tests. The same seed gives byte-identical output: a seeded PRNG picks every
// template and name, and nothing reads the clock or Math.random.
//
// The project is a node:http service split into features (model, repository, service, routes and some
// of job, worker, cache, utils). Most code is clean or supervised with '@spawnguard/runtime'; every
// 20-45 functions one module-level unit carries one of the rule catalogue's anti-patterns, cycling
// through the eight families so even a small corpus holds each of them.
//
// CLI: node bench/corpus.mjs <dir> [--lines N] [--seed S]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The chaos mode's seeded generator, its one home (the runtime must be built, as for every bench).
import { prng } from '../runtime/dist/prng.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The corpus has no node_modules of its own: its tsconfig borrows this repository's @types. */
const defaultTypeRoots = [join(repoRoot, 'node_modules', '@types')];

/** The anti-pattern families of the rule catalogue (src/catalogue/rules.ts), one per rule. */
export const antiPatternFamilies = [
  'no-floating-promise',
  'no-detached-async-callback',
  'no-stray-timer',
  'no-orphan-worker',
  'no-unowned-state',
  'no-swallowed-error',
  'require-cancellation',
  'no-unbounded-buffer',
];

/** Marker comment placed before every anti-pattern unit, so tests and benchmarks can count them. */
export const antiPatternMarker = (family) => `// corpus:anti-pattern ${family}`;

// ---------------------------------------------------------------------------------------------------
// Randomness

class Random {
  constructor(seed) {
    this.next = prng(seed);
  }
  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(probability) {
    return this.next() < probability;
  }
  shuffle(items) {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
  sample(items, count) {
    return this.shuffle(items).slice(0, Math.min(count, items.length));
  }
}

// ---------------------------------------------------------------------------------------------------
// Names

const areas = ['billing', 'catalog', 'accounts', 'shipping', 'analytics', 'notifications', 'search', 'media', 'auth', 'inventory', 'reporting', 'support'];
const entities = ['invoice', 'order', 'customer', 'product', 'session', 'payment', 'shipment', 'report', 'ticket', 'coupon', 'review', 'asset', 'subscription', 'webhook', 'quota', 'upload'];
const qualifiers = ['archive', 'draft', 'export', 'batch', 'snapshot', 'audit', 'digest', 'import', 'ledger', 'preview', 'reminder', 'template'];
const fieldPool = [
  ['title', 'string'], ['description', 'string'], ['quantity', 'number'], ['priority', 'number'], ['currency', 'string'],
  ['region', 'string'], ['enabled', 'boolean'], ['score', 'number'], ['ownerEmail', 'string'], ['retries', 'number'],
  ['archived', 'boolean'], ['locale', 'string'], ['weight', 'number'], ['reference', 'string'], ['verified', 'boolean'],
];
const statusSets = [['pending', 'active', 'closed'], ['draft', 'published', 'archived'], ['queued', 'running', 'done', 'failed'], ['open', 'resolved']];

const pascal = (words) => words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const camel = (words) => words[0] + pascal(words.slice(1));
const plural = (word) => (word.endsWith('y') ? `${word.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`);

function makeFeature(area, words) {
  const last = words[words.length - 1];
  return {
    area,
    kebab: words.join('-'),
    camel: camel(words),
    Pascal: pascal(words),
    table: [...words.slice(0, -1), plural(last)].join('_'),
    urlPlural: [...words.slice(0, -1), plural(last)].join('-'),
    component: `${area}.${words.join('-')}`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Files and imports

/** Collects a module's imports and renders them sorted, with paths relative to the module. */
class Imports {
  constructor(file) {
    this.file = file;
    this.byModule = new Map();
  }
  add(from, name, { type = false } = {}) {
    if (from === this.file) return; // the name is declared right here
    const specifier = from.startsWith('src/') ? relativeSpecifier(this.file, from) : from;
    const names = this.byModule.get(specifier) ?? new Map();
    // A name imported both as a value and as a type needs only the value import.
    names.set(name, (names.get(name) ?? true) && type);
    this.byModule.set(specifier, names);
  }
  render() {
    const specifiers = [...this.byModule.keys()].sort();
    return specifiers
      .map((specifier) => {
        const names = [...this.byModule.get(specifier)].sort(([a], [b]) => (a < b ? -1 : 1));
        const allTypes = names.every(([, type]) => type);
        const list = names.map(([name, type]) => (type && !allTypes ? `type ${name}` : name)).join(', ');
        return `import ${allTypes ? 'type ' : ''}{ ${list} } from '${specifier}';`;
      })
      .join('\n');
  }
}

function relativeSpecifier(fromFile, toFile) {
  let path = posix.relative(posix.dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

function moduleText(imports, header, blocks) {
  const importText = imports.render();
  return `${header}\n${importText ? `${importText}\n\n` : '\n'}${blocks.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Fixed library modules

const L = {
  http: 'src/lib/http.ts',
  db: 'src/lib/db.ts',
  logger: 'src/lib/logger.ts',
  metrics: 'src/lib/metrics.ts',
  config: 'src/lib/config.ts',
  errors: 'src/lib/errors.ts',
  events: 'src/lib/events.ts',
  retry: 'src/lib/retry.ts',
};

const libraryFiles = {
  [L.http]: `// A minimal router over node:http: enough for the services, with no dependency.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import type { Logger } from './logger.js';

export interface Request {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  signal: AbortSignal;
}

export interface Response {
  status(code: number): Response;
  json(body: unknown): void;
  send(text: string): void;
}

/** Handlers may be async: the router awaits them and turns a rejection into a 500. */
export type Handler = (req: Request, res: Response) => void | Promise<void>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export class App {
  private readonly routes: Route[] = [];

  constructor(private readonly log: Logger) {}

  get(path: string, handler: Handler): this {
    return this.route('GET', path, handler);
  }

  post(path: string, handler: Handler): this {
    return this.route('POST', path, handler);
  }

  put(path: string, handler: Handler): this {
    return this.route('PUT', path, handler);
  }

  delete(path: string, handler: Handler): this {
    return this.route('DELETE', path, handler);
  }

  listen(port: number, host = '127.0.0.1'): Server {
    const server = createServer((incoming, outgoing) => {
      this.dispatch(incoming, outgoing).catch((error: unknown) => {
        this.log.error('request failed', error);
        if (!outgoing.headersSent) outgoing.writeHead(500);
        outgoing.end();
      });
    });
    server.listen(port, host);
    return server;
  }

  private route(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, segments: path.split('/').filter(Boolean), handler });
    return this;
  }

  private async dispatch(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== incoming.method) continue;
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      const controller = new AbortController();
      incoming.once('close', () => controller.abort());
      const req: Request = {
        method: route.method,
        path: url.pathname,
        params,
        query: url.searchParams,
        headers: incoming.headers,
        body: await readJson(incoming),
        signal: controller.signal,
      };
      try {
        await route.handler(req, respond(outgoing));
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        respond(outgoing).status(status).json({ error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    respond(outgoing).status(404).json({ error: 'not found' });
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] ?? '';
    const value = actual[i] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = decodeURIComponent(value);
    else if (expected !== value) return undefined;
  }
  return params;
}

async function readJson(incoming: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 1_000_000) throw new HttpError(413, 'body too large');
    chunks.push(buffer);
  }
  if (chunks.length === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function respond(outgoing: ServerResponse): Response {
  let statusCode = 200;
  const response: Response = {
    status(code) {
      statusCode = code;
      return response;
    },
    json(body) {
      outgoing.writeHead(statusCode, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify(body));
    },
    send(text) {
      outgoing.writeHead(statusCode, { 'content-type': 'text/plain' });
      outgoing.end(text);
    },
  };
  return response;
}
`,
  [L.db]: `// The database facade the repositories use. The driver is injected, so tests run on a fake.
export interface Driver {
  execute(sql: string, params: readonly unknown[], signal?: AbortSignal): Promise<Record<string, unknown>[]>;
}

export class Db {
  private sequence = 0;

  constructor(private readonly driver: Driver, private readonly timeoutMs = 5_000) {}

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const rows = await this.driver.execute(sql, params, AbortSignal.timeout(this.timeoutMs));
    return rows as T[];
  }

  async insert(table: string, row: object): Promise<void> {
    const columns = Object.keys(row);
    const placeholders = columns.map((_, i) => \`$\${i + 1}\`).join(', ');
    await this.query(\`INSERT INTO \${table} (\${columns.join(', ')}) VALUES (\${placeholders})\`, Object.values(row));
  }

  async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const result = await work(this);
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK');
      throw error;
    }
  }

  nextId(prefix: string): string {
    this.sequence += 1;
    return \`\${prefix}_\${this.sequence.toString(36).padStart(8, '0')}\`;
  }
}
`,
  [L.logger]: `export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown): void;
  child(component: string): Logger;
}

export function createLogger(component: string, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit = (level: string, message: string, extra?: unknown) => {
    write(\`\${JSON.stringify({ level, component, message, extra })}\\n\`);
  };
  return {
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, error) => emit('error', message, error instanceof Error ? error.message : error),
    child: (name) => createLogger(\`\${component}.\${name}\`, write),
  };
}

export const log = createLogger('service');
`,
  [L.metrics]: `import { config } from './config.js';

export interface Metrics {
  increment(name: string, by?: number): Promise<void>;
  timing(name: string, ms: number): Promise<void>;
}

class HttpMetrics implements Metrics {
  constructor(private readonly endpoint: string) {}

  async increment(name: string, by = 1): Promise<void> {
    await this.send({ type: 'counter', name, value: by });
  }

  async timing(name: string, ms: number): Promise<void> {
    await this.send({ type: 'timing', name, value: ms });
  }

  private async send(point: { type: string; name: string; value: number }): Promise<void> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      body: JSON.stringify(point),
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) throw new Error(\`metrics endpoint answered \${response.status}\`);
  }
}

export const metrics: Metrics = new HttpMetrics(config.metricsUrl);
`,
  [L.config]: `function env(name: string, fallback: string): string {
  return process.env[name] ?? fallback;
}

export const config = Object.freeze({
  port: Number(env('PORT', '3000')),
  remoteBaseUrl: env('REMOTE_BASE_URL', 'http://127.0.0.1:9000'),
  metricsUrl: env('METRICS_URL', 'http://127.0.0.1:9001/points'),
  webhookUrl: env('WEBHOOK_URL', 'http://127.0.0.1:9002/hooks'),
  requestTimeoutMs: Number(env('REQUEST_TIMEOUT_MS', '5000')),
  exportDir: env('EXPORT_DIR', '/tmp/exports'),
});
`,
  [L.errors]: `export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export class NotFoundError extends HttpError {
  constructor(what: string) {
    super(404, \`\${what} not found\`);
  }
}

export class ValidationError extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}
`,
  [L.events]: `import { EventEmitter } from 'node:events';

/** A typed facade over EventEmitter: one event name, one payload type. */
export class Topic<T> {
  private readonly emitter = new EventEmitter();

  constructor(readonly name: string) {}

  publish(payload: T): void {
    this.emitter.emit(this.name, payload);
  }

  subscribe(listener: (payload: T) => void): () => void {
    this.emitter.on(this.name, listener);
    return () => this.emitter.off(this.name, listener);
  }

  get emitterForTests(): EventEmitter {
    return this.emitter;
  }
}
`,
  [L.retry]: `import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  signal: AbortSignal;
}

/** Retries with exponential backoff; the signal cancels both the work and the waits. */
export async function retry<T>(work: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    try {
      return await work(options.signal);
    } catch (error) {
      lastError = error;
      if (options.signal.aborted) break;
      await sleep(options.baseDelayMs * 2 ** attempt, undefined, { signal: options.signal });
    }
  }
  throw lastError;
}
`,
  'src/types/spawnguard-runtime.d.ts': `// A local stub of @spawnguard/runtime's public API, so this project type-checks without the package.
declare module '@spawnguard/runtime' {
  import type { ChildProcess } from 'node:child_process';
  import type { Worker } from 'node:worker_threads';

  export interface Stoppable {
    stop(): Promise<void>;
  }

  export const tasks: {
    start(work: (signal: AbortSignal) => unknown, options?: { id?: string }): void;
    callback<A extends unknown[]>(handler: (...args: A) => Promise<unknown>): (...args: A) => void;
  };

  export const supervise: {
    interval(id: string, tick: (signal: AbortSignal) => unknown, ms: number): Stoppable;
    worker(id: string, create: () => Worker): Stoppable & { readonly current: Worker | undefined };
    process(id: string, create: () => ChildProcess): Stoppable & { readonly current: ChildProcess | undefined };
    cache<T extends object>(id: string, create: () => T): T;
  };

  export function report(component?: string): (error: unknown) => void;
}
`,
};

// ---------------------------------------------------------------------------------------------------
// Feature modules

function modelModule(r, f) {
  const file = `src/models/${f.area}/${f.kebab}.ts`;
  const imp = new Imports(file);
  imp.add(L.errors, 'ValidationError');
  const fields = r.sample(fieldPool, r.int(3, 6));
  const statuses = r.pick(statusSets);
  const T = f.Pascal;
  const fieldLines = fields.map(([name, type]) => `  ${name}: ${type};`).join('\n');
  const parseLines = fields
    .map(([name, type]) => `  const ${name} = record['${name}'];\n  if (typeof ${name} !== '${type}') throw new ValidationError('${f.camel}.${name}: expected a ${type}');`)
    .join('\n');
  const numeric = fields.find(([, type]) => type === 'number');
  const text = fields.find(([, type]) => type === 'string');
  const blocks = [
    `export type ${T}Status = ${statuses.map((s) => `'${s}'`).join(' | ')};`,
    `export const ${f.camel.toUpperCase()}_STATUSES: readonly ${T}Status[] = [${statuses.map((s) => `'${s}'`).join(', ')}];`,
    `export interface ${T} {\n  id: string;\n  accountId: string;\n  status: ${T}Status;\n${fieldLines}\n  createdAt: Date;\n  updatedAt: Date;\n}`,
    `export type New${T} = Omit<${T}, 'id' | 'createdAt' | 'updatedAt'>;`,
    `export function is${T}Status(value: unknown): value is ${T}Status {\n  return typeof value === 'string' && (${f.camel.toUpperCase()}_STATUSES as readonly string[]).includes(value);\n}`,
    `export function parseNew${T}(input: unknown): New${T} {\n  if (typeof input !== 'object' || input === null) throw new ValidationError('${f.camel}: expected an object');\n  const record = input as Record<string, unknown>;\n  const accountId = record['accountId'];\n  if (typeof accountId !== 'string' || accountId.length === 0) throw new ValidationError('${f.camel}.accountId: required');\n  const status = record['status'] ?? '${statuses[0]}';\n  if (!is${T}Status(status)) throw new ValidationError('${f.camel}.status: unknown status');\n${parseLines}\n  return { accountId, status, ${fields.map(([name]) => name).join(', ')} };\n}`,
    `export function to${T}Dto(item: ${T}): Record<string, unknown> {\n  return {\n    ...item,\n    createdAt: item.createdAt.toISOString(),\n    updatedAt: item.updatedAt.toISOString(),\n  };\n}`,
    numeric
      ? `export function compare${T}(a: ${T}, b: ${T}): number {\n  if (a.${numeric[0]} !== b.${numeric[0]}) return b.${numeric[0]} - a.${numeric[0]};\n  return a.createdAt.getTime() - b.createdAt.getTime();\n}`
      : `export function compare${T}(a: ${T}, b: ${T}): number {\n  return a.createdAt.getTime() - b.createdAt.getTime();\n}`,
    text
      ? `export function describe${T}(item: ${T}): string {\n  const label = item.${text[0]}.trim() || item.id;\n  return \`${f.camel} \${label} (\${item.status})\`;\n}`
      : `export function describe${T}(item: ${T}): string {\n  return \`${f.camel} \${item.id} (\${item.status})\`;\n}`,
  ];
  return { file, imp, blocks, functions: 5, header: `// ${T}: the record the ${f.area} area keeps for each ${f.kebab.replace(/-/g, ' ')}.` };
}

function repositoryModule(r, f) {
  const file = `src/repositories/${f.area}/${f.kebab}-repository.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  const model = `src/models/${f.area}/${f.kebab}.ts`;
  imp.add(L.db, 'Db', { type: true });
  imp.add(model, T, { type: true });
  imp.add(model, `New${T}`, { type: true });
  imp.add(model, `${T}Status`, { type: true });
  const methods = [
    `  async findById(id: string): Promise<${T} | undefined> {\n    const rows = await this.db.query<${T}>(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id]);\n    return rows[0];\n  }`,
    `  async listByAccount(accountId: string, limit = 50, offset = 0): Promise<${T}[]> {\n    return this.db.query<${T}>(\n      \`SELECT * FROM \${this.table} WHERE account_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3\`,\n      [accountId, limit, offset],\n    );\n  }`,
    `  async insert(input: New${T}): Promise<${T}> {\n    const now = new Date();\n    const row: ${T} = { ...input, id: this.db.nextId('${f.camel.slice(0, 3)}'), createdAt: now, updatedAt: now };\n    await this.db.insert(this.table, row);\n    return row;\n  }`,
    `  async updateStatus(id: string, status: ${T}Status): Promise<${T} | undefined> {\n    const rows = await this.db.query<${T}>(\n      \`UPDATE \${this.table} SET status = $2, updated_at = now() WHERE id = $1 RETURNING *\`,\n      [id, status],\n    );\n    return rows[0];\n  }`,
    `  async remove(id: string): Promise<boolean> {\n    const rows = await this.db.query<{ id: string }>(\`DELETE FROM \${this.table} WHERE id = $1 RETURNING id\`, [id]);\n    return rows.length > 0;\n  }`,
    `  async countByStatus(accountId: string): Promise<Map<${T}Status, number>> {\n    const rows = await this.db.query<{ status: ${T}Status; total: number }>(\n      \`SELECT status, count(*) AS total FROM \${this.table} WHERE account_id = $1 GROUP BY status\`,\n      [accountId],\n    );\n    return new Map(rows.map((row) => [row.status, Number(row.total)]));\n  }`,
    `  async moveAll(fromAccount: string, toAccount: string): Promise<number> {\n    return this.db.transaction(async (tx) => {\n      const rows = await tx.query<{ id: string }>(\`SELECT id FROM \${this.table} WHERE account_id = $1 FOR UPDATE\`, [fromAccount]);\n      for (const row of rows) {\n        await tx.query(\`UPDATE \${this.table} SET account_id = $2 WHERE id = $1\`, [row.id, toAccount]);\n      }\n      return rows.length;\n    });\n  }`,
  ];
  // The services rely on the first four; the rest vary from table to table.
  const chosen = [...methods.slice(0, 4), ...r.sample(methods.slice(4), r.int(0, 3))];
  const blocks = [`export class ${T}Repository {\n  private readonly table = '${f.table}';\n\n  constructor(private readonly db: Db) {}\n\n${chosen.join('\n\n')}\n}`];
  return { file, imp, blocks, functions: chosen.length + 1, header: `// Persistence for ${f.kebab.replace(/-/g, ' ')} records.` };
}

function serviceModule(r, f) {
  const file = `src/services/${f.area}/${f.kebab}-service.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  const model = `src/models/${f.area}/${f.kebab}.ts`;
  imp.add(`src/repositories/${f.area}/${f.kebab}-repository.ts`, `${T}Repository`, { type: true });
  imp.add(model, T, { type: true });
  imp.add(model, `${T}Status`, { type: true });
  imp.add(model, `parseNew${T}`);
  imp.add(L.logger, 'Logger', { type: true });
  imp.add(L.errors, 'NotFoundError');
  imp.add(L.events, 'Topic');
  const methodPool = [
    () => {
      imp.add('@spawnguard/runtime', 'tasks');
      imp.add(L.metrics, 'metrics');
      return `  async create(input: unknown): Promise<${T}> {\n    const parsed = parseNew${T}(input);\n    const created = await this.repository.insert(parsed);\n    this.created.publish(created);\n    tasks.start(() => metrics.increment('${f.component}.created'));\n    return created;\n  }`;
    },
    () =>
      `  async changeStatus(id: string, status: ${T}Status): Promise<${T}> {\n    const updated = await this.repository.updateStatus(id, status);\n    if (!updated) throw new NotFoundError(\`${f.camel} \${id}\`);\n    this.log.info('status changed', { id, status });\n    return updated;\n  }`,
    () => {
      imp.add(L.config, 'config');
      return `  async pushToRemote(item: ${T}, signal: AbortSignal): Promise<void> {\n    const response = await fetch(\`\${config.remoteBaseUrl}/${f.urlPlural}/\${item.id}\`, {\n      method: 'PUT',\n      headers: { 'content-type': 'application/json' },\n      body: JSON.stringify(item),\n      signal,\n    });\n    if (!response.ok) throw new Error(\`remote rejected ${f.camel} \${item.id}: \${response.status}\`);\n  }`;
    },
    () => {
      imp.add(L.config, 'config');
      imp.add(L.retry, 'retry');
      return `  async fetchRemoteState(id: string, signal: AbortSignal): Promise<unknown> {\n    return retry(\n      async (attemptSignal) => {\n        const response = await fetch(\`\${config.remoteBaseUrl}/${f.urlPlural}/\${id}\`, {\n          signal: AbortSignal.any([attemptSignal, AbortSignal.timeout(config.requestTimeoutMs)]),\n        });\n        if (!response.ok) throw new Error(\`remote answered \${response.status}\`);\n        return (await response.json()) as unknown;\n      },\n      { attempts: 3, baseDelayMs: 200, signal },\n    );\n  }`;
    },
    () => {
      imp.add('node:stream', 'Writable', { type: true });
      imp.add('node:events', 'once');
      return `  async exportCsv(accountId: string, out: Writable): Promise<number> {\n    const rows = await this.repository.listByAccount(accountId, 10_000);\n    let written = 0;\n    for (const row of rows) {\n      const line = [row.id, row.status, row.createdAt.toISOString()].join(',') + '\\n';\n      if (!out.write(line)) await once(out, 'drain');\n      written += 1;\n    }\n    return written;\n  }`;
    },
    () => {
      imp.add('@spawnguard/runtime', 'report');
      return `  archiveQuietly(id: string): void {\n    this.repository.updateStatus(id, this.finalStatus).catch(report('${f.component}'));\n  }`;
    },
    () =>
      `  async getMany(ids: readonly string[]): Promise<${T}[]> {\n    const found = await Promise.all(ids.map(async (id) => this.repository.findById(id)));\n    return found.filter((item): item is ${T} => item !== undefined);\n  }`,
    () =>
      `  async ensureExists(id: string): Promise<void> {\n    try {\n      await this.get(id);\n    } catch (error) {\n      this.log.warn('lookup failed', { id, error: String(error) });\n      throw error;\n    }\n  }`,
    () => {
      imp.add('@spawnguard/runtime', 'tasks');
      imp.add(L.config, 'config');
      return `  notifyWebhook(item: ${T}): void {\n    tasks.start(async (signal) => {\n      await fetch(config.webhookUrl, { method: 'POST', body: JSON.stringify({ type: '${f.component}', id: item.id }), signal });\n    });\n  }`;
    },
  ];
  const chosen = r.sample(methodPool, r.int(4, 7)).map((make) => make());
  const needsFinal = chosen.some((m) => m.includes('this.finalStatus'));
  const blocks = [
    `export class ${T}Service {\n  readonly created = new Topic<${T}>('${f.component}.created');\n${needsFinal ? `  private readonly finalStatus: ${T}Status;\n` : ''}\n  constructor(\n    private readonly repository: ${T}Repository,\n    private readonly log: Logger,${needsFinal ? `\n    finalStatus: ${T}Status,` : ''}\n  ) {${needsFinal ? '\n    this.finalStatus = finalStatus;\n  ' : ''}}\n\n  async get(id: string): Promise<${T}> {\n    const found = await this.repository.findById(id);\n    if (!found) throw new NotFoundError(\`${f.camel} \${id}\`);\n    return found;\n  }\n\n${chosen.join('\n\n')}\n}`,
  ];
  return { file, imp, blocks, functions: chosen.length + 2, header: `// Business rules for ${f.kebab.replace(/-/g, ' ')} records.`, needsFinal };
}

function routesModule(r, f, service) {
  const file = `src/routes/${f.area}/${f.kebab}-routes.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  imp.add(L.http, 'App', { type: true });
  imp.add(`src/services/${f.area}/${f.kebab}-service.ts`, `${T}Service`, { type: true });
  imp.add(`src/models/${f.area}/${f.kebab}.ts`, `to${T}Dto`);
  const base = `/${f.area}/${f.urlPlural}`;
  const methods = service.methods;
  const handlers = [
    `  app.get('${base}/:id', async (req, res) => {\n    const item = await service.get(req.params['id'] ?? '');\n    res.json(to${T}Dto(item));\n  });`,
  ];
  if (methods.includes('async create(')) handlers.push(`  app.post('${base}', async (req, res) => {\n    const created = await service.create(req.body);\n    res.status(201).json(to${T}Dto(created));\n  });`);
  if (methods.includes('async changeStatus(')) {
    imp.add(`src/models/${f.area}/${f.kebab}.ts`, `is${T}Status`);
    imp.add(L.errors, 'ValidationError');
    handlers.push(`  app.put('${base}/:id/status', async (req, res) => {\n    const status = (req.body as { status?: unknown } | undefined)?.status;\n    if (!is${T}Status(status)) throw new ValidationError('unknown status');\n    const updated = await service.changeStatus(req.params['id'] ?? '', status);\n    res.json(to${T}Dto(updated));\n  });`);
  }
  if (methods.includes('async fetchRemoteState(')) handlers.push(`  app.get('${base}/:id/remote', async (req, res) => {\n    const state = await service.fetchRemoteState(req.params['id'] ?? '', req.signal);\n    res.json({ state });\n  });`);
  if (methods.includes('async getMany(')) handlers.push(`  app.get('${base}', async (req, res) => {\n    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);\n    const items = await service.getMany(ids);\n    res.json(items.map(to${T}Dto));\n  });`);
  if (methods.includes('  archiveQuietly(')) handlers.push(`  app.delete('${base}/:id', (req, res) => {\n    service.archiveQuietly(req.params['id'] ?? '');\n    res.status(202).json({ accepted: true });\n  });`);
  handlers.push(`  app.get('${base}/health', (_req, res) => {\n    res.send('ok');\n  });`);
  const blocks = [`export function register${T}Routes(app: App, service: ${T}Service): void {\n${handlers.join('\n\n')}\n}`];
  return { file, imp, blocks, functions: handlers.length + 1, header: `// HTTP routes under ${base}.` };
}

function jobModule(r, f) {
  const file = `src/jobs/${f.area}/${f.kebab}-job.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  imp.add(`src/services/${f.area}/${f.kebab}-service.ts`, `${T}Service`, { type: true });
  imp.add(L.logger, 'Logger', { type: true });
  const variant = r.int(0, 2);
  let blocks;
  if (variant === 0) {
    blocks = [
      `/** Re-checks stale ${f.kebab.replace(/-/g, ' ')} records; the owner calls stop() on shutdown. */\nexport class ${T}SweepJob {\n  private timer: NodeJS.Timeout | undefined;\n  private running = false;\n\n  constructor(\n    private readonly service: ${T}Service,\n    private readonly log: Logger,\n    private readonly everyMs = ${r.pick(['30_000', '60_000', '300_000'])},\n  ) {}\n\n  start(): void {\n    if (this.timer) return;\n    this.timer = setInterval(() => {\n      this.tick().catch((error: unknown) => this.log.error('${f.component} sweep failed', error));\n    }, this.everyMs);\n  }\n\n  stop(): void {\n    clearInterval(this.timer);\n    this.timer = undefined;\n  }\n\n  private async tick(): Promise<void> {\n    if (this.running) return;\n    this.running = true;\n    try {\n      const item = await this.service.get('${f.camel}-canary');\n      this.log.info('sweep', { id: item.id, status: item.status });\n    } finally {\n      this.running = false;\n    }\n  }\n}`,
    ];
  } else if (variant === 1) {
    imp.add('@spawnguard/runtime', 'supervise');
    imp.add('@spawnguard/runtime', 'Stoppable', { type: true });
    blocks = [
      `export function schedule${T}Digest(service: ${T}Service, log: Logger): Stoppable {\n  return supervise.interval(\n    '${f.component}.digest',\n    async () => {\n      const item = await service.get('${f.camel}-digest');\n      log.info('digest', { id: item.id });\n    },\n    ${r.pick(['60_000', '15 * 60_000', '3_600_000'])},\n  );\n}`,
    ];
  } else {
    imp.add('node:child_process', 'execFile');
    imp.add('node:util', 'promisify');
    blocks = [
      `const execFileAsync = promisify(execFile);`,
      `/** Compresses an export with the system gzip; bounded by a timeout and the caller's signal. */\nexport async function compress${T}Export(path: string, signal: AbortSignal, log: Logger): Promise<void> {\n  const { stderr } = await execFileAsync('gzip', ['-f', path], { timeout: 60_000, signal });\n  if (stderr) log.warn('gzip wrote to stderr', { path, stderr });\n}`,
      `export async function run${T}Export(service: ${T}Service, id: string, signal: AbortSignal, log: Logger): Promise<void> {\n  const item = await service.get(id);\n  log.info('export', { id: item.id });\n  await compress${T}Export(\`/tmp/\${item.id}.csv\`, signal, log);\n}`,
    ];
  }
  return { file, imp, blocks, functions: variant === 0 ? 4 : 2, header: `// Background work for ${f.kebab.replace(/-/g, ' ')} records.` };
}

function workerModules(r, f) {
  const file = `src/workers/${f.area}/${f.kebab}-worker.ts`;
  const threadFile = `src/workers/${f.area}/${f.kebab}-thread.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  imp.add('node:worker_threads', 'Worker');
  imp.add(L.logger, 'Logger', { type: true });
  const supervised = r.chance(0.5);
  let blocks;
  if (supervised) {
    imp.add('@spawnguard/runtime', 'supervise');
    blocks = [
      `export function start${T}Renderer(log: Logger) {\n  const renderer = supervise.worker('${f.component}.renderer', () => new Worker(new URL('./${f.kebab}-thread.js', import.meta.url)));\n  log.info('renderer started', { component: '${f.component}' });\n  return renderer;\n}`,
      `export function render${T}(renderer: { readonly current: Worker | undefined }, id: string): boolean {\n  const worker = renderer.current;\n  if (!worker) return false;\n  worker.postMessage({ id });\n  return true;\n}`,
    ];
  } else {
    blocks = [
      `/** A pool the owner closes on shutdown; each worker's crash is logged and it leaves the pool. */\nexport class ${T}WorkerPool {\n  private readonly workers = new Set<Worker>();\n\n  constructor(private readonly log: Logger, private readonly size = ${r.int(2, 4)}) {}\n\n  start(): void {\n    while (this.workers.size < this.size) this.spawn();\n  }\n\n  dispatch(id: string): void {\n    const [first] = this.workers;\n    first?.postMessage({ id });\n  }\n\n  async close(): Promise<void> {\n    const closing = [...this.workers].map((worker) => worker.terminate());\n    this.workers.clear();\n    await Promise.all(closing);\n  }\n\n  private spawn(): void {\n    const worker = new Worker(new URL('./${f.kebab}-thread.js', import.meta.url));\n    worker.on('error', (error) => this.log.error('${f.component} worker failed', error));\n    worker.on('exit', (code) => {\n      this.workers.delete(worker);\n      if (code !== 0) this.log.warn('${f.component} worker exited', { code });\n    });\n    this.workers.add(worker);\n  }\n}`,
    ];
  }
  const thread = new Imports(threadFile);
  thread.add('node:worker_threads', 'parentPort');
  const threadBlocks = [
    `interface Job {\n  id: string;\n}`,
    `function checksum(text: string): number {\n  let hash = 0;\n  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;\n  return hash >>> 0;\n}`,
    `parentPort?.on('message', (job: Job) => {\n  parentPort?.postMessage({ id: job.id, checksum: checksum(job.id) });\n});`,
  ];
  return [
    { file, imp, blocks, functions: supervised ? 2 : 5, header: `// Off-thread rendering for ${f.kebab.replace(/-/g, ' ')} records.` },
    { file: threadFile, imp: thread, blocks: threadBlocks, functions: 2, header: `// Worker thread body: answers each job with a checksum.`, noAnti: true },
  ];
}

function cacheModule(r, f) {
  const file = `src/caches/${f.area}/${f.kebab}-cache.ts`;
  const imp = new Imports(file);
  const T = f.Pascal;
  imp.add(`src/models/${f.area}/${f.kebab}.ts`, T, { type: true });
  let blocks;
  if (r.chance(0.5)) {
    imp.add('@spawnguard/runtime', 'supervise');
    blocks = [
      `const entries = supervise.cache('${f.component}.cache', () => new Map<string, ${T}>());`,
      `export function cached${T}(id: string): ${T} | undefined {\n  return entries.get(id);\n}`,
      `export function remember${T}(item: ${T}): void {\n  entries.set(item.id, item);\n}`,
      `export function forget${T}(id: string): boolean {\n  return entries.delete(id);\n}`,
    ];
  } else {
    blocks = [
      `interface Entry {\n  value: ${T};\n  expiresAt: number;\n}`,
      `/** A TTL cache owned by whoever constructs it; it lives and dies with that owner. */\nexport class ${T}Cache {\n  private readonly entries = new Map<string, Entry>();\n\n  constructor(private readonly ttlMs = ${r.pick(['30_000', '60_000', '120_000'])}, private readonly maxEntries = ${r.pick(['500', '1_000', '5_000'])}) {}\n\n  get(id: string, now = Date.now()): ${T} | undefined {\n    const entry = this.entries.get(id);\n    if (!entry) return undefined;\n    if (entry.expiresAt <= now) {\n      this.entries.delete(id);\n      return undefined;\n    }\n    return entry.value;\n  }\n\n  set(value: ${T}, now = Date.now()): void {\n    if (this.entries.size >= this.maxEntries) {\n      const oldest = this.entries.keys().next();\n      if (!oldest.done) this.entries.delete(oldest.value);\n    }\n    this.entries.set(value.id, { value, expiresAt: now + this.ttlMs });\n  }\n\n  clear(): void {\n    this.entries.clear();\n  }\n}`,
    ];
  }
  return { file, imp, blocks, functions: 3, header: `// Read cache for ${f.kebab.replace(/-/g, ' ')} records.` };
}

const utilityPool = [
  `export function chunk<T>(items: readonly T[], size: number): T[][] {\n  const chunks: T[][] = [];\n  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));\n  return chunks;\n}`,
  `export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {\n  const groups = new Map<K, T[]>();\n  for (const item of items) {\n    const k = key(item);\n    const group = groups.get(k);\n    if (group) group.push(item);\n    else groups.set(k, [item]);\n  }\n  return groups;\n}`,
  `export function slugify(text: string): string {\n  return text\n    .normalize('NFKD')\n    .replace(/[\\u0300-\\u036f]/g, '')\n    .toLowerCase()\n    .replace(/[^a-z0-9]+/g, '-')\n    .replace(/^-+|-+$/g, '');\n}`,
  `export function clamp(value: number, min: number, max: number): number {\n  return Math.min(max, Math.max(min, value));\n}`,
  `export function formatMoney(cents: number, currency = 'EUR'): string {\n  const sign = cents < 0 ? '-' : '';\n  const absolute = Math.abs(cents);\n  return \`\${sign}\${Math.floor(absolute / 100)}.\${String(absolute % 100).padStart(2, '0')} \${currency}\`;\n}`,
  `export function startOfDay(date: Date): Date {\n  const copy = new Date(date.getTime());\n  copy.setUTCHours(0, 0, 0, 0);\n  return copy;\n}`,
  `export function addDays(date: Date, days: number): Date {\n  return new Date(date.getTime() + days * 86_400_000);\n}`,
  `export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {\n  const seen = new Set<string>();\n  return items.filter((item) => {\n    const k = key(item);\n    if (seen.has(k)) return false;\n    seen.add(k);\n    return true;\n  });\n}`,
  `export function parseBoolean(value: string | undefined, fallback = false): boolean {\n  if (value === undefined) return fallback;\n  return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());\n}`,
  `export function truncate(text: string, max: number): string {\n  return text.length <= max ? text : \`\${text.slice(0, Math.max(0, max - 1))}…\`;\n}`,
  `export function percentile(values: readonly number[], p: number): number {\n  if (values.length === 0) return Number.NaN;\n  const sorted = [...values].sort((a, b) => a - b);\n  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));\n  return sorted[index] ?? Number.NaN;\n}`,
  `export function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {\n  const result = {} as Pick<T, K>;\n  for (const key of keys) result[key] = source[key];\n  return result;\n}`,
  `export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {\n  const results: R[] = new Array<R>(items.length);\n  let next = 0;\n  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {\n    while (next < items.length) {\n      const index = next++;\n      results[index] = await work(items[index] as T);\n    }\n  });\n  await Promise.all(lanes);\n  return results;\n}`,
  `export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {\n  const timeout = AbortSignal.timeout(ms);\n  return signal ? AbortSignal.any([signal, timeout]) : timeout;\n}`,
  `export function escapeCsv(value: unknown): string {\n  const text = value === null || value === undefined ? '' : String(value);\n  return /[",\\n]/.test(text) ? \`"\${text.replace(/"/g, '""')}"\` : text;\n}`,
  `export function hashCode(text: string): number {\n  let hash = 5381;\n  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;\n  return hash >>> 0;\n}`,
  `export function deepFreeze<T>(value: T): Readonly<T> {\n  if (typeof value === 'object' && value !== null) {\n    for (const inner of Object.values(value)) deepFreeze(inner);\n    Object.freeze(value);\n  }\n  return value;\n}`,
  `export function retryDelays(attempts: number, baseMs: number, capMs = 30_000): number[] {\n  return Array.from({ length: attempts }, (_, attempt) => Math.min(capMs, baseMs * 2 ** attempt));\n}`,
];

function utilsModule(r, f) {
  const file = `src/utils/${f.area}/${f.kebab}-helpers.ts`;
  const imp = new Imports(file);
  const blocks = r.sample(utilityPool, r.int(4, 9));
  return { file, imp, blocks, functions: blocks.length, header: `// Small helpers shared by the ${f.kebab.replace(/-/g, ' ')} modules.` };
}

// ---------------------------------------------------------------------------------------------------
// Anti-pattern units: module-level, self-contained, each a realistic mistake of one family.

const antiPatterns = {
  'no-floating-promise': [
    (f, imp) => {
      imp.add(L.metrics, 'metrics');
      return `async function record${f.Pascal}View(id: string): Promise<void> {\n  await metrics.increment(\`${f.component}.viewed.\${id.length % 8}\`);\n}\n\nexport function note${f.Pascal}Viewed(id: string): void {\n  record${f.Pascal}View(id);\n}`;
    },
    (f, imp) => {
      imp.add(L.config, 'config');
      return `async function send${f.Pascal}Receipt(to: string): Promise<void> {\n  await fetch(config.webhookUrl, { method: 'POST', body: JSON.stringify({ to }), signal: AbortSignal.timeout(3_000) });\n}\n\nexport function confirm${f.Pascal}(to: string): void {\n  void send${f.Pascal}Receipt(to);\n}`;
    },
    (f, imp) => {
      imp.add(L.metrics, 'metrics');
      imp.add(L.logger, 'log');
      return `export function warm${f.Pascal}Counters(): void {\n  (async () => {\n    await metrics.increment('${f.component}.warm');\n    log.info('counters warmed', { component: '${f.component}' });\n  })();\n}`;
    },
  ],
  'no-detached-async-callback': [
    (f, imp) => {
      imp.add(L.events, 'Topic');
      imp.add(L.metrics, 'metrics');
      return `export function wire${f.Pascal}Counters(topic: Topic<{ id: string }>): () => void {\n  return topic.subscribe(async (event) => {\n    await metrics.increment(\`${f.component}.event.\${event.id.length}\`);\n  });\n}`;
    },
    (f, imp) => {
      imp.add(L.metrics, 'metrics');
      return `export function flush${f.Pascal}Counters(names: readonly string[]): void {\n  names.forEach(async (name) => {\n    await metrics.increment(\`${f.component}.\${name}\`);\n  });\n}`;
    },
    (f, imp) => {
      imp.add('node:events', 'EventEmitter');
      imp.add(L.metrics, 'metrics');
      return `export function track${f.Pascal}Uploads(uploads: EventEmitter): void {\n  uploads.on('finished', async (size: number) => {\n    await metrics.timing('${f.component}.upload-size', size);\n  });\n}`;
    },
  ],
  'no-stray-timer': [
    (f, imp) => {
      imp.add(L.logger, 'log');
      return `export function start${f.Pascal}Heartbeat(): void {\n  setInterval(() => {\n    log.info('heartbeat', { component: '${f.component}', rss: process.memoryUsage().rss });\n  }, 30_000);\n}`;
    },
    (f, imp) => {
      imp.add(L.logger, 'log');
      return `export function poll${f.Pascal}Backlog(check: () => number): void {\n  const tick = () => {\n    const backlog = check();\n    if (backlog > 100) log.warn('backlog growing', { backlog });\n    setTimeout(tick, 5_000);\n  };\n  setTimeout(tick, 5_000);\n}`;
    },
  ],
  'no-orphan-worker': [
    (f, imp) => {
      imp.add('node:worker_threads', 'Worker');
      return `export function offload${f.Pascal}Resize(id: string): void {\n  const worker = new Worker(new URL('./resize-thread.js', import.meta.url), { workerData: { id } });\n  worker.postMessage({ id });\n}`;
    },
    (f, imp) => {
      imp.add('node:child_process', 'spawn');
      return `export function rebuild${f.Pascal}Index(dir: string): void {\n  spawn('reindex', ['--dir', dir], { stdio: 'ignore' });\n}`;
    },
  ],
  'no-unowned-state': [
    (f, imp) => {
      imp.add(`src/models/${f.area}/${f.kebab}.ts`, f.Pascal, { type: true });
      return `const recent${f.Pascal}s = new Map<string, ${f.Pascal}>();\n\nexport function remember${f.Pascal}Globally(item: ${f.Pascal}): void {\n  recent${f.Pascal}s.set(item.id, item);\n}\n\nexport function recall${f.Pascal}(id: string): ${f.Pascal} | undefined {\n  return recent${f.Pascal}s.get(id);\n}`;
    },
    (f) =>
      `const ${f.camel}Limits: Record<string, number> = {};\n\nfunction load${f.Pascal}Limits(): void {\n  ${f.camel}Limits['default'] = 100;\n  ${f.camel}Limits['burst'] = 250;\n}\n\nload${f.Pascal}Limits();\n\nexport function ${f.camel}Limit(name: string): number {\n  return ${f.camel}Limits[name] ?? ${f.camel}Limits['default'] ?? 0;\n}`,
  ],
  'no-swallowed-error': [
    (f, imp) => {
      imp.add(L.metrics, 'metrics');
      return `export function count${f.Pascal}Miss(): void {\n  metrics.increment('${f.component}.miss').catch(() => {});\n}`;
    },
    (f, imp) => {
      imp.add(L.config, 'config');
      return `export async function ping${f.Pascal}Remote(): Promise<boolean> {\n  try {\n    const response = await fetch(\`\${config.remoteBaseUrl}/ping\`, { signal: AbortSignal.timeout(1_000) });\n    return response.ok;\n  } catch {}\n  return false;\n}`;
    },
  ],
  'require-cancellation': [
    (f, imp) => {
      imp.add(L.config, 'config');
      return `export async function load${f.Pascal}Settings(accountId: string): Promise<unknown> {\n  const response = await fetch(\`\${config.remoteBaseUrl}/settings/\${accountId}\`);\n  return (await response.json()) as unknown;\n}`;
    },
    (f, imp) => {
      imp.add('node:https', 'request');
      return `export function probe${f.Pascal}Upstream(host: string): Promise<number> {\n  return new Promise((resolvePromise, rejectPromise) => {\n    const req = request({ host, path: '/health', method: 'GET' }, (res) => {\n      res.resume();\n      resolvePromise(res.statusCode ?? 0);\n    });\n    req.on('error', rejectPromise);\n    req.end();\n  });\n}`;
    },
  ],
  'no-unbounded-buffer': [
    (f, imp) => {
      imp.add('node:stream', 'Writable', { type: true });
      return `export function dump${f.Pascal}Lines(lines: readonly string[], out: Writable): void {\n  for (const line of lines) {\n    out.write(\`\${line}\\n\`);\n  }\n}`;
    },
    (f, imp) => {
      imp.add(L.events, 'Topic');
      return `const pending${f.Pascal}Events: string[] = [];\n\nexport function buffer${f.Pascal}Events(topic: Topic<{ id: string }>): () => void {\n  return topic.subscribe((event) => {\n    pending${f.Pascal}Events.push(event.id);\n  });\n}\n\nexport function pending${f.Pascal}Count(): number {\n  return pending${f.Pascal}Events.length;\n}`;
    },
  ],
};

// ---------------------------------------------------------------------------------------------------
// The generator

function countLines(text) {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

/**
 * Writes a realistic TypeScript service project of at least `lines` lines to `dir` (replacing what
 * is there) and returns the list of files (relative to dir) and the total line count.
 */
export async function generateCorpus(dir, { lines = 100_000, seed = 1, typeRoots = defaultTypeRoots } = {}) {
  const files = buildCorpus({ lines, seed, typeRoots });
  await rm(dir, { recursive: true, force: true });
  let total = 0;
  for (const [path, text] of files) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    total += countLines(text);
  }
  return { dir, files: [...files.keys()], lines: total };
}

/** The corpus as a Map from relative path to contents; pure, so it is deterministic by construction. */
export function buildCorpus({ lines = 100_000, seed = 1, typeRoots = defaultTypeRoots } = {}) {
  const r = new Random(seed);
  const files = new Map();
  files.set(
    'package.json',
    `${JSON.stringify({ name: `corpus-service-${seed}`, version: '1.0.0', private: true, type: 'module', scripts: { start: 'node dist/main.js' } }, null, 2)}\n`,
  );
  files.set(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots,
        },
        include: ['src'],
      },
      null,
      2,
    )}\n`,
  );
  for (const [path, text] of Object.entries(libraryFiles)) files.set(path, text);

  const familyOrder = r.shuffle(antiPatternFamilies);
  let familyIndex = 0;
  let functionsSinceAnti = 0;
  let nextAntiAt = r.int(20, 45);
  const antiUnitFor = (f, imp) => {
    if (functionsSinceAnti < nextAntiAt) return undefined;
    functionsSinceAnti = 0;
    nextAntiAt = r.int(20, 45);
    const family = familyOrder[familyIndex++ % familyOrder.length];
    return `${antiPatternMarker(family)}\n${r.pick(antiPatterns[family])(f, imp)}`;
  };

  let total = [...files.values()].reduce((sum, text) => sum + countLines(text), 0);
  const pairs = r.shuffle(areas.flatMap((area) => entities.map((entity) => [area, entity])));
  const features = [];
  const usedNames = new Set();
  // src/app.ts and src/main.ts come on top, so the total is at least `lines`.
  for (let i = 0; total < lines; i++) {
    const [area, entity] = pairs[i % pairs.length];
    const round = Math.floor(i / pairs.length);
    const base = round === 0 ? [entity] : [entity, qualifiers[(round - 1) % qualifiers.length], ...(round > qualifiers.length ? [String(round)] : [])];
    // Two areas may both have, say, sessions: the second one's names carry its area so that the
    // composition root can import both.
    const words = usedNames.has(base.join('-')) ? [area, ...base] : base;
    usedNames.add(base.join('-'));
    const f = makeFeature(area, words);
    const service = serviceModule(r, f);
    const modules = [modelModule(r, f), repositoryModule(r, f), service];
    modules.push(routesModule(r, f, { methods: service.blocks.join('\n') }));
    if (r.chance(0.6)) modules.push(jobModule(r, f));
    if (r.chance(0.35)) modules.push(...workerModules(r, f));
    if (r.chance(0.5)) modules.push(cacheModule(r, f));
    if (r.chance(0.5)) modules.push(utilsModule(r, f));
    for (const module of modules) {
      functionsSinceAnti += module.functions;
      const anti = module.noAnti ? undefined : antiUnitFor(f, module.imp);
      if (anti) module.blocks.push(anti);
      const text = moduleText(module.imp, module.header, module.blocks);
      files.set(module.file, text);
      total += countLines(text);
    }
    features.push({ f, needsFinal: service.needsFinal });
  }

  const app = appModule(features, files);
  files.set('src/app.ts', app);
  files.set('src/main.ts', mainModule());
  return files;
}

function appModule(features, files) {
  const file = 'src/app.ts';
  const imp = new Imports(file);
  imp.add(L.http, 'App');
  imp.add(L.db, 'Db');
  imp.add(L.db, 'Driver', { type: true });
  imp.add(L.logger, 'Logger', { type: true });
  const lines = [];
  for (const { f, needsFinal } of features) {
    const T = f.Pascal;
    imp.add(`src/repositories/${f.area}/${f.kebab}-repository.ts`, `${T}Repository`);
    imp.add(`src/services/${f.area}/${f.kebab}-service.ts`, `${T}Service`);
    imp.add(`src/routes/${f.area}/${f.kebab}-routes.ts`, `register${T}Routes`);
    let extra = '';
    if (needsFinal) {
      const model = files.get(`src/models/${f.area}/${f.kebab}.ts`) ?? '';
      const last = /export type \w+Status = (.*);/.exec(model)?.[1].split(' | ').pop() ?? "''";
      extra = `, ${last}`;
    }
    lines.push(`  register${T}Routes(app, new ${T}Service(new ${T}Repository(db), log.child('${f.component}')${extra}));`);
  }
  const blocks = [
    `/** Wires every feature's repository, service and routes onto one router. */\nexport function buildApp(driver: Driver, log: Logger): App {\n  const db = new Db(driver);\n  const app = new App(log);\n${lines.join('\n')}\n  return app;\n}`,
  ];
  return moduleText(imp, '// The composition root: no module-level state, everything hangs off buildApp().', blocks);
}

function mainModule() {
  return `import { buildApp } from './app.js';
import { config } from './lib/config.js';
import { log } from './lib/logger.js';

const driver = {
  async execute(): Promise<Record<string, unknown>[]> {
    return [];
  },
};

const server = buildApp(driver, log).listen(config.port);

process.once('SIGTERM', () => {
  server.close((error) => {
    if (error) log.error('close failed', error);
  });
});
`;
}

// ---------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const options = { lines: 100_000, seed: 1 };
  let dir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--lines') options.lines = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (!arg.startsWith('--') && dir === undefined) dir = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!dir || !Number.isFinite(options.lines) || !Number.isInteger(options.seed)) {
    throw new Error('usage: node bench/corpus.mjs <dir> [--lines N] [--seed S]');
  }
  return { dir, options };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { dir, options } = parseArgs(process.argv.slice(2));
    const result = await generateCorpus(resolve(dir), options);
    console.log(`wrote ${result.files.length} files, ${result.lines} lines to ${result.dir}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}

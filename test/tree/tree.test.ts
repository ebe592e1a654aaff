import { describe, expect, it } from 'vitest';
import type { AuditFinding } from '../../src/audit/types.js';
import { buildSupervisionTree, collectTreeFacts, type SupervisionNode, type SupervisionTree } from '../../src/tree/tree.js';
import { treeFormatters } from '../../src/report/tree.js';
import { sourceCodeOf } from './source-code.js';

const APP = `
import { Application, Supervisor as Sup, supervise, tasks } from '@spawnguard/runtime';
import { cacheSupervisor } from './cache.js';
const db = new Sup({ name: 'db', strategy: 'one_for_all', children: [
  { id: 'primary', start: () => startPrimary() },
  { id: 'replica', start: () => startReplica(), restart: 'temporary' },
] });
export const app = await Application.start({
  name: 'gateway',
  strategy: 'rest_for_one',
  children: [db.asChild(), cacheSupervisor.asChild('prompt-cache'), metricsChild, makeChild()],
});
app.tasks.start(() => warm(), { name: 'warm-up' });
supervise.interval('flush', () => flush(), 1000);
export function trackUsage(usage) { tasks.start(() => send(usage)); }
const metricsChild = { id: 'metrics', start: () => metrics() };
`;

const CACHE = `
import * as rt from '@spawnguard/runtime';
const cacheSupervisor = new rt.Supervisor({ children: [{ id: 'lru', start }] });
export { cacheSupervisor };
const pool = new rt.TaskSupervisor({ name: 'pool' });
export function job() { pool.start(async (signal) => work(signal)); }
`;

const LEGACY = `
const { supervise: sv } = require('@spawnguard/runtime');
sv.worker('thumbs', () => new Worker('./thumbs.js'));
`;

function finding(overrides: Partial<AuditFinding>): AuditFinding {
  return {
    ruleId: 'no-floating-promise', file: 'src/server.ts', line: 1, column: 1, endLine: 1, endColumn: 2, message: 'm',
    component: 'src/server.ts', impact: 'process-crash', isolation: 'none', risk: 'HIGH', fixable: true, remedy: 'r', fingerprint: 'f',
    ...overrides,
  };
}

const FINDINGS = [
  finding({ ruleId: 'require-cancellation', line: 30, risk: 'LOW', component: 'src/server.ts > POST /upload' }),
  finding({ ruleId: 'no-floating-promise', line: 14, column: 5, risk: 'HIGH', component: 'src/server.ts > POST /upload' }),
  finding({ ruleId: 'no-unowned-state', file: 'src/cache.ts', line: 2, risk: 'MEDIUM', component: 'src/cache.ts' }),
];

function facts(files: Record<string, string>) {
  return Object.entries(files).map(([file, code]) => collectTreeFacts(sourceCodeOf(code), file));
}

/** label + annotation only, nested: what the tree says, without locations. */
function shape(node: SupervisionNode): unknown {
  const text = node.annotation ? `${node.label} ${node.annotation}` : node.label;
  return node.children.length === 0 ? text : { [text]: node.children.map(shape) };
}

const tree = buildSupervisionTree(facts({ 'src/app.ts': APP, 'src/cache.ts': CACHE, 'src/legacy.cjs': LEGACY }), FINDINGS);

describe('buildSupervisionTree', () => {
  it('reconstructs the declared tree through aliased, namespace and require imports and across files', () => {
    expect(tree.roots.slice(0, 3).map(shape)).toEqual([
      {
        'gateway [rest_for_one]': [
          { 'tasks TaskSupervisor': ['warm-up task'] },
          { 'db [one_for_all]': ['primary', 'replica temporary'] },
          { 'prompt-cache [one_for_one]': ['lru'] },
          'metrics',
          'makeChild()',
        ],
      },
      { 'root [one_for_one]': [{ 'tasks TaskSupervisor': ['src/app.ts > trackUsage task'] }, 'flush interval', 'thumbs worker'] },
      { 'pool TaskSupervisor': ['src/cache.ts > job task'] },
    ]);
  });

  it('hangs every finding under an (unsupervised) node per module, riskiest first', () => {
    const unsupervised = tree.roots.slice(3);
    expect(unsupervised.map((node) => node.annotation)).toEqual(['src/cache.ts', 'src/server.ts']);
    expect(unsupervised[1]?.children.map((node) => `${node.risk} ${node.ruleId} ${node.label}`)).toEqual([
      'HIGH no-floating-promise src/server.ts > POST /upload',
      'LOW require-cancellation src/server.ts > POST /upload',
    ]);
    expect(unsupervised[1]?.children[0]?.location).toEqual({ file: 'src/server.ts', line: 14, column: 5 });
  });

  it('keeps a supervisor that is someone else\'s child out of the roots', () => {
    expect(tree.roots.map((node) => node.label)).not.toContain('db');
    expect(tree.roots.map((node) => node.label)).not.toContain('cacheSupervisor');
  });

  it('ignores look-alikes that do not come from the runtime', () => {
    const other = buildSupervisionTree(
      facts({ 'a.ts': "import { Supervisor, supervise } from 'other-lib';\nconst s = new Supervisor({ children: [] });\nsupervise.interval('x', f, 1);" }),
      [],
    );
    expect(other.roots).toEqual([]);
  });

  it('follows the runtime through the rules\' binding resolution: a local that shadows an import is not the runtime', () => {
    const code = [
      "import { Supervisor, supervise } from '@spawnguard/runtime';",
      'export function local() {',
      '  const Supervisor = class { constructor(_options: unknown) {} };',
      "  const supervise = { interval: (_id: string, _f: () => void, _ms: number) => {} };",
      "  const s = new Supervisor({ name: 'local-class' });",
      "  supervise.interval('local-interval', () => {}, 1);",
      '}',
      "const real = new Supervisor({ name: 'real' });",
      "supervise.interval('module-interval', () => {}, 1);",
    ].join('\n');
    expect(buildSupervisionTree(facts({ 'a.ts': code }), []).roots.map(shape)).toEqual([
      { 'root [one_for_one]': ['module-interval interval'] },
      'real [one_for_one]',
    ]);
  });

  it('binds a supervisor to its variable through type assertions', () => {
    const code = [
      "import { Supervisor, DynamicSupervisor } from '@spawnguard/runtime';",
      "const pool = new DynamicSupervisor({ name: 'pool' }) as DynamicSupervisor;",
      "export const app = new Supervisor({ name: 'app', children: [pool.asChild('workers')] })!;",
    ].join('\n');
    expect(buildSupervisionTree(facts({ 'a.ts': code }), []).roots.map(shape)).toEqual([
      { 'app [one_for_one]': ['workers DynamicSupervisor'] },
    ]);
  });

  it('survives supervisors that name each other as children', () => {
    const code = `import { Supervisor } from '@spawnguard/runtime';
      const a = new Supervisor({ name: 'a', children: [b.asChild()] });
      const b = new Supervisor({ name: 'b', children: [a.asChild()] });
      const top = new Supervisor({ name: 'top', children: [a.asChild()] });`;
    const cyclic = buildSupervisionTree(facts({ 'a.ts': code }), []);
    expect(cyclic.roots.map(shape)).toEqual([{ 'top [one_for_one]': [{ 'a [one_for_one]': [{ 'b [one_for_one]': ['a'] }] }] }]);
  });

  it('adds children started at run time: startChild on a dynamic supervisor, this-bound task supervisors', () => {
    const code = `import { DynamicSupervisor, TaskSupervisor } from '@spawnguard/runtime';
      const sessions = new DynamicSupervisor({ name: 'sessions' });
      export function open(id) { return sessions.startChild({ id: 'session', start: () => run(id) }); }
      export class Jobs { pool = new TaskSupervisor({ name: 'jobs' }); run() { this.pool.async(() => job()); } }`;
    const dynamic = buildSupervisionTree(facts({ 'a.ts': code }), []);
    expect(dynamic.roots.map(shape)).toEqual([{ 'sessions DynamicSupervisor': ['session'] }, { 'jobs TaskSupervisor': ['a.ts > Jobs.run task'] }]);
  });

  it('is empty for code that declares nothing and has no findings', () => {
    expect(buildSupervisionTree(facts({ 'a.ts': 'export const x = 1;' }), [])).toEqual({ roots: [] });
  });
});

describe('tree formatters', () => {
  const withoutLocations = (text: string) => text.split('\n').map((line) => line.replace(/ {2}\S+:\d+:\d+$/, ''));

  it("text: a box-drawing tree like OTP's (docs/architecture.md)", () => {
    const lines = withoutLocations(treeFormatters.text(tree, { color: false }));
    expect(lines.slice(0, 12)).toEqual([
      'gateway [rest_for_one]',
      '├── tasks (TaskSupervisor)',
      '│   └── warm-up (task)',
      '├── db [one_for_all]',
      '│   ├── primary',
      '│   └── replica (temporary)',
      '├── prompt-cache [one_for_one]',
      '│   └── lru',
      '├── metrics',
      '└── makeChild()',
      '',
      'root [one_for_one]',
    ]);
    expect(lines).toContain('(unsupervised) src/server.ts');
    expect(lines).toContain('├── HIGH no-floating-promise  src/server.ts > POST /upload');
    expect(lines).toContain('└── LOW require-cancellation  src/server.ts > POST /upload');
    expect(treeFormatters.text(tree, { color: false })).toContain('  src/server.ts:14:5\n');
    expect(treeFormatters.text(tree, { color: false })).not.toContain('\u001b[');
  });

  it('mermaid: graph TD with one edge per parent-child pair and the unsupervised nodes marked', () => {
    const text = treeFormatters.mermaid(tree, { color: false });
    const count = (nodes: SupervisionTree['roots']): number => nodes.reduce((sum, node) => sum + 1 + count(node.children), 0);
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('graph TD');
    expect(lines.filter((line) => line.includes('-->'))).toHaveLength(count(tree.roots) - tree.roots.length);
    expect(text).toMatch(/n0\["gateway \[rest_for_one\]<br\/>src\/app\.ts:\d+:\d+"\]/);
    expect(text).toContain('"HIGH no-floating-promise  src/server.ts #gt; POST /upload<br/>src/server.ts:14:5"');
    expect(text).toMatch(/class (n\d+,)*n\d+ unsupervised/);
  });

  it('json: the tree itself', () => {
    expect(JSON.parse(treeFormatters.json(tree, { color: false }))).toEqual(tree);
  });

  it('text: says so when there is nothing', () => {
    expect(treeFormatters.text({ roots: [] }, { color: false })).toMatch(/^No supervision tree/);
  });
});

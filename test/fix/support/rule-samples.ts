import type { RuleId } from '../../../rules/index.js';

/**
 * One small TypeScript module per rule, each holding that rule's most common anti-pattern (the shape
 * its suggestion covers), for tests that run `spawnguard fix` on a project and select rules.
 */
export const ruleSamples: Record<RuleId, string> = {
  'no-floating-promise': `async function track(usage: string): Promise<void> {
  if (!usage) throw new Error('no usage');
}

export function handle(usage: string) {
  // the usage record is fire-and-forget
  track(usage);
  return 'ok';
}
`,
  'no-swallowed-error': `async function save(record: string): Promise<void> {
  if (!record) throw new Error('no record');
}

export async function persist(record: string) {
  await save(record).catch(() => {});
}
`,
  'no-detached-async-callback': `import { EventEmitter } from 'node:events';

async function store(chunk: string): Promise<void> {
  if (!chunk) throw new Error('empty chunk');
}

export const bus = new EventEmitter();
bus.on('data', async (chunk: string) => {
  await store(chunk);
});
`,
  'no-stray-timer': `export function startHeartbeat() {
  setInterval(() => {
    console.log('still here');
  }, 1000);
}
`,
  'no-orphan-worker': `import { Worker } from 'node:worker_threads';

export function startWorker() {
  new Worker('./worker.js');
}
`,
  'no-unowned-state': `const cache = new Map<string, number>();

export function remember(key: string, value: number) {
  cache.set(key, value);
}
`,
  'require-cancellation': `import { tasks } from '@spawnguard/runtime';

export function refreshRates() {
  tasks.start(async () => {
    const response = await fetch('https://example.com/rates');
    console.log(response.status);
  });
}
`,
  'no-unbounded-buffer': `import { createWriteStream } from 'node:fs';

export async function dump(lines: string[]) {
  const out = createWriteStream('/tmp/dump.log');
  for (const line of lines) {
    out.write(line);
  }
}
`,
};

/** A finding no rewrite can take: a child process kept but never watched (its fix depends on what the owner wants). */
export const needsAHumanSample = `import { fork } from 'node:child_process';

export function startChild() {
  const child = fork('./child.js');
  child.send('start');
  return 'started';
}
`;

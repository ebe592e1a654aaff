// A small service with one known instance of each unsupervised spawn. Each flagged line carries an
// `expect:` marker naming the rule that must report it (checked once that rule is implemented).
import { Worker } from 'node:worker_threads';

const sessions = new Map<string, number>(); // expect: no-unowned-state

export async function trackUsage(user: string): Promise<void> {
  sessions.set(user, (sessions.get(user) ?? 0) + 1);
  await fetch(`https://usage.example.com/${user}`); // expect: require-cancellation
}

export function handleRequest(user: string): void {
  trackUsage(user); // expect: no-floating-promise
  trackUsage(user).catch(() => {}); // expect: no-swallowed-error
}

export function startFlushing(): void {
  setInterval(() => { // expect: no-stray-timer
    sessions.clear();
  }, 60_000);
}

export function makeThumbnail(path: string): void {
  new Worker(path); // expect: no-orphan-worker
}

export function onEvents(emitter: NodeJS.EventEmitter): void {
  emitter.on('usage', async (user: string) => { // expect: no-detached-async-callback
    await trackUsage(user);
  });
}

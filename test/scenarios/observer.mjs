// Preloaded into a scenario program (`node --import <this file> after.mjs`) to watch it without
// changing it: every `spawnguard:*` telemetry event, any rejection or exception that escaped, and at
// exit (or on SIGUSR2) what is still keeping the event loop alive. Records are JSON lines, written to the file named
// by SPAWNGUARD_OBSERVER_OUT (else stderr) synchronously, so a crash cannot lose them. It adds no
// signal listener: the default root's SIGTERM handling depends on whether the program has one.

import diagnostics_channel from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import { channels } from '@spawnguard/runtime';

const outFile = process.env.SPAWNGUARD_OBSERVER_OUT;

function plain(value) {
  if (value instanceof Error || value instanceof DOMException) return { name: value.name, message: value.message };
  return value;
}

function write(record) {
  const line = `${JSON.stringify(record, (key, value) => plain(value))}\n`;
  if (outFile) appendFileSync(outFile, line);
  else process.stderr.write(line);
}

for (const name of Object.values(channels)) {
  diagnostics_channel.subscribe(name, (message) => write({ kind: 'event', channel: name, message }));
}

// A monitor sees an uncaught exception (an unhandled rejection included) without handling it, so
// Node still exits exactly as it would without the observer.
process.on('uncaughtExceptionMonitor', (error, origin) => write({ kind: 'uncaught', origin, error }));

// Node 20 leaves worker threads out of getActiveResourcesInfo(), though a running one holds the event
// loop (unless unref'd): each worker thread still running is added as 'Worker'. Listening for a
// worker's exit changes nothing the program sees (its 'error' events stay as unhandled as they were).
const runningWorkers = new Set();
process.on('worker', (worker) => {
  runningWorkers.add(worker);
  worker.once('exit', () => runningWorkers.delete(worker));
});
const activeResources = () => [...process.getActiveResourcesInfo(), ...[...runningWorkers].map(() => 'Worker')];

process.on('exit', (code) => write({ kind: 'exit', code, resources: activeResources() }));

// On SIGUSR2, what keeps the event loop alive now: a test proves that a program that should end is
// held, and by what, without waiting to see it not exit. (A SIGUSR2 listener changes nothing the
// runtime looks at, and a signal listener does not hold the loop itself.)
process.on('SIGUSR2', () => write({ kind: 'resources', resources: activeResources() }));


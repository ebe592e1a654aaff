#!/usr/bin/env node
// A short tour of @spawnguard/runtime (the built package): a fire-and-forget task that crashes and is
// reported while the process lives on, a supervised interval, a crashing worker thread restarted by
// its supervisor, and a graceful shutdown on SIGTERM. Runs in about 1.5 s and exits on its own.
import diagnostics_channel from 'node:diagnostics_channel';
import { Worker } from 'node:worker_threads';
import { Application, channels } from '@spawnguard/runtime';

const startedAt = performance.now();
const log = (line) => console.log(`${String(Math.round(performance.now() - startedAt)).padStart(5)} ms  ${line}`);
const message = (error) => (error instanceof Error ? error.message : String(error));

// Telemetry: what a logger or OpenTelemetry would subscribe to.
diagnostics_channel.subscribe(channels.taskError, (e) => log(`telemetry  task:error     ${e.task}: ${message(e.error)}`));
diagnostics_channel.subscribe(channels.childStart, (e) => log(`telemetry  child:start    ${e.supervisor}/${e.id}`));
diagnostics_channel.subscribe(channels.childExit, (e) =>
  log(`telemetry  child:exit     ${e.supervisor}/${e.id} (${e.reason}${e.error ? `: ${message(e.error)}` : ''})`),
);
diagnostics_channel.subscribe(channels.childRestart, (e) => log(`telemetry  child:restart  ${e.supervisor}/${e.id} (restart #${e.restarts})`));

// A child of our own: a "database pool" that says when it stops, to show the reverse stop order.
const database = {
  id: 'database',
  start() {
    return { stop: () => log('database   pool closed') };
  },
};

log('starting the application (SIGTERM/SIGINT stop it gracefully)');
const app = await Application.start({ name: 'demo', children: [database], shutdownTimeout: 2000 });

// 1. Fire-and-forget: without a supervisor this rejection would exit the process (Node >= 15).
async function trackUsage(model) {
  await new Promise((resolve) => setTimeout(resolve, 50));
  throw new Error(`usage store unavailable (model ${model})`);
}
app.tasks.start(() => trackUsage('gpt-4o'), { name: 'track_usage' });
log('task       track_usage started, fire-and-forget');

// 2. A supervised interval: one tick fails, is reported, and the interval goes on.
let tick = 0;
app.supervise.interval(
  'metrics_flush',
  () => {
    tick += 1;
    if (tick === 3) throw new Error('metrics backend timed out');
    log(`interval   metrics_flush tick ${tick}`);
  },
  200,
);

// 3. A worker thread that crashes once and is restarted (permanent child, one_for_one).
let incarnation = 0;
const worker = app.supervise.worker('thumbnailer', () => {
  incarnation += 1;
  const crashFirst = incarnation === 1;
  return new Worker(
    crashFirst ? 'setTimeout(() => process.exit(1), 300)' : 'setInterval(() => {}, 1000)',
    { eval: true },
  );
});
await worker.started;

// 4. Graceful shutdown: the demo sends itself SIGTERM, as an orchestrator would.
setTimeout(() => {
  log(`process    still alive (worker incarnation ${incarnation}); sending SIGTERM`);
  process.kill(process.pid, 'SIGTERM');
}, 1200);

process.on('exit', (code) => log(`process    exits with code ${code}, nothing left running`));

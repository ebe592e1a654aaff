'use strict';
// Preloaded (NODE_OPTIONS=--require) into every Node process of a chaos run of `npm run migrate --
// --chaos`: records the runtime's telemetry (each chaos injection, each failure it published) as JSON
// lines in SPAWNGUARD_PROBE_OUT, and plays the application's entry point, which hands its signals to
// the runtime with handleSignals() (runtime/README.md, signal policy).
const { appendFileSync } = require('node:fs');
const diagnostics = require('node:diagnostics_channel');

const out = process.env.SPAWNGUARD_PROBE_OUT;
const record = (entry) => {
  if (out) appendFileSync(out, `${JSON.stringify({ pid: process.pid, at: Date.now(), ...entry })}\n`);
};
const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

diagnostics.subscribe('spawnguard:chaos:inject', ({ kind, target }) => record({ event: 'inject', kind, target }));
diagnostics.subscribe('spawnguard:task:error', ({ supervisor, task, error }) => record({ event: 'task-error', supervisor, task, error: describe(error) }));
diagnostics.subscribe('spawnguard:error', ({ component, error }) => record({ event: 'error', component, error: describe(error) }));
diagnostics.subscribe('spawnguard:child:exit', ({ supervisor, id, reason }) => record({ event: 'child-exit', supervisor, id, reason: describe(reason) }));
diagnostics.subscribe('spawnguard:child:restart', ({ supervisor, id }) => record({ event: 'child-restart', supervisor, id }));
diagnostics.subscribe('spawnguard:supervisor:escalate', ({ supervisor }) => record({ event: 'escalate', supervisor }));

let runtime;
try {
  runtime = require(require.resolve('@spawnguard/runtime', { paths: [process.cwd()] }));
} catch {
  // A process that cannot see the runtime has nothing supervised to hand signals to.
}
if (runtime) runtime.handleSignals();
record({ event: 'start', argv: process.argv.slice(1) });
process.on('exit', (code) => record({ event: 'exit', code }));

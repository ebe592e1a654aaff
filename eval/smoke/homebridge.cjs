'use strict';
// Chaos smoke run of homebridge's child bridge process (lib/childBridgeFork.js, as `spawnguard fix`
// rewrote src/): forked with an IPC channel as homebridge forks it, left running while chaos strikes
// its parent-watch interval; SIGTERM is passed on, and the child's own handler ends it.
const { fork } = require('node:child_process');
const child = fork(`${process.cwd()}/lib/childBridgeFork.js`, [], { stdio: 'inherit' });
let ticks = 0;
child.on('spawn', () => console.log('SMOKE READY'));
child.on('exit', (code, signal) => {
  console.log(`smoke: child bridge exited with ${signal ?? code}`);
  process.exit(code === 143 || code === 0 ? 0 : 1);
});
process.on('SIGTERM', () => child.kill('SIGTERM'));
setInterval(() => (ticks += 1), 1000);

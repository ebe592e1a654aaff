'use strict';
// Chaos smoke run of statsd (stats.js, as `spawnguard fix` rewrote it): the daemon started in this
// process on loopback ports with a 100 ms key-flush interval (now `supervise.interval`, whose ticks chaos
// can strike), fed counters over UDP so every tick has keys to report. statsd's own SIGTERM handler
// (lib/process_mgmt.js) ends the process.
const dgram = require('node:dgram');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const port = 18125 + (process.pid % 1000);
const dir = mkdtempSync(join(tmpdir(), 'statsd-smoke-'));
const configFile = join(dir, 'config.js');
const keyLog = join(dir, 'keys.log');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  configFile,
  `{ address: '127.0.0.1', port: ${port}, mgmt_address: '127.0.0.1', mgmt_port: ${port + 1}, backends: ['./backends/console'],
     flushInterval: 200, keyFlush: { interval: 100, percent: 100, log: ${JSON.stringify(keyLog)} }, automaticConfigReload: false }`,
);
process.argv = [process.argv[0], join(process.cwd(), 'stats.js'), configFile];
require(join(process.cwd(), 'stats.js'));

const socket = dgram.createSocket('udp4');
let sent = 0;
const feed = setInterval(() => {
  socket.send(`smoke.requests:1|c\nsmoke.latency:${sent % 50}|ms`, port, '127.0.0.1', (error) => {
    if (error) return console.error(`smoke: send: ${error.message}`);
    sent += 1;
    if (sent === 3) console.log('SMOKE READY');
  });
}, 50);
feed.unref();
process.on('SIGTERM', () => console.log(`smoke: ${sent} packets sent`));

'use strict';
// Chaos smoke run of bree (src/, as `spawnguard fix` rewrote it): a scheduler of four jobs, each a
// worker thread that does a little work and exits. `bree.run()` starts every job, and each job's
// start is now a supervised task (`tasks.start(() => this.run(job.name))`) whose outcome chaos can
// strike after the worker was created; the feed calls it every 100 ms.
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const Bree = require(join(process.cwd(), 'src', 'index.js'));

const jobs = mkdtempSync(join(tmpdir(), 'bree-smoke-'));
writeFileSync(
  join(jobs, 'work.js'),
  "const { parentPort } = require('node:worker_threads');\nlet sum = 0;\nfor (let i = 0; i < 1e5; i++) sum += i;\nif (parentPort) parentPort.postMessage('done');\n",
);
const bree = new Bree({
  root: false,
  logger: { info() {}, warn() {}, error: (...args) => console.error('smoke: bree:', ...args) },
  jobs: ['a', 'b', 'c', 'd'].map((name) => ({ name, path: join(jobs, 'work.js') })),
});

require('./feed.cjs')({
  addJob: () => bree.run(),
  everyMs: 100,
  close: () => bree.stop(),
});

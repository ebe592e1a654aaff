'use strict';
// Chaos smoke run of bull (lib/, as `spawnguard fix` rewrote it) on the Redis the migration started:
// jobs that outlast the 5 s watchdog of `job.finished()`, whose status checks are now supervised tasks
// that chaos can strike, processed by a pool of workers and awaited by the producer.
const Queue = require(`${process.cwd()}/index.js`);

const queue = new Queue('spawnguard-smoke', process.env.SMOKE_REDIS_URL ?? 'redis://127.0.0.1:6379');
queue.on('error', (error) => console.error(`smoke: queue: ${error.message}`));
queue.process(16, (job) => new Promise((done) => setTimeout(() => done(job.data.n * 2), 5_500)));

require('./feed.cjs')({
  addJob: (n) => queue.add({ n }, { removeOnComplete: true }).then((job) => job.finished()),
  everyMs: 250,
  close: () => queue.close(true),
});

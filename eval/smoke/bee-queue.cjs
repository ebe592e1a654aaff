'use strict';
// Chaos smoke run of bee-queue (lib/, as `spawnguard fix` rewrote it) on the Redis the migration
// started: five queues, each connecting in a supervised task that chaos can strike, jobs created and
// processed on those that connected.
const Queue = require(`${process.cwd()}/index.js`);
const redis = { url: process.env.SMOKE_REDIS_URL ?? 'redis://127.0.0.1:6379' };

let done = 0;
const queues = [];
for (let index = 0; index < 5; index++) {
  const queue = new Queue(`spawnguard-smoke-${index}`, { redis, removeOnSuccess: true, activateDelayedJobs: true });
  queue.on('error', (error) => console.error(`smoke: queue ${index}: ${error.message}`));
  queue.process(async (job) => job.data.n * 2);
  queue.on('succeeded', () => {
    done += 1;
    if (done === 1) console.log('SMOKE READY');
  });
  queues.push(queue);
}
const produce = setInterval(() => {
  for (const queue of queues) queue.createJob({ n: done }).save().catch((error) => console.error(`smoke: save: ${error.message}`));
}, 100);
process.on('SIGTERM', () => {
  clearInterval(produce);
  console.log(`smoke: ${done} jobs done`);
  Promise.all(queues.map((queue) => queue.close(2000).catch(() => {}))).then(() => process.exit(0));
});

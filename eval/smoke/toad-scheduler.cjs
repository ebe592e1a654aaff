'use strict';
// Chaos smoke run of toad-scheduler (built to dist/, as `spawnguard fix` rewrote lib/): asynchronous
// jobs on short intervals, each run of which is now a supervised task that chaos can strike.
const { ToadScheduler, SimpleIntervalJob, AsyncTask } = require(`${process.cwd()}/dist/index.js`);

const scheduler = new ToadScheduler();
let runs = 0;
for (let index = 0; index < 4; index++) {
  const task = new AsyncTask(
    `smoke-${index}`,
    async () => {
      runs += 1;
      if (runs === 1) console.log('SMOKE READY');
    },
    (error) => console.error(`smoke: job ${index} failed: ${error}`),
  );
  scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ milliseconds: 50 + index * 10 }, task, { id: `job-${index}` }));
}
process.on('SIGTERM', () => {
  scheduler.stop();
  console.log(`smoke: ${runs} job runs`);
});

'use strict';
// Chaos smoke run of p-queue (built to dist/ from source/, as `spawnguard fix` rewrote it): a queue
// with a concurrency of 4 fed jobs continuously; each job's run is now a supervised task
// (`tasks.start(() => job())`) whose outcome chaos can strike after the job ran.
const { join } = require('node:path');

(async () => {
  const { default: PQueue } = await import(join(process.cwd(), 'dist', 'index.js'));
  const queue = new PQueue({ concurrency: 4 });
  let completed = 0;
  let added = 0;
  const feed = setInterval(() => {
    for (let index = 0; index < 4; index++) {
      added += 1;
      queue
        .add(() => new Promise((done) => setTimeout(() => done(added), 20)))
        .then(() => {
          completed += 1;
          if (completed === 1) console.log('SMOKE READY');
        })
        .catch((error) => console.error(`smoke: job: ${error.message}`));
    }
  }, 50);
  process.on('SIGTERM', () => {
    clearInterval(feed);
    queue.clear();
    console.log(`smoke: ${added} jobs added, ${completed} completed`);
    queue.onIdle().then(() => process.exit(0));
  });
})();

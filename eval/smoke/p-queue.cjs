'use strict';
// Chaos smoke run of p-queue (built to dist/ from source/, as `spawnguard fix` rewrote it): a queue
// with a concurrency of 4 fed jobs continuously; each job's run is now a supervised task
// (`tasks.start(() => job())`) whose outcome chaos can strike after the job ran.
const { join } = require('node:path');

(async () => {
  const { default: PQueue } = await import(join(process.cwd(), 'dist', 'index.js'));
  const queue = new PQueue({ concurrency: 4 });
  require('./feed.cjs')({
    addJob: (n) => queue.add(() => new Promise((done) => setTimeout(() => done(n), 20))),
    everyMs: 50,
    batch: 4,
    close: () => {
      queue.clear();
      return queue.onIdle();
    },
  });
})();

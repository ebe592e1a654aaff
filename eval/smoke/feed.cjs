'use strict';
// The feeding loop the queue smoke runs share: every `everyMs`, `batch` jobs are added and awaited;
// the first one done prints SMOKE READY (what eval/migrate.mjs waits for); SIGTERM stops the feed,
// prints the counts and leaves through the queue's own `close`.
module.exports = function feed({ addJob, everyMs, batch = 1, close }) {
  let added = 0;
  let done = 0;
  const timer = setInterval(() => {
    for (let index = 0; index < batch; index++) {
      added += 1;
      addJob(added)
        .then(() => {
          done += 1;
          if (done === 1) console.log('SMOKE READY');
        })
        .catch((error) => console.error(`smoke: job: ${error.message}`));
    }
  }, everyMs);
  process.on('SIGTERM', () => {
    clearInterval(timer);
    console.log(`smoke: ${added} jobs added, ${done} done`);
    close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  });
};

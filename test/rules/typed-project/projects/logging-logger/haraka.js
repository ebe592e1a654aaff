// The program's entry (package.json main): its handler only logs through the logger module, and the process runs on.
const logger = require('./logger');
process.on('uncaughtException', (err) => {
  logger.crit(err.stack);
});

// The program's entry (package.json main): its handler logs, then exits through the logger module.
const logger = require('./logger');
process.on('uncaughtException', (err) => {
  logger.crit(err.stack);
  logger.dump_and_exit(1);
});

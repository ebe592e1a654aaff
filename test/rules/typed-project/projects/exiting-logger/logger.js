// Haraka's logger module: the object it exports is `exports` itself, and dump_and_exit ends the process
// in the callback it hands to dump_logs.
const logger = exports;
logger.dump_logs = (cb) => {
  cb();
};
logger.dump_and_exit = function (code) {
  this.dump_logs(() => {
    if (typeof code === 'function') return code();
    process.exit(code);
  });
};
logger.crit = (line) => console.error(line);

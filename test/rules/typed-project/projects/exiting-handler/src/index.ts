// The handler logs, then ends the process: an unhandled rejection still takes the server down.
process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection', reason);
  process.exit(1);
});

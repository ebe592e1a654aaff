process.on('unhandledRejection', (reason) => {
  console.error('unhandled rejection', reason);
});

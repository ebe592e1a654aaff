'use strict';
// Chaos smoke run of prom-client's example server (example/server.js, seven intervals, as `spawnguard
// fix` rewrote them): scrapes /metrics on a loopback port while chaos strikes the ticks.
const http = require('node:http');
const port = Number(process.env.SMOKE_PORT ?? 39101);
process.env.PORT = String(port);
require(`${process.cwd()}/example/server.js`);

let scrapes = 0;
const scrape = () =>
  http
    .get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
      res.resume();
      res.on('end', () => {
        scrapes += 1;
        if (scrapes === 1) console.log('SMOKE READY');
      });
    })
    .on('error', () => {});
setInterval(scrape, 200).unref();
process.on('exit', () => console.log(`smoke: ${scrapes} scrapes served`));

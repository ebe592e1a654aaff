'use strict';
// Chaos smoke run of aedes (aedes.js and lib/, as `spawnguard fix` rewrote them): the broker on a
// loopback port and MQTT clients (the project's own `mqtt` devDependency) that connect with a will,
// exchange QoS 2 messages and reconnect, so the supervised tasks the fix made (deleting a will on
// connect, deleting a released packet on PUBREL) run again and again and chaos can strike them.
const net = require('node:net');
const { join } = require('node:path');
const mqtt = require(require.resolve('mqtt', { paths: [process.cwd()] }));

(async () => {
  const { Aedes } = await import(join(process.cwd(), 'aedes.js'));
  const broker = await Aedes.createBroker();
  broker.on('clientError', (client, error) => console.error(`smoke: client ${client.id}: ${error.message}`));
  const server = net.createServer(broker.handle);
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  const url = `mqtt://127.0.0.1:${server.address().port}`;

  let received = 0;
  const subscriber = mqtt.connect(url, { clientId: 'smoke-subscriber', clean: false, reconnectPeriod: 100 });
  subscriber.on('message', () => {
    received += 1;
    if (received === 1) console.log('SMOKE READY');
  });
  subscriber.subscribe('smoke/#', { qos: 2 });

  let connects = 0;
  const publishers = [];
  const cycle = setInterval(() => {
    // Each publisher connects with a will (storeWill deletes the old one), publishes at QoS 2 (the
    // broker deletes the packet on PUBREL) and leaves cleanly.
    connects += 1;
    const publisher = mqtt.connect(url, { clientId: `smoke-publisher-${connects % 4}`, will: { topic: 'smoke/will', payload: 'gone', qos: 1 } });
    publishers.push(publisher);
    publisher.on('error', (error) => console.error(`smoke: publisher: ${error.message}`));
    publisher.on('connect', () => publisher.publish(`smoke/${connects}`, String(connects), { qos: 2 }, () => publisher.end()));
  }, 100);

  process.on('SIGTERM', () => {
    clearInterval(cycle);
    console.log(`smoke: ${connects} connections, ${received} messages received`);
    for (const publisher of publishers) publisher.end(true);
    subscriber.end(true);
    broker.close(() => server.close(() => process.exit(0)));
  });
})();

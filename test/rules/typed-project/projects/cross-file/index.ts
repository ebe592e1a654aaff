// A barrel, as packages re-export their classes and helpers.
export * from './service.js';
export { Connection } from './connection.js';
export { BaseServer as Server } from './base-server.js';

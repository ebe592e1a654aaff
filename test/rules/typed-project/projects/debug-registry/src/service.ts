import { createDebug } from './debug.js';

const debug = createDebug('service');

export function serve() {
  debug('serving');
}

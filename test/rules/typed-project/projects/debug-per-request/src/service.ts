import { createDebug } from './debug.js';

// A debugger per user: the table grows with the users the server sees.
export function handle(request: { user: string }) {
  createDebug(request.user)('handling');
}

// Every caller of socket() in this project passes a promise that never rejects (feathers' socketio configure()).
import { socket, relay, type Provider } from './transport.js';

export function configure(listen: (ready: (provider: Provider) => void) => void) {
  const done = new Promise<Provider>((resolve) => {
    listen(resolve);
  });
  return socket({ done });
}

// A parameter named like the transport's function is another binding, not a use of it (feathers' getParams).
export const providerOf = (socket: { provider: Provider }) => socket.provider;

// relay() is given a request, which can reject.
export function forward(url: string) {
  relay(fetch(url).then(() => ({ on: () => {} })));
}

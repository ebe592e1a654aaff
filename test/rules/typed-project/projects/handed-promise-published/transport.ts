// A transport handed a promise by its callers (feathers' transport-commons socket()): the rule cases lint this file's text.
export interface Provider {
  on(event: string, listener: () => void): void;
}

export function socket({ done }: { done: Promise<Provider> }) {
  return () => {
    done.then((provider) => provider.on('connection', () => {}));
  };
}

export function relay(ready: Promise<Provider>) {
  ready.then((provider) => provider.on('message', () => {}));
}

// Shutdowns that hand out the one promise they made and gave a rejection handler where they stored it
// (graphile-worker's gracefulShutdown): whoever drops what they return loses no rejection.
async function drain(): Promise<void> {
  await fetch('https://example.test/drain');
}

function finish(error?: unknown): void {
  if (error) console.error('shutdown failed', error);
}

let stopping: Promise<void> | null = null;

export const pool = {
  shutdown(): Promise<void> {
    if (stopping) return stopping;
    stopping = drain();
    Promise.resolve(stopping).then(() => finish(), finish);
    return stopping;
  },
};

export class Worker {
  private closing: Promise<void> | undefined;

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = drain();
    this.closing.catch((error: unknown) => console.error('close failed', error));
    return this.closing;
  }
}

let forced = false;
let forcing: Promise<void> | null = null;

// A second shutdown while a forced one runs hands out a new promise that rejects on purpose.
export const guardedPool = {
  shutdown(): Promise<void> {
    if (forced) {
      return Promise.resolve(forcing).then(() => {
        throw new Error('a forced shutdown is in progress');
      });
    }
    if (forcing) return forcing;
    forced = true;
    forcing = drain();
    Promise.resolve(forcing).then(() => finish(), finish);
    return forcing;
  },
};

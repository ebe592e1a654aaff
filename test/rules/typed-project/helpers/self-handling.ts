// Functions of another project file that rule cases import: whether a dropped call of one can reject
// is decided by its own body here (type-aware mode resolves the declaration through the checker).
export async function refreshQuietly(): Promise<void> {
  try {
    await fetch('https://example.test/refresh');
  } catch (error) {
    console.error('refresh failed', error);
  }
}

export async function refreshLoudly(): Promise<void> {
  await fetch('https://example.test/refresh');
}

export class Poller {
  timer: ReturnType<typeof setTimeout> | undefined;

  async pollSafely(): Promise<void> {
    if (this.timer) return;
    try {
      await fetch('https://example.test/poll');
    } catch (error) {
      console.warn(error);
    }
  }
}

/** Returns the very promise it attaches its rejection handler to. */
export function shutdownHandled(): Promise<void> {
  const stopping = refreshLoudly();
  Promise.resolve(stopping).then(
    () => console.log('stopped'),
    (error: unknown) => console.error('stop failed', error),
  );
  return stopping;
}

/** A placeholder callback the real one replaces: its first value says nothing about later calls. */
export class Hooks {
  callbacks = { onMessage: (_payload: unknown): Promise<void> => Promise.resolve() };

  setOnMessage(callback: (payload: unknown) => Promise<void>): void {
    this.callbacks.onMessage = callback;
  }
}

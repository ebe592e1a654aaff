// An interface with one implementation that resolves from memory and one, an object literal, that fetches.
export interface Feed {
  refresh(): Promise<void>;
}

export class MemoryFeed implements Feed {
  refresh(): Promise<void> {
    return Promise.resolve();
  }
}

export const remoteFeed: Feed = {
  async refresh() {
    await fetch('https://example.test/feed');
  },
};

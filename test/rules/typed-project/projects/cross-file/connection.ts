export class Connection {
  async destroy(): Promise<void> {
    await fetch('https://example.test/disconnect', { method: 'POST' });
  }

  close(): void {
    console.log('closed');
  }

  async closeQuietly(): Promise<void> {
    try {
      await this.destroy();
    } catch (error) {
      console.warn(error);
    }
  }
}

export class Connection {
  /** A factory with no return annotation: it returns the instance it makes. */
  static async open() {
    const connection = new this();
    await fetch('https://example.test/open');
    return connection;
  }

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

export function liveConnections(): Array<Connection> {
  return [];
}

export class ActionProcessor {
  connection: Connection;

  constructor(connection: Connection) {
    this.connection = connection;
  }
}

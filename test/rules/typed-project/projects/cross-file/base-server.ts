import { Connection } from './connection.js';

export class BaseServer {
  async processAction(connection: Connection): Promise<void> {
    await connection.destroy();
  }

  log(message: string): void {
    console.log(message);
  }
}

export abstract class Transport {
  abstract send(message: string): Promise<void>;
}

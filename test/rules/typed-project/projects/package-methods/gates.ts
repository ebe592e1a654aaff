import { RateLimiter } from 'limiter';
import { Pool } from 'pg';

function makeLimiter(): RateLimiter {
  return new RateLimiter({ tokensPerInterval: 10, interval: 'second' });
}

function makePool(): Pool {
  return new Pool();
}

export class Gate {
  private limiter = makeLimiter();
  private pool = makePool();

  take() {
    return this.limiter.removeTokens(1);
  }

  close() {
    return this.pool.end();
  }

  ping() {
    return this.pool.query('select 1');
  }
}

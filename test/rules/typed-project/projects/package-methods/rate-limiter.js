// A rate limiter of the project around the limiter package's (uptime-kuma's server/rate-limiter.js).
const { RateLimiter } = require('limiter');

class KumaRateLimiter {
  constructor(config) {
    this.errorMessage = config.errorMessage;
    this.rateLimiter = new RateLimiter(config);
  }

  async pass(callback, num = 1) {
    const remainingRequests = await this.removeTokens(num);
    if (remainingRequests < 0) {
      if (callback) callback({ ok: false, msg: this.errorMessage });
      return false;
    }
    return true;
  }

  async removeTokens(num = 1) {
    return await this.rateLimiter.removeTokens(num);
  }
}

const loginRateLimiter = new KumaRateLimiter({ tokensPerInterval: 20, interval: 'minute', fireImmediately: true, errorMessage: 'Too frequently' });

module.exports = { loginRateLimiter };

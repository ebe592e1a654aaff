// The server's start-up bounds every request of the default axios instance (uptime-kuma's shape).
const axios = require('axios');

class Server {
    constructor() {
        axios.defaults.timeout = 300 * 1000;
    }
}

module.exports = Server;

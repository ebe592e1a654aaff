// A base class whose helper fills an axios config (the shape of uptime-kuma's notification providers).
class NotificationProvider {
    getAxiosConfigWithProxy(axiosConfig = {}) {
        if (process.env.NOTIFICATION_PROXY) {
            axiosConfig.proxy = false;
        }
        return axiosConfig;
    }

    getAxiosConfigWithTimeout(axiosConfig = {}) {
        axiosConfig.timeout = 10000;
        return axiosConfig;
    }

    getAxiosConfigFromSettings(axiosConfig = {}) {
        return loadSettings(axiosConfig);
    }
}

function loadSettings(config) {
    return Object.assign({}, globalThis.requestDefaults, config);
}

module.exports = NotificationProvider;

// A helper module of plain functions (no class) that fills an axios config.
function withProxy(config = {}) {
    if (process.env.HTTP_PROXY) config.proxy = false;
    return config;
}

module.exports = { withProxy };

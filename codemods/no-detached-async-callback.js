// jscodeshift transform for spawnguard/no-detached-async-callback:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-detached-async-callback.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-detached-async-callback']);

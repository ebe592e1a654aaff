// jscodeshift transform for spawnguard/no-floating-promise:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-floating-promise.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-floating-promise']);

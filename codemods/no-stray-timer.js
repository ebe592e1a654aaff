// jscodeshift transform for spawnguard/no-stray-timer:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-stray-timer.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-stray-timer']);

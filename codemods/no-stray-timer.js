// jscodeshift transform for spawnguard/no-stray-timer:
//   npx jscodeshift --no-babel -t node_modules/spawnguard/codemods/no-stray-timer.js --parser=tsx <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-stray-timer']);

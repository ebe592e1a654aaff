// jscodeshift transform for spawnguard/no-swallowed-error:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-swallowed-error.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-swallowed-error']);

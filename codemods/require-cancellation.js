// jscodeshift transform for spawnguard/require-cancellation:
//   npx jscodeshift -t node_modules/spawnguard/codemods/require-cancellation.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['require-cancellation']);

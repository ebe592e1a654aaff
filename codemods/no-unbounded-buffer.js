// jscodeshift transform for spawnguard/no-unbounded-buffer:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-unbounded-buffer.js --parser=tsx --no-babel <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`.
module.exports = require('./load-transform.js')(['no-unbounded-buffer']);

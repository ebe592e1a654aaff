// jscodeshift transform for spawnguard/no-swallowed-error:
//   npx jscodeshift -t node_modules/spawnguard/codemods/no-swallowed-error.js --parser=tsx <paths>
// The rewrite logic lives in src/fix (built to dist/), shared with `spawnguard fix`. This entry is
// CommonJS (codemods/package.json) because jscodeshift loads transforms with require() through
// @babel/register; the ESM engine is loaded with import(), which Babel leaves alone.
const { pathToFileURL } = require('node:url');

let transform;
module.exports = async function spawnguardCodemod(file, api, options) {
  transform ??= import(pathToFileURL(require.resolve('../dist/src/fix/transform.js')).href).then((engine) =>
    engine.createTransform(['no-swallowed-error']),
  );
  return (await transform)(file, api, options);
};
module.exports.parser = 'tsx';

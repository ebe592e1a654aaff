// The shared body of every codemods/<rule>.js entry. jscodeshift loads transforms with require()
// (through @babel/register unless --no-babel), so the entries are CommonJS (codemods/package.json) and
// need no compiling; the ESM engine in dist/ is loaded with import(), which Babel leaves alone.
const { pathToFileURL } = require('node:url');

/** A jscodeshift transform (with `parser: 'tsx'`) that runs spawnguard's rewrites for `rules`. */
module.exports = function loadTransform(rules) {
  let transform;
  const codemod = async (file, api, options) => {
    transform ??= import(pathToFileURL(require.resolve('../dist/src/fix/transform.js')).href).then((engine) =>
      engine.createTransform(rules),
    );
    return (await transform)(file, api, options);
  };
  codemod.parser = 'tsx';
  return codemod;
};

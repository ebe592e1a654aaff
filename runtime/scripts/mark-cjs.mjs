// dist/cjs holds the CommonJS build. The package is "type": "module", so Node is told, by the
// nearest package.json, that the .js files in dist/cjs are CommonJS. tsc cannot emit this file.
import { mkdirSync, writeFileSync } from 'node:fs';

const dir = new URL('../dist/cjs/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('package.json', dir), '{ "type": "commonjs" }\n');

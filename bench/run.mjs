#!/usr/bin/env node
// `npm run bench [-- section... [--project <path>]]`: runs each benchmark section in its own Node
// process (so one section's heap does not skew another's), in a fixed order, and streams its tables.
// Sections live beside this file as <name>.bench.mjs and print their own side-by-side tables.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const order = ['runtime', 'lint', 'audit', 'fix'];
const available = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.mjs'))
  .map((name) => name.slice(0, -'.bench.mjs'.length))
  .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));

const args = process.argv.slice(2);
const requested = args.filter((arg, i) => !arg.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
const passThrough = args.filter((arg) => !requested.includes(arg));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
if (!existsSync(join(benchDir, '..', 'dist')) || !existsSync(join(benchDir, '..', 'runtime', 'dist'))) {
  console.error('bench runs the built code: run `npm run build` first');
  process.exit(2);
}

let failed = false;
for (const section of requested.length > 0 ? requested : available) {
  console.log(`\n=== ${section} ===`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(benchDir, `${section}.bench.mjs`), ...passThrough], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`section ${section} failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

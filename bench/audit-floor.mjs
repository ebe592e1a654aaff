#!/usr/bin/env node
// The floor of the audit's pipeline: exactly what `spawnguard audit` does (file set, ts-morph program,
// ESLint's Linter with the plugin's config, the same parser and shared program, the same heap policy)
// with every rule turned off. No audit built on the pipeline the design prescribes can be faster or
// smaller than this; audit.bench.mjs runs it as its own process next to the real audit.
//
// usage: node bench/audit-floor.mjs <project dir> [--no-type-info]
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fromDist = (path) => import(pathToFileURL(join(repoRoot, 'dist', path)).href);
const { loadProject } = await fromDist('src/audit/project.js');
const { auditConfig, FileLinter } = await fromDist('src/audit/linting.js');
const { collectorAfterEachFile } = await fromDist('src/audit/heap.js');
const { default: plugin } = await fromDist('rules/index.js');

const projectDir = resolve(process.argv[2] ?? '.');
const typeInfo = !process.argv.includes('--no-type-info');
const project = loadProject({ cwd: projectDir, paths: [], tsconfig: projectDir, includeTests: false, typeInfo });
const rulesOff = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`spawnguard/${name}`, 'off']));
const linter = new FileLinter(project.root, [...auditConfig('recommended', project.program), { rules: rulesOff }]);
const afterEachFile = collectorAfterEachFile(project.sources.size);
let messages = 0;
for (const [file, text] of project.sources) {
  const lint = linter.lint(file, text);
  if (lint.ok) messages += lint.messages.length;
  afterEachFile?.();
}
if (messages !== 0) throw new Error(`the floor ran a rule: ${messages} message(s)`);
console.log(`${project.sources.size} files linted with no rule`);

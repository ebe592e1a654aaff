// Compiled by `tsc -p tsconfig.json` (npm test's first step), never run: the README's eslint.config
// examples must type-check against ESLint's own types, `defineConfig` and `Linter.Config[]`.
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import spawnguard from '../../rules/index.js';

// export default [...spawnguard.configs.recommended];
export const spread: Linter.Config[] = [...spawnguard.configs.recommended];
export const strict: Linter.Config[] = [...spawnguard.configs.strict];

// With ESLint 10, nest a config with defineConfig([spawnguard.configs.recommended]).
export const nested: Linter.Config[] = defineConfig([spawnguard.configs.recommended]);

// On Express 5: 'spawnguard/no-detached-async-callback': ['error', { expressVersion: 5 }].
export const express5: Linter.Config[] = defineConfig([
  spawnguard.configs.recommended,
  { rules: { 'spawnguard/no-detached-async-callback': ['error', { expressVersion: 5 }] } },
]);

// The plugin on its own, registered under its name, with `extends`.
export const registered: Linter.Config[] = defineConfig({
  files: ['src/**/*.ts'],
  plugins: { spawnguard },
  extends: ['spawnguard/recommended'],
});
export const extended: Linter.Config[] = defineConfig({ files: ['**/*.ts'], extends: [spawnguard.configs.strict] });

export const plugin: ESLint.Plugin = spawnguard;

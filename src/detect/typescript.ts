import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

/**
 * The `typescript` package, loaded with `require`. An ESM `import` of this 9 MB CommonJS file makes
 * Node scan all of it for export names first (cjs-module-lexer): 0.27 s on every lint, audit and fix
 * start. typescript-eslint already loads it with `require`, so this is the same module instance.
 */
export const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;

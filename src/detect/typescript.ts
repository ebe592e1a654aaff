import { createRequire } from 'node:module';
import type * as TypeScript from 'typescript';

const require = createRequire(import.meta.url);

/**
 * The `typescript` package, loaded with `require` on first call. An ESM `import` of this 9 MB CommonJS
 * file makes Node scan all of it for export names first (cjs-module-lexer): 0.27 s on every start.
 * typescript-eslint loads it with `require` too, so this is the same module instance. Never at module
 * load: the plugin in syntactic mode (an editor on plain JS, oxlint) must not load the compiler at all.
 */
export function typescript(): typeof TypeScript {
  loaded ??= require('typescript') as typeof TypeScript;
  return loaded;
}
// Kept once loaded: `require` resolves the module's path again on every call, and the export summary asks per question.
let loaded: typeof TypeScript | undefined;

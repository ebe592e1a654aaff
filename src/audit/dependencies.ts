import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import { ts } from '../detect/typescript.js';

/**
 * The project files a file's findings can depend on: every file it imports, directly or through
 * other project files (`import`, `export ... from`, `import()`, `require`, `/// <reference>`),
 * resolved as the compiler resolves them. Packages are left out (the lockfile stands for them in the
 * cache key). Transitive on purpose: a type can travel through any number of re-exports and aliases,
 * so an edit anywhere below a file may change what the type checker says about it.
 */
export class ImportGraph {
  readonly #compilerOptions: TypeScript.CompilerOptions;
  readonly #textOf: (file: string) => string | undefined;
  readonly #resolutionCache: TypeScript.ModuleResolutionCache;
  readonly #direct = new Map<string, readonly string[]>();

  constructor(compilerOptions: TypeScript.CompilerOptions, textOf: (file: string) => string | undefined) {
    this.#compilerOptions = compilerOptions;
    this.#textOf = textOf;
    this.#resolutionCache = ts.createModuleResolutionCache(process.cwd(), (name) => name, compilerOptions);
  }

  /** Sorted absolute paths, the file itself excluded. */
  closureOf(file: string): string[] {
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      for (const next of this.#importsOf(queue.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    seen.delete(file);
    return [...seen].sort();
  }

  #importsOf(file: string): readonly string[] {
    const known = this.#direct.get(file);
    if (known) return known;
    const text = this.#textOf(file);
    const found: string[] = [];
    if (text !== undefined) {
      const info = ts.preProcessFile(text, true, true);
      for (const { fileName } of info.referencedFiles) {
        const referenced = resolve(dirname(file), fileName);
        if (existsSync(referenced)) found.push(referenced);
      }
      for (const { fileName } of info.importedFiles) {
        const resolved = ts.resolveModuleName(fileName, file, this.#compilerOptions, ts.sys, this.#resolutionCache).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes('/node_modules/')) {
          found.push(resolved.resolvedFileName);
        }
      }
    }
    this.#direct.set(file, found);
    return found;
  }
}

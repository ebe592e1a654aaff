import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import { typescript } from '../detect/typescript.js';

const ts = typescript();

/** Module resolution for a file linted without a program: the audit's own defaults for plain JS/TS. */
const SYNTACTIC_RESOLUTION: TypeScript.CompilerOptions = {
  allowJs: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
};

/**
 * The project files a file's findings can depend on, for the cache: every file it imports, directly
 * or through other project files (`import`, `export ... from`, `import()`, `require`,
 * `/// <reference>`), resolved as its program resolves them; with a program, also the tsconfig it
 * was built from (and what that extends) and the tsconfig's own declaration files, whose global types
 * reach every file. Packages are left out: the lockfile stands for them in the cache key. Transitive
 * on purpose: a type can travel through any number of re-exports and aliases, so an edit anywhere
 * below a file may change what the type checker says about it.
 */
export class ImportGraph {
  readonly #textOf: (file: string) => string | undefined;
  readonly #direct = new Map<string, readonly string[]>();
  readonly #resolutionCaches = new Map<TypeScript.CompilerOptions, TypeScript.ModuleResolutionCache>();
  readonly #programFiles = new Map<TypeScript.Program, readonly string[]>();

  /** `textOf` gives the text the run already holds; other files are read from disk. */
  constructor(textOf: (file: string) => string | undefined) {
    this.#textOf = textOf;
  }

  /** Sorted absolute paths, the file itself excluded. */
  dependenciesOf(file: string, program: TypeScript.Program | undefined): string[] {
    const options = program?.getCompilerOptions() ?? SYNTACTIC_RESOLUTION;
    const seen = new Set<string>([file]);
    const queue = [file];
    while (queue.length > 0) {
      for (const next of this.#importsOf(queue.pop()!, options)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    for (const configured of program ? this.#programFilesOf(program) : []) seen.add(configured);
    seen.delete(file);
    return [...seen].sort();
  }

  /** The tsconfig chain and its declaration files: what a change of makes every file of the program suspect. */
  #programFilesOf(program: TypeScript.Program): readonly string[] {
    let files = this.#programFiles.get(program);
    if (!files) {
      const found: string[] = [];
      const configFile = program.getCompilerOptions().configFilePath;
      if (typeof configFile === 'string') {
        const extended = new Map<string, TypeScript.ExtendedConfigCacheEntry>();
        ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} }, extended);
        found.push(configFile, ...[...extended.keys()].filter((path) => existsSync(path)));
      }
      for (const root of program.getRootFileNames()) {
        if (/\.d\.[cm]?ts$/.test(root) && !root.includes('/node_modules/')) found.push(resolve(root));
      }
      files = found;
      this.#programFiles.set(program, files);
    }
    return files;
  }

  #importsOf(file: string, options: TypeScript.CompilerOptions): readonly string[] {
    const known = this.#direct.get(file);
    if (known) return known;
    const text = this.#textOf(file) ?? (existsSync(file) ? ts.sys.readFile(file) : undefined);
    const found: string[] = [];
    if (text !== undefined) {
      const info = ts.preProcessFile(text, true, true);
      for (const { fileName } of info.referencedFiles) {
        const referenced = resolve(dirname(file), fileName);
        if (existsSync(referenced)) found.push(referenced);
      }
      for (const { fileName } of info.importedFiles) {
        const resolved = ts.resolveModuleName(fileName, file, options, ts.sys, this.#resolutionCacheFor(options)).resolvedModule;
        if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes('/node_modules/')) {
          found.push(resolve(resolved.resolvedFileName));
        }
      }
    }
    this.#direct.set(file, found);
    return found;
  }

  #resolutionCacheFor(options: TypeScript.CompilerOptions): TypeScript.ModuleResolutionCache {
    let cache = this.#resolutionCaches.get(options);
    if (!cache) {
      cache = ts.createModuleResolutionCache(process.cwd(), (name) => name, options);
      this.#resolutionCaches.set(options, cache);
    }
    return cache;
  }
}

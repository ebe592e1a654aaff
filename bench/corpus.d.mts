// Types for bench/corpus.mjs, so TypeScript tests can import the generator.
export declare const antiPatternFamilies: readonly string[];
export declare function antiPatternMarker(family: string): string;

export interface CorpusOptions {
  /** Minimum number of lines to write (default 100 000). */
  lines?: number;
  /** PRNG seed: the same seed gives byte-identical output (default 1). */
  seed?: number;
  /** typeRoots written into the corpus tsconfig (default: this repository's node_modules/@types). */
  typeRoots?: string[];
}

export declare function generateCorpus(dir: string, options?: CorpusOptions): Promise<{ dir: string; files: string[]; lines: number }>;
export declare function buildCorpus(options?: CorpusOptions): Map<string, string>;

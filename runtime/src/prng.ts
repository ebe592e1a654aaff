/**
 * @module
 * mulberry32: small, fast and good enough to pick chaos victims; the same seed gives the same picks.
 * Not part of the package's API (index.ts does not export it); the bench's corpus generator draws
 * from it too, which is why it lives in a module with no side effects (chaos.ts arms itself on import).
 */

/** Numbers in [0, 1) drawn from `seed`: the same seed, the same sequence. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

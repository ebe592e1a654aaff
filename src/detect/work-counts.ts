/**
 * Counts of the program-wide work the rules do, by kind: `npm run bench -- lint` prints them per
 * variant. A count does not move with the machine's load, so a change that repeats a whole-program
 * search for every linted file shows here even when the bench's times cannot tell it from noise.
 */

/** The kinds counted, in the order the bench prints them. */
export type WorkKind = 'implementation searches' | 'files read by implementation searches' | 'source tree walks' | 'files listed by source tree walks';

const counts = new Map<WorkKind, number>([
  ['implementation searches', 0],
  ['files read by implementation searches', 0],
  ['source tree walks', 0],
  ['files listed by source tree walks', 0],
]);

export function countWork(kind: WorkKind, amount = 1): void {
  counts.set(kind, (counts.get(kind) ?? 0) + amount);
}

/** What this process has done so far, by kind. */
export function workCounts(): Record<WorkKind, number> {
  return Object.fromEntries(counts) as Record<WorkKind, number>;
}

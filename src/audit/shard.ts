import { AuditSetupError } from './project.js';

/** `--shard i/n`: this run audits the i-th of n parts of the file set (1-based, as Jest and Playwright count). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new AuditSetupError(`--shard must be i/n with 1 <= i <= n (got '${text}')`);
  }
  return { index, count };
}

/**
 * The files of one shard. The sorted file list is cut into `count` contiguous runs of about equal
 * size in bytes: contiguous, so a folder's files (which import each other) mostly land in one shard
 * and its type-aware program stays small; by bytes, because lint time follows file size, not count.
 * Every shard computes the same cut from the same file set, so the shards cover it exactly once.
 */
export function filesOfShard(files: readonly string[], sizeOf: (file: string) => number, shard: Shard): Set<string> {
  const sorted = [...files].sort();
  const sizes = sorted.map((file) => Math.max(1, sizeOf(file)));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const mine = new Set<string>();
  let before = 0;
  sorted.forEach((file, i) => {
    // A file belongs to the shard in whose byte range its midpoint falls.
    const midpoint = before + sizes[i]! / 2;
    before += sizes[i]!;
    const owner = Math.min(shard.count, Math.floor((midpoint / total) * shard.count) + 1);
    if (owner === shard.index) mine.add(file);
  });
  return mine;
}

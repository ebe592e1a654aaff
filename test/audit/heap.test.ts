import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { collectorAfterEachFile, fullGarbageCollector } from '../../src/audit/heap.js';

const MB = 2 ** 20;

/** Allocates about `bytes` that are garbage once it returns (what a linted file leaves); returns the heap's size while they were alive. */
function pileGarbage(bytes: number): number {
  const arrays = Array.from({ length: Math.ceil(bytes / MB) }, () => new Array<number>(MB / 8).fill(0.5));
  return arrays.length > 0 ? getHeapStatistics().used_heap_size : 0;
}

describe('collectorAfterEachFile: the audit collects its garbage at file boundaries', () => {
  it('leaves a small run to V8', () => {
    expect(collectorAfterEachFile(300)).toBeUndefined();
    expect(collectorAfterEachFile(301)).toBeTypeOf('function');
  });

  it('collects after the first file already when the heap holds more garbage than live data', () => {
    fullGarbageCollector()();
    const afterEachFile = collectorAfterEachFile(10_000)!;
    const live = getHeapStatistics().used_heap_size;
    const piled = pileGarbage(Math.max(live, 128 * MB) + 64 * MB);
    expect(piled - live).toBeGreaterThan(Math.max(live, 128 * MB));
    afterEachFile();
    // File count alone (one file of 300) would have left it: the garbage is gone now.
    expect(piled - getHeapStatistics().used_heap_size).toBeGreaterThan(64 * MB);
  });
});

import { describe, expect, it } from 'vitest';
import { runNode } from './helpers/built-runtime.js';

/** The child's pid is known and it is still there (signal 0 tests for existence). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The helper the tests of the built runtime run `node` with has no time limit of its own, so a load
// spike never decides a result; what keeps a hanging program from outliving the run is that it is
// killed when its test ends.
describe('runNode', () => {
  let pid: number | undefined;

  it('runs a program that is still running when its test ends', async () => {
    const started = new Promise<number>((resolve) => {
      void runNode(['-e', 'console.log(process.pid); setInterval(() => {}, 1000);'], { onStdout: (text) => resolve(Number(text.trim())) });
    });
    pid = await started;
    expect(isRunning(pid)).toBe(true);
  });

  it('and kills it once that test has ended', async () => {
    expect(pid).toBeTypeOf('number');
    // Waits for the condition; vitest's test timeout is the only limit.
    while (isRunning(pid!)) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isRunning(pid!)).toBe(false);
  });
});

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** Child processes cannot run TypeScript on Node 20, so they import the built runtime. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtRuntime = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const lock = fileURLToPath(new URL('../../dist-build.lock', import.meta.url));

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Brings runtime/dist (the ES module build, and the CommonJS one in dist/cjs) up to date (`tsc -b` is incremental, so this is quick when nothing changed).
 * Test files run in parallel processes; a lock directory keeps two builds from writing at once.
 */
export function buildRuntime(): string {
  const giveUpAt = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > giveUpAt) throw new Error(`runtime build lock ${lock} held for 60 s`);
      sleep(50);
    }
  }
  try {
    execFileSync(process.execPath, [`${repoRoot}node_modules/typescript/bin/tsc`, '-b', `${repoRoot}runtime`, `${repoRoot}runtime/tsconfig.cjs.json`], {
      stdio: 'pipe',
    });
    execFileSync(process.execPath, [`${repoRoot}runtime/scripts/mark-cjs.mjs`], { stdio: 'pipe' });
    execFileSync(process.execPath, [`${repoRoot}runtime/scripts/strip-cjs-comments.mjs`], { stdio: 'pipe' });
  } catch (error) {
    // tsc still emits when a file has type errors (type-checking is another test's job); only a
    // build that produced no entry point stops these tests.
    if (!existsSync(builtRuntime)) throw error;
    console.warn(`tsc -b runtime reported errors; testing the emitted runtime/dist:\n${String((error as { stdout?: unknown }).stdout ?? error)}`);
  } finally {
    rmdirSync(lock);
  }
  return builtRuntime;
}

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The `node` binary (default: the one running the tests). */
  node?: string;
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void;
}

/**
 * Runs `node` with `args` (cwd: the repository, so `@spawnguard/runtime` resolves), from inside a
 * test. It has no time limit of its own: a program that hangs runs into the test's timeout, and is
 * killed when the test ends.
 */
export function runNode(args: readonly string[], options: RunOptions = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, args, { cwd: repoRoot, stdio: 'pipe' });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs an ES module source in a fresh `node`, as `runNode` does. */
export function runScript(source: string, options: RunOptions = {}): Promise<Outcome> {
  return runNode(['--input-type=module', '-e', source], options);
}

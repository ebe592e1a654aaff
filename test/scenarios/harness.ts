import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs a rule's scenario program (fixtures/<rule>/scenario/{before,after}.mjs, or another folder) in a child Node
 * process, with test/scenarios/observer.mjs preloaded, and collects what it printed and what the
 * observer saw. `killScenarios()` (call it in afterEach) kills what is left.
 */
export type Program = 'before' | 'after';

export interface ObservedEvent {
  channel: string;
  message: Record<string, unknown>;
}

export interface Observation {
  events: ObservedEvent[];
  /** Exceptions and rejections that escaped (origin 'unhandledRejection' or 'uncaughtException'). */
  uncaught: { origin: string; error: { name?: string; message?: string } }[];
  /** What `process.getActiveResourcesInfo()` held when the process exited, and 'Worker' per running worker thread (absent if it was killed). */
  exit?: { code: number; resources: string[] };
  /** The same, each time the process got SIGUSR2 (`Scenario.resourcesNow()`). */
  resources: string[][];
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const observer = fileURLToPath(new URL('./observer.mjs', import.meta.url));
const running = new Set<Scenario>();

export interface ScenarioOptions {
  /** Preload the observer (default true); without it the runtime's fallback (stderr) shows. */
  observe?: boolean;
  /**
   * The scenario's folder under fixtures/<rule>/ (default `scenario`): a rewrite decision of its own
   * has a folder of its own (`scenario-one-shot`, ...).
   */
  folder?: string;
}

export class Scenario {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly #observationDir: string;
  readonly #observationFile: string;
  readonly #exited: Promise<Exit>;
  #exit: Exit | undefined;
  /** Settles once the program's stdout and stderr are closed: all it printed has been read. */
  readonly #closed: Promise<unknown>;
  #outputEnded = false;

  constructor(rule: string, program: Program, options: ScenarioOptions = {}) {
    this.#observationDir = mkdtempSync(join(tmpdir(), 'spawnguard-scenario-'));
    this.#observationFile = join(this.#observationDir, 'observed.jsonl');
    const cwd = join(fixtures, rule, options.folder ?? 'scenario');
    const preload = options.observe === false ? [] : ['--import', observer];
    this.child = spawn(process.execPath, [...preload, `${program}.mjs`], {
      cwd,
      env: {
        ...process.env,
        SPAWNGUARD_OBSERVER_OUT: this.#observationFile,
        NODE_OPTIONS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.#exited = once(this.child, 'exit').then(([code, signal]) => {
      this.#exit = { code: code as number | null, signal: signal as NodeJS.Signals | null };
      return this.#exit;
    });
    this.#closed = once(this.child, 'close').then(() => (this.#outputEnded = true));
    running.add(this);
  }

  get stdoutLines(): string[] {
    return this.stdout.split('\n').filter((line) => line !== '');
  }

  // The waits below end when what they wait for happens, or when the program has ended and it never
  // can. None has a time limit of its own: a program that hangs runs into the test's timeout
  // (vitest.config.ts), which fails the test without deciding what it asserts.

  /** Resolves with the exit once the program has ended. */
  exited(): Promise<Exit> {
    return this.#exited;
  }

  /** Waits until stdout has a line matching `pattern` and returns it; undefined if the output ended without one. */
  async line(pattern: RegExp): Promise<string | undefined> {
    for (;;) {
      const line = this.stdoutLines.find((candidate) => pattern.test(candidate));
      if (line !== undefined || this.#outputEnded) return line;
      await Promise.race([once(this.child.stdout!, 'data'), this.#closed]);
    }
  }

  /**
   * What keeps the running program's event loop alive, less its stdout/stderr pipes, asked of the
   * observer (SIGUSR2) and waited for; undefined if the program ended before it answered.
   */
  async resourcesNow(): Promise<string[] | undefined> {
    const asked = this.observation().resources.length;
    this.child.kill('SIGUSR2');
    for (;;) {
      const answer = this.observation().resources[asked];
      if (answer !== undefined) return answer.filter((resource) => resource !== 'PipeWrap' && resource !== 'TTYWrap');
      if (this.#exit !== undefined) return undefined;
      // The observer appends its answer to a file, which has no event to wait for: look again soon.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async kill(): Promise<void> {
    if (this.#exit === undefined) {
      this.child.kill('SIGKILL');
      await this.#exited;
    }
  }

  /** What the observer recorded (read after the process ended, or so far). */
  observation(): Observation {
    let text = '';
    try {
      text = readFileSync(this.#observationFile, 'utf8');
    } catch {
      // nothing observed yet
    }
    const records = text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const observation: Observation = { events: [], uncaught: [], resources: [] };
    for (const record of records) {
      if (record['kind'] === 'event') observation.events.push(record as unknown as ObservedEvent);
      else if (record['kind'] === 'uncaught') observation.uncaught.push(record as unknown as Observation['uncaught'][number]);
      else if (record['kind'] === 'exit') observation.exit = record as unknown as Observation['exit'];
      else if (record['kind'] === 'resources') observation.resources.push(record['resources'] as string[]);
    }
    return observation;
  }

  async dispose(): Promise<void> {
    await this.kill();
    running.delete(this);
    rmSync(this.#observationDir, { recursive: true, force: true });
  }
}

export function runScenario(rule: string, program: Program, options?: ScenarioOptions): Scenario {
  return new Scenario(rule, program, options);
}

export async function killScenarios(): Promise<void> {
  await Promise.all([...running].map((scenario) => scenario.dispose()));
}

export function eventsOn(observation: Observation, channel: string): Record<string, unknown>[] {
  return observation.events.filter((event) => event.channel === channel).map((event) => event.message);
}

/**
 * What was still keeping the event loop alive at exit, less the program's own stdout/stderr pipes
 * (a child process shows as ProcessWrap, so its pipes need not be counted; a worker thread still
 * running, as 'Worker': see observer.mjs).
 */
export function leftoverResources(observation: Observation): string[] | undefined {
  return observation.exit?.resources.filter((resource) => resource !== 'PipeWrap' && resource !== 'TTYWrap');
}

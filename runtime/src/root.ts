import { Application } from './application.js';

/**
 * The default application, so that code rewritten by the codemods needs one import:
 * `import { tasks, supervise, report } from '@spawnguard/runtime'`.
 *
 * Creating it starts nothing: its tree starts on the first `supervise.*` call, and `tasks.start`
 * needs no tree at all. It never installs an `unhandledRejection` handler (that would switch off
 * Node's crash-on-rejection for the whole program) and holds no timer of its own, so a program that
 * only uses `tasks.start` exits when its work is done.
 *
 * It installs no signal listener either: importing the runtime, or a library that uses it, must not
 * take over the process. The application hands its signals over with {@link handleSignals} (or
 * starts an explicit root with `Application.start`); from then on, while a tree runs, SIGTERM and
 * SIGINT first stop it and then run their course, so a supervised interval does not keep alive a
 * program that was asked to shut down.
 */
export const root = new Application({ name: 'root' });

/**
 * Called once by an application's entry point (never by a library): SIGTERM and SIGINT (or
 * `signals`) stop the default root's tree, then run their course as without the runtime (see
 * `stopOnSignals` in application.ts). Returns the undo.
 */
export function handleSignals(signals?: NodeJS.Signals[]): () => void {
  return root.handleSignals(signals);
}

/** The root's TaskSupervisor: `tasks.start(fn)`, `tasks.async(fn)`, `tasks.callback(fn)`. */
export const tasks = root.tasks;

/** Adds children to the root: `supervise.interval`, `.worker`, `.process`, `.cache`, `.queue`. */
export const supervise = root.supervise;

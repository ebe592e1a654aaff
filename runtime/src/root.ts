import { Application } from './application.js';

/**
 * The default application, so that code rewritten by the codemods needs one import:
 * `import { tasks, supervise, report } from '@spawnguard/runtime'`.
 *
 * Creating it starts nothing: its tree starts on the first `supervise.*` call, and `tasks.start`
 * needs no tree at all. It installs no signal or `unhandledRejection` handler (that would switch off
 * Node's crash-on-rejection for the whole program) and holds no timer of its own, so a program that
 * only uses `tasks.start` exits when its work is done. A service that wants graceful shutdown on
 * SIGTERM uses `Application.start` instead, or calls `root.stop()` itself.
 */
export const root = new Application({ name: 'root' });

/** The root's TaskSupervisor: `tasks.start(fn)`, `tasks.async(fn)`, `tasks.callback(fn)`. */
export const tasks = root.tasks;

/** Adds children to the root: `supervise.interval`, `.worker`, `.process`, `.cache`, `.queue`. */
export const supervise = root.supervise;

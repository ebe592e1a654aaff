import { Application } from './application.js';

/**
 * The default application, so that code rewritten by the codemods needs one import:
 * `import { tasks, supervise, report } from '@spawnguard/runtime'`.
 *
 * Creating it starts nothing: its tree starts on the first `supervise.*` call, and `tasks.start`
 * needs no tree at all. It never installs an `unhandledRejection` handler (that would switch off
 * Node's crash-on-rejection for the whole program) and holds no timer of its own, so a program that
 * only uses `tasks.start` exits when its work is done. While a tree started by `supervise.*` runs,
 * SIGTERM and SIGINT first stop it and then run their course as they would without the runtime (see
 * `stopOnSignals` in application.ts): a supervised interval must not keep a program alive that was
 * asked to shut down. A service that wants full control uses `Application.start`.
 */
export const root = new Application({ name: 'root', stopOnSignals: ['SIGTERM', 'SIGINT'] });

/** The root's TaskSupervisor: `tasks.start(fn)`, `tasks.async(fn)`, `tasks.callback(fn)`. */
export const tasks = root.tasks;

/** Adds children to the root: `supervise.interval`, `.worker`, `.process`, `.cache`, `.queue`. */
export const supervise = root.supervise;

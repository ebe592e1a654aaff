// The project audits itself: the plugin's recommended config over the product's own code
// (`npm run lint`, part of `npm test`; it loads the built plugin from dist/, which `npm test` builds
// first). Every finding is fixed or turned off below with the reason.
import spawnguard from 'spawnguard';

const ownCode = ['src/**/*.ts', 'rules/**/*.ts', 'runtime/src/**/*.ts', 'bin/**/*.js'];

export default [
  ...spawnguard.configs.recommended.map((config) => ({ ...config, files: config.files ?? ownCode })),
  {
    // The plugin object ESLint loads is filled once, at import, by design; nothing restarts it.
    files: ['rules/index.ts'],
    rules: { 'spawnguard/no-unowned-state': 'off' },
  },
  {
    // A memo of where oxlint is installed, keyed by the few folder lists the CLI asks about: an
    // installation does not change during one CLI run, and a restarted run starts a new process.
    files: ['src/audit/oxlint-binary.ts'],
    rules: { 'spawnguard/no-unowned-state': 'off' },
  },
  {
    // `unreadable` is an array of error records, not a Readable: the rule's name-based stream guess
    // misfires (a false positive of no-unbounded-buffer, left to the detector's owners).
    files: ['src/audit/project.ts'],
    rules: { 'spawnguard/no-unbounded-buffer': 'off' },
  },
  {
    // A summary of at most a few lines per changed file, written once at the end of a CLI run to
    // the terminal or a pipe; the process exits only after stdout has flushed.
    files: ['src/cli/fix.ts'],
    rules: { 'spawnguard/no-unbounded-buffer': 'off' },
  },
  {
    // The runtime is the supervisor: its bookkeeping promises (a child's start, a stop, a serialised
    // operation, a task's own promise) are observed by the code that owns them, and each handler
    // that drops a rejection does so because the same failure is reported on another path (the
    // comments at each site say which). Running them under `tasks.start` would have the runtime
    // supervise itself.
    files: ['runtime/src/application.ts', 'runtime/src/application-tree.ts', 'runtime/src/child-shutdown.ts', 'runtime/src/supervisor.ts', 'runtime/src/task-supervisor.ts'],
    rules: { 'spawnguard/no-floating-promise': 'off', 'spawnguard/no-swallowed-error': 'off' },
  },
  {
    // What package.json files on disk say (a framework's installed or declared version, the module
    // system, the dependencies), remembered for a second per folder so that an editor's long-lived
    // process sees them change (src/detect/nearest-manifest.ts); where a repository's outermost
    // package sits; and a file's own style: lookups the lint process keeps, as ESLint caches its own
    // config lookups. One jscodeshift per parser, likewise. Whether a package
    // sets its HTTP client's default timeout, per package, for 30 s (src/detect/client-defaults.ts).
    // A repository's identifiers by file, for 30 s, to find a function's callers (src/detect/project-callers.ts).
    files: [
      'src/detect/entry-files.ts',
      'src/detect/nearest-manifest.ts',
      'src/detect/source-style.ts',
      'src/detect/client-defaults.ts',
      'src/detect/project-callers.ts',
      'src/fix/parsers.ts',
    ],
    rules: { 'spawnguard/no-unowned-state': 'off' },
  },
  {
    // diagnostics_channel channels are process-wide by nature; the map only caches the lookup by name.
    // Named breakers are process-wide by design, as fuse's `install`: every call site naming one
    // shares its state, whatever supervisor the callers run under.
    files: ['runtime/src/telemetry.ts', 'runtime/src/breaker.ts'],
    rules: { 'spawnguard/no-unowned-state': 'off' },
  },
];

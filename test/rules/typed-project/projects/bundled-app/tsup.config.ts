// The bundler config of a rule-test project: the server, a script and a worker are what `node dist` and its scripts run.
export default [
  { entryPoints: ['src/server/index.ts'], format: ['cjs'] },
  { entry: ['./src/scripts/import-dir.ts', 'src/worker/thumbnail.ts'], outDir: 'dist/scripts' },
];

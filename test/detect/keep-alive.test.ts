import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scopesOfManager, type ScopeOf } from '../../src/ast/scopes.js';
import { linkParents } from '../../src/ast/walk.js';
import { installsKeepAliveHandler, keepAliveAnswerOf, keepAliveOf, programKeepAlive, programKeepsRunningAfterRejection } from '../../src/detect/keep-alive.js';
import { forgetManifests } from '../../src/detect/nearest-manifest.js';
import { crossFileParses } from '../../src/detect/project-files.js';

/** The one home of "the program keeps running after an unhandled rejection" (issue 9): the handler shapes, then where the program's entry is found. */

/** A file's program and its scopes, as a rule sees them. */
function program(code: string): [TSESTree.Program, ScopeOf] {
  const parsed = parseForESLint(code, { range: true, loc: true, sourceType: 'module' });
  linkParents(parsed.ast);
  return [parsed.ast as TSESTree.Program, scopesOfManager(parsed.scopeManager)];
}

describe('installsKeepAliveHandler: the handler shapes', () => {
  it.each([
    ["process.on('unhandledRejection', (reason) => { console.error(reason); });", true],
    ["process.addListener('unhandledRejection', log);", true],
    ["let onError = (error) => { console.trace(error); };\nprocess.addListener('uncaughtException', onError);", true],
    // Node raises an unhandled rejection as an uncaught exception when nobody listens for the rejection.
    ["process.on('uncaughtException', (error) => { console.error(error); });", true],
    ["process.on('unhandledRejection', (reason) => { log(reason); process.exitCode = 1; });", true],
    ["import { report } from './report.js';\nprocess.on('unhandledRejection', report);", true],
    ['process.setUncaughtExceptionCaptureCallback(log);', true],
    ["process.on('unhandledRejection', (reason) => { throw reason; });", false],
    ["process.on('unhandledRejection', (reason) => { log(reason); process.exit(1); });", false],
    ["process.on('unhandledRejection', (reason) => { log(reason); setTimeout(() => process.exit(1), 100); });", false],
    ["function onFatal(error) { log(error); process.kill(process.pid, 'SIGTERM'); }\nprocess.on('uncaughtException', onFatal);", false],
    // A once handler is gone after the first failure: the second one ends the process.
    ["process.once('unhandledRejection', (reason) => { console.error(reason); });", false],
    ["process.prependOnceListener('uncaughtException', log);", false],
    ["process.on('exit', () => flush());", false],
    ["emitter.on('unhandledRejection', log);", false],
    // `process` by what it is bound to, not by its name: imported or required under another name, or a
    // parameter that shadows it.
    ["import proc from 'node:process';\nproc.on('unhandledRejection', (reason) => { console.error(reason); });", true],
    ["const { on } = require('process');\non('uncaughtException', (error) => { console.error(error); });", true],
    ["globalThis.process.on('unhandledRejection', log);", true],
    ["export function watch(process) {\n  process.on('unhandledRejection', log);\n}", false],
    ["import { exit } from 'node:process';\nprocess.on('unhandledRejection', (reason) => { console.error(reason); exit(1); });", false],
    ["const proc = process;\nproc.on('unhandledRejection', (reason) => { console.error(reason); proc.exit(1); });", false],
    // The handler by scope: the function the name denotes where it is passed, not the first of that name.
    ["function start() {\n  function onFailure(error) { process.exit(1); }\n  return onFailure;\n}\nfunction onFailure(error) { console.error(error); }\nprocess.on('unhandledRejection', onFailure);", true],
    ["function onFailure(error) { console.error(error); }\nexport function install() {\n  const onFailure = (error) => { throw error; };\n  process.on('unhandledRejection', onFailure);\n}", false],
    // A handler that exits through a helper of its own file ends the process (issue 9: soketi's
    // `handleFailure()`, node-express-boilerplate's `exitHandler()`, kuzzle's `this.dumpAndExit()`).
    [
      "class Cli {\n  start() {\n    const handleFailure = () => {\n      this.server.stop().then(() => { process.exit(); });\n    };\n    process.on('SIGTERM', handleFailure);\n    process.on('uncaughtException', (err, origin) => {\n      Log.error({ err, origin });\n      handleFailure();\n    });\n  }\n}",
      false,
    ],
    [
      "const exitHandler = () => {\n  if (server) server.close(() => process.exit(1));\n  else process.exit(1);\n};\nconst unexpectedErrorHandler = (error) => {\n  logger.error(error);\n  exitHandler();\n};\nprocess.on('uncaughtException', unexpectedErrorHandler);\nprocess.on('unhandledRejection', unexpectedErrorHandler);",
      false,
    ],
    [
      "class Kuzzle {\n  register() {\n    process.on('uncaughtException', (err) => {\n      this.log.error(err.message);\n      this.dumpAndExit('uncaught-exception');\n    });\n  }\n  async dumpAndExit(suffix) {\n    await this.shutdown();\n  }\n  async shutdown() {\n    await this.pipe('kuzzle:shutdown');\n    process.exit(0);\n  }\n}",
      false,
    ],
    // A guarded rethrow is a mode switch: kuzzle rethrows only in development, and logs otherwise.
    ["process.on('unhandledRejection', (reason) => {\n  console.error(reason);\n  if (global.NODE_ENV === 'development') {\n    throw reason;\n  }\n});", true],
    ["process.on('unhandledRejection', (reason) => { console.error(reason); return strict && (() => { throw reason; })(); });", true],
    // A guarded exit is a re-entrancy check (homebridge): the process still ends.
    ["const errorHandler = (error) => {\n  log.error(error.stack);\n  if (!shuttingDown) {\n    process.kill(process.pid, 'SIGTERM');\n  }\n};\nprocess.on('uncaughtException', errorHandler);", false],
    ["process.on('uncaughtException', (error) => { console.error(error); if (server) server.close(() => process.exit(1)); else process.exit(1); });", false],
    ["process.on('uncaughtException', (error) => { console.error(error); isFatal(error) ? process.exit(1) : process.exit(2); });", false],
    ["process.on('uncaughtException', (error) => { try { report(error); } finally { process.exit(1); } });", false],
    // Two calls deep is followed; further, the handler is taken at its word.
    ["function onFatal(error) { log(error); shutdown(); }\nfunction shutdown() { stopAll(); }\nfunction stopAll() { process.exit(1); }\nprocess.on('uncaughtException', onFatal);", false],
    ["function onFatal(error) { log(error); shutdown(); }\nfunction shutdown() { stopAll(); }\nfunction stopAll() { flushAll(); }\nfunction flushAll() { process.exit(1); }\nprocess.on('uncaughtException', onFatal);", true],
    // A helper that only logs keeps the process running; a helper's own `throw` guards its input, it is not the handler ending the process.
    ["function logIt(error) { console.error(error); }\nprocess.on('unhandledRejection', (reason) => { logIt(reason); });", true],
    ["function describe(error) { if (!error) throw new TypeError('no error'); return String(error); }\nprocess.on('unhandledRejection', (reason) => { console.error(describe(reason)); });", true],
    // A helper found by scope: a parameter of the same name is not the helper.
    ["function stop() { process.exit(1); }\nexport function install(stop) {\n  process.on('unhandledRejection', (reason) => { console.error(reason); stop(); });\n}", true],
  ])('%s -> %s', (code, keepsRunning) => {
    expect(installsKeepAliveHandler(...program(code), '/virtual/server.ts')).toBe(keepsRunning);
  });
});

describe('keepAliveOf: what the handler does with the failure, by binding', () => {
  it.each([
    ["process.on('unhandledRejection', (reason) => { record(reason); });", 'logged'],
    // The failure is the handler's parameter, not another binding of that name.
    ["process.on('unhandledRejection', (reason) => { queue.push((reason) => reason); });", 'silent'],
    ["process.on('unhandledRejection', (reason) => { const console = { error() {} }; console.error('lost'); });", 'silent'],
    ["process.on('unhandledRejection', () => { console.error('unexpected'); });", 'logged'],
  ])('%s -> %s', (code, keepAlive) => {
    expect(keepAliveOf(...program(code))).toBe(keepAlive);
  });
});

describe('programKeepsRunningAfterRejection: the program a file belongs to', () => {
  let root: string;
  const LOGGING = "process.on('unhandledRejection', (reason) => { console.error(reason); });\n";
  const EXITING = "process.on('unhandledRejection', (reason) => { console.error(reason); process.exit(1); });\n";

  function write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }

  function keepsRunning(file: string, ownProgram = false): boolean {
    return programKeepsRunningAfterRejection(join(root, file), ...program('export {};'), ownProgram);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'spawnguard-keep-alive-'));
    forgetManifests();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the handler in the start script, through npm run hops', () => {
    write({
      'package.json': JSON.stringify({ scripts: { start: 'npm run start-server', 'start-server': 'node server/server.js' } }),
      'server/server.js': LOGGING,
      'server/jobs.js': 'module.exports = {};',
    });
    expect(keepsRunning('server/jobs.js')).toBe(true);
  });

  it('finds the handler in a module the entry loads, and maps build output to its source', () => {
    write({
      'package.json': JSON.stringify({ bin: { serve: 'dist/bin/serve.js' } }),
      'bin/serve.ts': "import '../src/crash-log.js';\nimport { start } from '../src/app.js';\nstart();",
      'src/crash-log.ts': LOGGING,
      'src/app.ts': 'export function start() {}',
    });
    expect(keepsRunning('src/app.ts')).toBe(true);
  });

  it('the entry itself, linted: the handler in a module it loads counts', () => {
    const entry = "import '../src/crash-log.js';\nimport { start } from '../src/app.js';\nstart();";
    write({ 'package.json': JSON.stringify({ bin: { serve: 'dist/bin/serve.js' } }), 'bin/serve.ts': entry, 'src/crash-log.ts': LOGGING, 'src/app.ts': 'export function start() {}' });
    expect(programKeepsRunningAfterRejection(join(root, 'bin/serve.ts'), ...program(entry), false)).toBe(true);
    write({ 'src/crash-log.ts': EXITING });
    expect(programKeepsRunningAfterRejection(join(root, 'bin/serve.ts'), ...program(entry), false)).toBe(false);
  });

  it('main under lib/ is read from src/', () => {
    write({ 'package.json': JSON.stringify({ main: 'lib/index.js' }), 'src/index.ts': LOGGING, 'src/jobs.ts': 'export {};' });
    expect(keepsRunning('src/jobs.ts')).toBe(true);
  });

  it('a handler that exits through a function of another project module ends the process', () => {
    const handler = (load: string) => `${load}\nprocess.on('unhandledRejection', (reason) => { console.error(reason); exitHandler(); });\n`;
    write({ 'package.json': JSON.stringify({ main: 'index.js' }), 'exit.js': 'export function exitHandler() {\n  server.close(() => process.exit(1));\n}\n', 'jobs.js': '' });
    write({ 'index.js': handler("import { exitHandler } from './exit.js';") });
    expect(keepsRunning('jobs.js')).toBe(false);
    write({ 'index.cjs': handler("const { exitHandler } = require('./exit.cjs');"), 'exit.cjs': 'exports.exitHandler = function () { process.exit(1); };\n', 'package.json': JSON.stringify({ main: 'index.cjs' }) });
    forgetManifests();
    expect(keepsRunning('jobs.js')).toBe(false);
    // A helper that only logs: the handler keeps the program running.
    write({ 'log.js': 'export function exitHandler() {\n  console.error(new Error().stack);\n}\n', 'index.js': handler("import { exitHandler } from './log.js';"), 'package.json': JSON.stringify({ main: 'index.js' }) });
    forgetManifests();
    expect(keepsRunning('jobs.js')).toBe(true);
  });

  it("a handler that exits through a method of an imported module's object ends the process (Haraka's logger.dump_and_exit)", () => {
    const handler = (load: string, call: string) => `${load}\nprocess.on('uncaughtException', (err) => { logger.crit(err); ${call}; });\n`;
    // Haraka: `const logger = exports`, the method exits in the callback it hands to another method.
    const harakaLogger =
      "const logger = exports;\nlogger.dump_logs = (cb) => { flush(); cb(); };\nlogger.dump_and_exit = function (code) {\n  this.dump_logs(() => {\n    if (typeof code === 'function') return code();\n    process.exit(code);\n  });\n};\nlogger.crit = (line) => console.error(line);\n";
    write({ 'package.json': JSON.stringify({ main: 'haraka.js' }), 'haraka.js': handler("const logger = require('./logger');", 'logger.dump_and_exit(1)'), 'logger.js': harakaLogger, 'jobs.js': '' });
    expect(keepsRunning('jobs.js')).toBe(false);
    // The same object's method that only logs: the process runs on.
    write({ 'haraka.js': handler("const logger = require('./logger');", 'logger.crit(err)') });
    utimesSync(join(root, 'haraka.js'), new Date(), new Date(Date.now() + 2000));
    expect(keepsRunning('jobs.js')).toBe(true);
    // ESM: a default-exported object literal, and a CommonJS `module.exports = { ... }`.
    write({
      'index.js': handler("import logger from './log.js';", 'logger.dumpAndExit(1)'),
      'log.js': 'export default {\n  crit(line) { console.error(line); },\n  dumpAndExit(code) { process.exit(code); },\n};\n',
      'package.json': JSON.stringify({ main: 'index.js' }),
    });
    forgetManifests();
    expect(keepsRunning('jobs.js')).toBe(false);
    write({
      'index.cjs': handler("const logger = require('./log.cjs');", 'logger.dumpAndExit(1)'),
      'log.cjs': 'function dumpAndExit(code) { process.exit(code); }\nmodule.exports = { dumpAndExit, crit: console.error };\n',
      'package.json': JSON.stringify({ main: 'index.cjs' }),
    });
    forgetManifests();
    expect(keepsRunning('jobs.js')).toBe(false);
  });

  // issue 9 (s9): Next's custom server installs its own lasting handlers in `prepare()` (router-server's
  // `initialize`, from 13.5): silent in production up to 15.0, logging from 15.1 (read in the published packages).
  it.each([
    ['14.0.3', { keepAlive: 'silent', installedBy: "Next.js's custom server" }],
    ['^15.0.0', { keepAlive: 'silent', installedBy: "Next.js's custom server" }],
    ['15.1.0', { keepAlive: 'logged', installedBy: "Next.js's custom server" }],
    ['13.4.0', { keepAlive: 'none', installedBy: null }],
  ])("Next's custom server started by the file (next %s) -> %o", (version, answer) => {
    write({ 'package.json': JSON.stringify({ dependencies: { next: version } }) });
    const code = "import next from 'next';\nconst app = next({ dev: false });\nconst handle = app.getRequestHandler();\nexport async function start() {\n  await app.prepare();\n  return handle;\n}\n";
    expect(keepAliveAnswerOf(...program(code), join(root, 'server.ts'))).toEqual(answer);
  });

  it("Next's custom server: started through `require`, or not started at all", () => {
    write({ 'package.json': JSON.stringify({ dependencies: { next: '14.2.0' } }) });
    const started = "const next = require('next');\nnext({ dev: false }).prepare().then(() => listen());\n";
    expect(keepAliveAnswerOf(...program(started), join(root, 'server.js')).keepAlive).toBe('silent');
    // Built, never prepared: no handler is installed; another package's `prepare()` is not Next's.
    expect(keepAliveAnswerOf(...program("import next from 'next';\nexport const app = next({ dev: false });\n"), join(root, 'a.ts')).keepAlive).toBe('none');
    expect(keepAliveAnswerOf(...program("import Database from 'better-sqlite3';\nnew Database('x').prepare('select 1');\n"), join(root, 'b.ts')).keepAlive).toBe('none');
  });

  it('the file loads the module that starts the dependency: the program keeps running (zipline: server/index.ts loads plugins/next.ts)', () => {
    write({
      'package.json': JSON.stringify({ scripts: { start: 'node dist' }, dependencies: { next: '^14.0.3' } }),
      'src/plugins/next.ts': "import next from 'next';\nexport async function nextPlugin() {\n  const server = next({ dir: '.' });\n  return server.prepare();\n}\n",
    });
    const index = "import nextPlugin from './plugins/next.js';\nexport { nextPlugin };\n";
    expect(programKeepAlive(join(root, 'src/index.ts'), ...program(index), false)).toEqual({ keepAlive: 'silent', installedBy: "Next.js's custom server" });
    expect(programKeepAlive(join(root, 'src/other.ts'), ...program('export {};'), false)).toBeNull();
  });

  it("one handler that logs makes the loss a logged one, as the risk model merges them (uptime-kuma's database module swallows while it closes; its entry logs)", () => {
    write({
      'package.json': JSON.stringify({ main: 'server.js' }),
      'server.js': LOGGING,
      'database.js': "export async function close() {\n  const listener = () => {};\n  process.addListener('unhandledRejection', listener);\n  process.removeListener('unhandledRejection', listener);\n}\n",
    });
    expect(programKeepAlive(join(root, 'router.js'), ...program("import { close } from './database.js';\nexport { close };"), false)).toEqual({ keepAlive: 'logged', installedBy: null });
  });

  it('a handler that exits, or none, does not keep the program running', () => {
    write({ 'package.json': JSON.stringify({ main: 'index.js' }), 'index.js': EXITING, 'jobs.js': '' });
    expect(keepsRunning('jobs.js')).toBe(false);
    write({ 'index.js': 'require("./jobs");' });
    expect(keepsRunning('jobs.js')).toBe(false);
  });

  it('a handler in a module no entry loads is not the program\'s', () => {
    write({ 'package.json': JSON.stringify({ main: 'index.js' }), 'index.js': 'require("./jobs");', 'tools/crash-log.js': LOGGING, 'jobs.js': '' });
    expect(keepsRunning('jobs.js')).toBe(false);
  });

  it('a file that is a program of its own answers for itself', () => {
    write({ 'package.json': JSON.stringify({ main: 'index.js' }), 'index.js': LOGGING, 'examples/demo.js': '' });
    expect(keepsRunning('examples/demo.js', true)).toBe(false);
    expect(programKeepsRunningAfterRejection(join(root, 'examples/demo.js'), ...program(LOGGING), true)).toBe(true);
  });

  it('parses fully only a loaded file whose text names a handler, and asks each file once per version', () => {
    write({
      'package.json': JSON.stringify({ main: 'index.js' }),
      'index.js': "require('./app');\nrequire('./crash-log');",
      'app.js': 'module.exports = { start() {} };',
      'crash-log.js': LOGGING,
      'jobs.js': '',
    });
    const before = crossFileParses();
    expect(keepsRunning('jobs.js')).toBe(true);
    const first = crossFileParses();
    // The entry's modules come from a bare parse; of app.js and crash-log.js, only the one that names a handler is parsed.
    expect({ full: first.full - before.full, bare: first.bare - before.bare }).toEqual({ full: 1, bare: 1 });
    expect(keepsRunning('app.js')).toBe(true);
    const again = crossFileParses();
    expect({ full: again.full - first.full, bare: again.bare - first.bare }).toEqual({ full: 0, bare: 0 });
  });

  it('reads a file again once it changes on disk', () => {
    write({ 'package.json': JSON.stringify({ main: 'index.js' }), 'index.js': "require('./app');", 'app.js': '', 'jobs.js': '' });
    expect(keepsRunning('jobs.js')).toBe(false);
    write({ 'app.js': LOGGING });
    // A new modification time even on a coarse clock: the size changed as well.
    utimesSync(join(root, 'app.js'), new Date(), new Date(Date.now() + 2000));
    expect(keepsRunning('jobs.js')).toBe(true);
    write({ 'index.js': "require('./app');\n// the crash log moved out of app.js", 'app.js': '' });
    utimesSync(join(root, 'index.js'), new Date(), new Date(Date.now() + 4000));
    utimesSync(join(root, 'app.js'), new Date(), new Date(Date.now() + 4000));
    expect(keepsRunning('jobs.js')).toBe(false);
  });

  it('a nested package is another program', () => {
    write({
      'package.json': JSON.stringify({ main: 'index.js' }),
      'index.js': LOGGING,
      'packages/worker/package.json': JSON.stringify({ main: 'index.js' }),
      'packages/worker/index.js': '',
      'packages/worker/jobs.js': '',
    });
    expect(keepsRunning('packages/worker/jobs.js')).toBe(false);
  });
});

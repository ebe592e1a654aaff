import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { riskCategoryOf, ruleIds } from '../../src/catalogue/rules.js';
import { riskModel } from '../../src/risk/model.js';
import { rate } from '../../src/risk/rating-table.js';
import { parseWithScopes } from './parse.js';

const noHandler = { hasProcessErrorHandler: false };

describe('rateFinding', () => {
  it.each(ruleIds)('%s: rates from the rule category it declares and names a fix', (ruleId) => {
    const category = riskCategoryOf(ruleId);
    for (const context of ['request', 'hot-loop', 'startup', 'other'] as const) {
      const rated = riskModel.rateFinding(ruleId, { component: 'src/a.ts > f', context }, noHandler);
      expect(rated).toMatchObject(rate({ impact: category.impact, isolation: category.isolation, context, hasProcessErrorHandler: false }));
      expect(rated.fixable).toBe(category.fixable === 'codemod');
      // One line naming the runtime call (or the Node API) that fixes it.
      expect(rated.remedy).not.toContain('\n');
      expect(rated.remedy).toMatch(/tasks\.(start|callback)|supervise\.(interval|worker|process|cache|queue)|report\(|signal|once\(/);
    }
  });

  it('accepts the ESLint-prefixed rule id', () => {
    const prefixed = riskModel.rateFinding('spawnguard/no-floating-promise', { component: 'a.ts', context: 'other' }, noHandler);
    expect(prefixed).toEqual(riskModel.rateFinding('no-floating-promise', { component: 'a.ts', context: 'other' }, noHandler));
  });

  it('rejects a rule it does not know', () => {
    expect(() => riskModel.rateFinding('no-such-rule', { component: 'a.ts', context: 'other' }, noHandler)).toThrow(/unknown rule/);
  });

  it('keeps remedies generic: concrete names come from the rule (its message and suggestion), never a second naming', () => {
    const rated = riskModel.rateFinding('no-swallowed-error', { component: 'src/a.ts > POST /upload', context: 'request' }, noHandler);
    expect(rated.remedy).toContain('.catch(report(name))');
    expect(rated.remedy).not.toContain('src/a.ts');
  });

  it('gives a request-path remedy where the fix differs there', () => {
    const located = { component: 'a.ts', context: 'request' } as const;
    const atRequest = riskModel.rateFinding('no-stray-timer', located, noHandler).remedy;
    const elsewhere = riskModel.rateFinding('no-stray-timer', { ...located, context: 'other' }, noHandler).remedy;
    expect(atRequest).not.toBe(elsewhere);
    expect(atRequest).toMatch(/per request/);
  });

  it('lowers a would-be crash when the project has a process-wide handler', () => {
    // Rate against a crash category directly, independent of what each rule declares today.
    const withHandler = rate({ impact: 'process-crash', isolation: 'none', context: 'other', hasProcessErrorHandler: true });
    expect(withHandler.impact).toBe('silent-data-loss');
    const crashRules = ruleIds.filter((id) => riskCategoryOf(id).impact === 'process-crash');
    for (const ruleId of crashRules) {
      expect(riskModel.rateFinding(ruleId, { component: 'a.ts', context: 'other' }, { hasProcessErrorHandler: true }).impact).toBe(
        'silent-data-loss',
      );
    }
  });
});

const RUNTIME = "import { Application } from '@spawnguard/runtime';\n";

describe('collectFileFacts / mergeFacts', () => {
  it.each([
    ["process.on('unhandledRejection', (reason) => log(reason));", true],
    // Only a handler that keeps the process alive turns a crash into a loss (issue 9, class 4).
    ["process.once('uncaughtException', (error) => { log(error); process.exit(1); });", false],
    ["process.on('unhandledRejection', (reason) => { throw reason; });", false],
    ["process.on('unhandledRejection', (reason) => { log(reason); setTimeout(() => process.exit(1), 100); });", false],
    ["process.on('unhandledRejection', (reason) => { log(reason); process.exitCode = 1; });", true],
    ["function onFatal(error) { log(error); process.kill(process.pid, 'SIGTERM'); }\nprocess.on('uncaughtException', onFatal);", false],
    ["function onRejection(reason) { log(reason); }\nprocess.on('unhandledRejection', onRejection);", true],
    ["const onFatal = (error) => { throw error; };\nprocess.on('uncaughtException', onFatal);", false],
    ["export function start() { process.prependListener('unhandledRejection', report); }", true],
    ["globalThis.process.on('uncaughtException', log);", true],
    ['process.setUncaughtExceptionCaptureCallback(log);', true],
    ["process.on('exit', () => flush());", false],
    ["emitter.on('unhandledRejection', log);", false],
    ["process.on('unhandledRejection');", false],
    ["process.emit('unhandledRejection', new Error('x'));", false],
    [`${RUNTIME}await Application.start({ children: [], reportUnhandledRejections: true });`, true],
    ["import * as rt from '@spawnguard/runtime';\nawait rt.Application.start({ children: [], reportUnhandledRejections: true });", true],
    ["const { Application: App } = require('@spawnguard/runtime');\nawait App.start({ children: [], reportUnhandledRejections: true });", true],
    [`${RUNTIME}await Application.start({ children: [] });`, false],
    [`${RUNTIME}await Application.start({ children: [], reportUnhandledRejections: false });`, false],
    // `Application` by what it is bound to (NOTE-s7): another library's, or none, installs nothing.
    ["import { Application } from 'some-framework';\nawait Application.start({ children: [], reportUnhandledRejections: true });", false],
    ['await Application.start({ children: [], reportUnhandledRejections: true });', false],
    // A handler that exits through a helper ends the process (issue 9: soketi's `handleFailure()`).
    ["const handleFailure = () => { server.stop().then(() => process.exit()); };\nprocess.on('uncaughtException', (error) => { log(error); handleFailure(); });", false],
  ])('%s -> %s', (code, installs) => {
    expect(riskModel.collectFileFacts(...parseWithScopes(code)).installsProcessErrorHandler).toBe(installs);
  });

  it('follows `this.method()` and imported helpers when it knows the file', () => {
    const code =
      "class Kuzzle {\n  register() {\n    process.on('uncaughtException', (error) => { this.log.error(error); this.dumpAndExit('crash'); });\n  }\n  async dumpAndExit(suffix) { await this.shutdown(); }\n  async shutdown() { process.exit(0); }\n}";
    expect(riskModel.collectFileFacts(...parseWithScopes(code), '/virtual/kuzzle.ts').installsProcessErrorHandler).toBe(false);
  });

  it("follows a method of an imported module object (Haraka's `logger.dump_and_exit(1)`): the crash stays a crash", () => {
    const root = mkdtempSync(join(tmpdir(), 'spawnguard-risk-haraka-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ main: 'haraka.js' }));
      writeFileSync(
        join(root, 'logger.js'),
        "const logger = exports;\nlogger.dump_logs = (cb) => { cb(); };\nlogger.dump_and_exit = function (code) {\n  this.dump_logs(() => { process.exit(code); });\n};\nlogger.crit = (line) => console.error(line);\n",
      );
      const entry = (call: string) => `const logger = require('./logger');\nprocess.on('uncaughtException', (err) => { logger.crit(err.stack); ${call}; });\n`;
      const facts = (code: string) => riskModel.mergeFacts([riskModel.collectFileFacts(...parseWithScopes(code), join(root, 'haraka.js'))]);
      const exiting = facts(entry('logger.dump_and_exit(1)'));
      expect(exiting.hasProcessErrorHandler).toBe(false);
      // A spawn whose 'error' nobody hears throws into that handler, which ends the SMTP server.
      expect(riskModel.rateFinding('no-floating-promise', { component: 'server.js', context: 'other' }, exiting)).toMatchObject({ impact: 'process-crash', risk: 'HIGH' });
      const logging = facts(entry('logger.crit(err)'));
      expect(logging).toEqual({ hasProcessErrorHandler: true, processErrorsReported: true });
      expect(riskModel.rateFinding('no-floating-promise', { component: 'server.js', context: 'other' }, logging)).toMatchObject({ impact: 'reported-loss', risk: 'LOW' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("rates a would-be crash by what Next.js's custom server's handlers do: swallowed up to Next 15.0, logged from 15.1", () => {
    const root = mkdtempSync(join(tmpdir(), 'spawnguard-risk-next-'));
    const code = "import next from 'next';\nconst app = next({ dev: false });\nexport async function start() { await app.prepare(); }\n";
    try {
      const factsWith = (version: string) => {
        // One package per version: package.json reads are kept per folder.
        mkdirSync(join(root, version));
        writeFileSync(join(root, version, 'package.json'), JSON.stringify({ dependencies: { next: version } }));
        return riskModel.mergeFacts([riskModel.collectFileFacts(...parseWithScopes(code), join(root, version, 'server.ts'))]);
      };
      const silent = factsWith('14.0.3');
      expect(silent).toEqual({ hasProcessErrorHandler: true, processErrorsReported: false });
      expect(riskModel.rateFinding('no-floating-promise', { component: 'src/server/index.ts', context: 'request' }, silent)).toMatchObject({ impact: 'silent-data-loss', risk: 'HIGH' });
      expect(riskModel.rateFinding('no-detached-async-callback', { component: 'src/server/index.ts', context: 'hot-loop' }, silent)).toMatchObject({ impact: 'silent-data-loss', risk: 'MEDIUM' });
      // An example's own Next server (socket.io's examples/nextjs-app-router/server.js) is a process of its own.
      mkdirSync(join(root, 'examples'));
      expect(riskModel.collectFileFacts(...parseWithScopes(code), join(root, '14.0.3', 'examples', 'server.ts')).installsProcessErrorHandler).toBe(false);
      const logged = factsWith('15.1.0');
      expect(logged).toEqual({ hasProcessErrorHandler: true, processErrorsReported: true });
      expect(riskModel.rateFinding('no-floating-promise', { component: 'src/server/index.ts', context: 'request' }, logged)).toMatchObject({ impact: 'reported-loss', risk: 'MEDIUM' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // issue 9 (s6): whether the handler that keeps the process running reports what it catches.
  it.each([
    ["process.on('unhandledRejection', (reason) => log(reason));", true],
    ["process.addListener('unhandledRejection', (error, promise) => { console.trace(error); });", true],
    ["process.on('unhandledRejection', () => { console.error('unexpected'); });", true],
    ["import { report } from './report.js';\nprocess.on('unhandledRejection', report);", true],
    [`${RUNTIME}await Application.start({ children: [], reportUnhandledRejections: true });`, true],
    ["process.on('unhandledRejection', () => {});", false],
    ["process.on('unhandledRejection', () => { failures++; });", false],
    ["process.on('unhandledRejection', (reason) => { log(reason); process.exit(1); });", false],
  ])('%s reports what it catches -> %s', (code, reports) => {
    expect(riskModel.collectFileFacts(...parseWithScopes(code)).reportsProcessErrors).toBe(reports);
  });

  it('merges: one file installing a handler is enough for the project, and one reporting handler makes the losses reported', () => {
    expect(riskModel.mergeFacts([{ installsProcessErrorHandler: false }, { installsProcessErrorHandler: true }])).toEqual({
      hasProcessErrorHandler: true,
      processErrorsReported: false,
    });
    expect(
      riskModel.mergeFacts([
        { installsProcessErrorHandler: true, reportsProcessErrors: false },
        { installsProcessErrorHandler: true, reportsProcessErrors: true },
      ]),
    ).toEqual({ hasProcessErrorHandler: true, processErrorsReported: true });
    expect(riskModel.mergeFacts([{ installsProcessErrorHandler: false }])).toEqual({ hasProcessErrorHandler: false, processErrorsReported: false });
    expect(riskModel.mergeFacts([])).toEqual({ hasProcessErrorHandler: false, processErrorsReported: false });
  });
});

describe('rateFinding: the role of the file', () => {
  it('caps a floating promise in demonstration code at MEDIUM and treats browser code as surviving', () => {
    const application = riskModel.rateFinding('no-floating-promise', { component: 'src/a.ts', context: 'startup', role: 'application' }, { hasProcessErrorHandler: false });
    const demo = riskModel.rateFinding('no-floating-promise', { component: 'examples/a.ts', context: 'startup', role: 'demo' }, { hasProcessErrorHandler: false });
    const browser = riskModel.rateFinding('no-floating-promise', { component: 'client/a.ts', context: 'other', role: 'browser' }, { hasProcessErrorHandler: false });
    expect([application.risk, demo.risk]).toEqual(['HIGH', 'MEDIUM']);
    expect(browser).toMatchObject({ impact: 'silent-data-loss', risk: 'MEDIUM' });
  });
});

// Issue 9 (the held-out check): a project's side folders that the audit meets but the project's own
// build never reads the way the audit does. A documentation website writes JSX in `.js` files
// (Docusaurus, graphile-worker's website/), and an example's tsconfig extends a package that is not
// installed (socket.io's React Native example). Neither may cost the rest of the audit.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
import { AuditSetupError, loadProject } from '../../src/audit/project.js';
import { riskModel } from '../../src/risk/model.js';
import { tempProject } from './temp-project.js';

// strict: the module state these files hold is no-unowned-state's, a strict-only rule.
const audit = (root: string, typeInfo: boolean) => runAudit({ cwd: root, paths: [], includeTests: false, typeInfo, config: 'strict', riskModel });

const SERVICE = "const sessions = new Map<string, string>();\nexport function login(id: string, user: string): void {\n  sessions.set(id, user);\n}\n";

describe('JSX in .js files', () => {
  const PAGE = [
    "import React from 'react';",
    'const drafts = new Map();',
    'export default function Page() {',
    '  return <input onChange={(event) => drafts.set(event.target.id, event.target.value)} />;',
    '}',
    '',
  ].join('\n');

  it('parses a .js file with JSX and audits it, in both modes', async () => {
    const root = tempProject({ 'package.json': '{"name":"site"}', 'website/src/pages/index.js': PAGE, 'src/service.ts': SERVICE });
    for (const typeInfo of [false, true]) {
      const result = await audit(root, typeInfo);
      expect(result.errors).toEqual([]);
      expect(result.findings.map(({ ruleId, file, line }) => `${ruleId} ${file}:${line}`).sort()).toEqual([
        'no-unowned-state src/service.ts:1',
        'no-unowned-state website/src/pages/index.js:2',
      ]);
    }
  });

  it('still reads a comparison in plain JavaScript as a comparison', async () => {
    const root = tempProject({ 'src/compare.js': 'export function between(a, b, c) {\n  return a < b && b > c;\n}\n' });
    expect((await audit(root, false)).errors).toEqual([]);
  });
});

describe('a tsconfig that cannot be resolved', () => {
  const BROKEN_EXAMPLE = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }),
    'src/service.ts': SERVICE,
    // extends a package that is not installed
    'examples/mobile/tsconfig.json': JSON.stringify({ extends: '@react-native/typescript-config/tsconfig.json', include: ['*.ts'] }),
    'examples/mobile/app.ts': "const seen = new Set<string>();\nexport function note(id: string) { seen.add(id); }\n",
  };

  it("audits an example's files without its types, says so in one line, and keeps the rest of the audit", async () => {
    // a workspace root: the audit walks every folder, the example's included
    const root = tempProject({ ...BROKEN_EXAMPLE, 'package.json': JSON.stringify({ workspaces: ['packages/*'] }) });
    const result = await audit(root, true);
    expect(result.errors).toEqual([]);
    expect(result.findings.map(({ ruleId, file, line }) => `${ruleId} ${file}:${line}`).sort()).toEqual([
      'no-unowned-state examples/mobile/app.ts:1',
      'no-unowned-state src/service.ts:1',
    ]);
    const warnings = (result.notices ?? []).filter((notice) => notice.includes('examples/mobile/tsconfig.json'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain('\n');
    expect(warnings[0]).toMatch(/@react-native\/typescript-config/);
  });

  it('gives the files it would have typed to the tsconfig above when that one includes them', () => {
    const root = tempProject({ ...BROKEN_EXAMPLE, 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }) });
    const project = loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: true });
    const program = project.programFor(join(root, 'examples/mobile/app.ts'));
    expect(program).toBeDefined();
    expect(program).toBe(project.programFor(join(root, 'src/service.ts')));
  });

  it("still refuses the project's own tsconfig when it cannot be resolved", () => {
    const root = tempProject({ 'tsconfig.json': JSON.stringify({ extends: 'not-installed/tsconfig.json' }), 'src/service.ts': SERVICE });
    expect(() => loadProject({ cwd: root, paths: [], includeTests: false, typeInfo: true })).toThrow(AuditSetupError);
  });
});

describe('CommonJS .js files that are not valid ES modules', () => {
  // Sloppy-mode code Node runs in a package without "type": "module": `protected` is a reserved word
  // only in strict mode (ES modules), so the module parser refuses the file.
  const MIDDLEWARE = [
    "const { recordVisit } = require('./visits');",
    'function protected(req, res, next) {',
    '  recordVisit(req.user);',
    '  next();',
    '}',
    'module.exports = { protected };',
    '',
  ].join('\n');
  const VISITS = 'async function recordVisit(user) {\n  return user;\n}\nmodule.exports = { recordVisit };\n';

  it('are read as CommonJS and audited, in both modes', async () => {
    const root = tempProject({ 'package.json': '{"name":"shortener"}', 'server/locals.js': MIDDLEWARE, 'server/visits.js': VISITS });
    for (const typeInfo of [false, true]) {
      const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo, riskModel });
      expect(result.errors).toEqual([]);
      expect(result.findings.map(({ ruleId, file, line }) => `${ruleId} ${file}:${line}`)).toEqual(['no-floating-promise server/locals.js:3']);
    }
  });

  it('a file that parses as neither keeps the module parser\'s error', async () => {
    const root = tempProject({ 'package.json': '{"name":"shortener"}', 'server/broken.js': 'function protected(req) {\n  return req.;\n}\n' });
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, riskModel });
    expect(result.errors).toEqual([{ file: 'server/broken.js', line: 1, column: 10, message: expect.stringMatching(/^Parsing error: .*protected/) }]);
  });
});

// Issue 12, item 1: the audit reads the project's own flat config (eslint.config.*) as ESLint finds
// it: rule options, rules turned off, `ignores` and `files`. `eslint` and the audit run side by side
// on the same temp project and must report the same (rule, file, line).
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
import { riskModel } from '../../src/risk/model.js';
import { tempProject } from './temp-project.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A temp project whose `import spawnguard from 'spawnguard'` resolves to this repository. */
function projectWithPlugin(files: Record<string, string>): string {
  const root = tempProject(files);
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  symlinkSync(repoRoot, join(root, 'node_modules', 'spawnguard'), 'dir');
  return root;
}

const EXPRESS_APP = `import express from 'express';
const app = express();
app.get('/users', async (req, res) => {
  res.json(await load());
});
async function load() { return []; }
`;
const TIMER = 'setInterval(() => console.log("tick"), 1000);\n';
const FLOATING = "async function send() {}\nsend();\n";

const CONFIG = `import spawnguard from 'spawnguard';
export default [
  { ignores: ['generated/**'] },
  ...spawnguard.configs.recommended,
  {
    rules: {
      'spawnguard/no-detached-async-callback': ['error', { expressVersion: 5 }],
      'spawnguard/no-stray-timer': 'off',
    },
  },
  { files: ['legacy/**'], rules: { 'spawnguard/no-floating-promise': 'off' } },
];
`;

const key = (ruleId: string, file: string, line: number) => `${ruleId} ${file}:${line}`;

async function eslintKeys(root: string): Promise<string[]> {
  const results = await new ESLint({ cwd: root }).lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('spawnguard/'))
        .map((message) => key(message.ruleId!.slice('spawnguard/'.length), relative(root, result.filePath).split(sep).join('/'), message.line)),
    )
    .sort();
}

describe("the audit reads the project's eslint.config.js", () => {
  it('reports what eslint reports: options, rules off, ignores and per-folder files (syntactic and type-aware)', async () => {
    const root = projectWithPlugin({
      'eslint.config.js': CONFIG,
      'package.json': '{ "type": "module" }\n',
      'src/server.js': EXPRESS_APP,
      'src/timer.js': TIMER,
      'src/send.js': FLOATING,
      'legacy/send.js': FLOATING,
      'generated/send.js': FLOATING,
    });
    const expected = await eslintKeys(root);
    // The project's config matters: without it the Express handler, the timer and the other two sends would be reported.
    expect(expected).toEqual(['no-floating-promise src/send.js:2']);
    for (const typeInfo of [false, true]) {
      const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo, riskModel });
      expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line)).sort()).toEqual(expected);
      expect(result.files).not.toContain('generated/send.js');
    }
  });

  it('takes --config recommended|strict as an explicit override of the rules, still honouring ignores', async () => {
    const root = projectWithPlugin({ 'eslint.config.js': CONFIG, 'package.json': '{ "type": "module" }\n', 'src/timer.js': TIMER, 'generated/timer.js': TIMER });
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'recommended', riskModel });
    expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line))).toEqual(['no-stray-timer src/timer.js:1']);
  });

  it('exits through a setup error with ESLint\'s message when the config is invalid', async () => {
    const root = projectWithPlugin({
      'eslint.config.js': "import spawnguard from 'spawnguard';\nexport default [...spawnguard.configs.recommended, { rules: { 'spawnguard/no-floating-promise': ['error', { bogus: 1 }] } }];\n",
      'package.json': '{ "type": "module" }\n',
      'src/a.js': FLOATING,
    });
    await expect(runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, riskModel })).rejects.toThrow(/bogus/);
  });

  describe('a config that imports a package that is not installed (a fresh clone before npm install)', () => {
    const freshClone = () =>
      tempProject({
        'eslint.config.js': "import globals from 'not-installed-plugin';\nexport default [{ languageOptions: { globals } }];\n",
        'package.json': '{ "type": "module" }\n',
        // Walked before src/: the error must name the config file, not the first file it was asked about.
        '.mocharc.js': 'module.exports = {};\n',
        'src/a.js': FLOATING,
      });

    it('audits as without the config, with one notice naming the config file, the package and what was left out', async () => {
      const cwd = freshClone();
      const result = await runAudit({ cwd, paths: [], includeTests: false, typeInfo: false, riskModel });
      expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line))).toEqual(['no-floating-promise src/a.js:2']);
      expect(result.errors).toEqual([]);
      const notices = (result.notices ?? []).filter((notice) => notice.includes('cannot load'));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^eslint\.config\.js cannot load \(Cannot find package 'not-installed-plugin' imported from eslint\.config\.js\): its files are audited with spawnguard\.configs\.recommended and without its ignores/);
      expect(notices[0]).not.toContain('\n');
      // Node's own message names the importing file by its absolute path; the line names files as the rest of the audit does.
      expect(notices[0]).not.toContain(cwd);
    });

    it('with --config, audits with that config', async () => {
      const result = await runAudit({ cwd: freshClone(), paths: [], includeTests: false, typeInfo: false, config: 'strict', riskModel });
      expect(result.notices?.some((notice) => notice.includes('audited with spawnguard.configs.strict'))).toBe(true);
    });

    it('with configLookup false audits with the recommended rules and reads no config', async () => {
      const result = await runAudit({ cwd: freshClone(), paths: [], includeTests: false, typeInfo: false, configLookup: false, riskModel });
      expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line))).toEqual(['no-floating-promise src/a.js:2']);
      expect(result.errors).toEqual([]);
    });
  });

  it("a nested folder's config that cannot load loses only its own files, to errors with its message", async () => {
    const root = projectWithPlugin({
      'eslint.config.js': CONFIG,
      'package.json': '{ "type": "module" }\n',
      'src/timer.js': FLOATING,
      'examples/demo/eslint.config.js': "import js from './shared.js';\nexport default [js];\n",
      'examples/demo/app.js': FLOATING,
    });
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, riskModel });
    expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line))).toEqual(['no-floating-promise src/timer.js:2']);
    const message = 'cannot use examples/demo/eslint.config.js: Cannot find module';
    expect(result.errors.map((error) => [error.file, error.message.slice(0, message.length)])).toEqual([
      ['examples/demo/app.js', message],
      ['examples/demo/eslint.config.js', message],
    ]);
  });

  it('with configLookup false ignores nothing the config ignores, and takes --config strict', async () => {
    const root = projectWithPlugin({ 'eslint.config.js': CONFIG, 'package.json': '{ "type": "module" }\n', 'src/timer.js': TIMER, 'generated/timer.js': TIMER });
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, configLookup: false, config: 'strict', riskModel });
    expect(result.findings.map((finding) => key(finding.ruleId, finding.file, finding.line)).sort()).toEqual(['no-stray-timer generated/timer.js:1', 'no-stray-timer src/timer.js:1']);
  });
});

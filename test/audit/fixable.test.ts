import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
import { fixSource } from '../../src/fix/transform.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { riskModel } from '../../src/risk/model.js';
import { tempProject } from './temp-project.js';

describe('fixable and remedy, with the real rules', () => {
  it('marks as fixable exactly what spawnguard fix rewrites, with the rule suggestion as the remedy', async () => {
    const root = tempProject({
      'src/jobs.ts': [
        "import { spawn } from 'node:child_process';",
        'async function send() {}',
        'export function run() {',
        '  send();',
        "  const child = spawn('ls');",
        "  child.on('error', console.error);",
        '}',
        '',
      ].join('\n'),
    });
    const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'recommended', riskModel });
    const byRule = Object.fromEntries(result.findings.map((finding) => [finding.ruleId, finding]));
    expect(byRule['no-floating-promise']).toMatchObject({ fixable: true, remedy: "Run it under a supervisor: `tasks.start(async () => send(), { name: 'jobs.send' })`." });
    // A stored child process lacking an exit handler has no mechanical rewrite (its streams change on
    // every restart): a human decides, and the remedy is the risk model's line.
    expect(byRule['no-orphan-worker']).toMatchObject({ fixable: false });
    expect(byRule['no-orphan-worker']?.remedy).toMatch(/supervise\.process/);
  });

  it('says what the fix will do where the fix leaves a suggested shape to a human: module state in a library', async () => {
    const cache = 'const rateCache = new Map<string, number>();\nexport function remember(key: string, rate: number) { rateCache.set(key, rate); }\n';
    const audit = async (manifest: Record<string, unknown>) => {
      const root = tempProject({ 'package.json': JSON.stringify(manifest), 'src/rates.ts': cache });
      // strict: no-unowned-state is a strict-only rule.
      const result = await runAudit({ cwd: root, paths: [], includeTests: false, typeInfo: false, config: 'strict', riskModel });
      const fixed = fixSource(readFileSync(join(root, 'src/rates.ts'), 'utf8'), join(root, 'src/rates.ts'), undefined, { root });
      return { finding: result.findings.find((finding) => finding.ruleId === 'no-unowned-state'), rewritten: fixed.output !== null, left: fixed.remaining };
    };
    const application = await audit({ name: 'app', private: true });
    expect([application.finding?.fixable, application.rewritten]).toEqual([true, true]);
    const library = await audit({ name: 'lib', main: './index.js' });
    expect([library.finding?.fixable, library.rewritten]).toEqual([false, false]);
    // The audit's remedy gives the reason the fix gives.
    expect(library.left.map((finding) => finding.leftBecause)).toEqual([expect.stringContaining('library')]);
    expect(library.finding?.remedy).toContain(library.left[0]!.leftBecause);
  });
});

import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/audit.js';
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
    expect(byRule['no-floating-promise']).toMatchObject({ fixable: true, remedy: 'Run it under a supervisor: `tasks.start(() => send())`.' });
    // A stored child process lacking an exit handler has no mechanical rewrite (its streams change on
    // every restart): a human decides, and the remedy is the risk model's line.
    expect(byRule['no-orphan-worker']).toMatchObject({ fixable: false });
    expect(byRule['no-orphan-worker']?.remedy).toMatch(/supervise\.process/);
  });
});

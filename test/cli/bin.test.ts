// Once through the published entry point in a child process: what `npx spawnguard` runs after
// `npm run build`. Everything else is tested in-process through main().
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/audit/types.js';
import { packageJson } from '../../src/package-info.js';
import { tempProject } from '../audit/temp-project.js';

const bin = fileURLToPath(new URL('../../bin/spawnguard.js', import.meta.url));

function spawnguard(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('bin/spawnguard.js (built)', () => {
  it('prints its version and exits 0', () => {
    const run = spawnguard(['--version'], process.cwd());
    expect(run.stdout).toBe(`${packageJson.version}\n`);
    expect(run.status).toBe(0);
  });

  it('audits a project, prints JSON and sets the exit code; a file that does not parse fails the run unless passed; a bad flag exits 2', () => {
    const root = tempProject({ 'src/app.ts': 'async function send(): Promise<void> {}\n\nexport function handle(): void {\n  send();\n}\n', 'src/broken.js': 'if (\n' });
    expect(spawnguard(['audit', '--format', 'json', '--fail-on', 'none'], root).status).toBe(1);
    const run = spawnguard(['audit', '--format', 'json', '--fail-on', 'none', '--pass-on-file-errors'], root);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as AuditResult;
    expect(result.files).toEqual(['src/app.ts', 'src/broken.js']);
    expect(result.errors.map(({ file }) => file)).toEqual(['src/broken.js']);
    expect(spawnguard(['audit', '--nope'], root).status).toBe(2);
  });
});

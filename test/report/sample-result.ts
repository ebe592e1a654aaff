import type { AuditFinding, AuditResult } from '../../src/audit/types.js';

function finding(overrides: Partial<AuditFinding> & Pick<AuditFinding, 'ruleId' | 'file' | 'line' | 'component' | 'risk'>): AuditFinding {
  return {
    column: 3,
    endLine: overrides.line,
    endColumn: 20,
    message: 'A message about it.',
    impact: 'process-crash',
    isolation: 'none',
    fixable: true,
    remedy: 'Do the supervised thing.',
    fingerprint: `fp-${overrides.ruleId}-${overrides.line}`,
    ...overrides,
  };
}

/** A hand-made audit result covering every level, two findings in one component and a parse error. */
export function sampleResult(): AuditResult {
  const findings: AuditFinding[] = [
    finding({
      ruleId: 'no-unowned-state',
      file: 'src/cache.ts',
      line: 4,
      component: 'src/cache.ts',
      risk: 'MEDIUM',
      impact: 'stale-state',
      isolation: 'partial',
      message: 'Module-level Map promptCache is mutated by functions but owned by no lifecycle.',
      remedy: "Tie the state to a lifecycle: supervise.cache(id, () => new Map()) (reset on restart, released on stop).",
    }),
    finding({
      ruleId: 'require-cancellation',
      file: 'src/server.ts',
      line: 30,
      component: 'src/server.ts > POST /upload',
      risk: 'LOW',
      impact: 'hung-work',
      isolation: 'partial',
      fixable: false,
      message: 'fetch() has no signal | timeout.',
    }),
    finding({
      ruleId: 'no-floating-promise',
      file: 'src/server.ts',
      line: 12,
      column: 5,
      component: 'src/server.ts > POST /upload',
      risk: 'HIGH',
      message: 'The promise returned by trackUsage() is neither awaited, returned nor handled.',
      remedy: "Don't fire and forget per request: tasks.start((signal) => call(signal)) so a failure is reported, not a crash.",
    }),
    finding({
      ruleId: 'no-stray-timer',
      file: 'src/flush dir/flush.ts',
      line: 9,
      component: 'src/flush dir/flush.ts > startFlushing',
      risk: 'HIGH',
      impact: 'resource-leak',
      message: 'setInterval handle is discarded: nothing can ever stop it.',
    }),
  ];
  return {
    version: 1,
    root: '/srv/app',
    files: ['src/cache.ts', 'src/server.ts', 'src/flush dir/flush.ts', 'src/broken.ts'],
    findings,
    summary: { HIGH: 2, MEDIUM: 1, LOW: 1 },
    errors: [{ file: 'src/broken.ts', line: 3, column: 7, message: "',' expected." }],
  };
}

export function emptyResult(): AuditResult {
  return { version: 1, root: '/srv/app', files: ['src/a.ts'], findings: [], summary: { HIGH: 0, MEDIUM: 0, LOW: 0 }, errors: [] };
}

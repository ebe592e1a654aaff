import { describe, expect, it } from 'vitest';
import type { CrashImpact, Isolation, RiskLevel } from '../../src/catalogue/categories.js';
import { rate, shiftLevel } from '../../src/risk/rating-table.js';

// The matrix as docs/risk-model.md states it: impact x isolation, before any context shift.
const DOCUMENTED_BASE: [CrashImpact, Isolation, RiskLevel][] = [
  ['process-crash', 'none', 'HIGH'],
  ['process-crash', 'partial', 'HIGH'],
  ['process-crash', 'contained', 'MEDIUM'],
  ['silent-data-loss', 'none', 'HIGH'],
  ['silent-data-loss', 'partial', 'MEDIUM'],
  ['silent-data-loss', 'contained', 'LOW'],
  ['memory-growth', 'none', 'HIGH'],
  ['memory-growth', 'partial', 'MEDIUM'],
  ['memory-growth', 'contained', 'LOW'],
  ['resource-leak', 'none', 'MEDIUM'],
  ['resource-leak', 'partial', 'MEDIUM'],
  ['resource-leak', 'contained', 'LOW'],
  ['stale-state', 'none', 'MEDIUM'],
  ['stale-state', 'partial', 'MEDIUM'],
  ['stale-state', 'contained', 'LOW'],
  ['hung-work', 'none', 'MEDIUM'],
  ['hung-work', 'partial', 'LOW'],
  ['hung-work', 'contained', 'LOW'],
];

describe('base level: impact x isolation (context other, no process handler)', () => {
  it.each(DOCUMENTED_BASE)('%s / %s -> %s', (impact, isolation, risk) => {
    expect(rate({ impact, isolation, context: 'other', hasProcessErrorHandler: false })).toEqual({ impact, isolation, risk });
  });
});

describe('context shifts', () => {
  const level = (impact: CrashImpact, isolation: Isolation, context: 'request' | 'hot-loop' | 'startup' | 'teardown' | 'other') =>
    rate({ impact, isolation, context, hasProcessErrorHandler: false }).risk;

  it('a request path raises every impact one level, capped at HIGH', () => {
    expect(level('hung-work', 'partial', 'request')).toBe('MEDIUM');
    expect(level('stale-state', 'contained', 'request')).toBe('MEDIUM');
    expect(level('resource-leak', 'none', 'request')).toBe('HIGH');
    expect(level('process-crash', 'none', 'request')).toBe('HIGH');
    expect(level('process-crash', 'contained', 'request')).toBe('HIGH');
  });

  it('a hot loop raises memory growth and resource leaks only', () => {
    expect(level('memory-growth', 'partial', 'hot-loop')).toBe('HIGH');
    expect(level('resource-leak', 'contained', 'hot-loop')).toBe('MEDIUM');
    expect(level('stale-state', 'partial', 'hot-loop')).toBe('MEDIUM');
    expect(level('hung-work', 'partial', 'hot-loop')).toBe('LOW');
    expect(level('silent-data-loss', 'partial', 'hot-loop')).toBe('MEDIUM');
  });

  it('start-up code lowers memory growth and resource leaks, floored at LOW', () => {
    expect(level('memory-growth', 'none', 'startup')).toBe('MEDIUM');
    expect(level('resource-leak', 'partial', 'startup')).toBe('LOW');
    expect(level('resource-leak', 'contained', 'startup')).toBe('LOW');
    expect(level('process-crash', 'none', 'startup')).toBe('HIGH');
    expect(level('stale-state', 'partial', 'startup')).toBe('MEDIUM');
  });

  it('teardown lowers a would-be crash one level, and nothing else (issue 9, the HIGH band)', () => {
    expect(level('process-crash', 'none', 'teardown')).toBe('MEDIUM');
    expect(level('process-crash', 'contained', 'teardown')).toBe('LOW');
    expect(level('silent-data-loss', 'none', 'teardown')).toBe('HIGH');
    expect(level('resource-leak', 'none', 'teardown')).toBe('MEDIUM');
    expect(level('memory-growth', 'none', 'teardown')).toBe('HIGH');
  });
});

describe('a process-wide error handler', () => {
  it('turns a crash into silent data loss confined to the failed work, one level lower', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'other', hasProcessErrorHandler: true })).toEqual({
      impact: 'silent-data-loss',
      isolation: 'partial',
      risk: 'MEDIUM',
    });
  });

  it('keeps a contained crash contained (and LOW)', () => {
    expect(rate({ impact: 'process-crash', isolation: 'contained', context: 'other', hasProcessErrorHandler: true })).toEqual({
      impact: 'silent-data-loss',
      isolation: 'contained',
      risk: 'LOW',
    });
  });

  it('still rates silent loss on a request path HIGH: every failed request loses its work unseen', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'request', hasProcessErrorHandler: true })).toEqual({
      impact: 'silent-data-loss',
      isolation: 'partial',
      risk: 'HIGH',
    });
  });

  // issue 9 (s6): the OTP review's usage tracking was HIGH because nothing logged its failures.
  it('with a handler that reports what it catches, a crash becomes a reported loss: seen, so one level below a silent one', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'other', hasProcessErrorHandler: true, processErrorsReported: true })).toEqual({
      impact: 'reported-loss',
      isolation: 'partial',
      risk: 'LOW',
    });
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'request', hasProcessErrorHandler: true, processErrorsReported: true })).toEqual({
      impact: 'reported-loss',
      isolation: 'partial',
      risk: 'MEDIUM',
    });
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'request', hasProcessErrorHandler: true, processErrorsReported: false }).risk).toBe('HIGH');
    // Browser code has no reporting handler: its lost work stays silent.
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'request', hasProcessErrorHandler: true, processErrorsReported: true, role: 'browser' }).impact).toBe(
      'silent-data-loss',
    );
  });

  it('does not change impacts that are not crashes', () => {
    expect(rate({ impact: 'memory-growth', isolation: 'none', context: 'other', hasProcessErrorHandler: true })).toEqual({
      impact: 'memory-growth',
      isolation: 'none',
      risk: 'HIGH',
    });
  });
});

describe('shiftLevel', () => {
  it('moves within LOW..HIGH', () => {
    expect(shiftLevel('LOW', 1)).toBe('MEDIUM');
    expect(shiftLevel('MEDIUM', -1)).toBe('LOW');
    expect(shiftLevel('HIGH', 1)).toBe('HIGH');
    expect(shiftLevel('LOW', -1)).toBe('LOW');
  });
});

describe('role: browser and demonstration code (issue 9, the HIGH band)', () => {
  it('never rates demonstration code above MEDIUM', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'startup', hasProcessErrorHandler: false, role: 'demo' }).risk).toBe('MEDIUM');
    expect(rate({ impact: 'memory-growth', isolation: 'none', context: 'hot-loop', hasProcessErrorHandler: false, role: 'demo' }).risk).toBe('MEDIUM');
    expect(rate({ impact: 'hung-work', isolation: 'partial', context: 'other', hasProcessErrorHandler: false, role: 'demo' }).risk).toBe('LOW');
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'startup', hasProcessErrorHandler: false, role: 'application' }).risk).toBe('HIGH');
  });

  it('rates a would-be crash in browser code as lost work, not a process crash', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'hot-loop', hasProcessErrorHandler: false, role: 'browser' })).toEqual({
      impact: 'silent-data-loss',
      isolation: 'partial',
      risk: 'MEDIUM',
    });
    // Other impacts are the same in a page as on a server.
    expect(rate({ impact: 'memory-growth', isolation: 'none', context: 'hot-loop', hasProcessErrorHandler: false, role: 'browser' }).risk).toBe('HIGH');
  });

  it('rates application code as before when the role is absent', () => {
    expect(rate({ impact: 'process-crash', isolation: 'none', context: 'other', hasProcessErrorHandler: false })).toEqual(
      rate({ impact: 'process-crash', isolation: 'none', context: 'other', hasProcessErrorHandler: false, role: 'application' }),
    );
  });
});

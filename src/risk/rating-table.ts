import { RISK_LEVELS, type CrashImpact, type Isolation, type RiskLevel } from '../catalogue/categories.js';
import type { CallContext, CodeRole } from './types.js';

/**
 * THE risk matrix. Mirrored in docs/risk-model.md; change both together.
 *
 * A finding's level is decided in four steps, each one table below:
 *   1. PROCESS_HANDLER_EFFECT: when the project installs a process-wide `unhandledRejection` /
 *      `uncaughtException` handler that keeps the process running (src/detect/keep-alive.ts), a
 *      would-be crash no longer takes the process down: the process survives but the failed work is
 *      lost, confined to that work (isolation at least `partial`). When the handler reports what it
 *      catches (logs it), the loss is seen: `reported-loss`; when it only swallows it, the loss is
 *      silent: `silent-data-loss`, one level worse (the OTP review's usage tracking was HIGH because
 *      nothing logged its failures).
 *   2. BASE_LEVEL[impact][isolation]: how bad the failure is and how far it reaches.
 *   3. CONTEXT_SHIFT[context][impact]: +1 raises one level (capped at HIGH), -1 lowers one (floored at
 *      LOW). Code on a request path runs once per request, so every failure mode multiplies with
 *      traffic; a hot loop multiplies leaks and growth; start-up code runs once, so what it leaks or
 *      buffers is bounded. A crash while letting a resource go (teardown) happens once, when the
 *      component is already going away: a senior engineer fixes the crash on a live path first.
 *   4. ROLE_CEILING[role]: demonstration code (examples, playgrounds, scripts, benchmarks) is run by
 *      hand by someone watching it, so it is never the first thing to fix: at most MEDIUM.
 * Browser code has no process to crash: an unhandled rejection there is a console error and the work
 * is lost, so in step 1 it counts as if a process-wide handler kept the process alive.
 */
export const BASE_LEVEL: Readonly<Record<CrashImpact, Readonly<Record<Isolation, RiskLevel>>>> = {
  'process-crash': { none: 'HIGH', partial: 'HIGH', contained: 'MEDIUM' },
  'silent-data-loss': { none: 'HIGH', partial: 'MEDIUM', contained: 'LOW' },
  'memory-growth': { none: 'HIGH', partial: 'MEDIUM', contained: 'LOW' },
  'resource-leak': { none: 'MEDIUM', partial: 'MEDIUM', contained: 'LOW' },
  'stale-state': { none: 'MEDIUM', partial: 'MEDIUM', contained: 'LOW' },
  'hung-work': { none: 'MEDIUM', partial: 'LOW', contained: 'LOW' },
  'reported-loss': { none: 'MEDIUM', partial: 'LOW', contained: 'LOW' },
};

export type LevelShift = -1 | 1;

export const CONTEXT_SHIFT: Readonly<Record<CallContext, Readonly<Partial<Record<CrashImpact, LevelShift>>>>> = {
  request: {
    'process-crash': 1,
    'silent-data-loss': 1,
    'memory-growth': 1,
    'resource-leak': 1,
    'stale-state': 1,
    'hung-work': 1,
    'reported-loss': 1,
  },
  'hot-loop': { 'memory-growth': 1, 'resource-leak': 1 },
  startup: { 'memory-growth': -1, 'resource-leak': -1 },
  teardown: { 'process-crash': -1 },
  other: {},
};

export interface ImpactOverride {
  impact: CrashImpact;
  /** The isolation is raised to at least this. */
  minIsolation: Isolation;
}

export const PROCESS_HANDLER_EFFECT: Readonly<Partial<Record<CrashImpact, ImpactOverride>>> = {
  'process-crash': { impact: 'silent-data-loss', minIsolation: 'partial' },
};

/** The same, when the handler reports what it catches: the failed work is lost, but not unseen. */
export const REPORTING_HANDLER_EFFECT: Readonly<Partial<Record<CrashImpact, ImpactOverride>>> = {
  'process-crash': { impact: 'reported-loss', minIsolation: 'partial' },
};

export const ROLE_CEILING: Readonly<Record<CodeRole, RiskLevel>> = {
  application: 'HIGH',
  browser: 'HIGH',
  demo: 'MEDIUM',
};

const ISOLATION_ORDER: readonly Isolation[] = ['none', 'partial', 'contained'];

/** The level `shift` steps riskier (negative: safer), within HIGH..LOW. */
export function shiftLevel(level: RiskLevel, shift: number): RiskLevel {
  const position = Math.min(RISK_LEVELS.length - 1, Math.max(0, RISK_LEVELS.indexOf(level) - shift));
  return RISK_LEVELS[position]!;
}

export interface RatingInput {
  impact: CrashImpact;
  isolation: Isolation;
  context: CallContext;
  hasProcessErrorHandler: boolean;
  /** The handler that keeps the process running reports what it catches. Absent: false. */
  processErrorsReported?: boolean;
  /** Absent: `application`. */
  role?: CodeRole;
}

export interface Rating {
  impact: CrashImpact;
  isolation: Isolation;
  risk: RiskLevel;
}

/** Applies the four tables above, in order. */
export function rate(input: RatingInput): Rating {
  let { impact, isolation } = input;
  const role = input.role ?? 'application';
  const survivesRejection = input.hasProcessErrorHandler || role === 'browser';
  // Browser code has no process-wide handler to report with: a console error nobody reads is silent.
  const reported = input.hasProcessErrorHandler && input.processErrorsReported === true && role !== 'browser';
  const override = survivesRejection ? (reported ? REPORTING_HANDLER_EFFECT : PROCESS_HANDLER_EFFECT)[impact] : undefined;
  if (override) {
    impact = override.impact;
    if (ISOLATION_ORDER.indexOf(isolation) < ISOLATION_ORDER.indexOf(override.minIsolation)) isolation = override.minIsolation;
  }
  const shifted = shiftLevel(BASE_LEVEL[impact][isolation], CONTEXT_SHIFT[input.context][impact] ?? 0);
  const ceiling = ROLE_CEILING[role];
  const risk = RISK_LEVELS.indexOf(shifted) < RISK_LEVELS.indexOf(ceiling) ? ceiling : shifted;
  return { impact, isolation, risk };
}

import type { RuleId } from '../../../rules/index.js';
import type { Rewriter } from '../transform.js';
import { noFloatingPromiseRewriters } from './no-floating-promise.js';
import { noSwallowedErrorRewriters } from './no-swallowed-error.js';

/**
 * The rewrites per rule, keyed by the messageId the rule reports: a messageId names one shape of
 * finding and so one rewrite. A messageId with no entry needs a human (it is listed as remaining).
 */
const rewritersByRule: Record<RuleId, Readonly<Record<string, Rewriter>>> = {
  'no-floating-promise': noFloatingPromiseRewriters,
  'no-detached-async-callback': {},
  'no-stray-timer': {},
  'no-orphan-worker': {},
  'no-unowned-state': {},
  'no-swallowed-error': noSwallowedErrorRewriters,
  'require-cancellation': {},
  'no-unbounded-buffer': {},
};

export function rewritersFor(ruleId: RuleId): Readonly<Record<string, Rewriter>> {
  return rewritersByRule[ruleId];
}

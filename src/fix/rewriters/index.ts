import type { RuleId } from '../../../rules/index.js';
import type { Rewriter } from '../transform.js';
import { noDetachedAsyncCallbackRewriters } from './no-detached-async-callback.js';
import { noFloatingPromiseRewriters } from './no-floating-promise.js';
import { noSwallowedErrorRewriters } from './no-swallowed-error.js';
import { noUnownedStateRewriters } from './no-unowned-state.js';
import { requireCancellationRewriters } from './require-cancellation.js';

/**
 * The rewrites per rule, keyed by the messageId the rule reports: a messageId names one shape of
 * finding and so one rewrite. A messageId with no entry needs a human (it is listed as remaining).
 */
const rewritersByRule: Record<RuleId, Readonly<Record<string, Rewriter>>> = {
  'no-floating-promise': noFloatingPromiseRewriters,
  'no-detached-async-callback': noDetachedAsyncCallbackRewriters,
  'no-stray-timer': {},
  'no-orphan-worker': {},
  'no-unowned-state': noUnownedStateRewriters,
  'no-swallowed-error': noSwallowedErrorRewriters,
  'require-cancellation': requireCancellationRewriters,
  'no-unbounded-buffer': {},
};

export function rewritersFor(ruleId: RuleId): Readonly<Record<string, Rewriter>> {
  return rewritersByRule[ruleId];
}

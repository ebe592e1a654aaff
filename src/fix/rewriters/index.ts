import type { RuleId } from '../../catalogue/rules.js';
import type { Rewriter } from '../transform.js';
import { noDetachedAsyncCallbackRewriters } from './no-detached-async-callback.js';
import { noFloatingPromiseRewriters } from './no-floating-promise.js';
import { noOrphanWorkerRewriters } from './no-orphan-worker.js';
import { noStrayTimerRewriters } from './no-stray-timer.js';
import { noSwallowedErrorRewriters } from './no-swallowed-error.js';
import { noUnboundedBufferRewriters } from './no-unbounded-buffer.js';
import { noUnownedStateRewriters } from './no-unowned-state.js';
import { requireCancellationRewriters } from './require-cancellation.js';

/**
 * The rewrites per rule, keyed by the messageId the rule reports: a messageId names one shape of
 * finding and so one rewrite. A messageId with no entry needs a human (it is listed as remaining).
 */
const rewritersByRule: Record<RuleId, Readonly<Record<string, Rewriter>>> = {
  'no-floating-promise': noFloatingPromiseRewriters,
  'no-detached-async-callback': noDetachedAsyncCallbackRewriters,
  'no-stray-timer': noStrayTimerRewriters,
  'no-orphan-worker': noOrphanWorkerRewriters,
  'no-unowned-state': noUnownedStateRewriters,
  'no-swallowed-error': noSwallowedErrorRewriters,
  'require-cancellation': requireCancellationRewriters,
  'no-unbounded-buffer': noUnboundedBufferRewriters,
};

export function rewritersFor(ruleId: RuleId): Readonly<Record<string, Rewriter>> {
  return rewritersByRule[ruleId];
}

import { APPLY_SUGGESTION } from './shared.js';
import type { MessageIds } from '../../../rules/require-cancellation.js';
import type { Rewriter } from '../transform.js';

/** Inside a task: the rule's suggestion passes the task's signal (and adds the parameter when missing). */
export const requireCancellationRewriters = {
  missingSignalInTask: APPLY_SUGGESTION,
} satisfies Partial<Record<MessageIds, Rewriter>>;

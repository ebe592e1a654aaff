import { APPLY_SUGGESTION } from './shared.js';

/** Inside a task: the rule's suggestion passes the task's signal (and adds the parameter when missing). */
export const requireCancellationRewriters = {
  missingSignalInTask: APPLY_SUGGESTION,
};

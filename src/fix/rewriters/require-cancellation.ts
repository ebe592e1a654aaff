import { APPLY_SUGGESTION } from '../transform.js';

/** Inside a task: the rule's suggestion passes the task's signal (and adds the parameter when missing). */
export const requireCancellationRewriters = {
  missingSignalInTask: APPLY_SUGGESTION,
};

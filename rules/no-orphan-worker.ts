// Placeholder until the rule lands: reports nothing. Replaced by the rule built on src/detect.
import { createRule } from '../src/detect/rule.js';

export type Options = [];
export type MessageIds = 'pending';

export default createRule<Options, MessageIds>({
  name: 'no-orphan-worker',
  meta: {
    type: 'problem',
    docs: {
      description: 'pending',
      recommended: 'recommended',
      risk: { impact: 'process-crash', isolation: 'none', fixable: 'none' },
    },
    messages: { pending: 'pending' },
    schema: [],
  },
  defaultOptions: [],
  create: () => ({}),
});

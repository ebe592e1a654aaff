import { APPLY_SUGGESTION } from './shared.js';
import type { MessageIds } from '../../../rules/no-unbounded-buffer.js';
import type { Rewriter } from '../transform.js';

/**
 * `stream.write(chunk);` in async code -> `if (!stream.write(chunk)) await once(stream, 'drain');`: the
 * rule's suggestion is the rewrite (rewrite/shapes.ts writes it, braced where it is an if's or a
 * loop's body, and the `once` import is placed by the shared import placer). As a text edit it leaves
 * the statements around it exactly as written, where recast would lay out an enclosing if anew.
 */
export const noUnboundedBufferRewriters = {
  ignoredWriteInAsyncLoop: APPLY_SUGGESTION,
} satisfies Partial<Record<MessageIds, Rewriter>>;

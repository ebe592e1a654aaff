/** The longest piece of code a message quotes. */
export const SNIPPET_MAX_LENGTH = 40;

/** Code as a message quotes it: whitespace runs (line breaks included) folded into one space. */
export function oneLine(code: string): string {
  return code.replace(/\s+/g, ' ');
}

/**
 * Code as a message quotes it: on one line and at most SNIPPET_MAX_LENGTH characters; a longer one
 * keeps its start (or, for a callee, its end: `...queue.on`) and marks the cut with `...`.
 */
export function snippet(code: string, keep: 'start' | 'end' = 'start'): string {
  const text = oneLine(code);
  if (text.length <= SNIPPET_MAX_LENGTH) return text;
  const kept = SNIPPET_MAX_LENGTH - 3;
  return keep === 'start' ? `${text.slice(0, kept)}...` : `...${text.slice(-kept)}`;
}

import { readFileSync } from 'node:fs';

export type SourceRead = { ok: true; text: string } | { ok: false; reason: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a source file as the linters will see it, or says why it cannot be audited: unreadable,
 * binary (a NUL byte: no JS/TS source holds one), or not UTF-8. The byte order mark is dropped here
 * so the TypeScript program and ESLint see the very same text (ranges must agree between them).
 */
export function readSource(path: string): SourceRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes), not source code' };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not UTF-8 text, not source code' };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

import { createHash } from 'node:crypto';

/**
 * The flagged code with its layout removed, so reformatting or re-indenting it does not change its
 * identity: whitespace is dropped, except one space where it separates two words (`new Map`).
 */
export function normaliseCode(code: string): string {
  return code
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?![\w$])|(?<![\w$]) /g, '');
}

/**
 * A finding's identity across edits: rule, file, component and the flagged code, never its line, so
 * an edit above it does not turn a known finding into a new one. Two identical findings in one
 * component share a fingerprint; the baseline counts them (see baseline.ts).
 */
export function fingerprintOf(parts: { ruleId: string; file: string; component: string; code: string }): string {
  return createHash('sha256')
    .update([parts.ruleId, parts.file, parts.component, normaliseCode(parts.code)].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

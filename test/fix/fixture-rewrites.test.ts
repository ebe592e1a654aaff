import jscodeshift from 'jscodeshift';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../rules/index.js';
import { fixableFindings } from './support/source-checks.js';
import { fixSource } from '../../src/fix/transform.js';

/**
 * Invariant 2 (docs/architecture.md) on every rule fixture: fixtures/<rule>/before.<ext> rewrites byte-for-byte to
 * after.<ext>; the after file has no fixable finding left; a second run changes nothing.
 */
const fixturesRoot = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const j = jscodeshift.withParser('tsx');

const pairs = ruleIds.flatMap((ruleId) => {
  const folder = join(fixturesRoot, ruleId);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /^before\.[cm]?[jt]sx?$/.test(name) && existsSync(join(folder, name.replace('before', 'after'))))
    .map((before) => ({ ruleId, folder, before, after: before.replace('before', 'after') }));
});

describe('codemods rewrite each fixture to its expected output', () => {
  it('every rule has at least one before/after pair', () => {
    expect(new Set(pairs.map((pair) => pair.ruleId))).toEqual(new Set(ruleIds));
  });

  for (const { ruleId, folder, before, after } of pairs) {
    describe(`${ruleId}/${before}`, () => {
      const beforePath = join(folder, before);
      const afterPath = join(folder, after);
      it('rewrites to after byte for byte', () => {
        const result = fixSource(readFileSync(beforePath, 'utf8'), beforePath, j, { rules: [ruleId], root: folder });
        expect(result.output).toBe(readFileSync(afterPath, 'utf8'));
        expect(result.rewrites[ruleId]).toBeGreaterThan(0);
      });

      it('leaves no fixable finding, and a second run is a no-op', () => {
        const afterSource = readFileSync(afterPath, 'utf8');
        const leftover = fixableFindings(afterSource, afterPath, [ruleId], folder);
        expect(leftover).toEqual([]);
        expect(fixSource(afterSource, afterPath, j, { rules: [ruleId], root: folder }).output).toBeNull();
      });
    });
  }
});

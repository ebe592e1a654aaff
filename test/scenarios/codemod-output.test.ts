import jscodeshift from 'jscodeshift';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../rules/index.js';
import { fixSource } from '../../src/fix/transform.js';

/**
 * The scenarios prove that fixed code runs only if each after.mjs is what `spawnguard fix` writes:
 * fixing before.mjs with its rule must give after.mjs byte for byte.
 */
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const j = jscodeshift.withParser('tsx');

describe('each scenario after.mjs is the codemod output of its before.mjs', () => {
  for (const ruleId of ruleIds) {
    it(ruleId, () => {
      const folder = join(fixtures, ruleId, 'scenario');
      const beforePath = join(folder, 'before.mjs');
      const result = fixSource(readFileSync(beforePath, 'utf8'), beforePath, j, { rules: [ruleId], root: folder });
      expect(result.rewrites[ruleId]).toBe(1);
      expect(result.output).toBe(readFileSync(join(folder, 'after.mjs'), 'utf8'));
    });
  }
});

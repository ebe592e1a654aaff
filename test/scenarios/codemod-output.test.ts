import jscodeshift from 'jscodeshift';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ruleIds } from '../../rules/index.js';
import { fixSource } from '../../src/fix/transform.js';

/**
 * The scenarios prove that fixed code runs only if each after.mjs is what `spawnguard fix` writes:
 * fixing before.mjs with its rule must give after.mjs byte for byte (fixtures/<rule>/scenario, and a
 * folder per later rewrite decision, scenario-<decision>).
 */
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const j = jscodeshift.withParser('tsx');

describe('each scenario after.mjs is the codemod output of its before.mjs', () => {
  for (const ruleId of ruleIds) {
    const folders = readdirSync(join(fixtures, ruleId)).filter((name) => /^scenario(?:-[\w-]+)?$/.test(name));
    for (const name of folders) {
      it(`${ruleId}/${name}`, () => {
        const folder = join(fixtures, ruleId, name);
        const beforePath = join(folder, 'before.mjs');
        const before = readFileSync(beforePath, 'utf8');
        const after = readFileSync(join(folder, 'after.mjs'), 'utf8');
        const result = fixSource(before, beforePath, j, { rules: [ruleId], root: folder });
        // A scenario whose after.mjs is its before.mjs shows code the fix must leave alone.
        if (after === before) {
          expect(result.output).toBeNull();
          return;
        }
        expect(result.rewrites[ruleId]).toBe(1);
        expect(result.output).toBe(after);
      });
    }
  }
});

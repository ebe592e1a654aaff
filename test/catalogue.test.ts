import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { RULE_CATALOGUE, isFixableShape, riskCategoryOf, ruleDocsUrl, ruleIds } from '../src/catalogue/rules.js';
import { rewritersFor } from '../src/fix/rewriters/index.js';

describe('the rule catalogue', () => {
  it('lists exactly the plugin rules, in the same order', () => {
    expect(Object.keys(rules)).toEqual(ruleIds);
  });

  it.each(ruleIds)('%s: the rule carries the catalogue entry as its meta.docs', (id) => {
    const entry = RULE_CATALOGUE[id];
    expect(rules[id].meta.docs).toEqual({
      description: entry.description,
      recommended: entry.recommended,
      requiresTypeChecking: entry.requiresTypeChecking,
      risk: riskCategoryOf(id),
      url: ruleDocsUrl(id),
    });
  });

  it.each(ruleIds)('%s: the fixable shapes are message ids of the rule, and exactly the keys of its rewriter table', (id) => {
    const fixable = [...RULE_CATALOGUE[id].fixable].sort();
    expect(fixable.filter((messageId) => !(messageId in rules[id].meta.messages))).toEqual([]);
    expect(Object.keys(rewritersFor(id)).sort()).toEqual(fixable);
  });

  it('a shape is fixable only when the catalogue lists it, with or without the plugin prefix', () => {
    expect(isFixableShape('no-floating-promise', 'floatingPromise')).toBe(true);
    expect(isFixableShape('spawnguard/no-floating-promise', 'floatingPromise')).toBe(true);
    expect(isFixableShape('no-floating-promise', 'runUnderTasksStart')).toBe(false);
    expect(isFixableShape('no-stray-timer', 'reschedulingTimeout')).toBe(false);
    expect(isFixableShape('some-other-rule', 'floatingPromise')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import plugin, { ruleIds, rules } from '../rules/index.js';

describe('the flat-config plugin', () => {
  it('exposes the eight rules under their catalogue ids', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(
      [
        'no-detached-async-callback',
        'no-floating-promise',
        'no-orphan-worker',
        'no-stray-timer',
        'no-swallowed-error',
        'no-unbounded-buffer',
        'no-unowned-state',
        'require-cancellation',
      ].sort(),
    );
    expect(ruleIds).toHaveLength(8);
  });

  it('strict turns on every rule; recommended only those marked recommended', () => {
    const ruleSettings = (configName: 'recommended' | 'strict') =>
      Object.keys(plugin.configs[configName].find((entry) => entry.rules)?.rules ?? {});
    expect(ruleSettings('strict')).toHaveLength(8);
    const recommended = ruleIds.filter((id) => rules[id].meta.docs?.recommended === 'recommended');
    expect(ruleSettings('recommended').sort()).toEqual(recommended.map((id) => `spawnguard/${id}`).sort());
  });
});

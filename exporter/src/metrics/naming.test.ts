import { describe, expect, it } from 'vitest';

import type { FamilyDefinition } from './family.js';
import { ALL_FAMILIES, buildRegistry } from './render.js';
import { foldingPublication } from './testing/fixtures.js';

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Label names that would invite a value or a secret into a label. */
const FORBIDDEN_LABELS = ['value', 'secret'];

/** Each rule names what it enforces and returns the problem, or undefined. */
const RULES: [string, (family: FamilyDefinition) => string | undefined][] = [
  ['prefix realitycheck_', (f) => (f.name.startsWith('realitycheck_') ? undefined : 'no prefix')],
  ['snake_case name', (f) => (SNAKE_CASE.test(f.name) ? undefined : 'not snake_case')],
  ['help text', (f) => (f.help.trim().length > 10 ? undefined : 'help missing or too short')],
  [
    '_ratio is a gauge',
    (f) => (!f.name.endsWith('_ratio') || f.type === 'gauge' ? undefined : 'ratio not a gauge'),
  ],
  [
    '_info is a gauge',
    (f) => (!f.name.endsWith('_info') || f.type === 'gauge' ? undefined : 'info not a gauge'),
  ],
  [
    '_total only and always on counters',
    (f) => (f.name.endsWith('_total') === (f.type === 'counter') ? undefined : '_total mismatch'),
  ],
  [
    'times in _timestamp_seconds',
    (f) =>
      !/time|_at$|since|last/.test(f.name) ||
      f.name.endsWith('_timestamp_seconds') ||
      f.name.endsWith('_success')
        ? undefined
        : 'a time not in _timestamp_seconds',
  ],
  ['snake_case labels', (f) => f.labelNames.find((l) => !SNAKE_CASE.test(l))],
  [
    'no reserved labels',
    (f) => f.labelNames.find((l) => l.startsWith('__') || l === 'le' || l === 'quantile'),
  ],
  [
    'no value or secret labels',
    (f) => f.labelNames.find((l) => FORBIDDEN_LABELS.some((w) => l.includes(w))),
  ],
];

describe('metric naming rules', () => {
  it('every family has a unique name', () => {
    const names = ALL_FAMILIES.map((f) => f.name);

    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(ALL_FAMILIES.map((f) => [f.name, f] as const))('%s', (_name, family) => {
    it.each(RULES)('follows the rule: %s', (_rule, check) => {
      expect(check(family)).toBeUndefined();
    });
  });

  it('registers nothing that is not a defined family', async () => {
    const defined = new Map(ALL_FAMILIES.map((f) => [f.name, f]));
    const registered = await buildRegistry(foldingPublication()).getMetricsAsJSON();

    for (const metric of registered) {
      const family = defined.get(metric.name);
      expect(family, metric.name).toBeDefined();
      expect(metric.type).toBe(family?.type);
      expect(metric.help).toBe(family?.help);
    }
    expect(registered.map((m) => m.name).sort()).toEqual([...defined.keys()].sort());
  });

  it('sets every _info series to 1 and every _ratio series within 0..1', async () => {
    const registered = await buildRegistry(foldingPublication()).getMetricsAsJSON();

    for (const metric of registered) {
      const values = metric.values.map((v) => v.value);
      if (metric.name.endsWith('_info')) expect(values.every((v) => v === 1)).toBe(true);
      if (metric.name.endsWith('_ratio')) expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });
});

import { describe, expect, it } from 'vitest';

import type { FamilyDefinition } from './family.js';
import { ALL_FAMILIES, buildRegistry } from './render.js';
import { foldingPublication } from './testing/fixtures.js';

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** The label vocabulary of the contract; a new label is a contract change, made here on purpose. */
const KNOWN_LABELS = new Set([
  'region',
  'namespace',
  'workload',
  'container',
  'digest',
  'version',
  'revision',
  'releases_behind',
  'check',
  'class',
  // Traffic: the routed service, a backend as the route names it, and the layer of the chain.
  'service',
  'backend',
  'layer',
  // The Kubernetes kind a live source reads (Pod, ReplicaSet, ...): a bounded set.
  'kind',
  // Config checks: names of environment variables and feature flags, never their values.
  'variable',
  'flag',
]);

const endsWith = (f: FamilyDefinition, suffix: string) => f.name.endsWith(suffix);

/** Each rule: what it enforces, and whether a family keeps it. */
const RULES: [string, (f: FamilyDefinition) => boolean][] = [
  ['prefix realitycheck_', (f) => f.name.startsWith('realitycheck_')],
  ['snake_case name', (f) => SNAKE_CASE.test(f.name)],
  ['help text present', (f) => f.help.trim().length > 10],
  ['_ratio only on gauges', (f) => !endsWith(f, '_ratio') || f.type === 'gauge'],
  ['_info only on gauges', (f) => !endsWith(f, '_info') || f.type === 'gauge'],
  ['_total exactly on counters', (f) => endsWith(f, '_total') === (f.type === 'counter')],
  [
    'times as _timestamp_seconds',
    (f) => !/time|since|last|_at$/.test(f.name) || endsWith(f, '_timestamp_seconds'),
  ],
  [
    'base units only',
    (f) => !/_(milli|micro|nano)?(ms|minutes|hours|percent|bytes_k)/.test(f.name),
  ],
  ['snake_case labels', (f) => f.labelNames.every((l) => SNAKE_CASE.test(l))],
  ['labels of the contract only', (f) => f.labelNames.every((l) => KNOWN_LABELS.has(l))],
  [
    'never a value or secret label',
    (f) => f.labelNames.every((l) => !l.includes('value') && !l.includes('secret')),
  ],
];

describe('metric naming rules', () => {
  it('every family has a unique name', () => {
    const names = ALL_FAMILIES.map((f) => f.name);

    expect(new Set(names).size).toBe(names.length);
  });

  describe.each(ALL_FAMILIES.map((f) => [f.name, f] as const))('%s', (_name, family) => {
    it.each(RULES)('follows the rule: %s', (_rule, holds) => {
      expect(holds(family)).toBe(true);
    });
  });

  const gauge = (name: string, labelNames: string[] = []): FamilyDefinition => ({
    name,
    help: 'A family that breaks one rule.',
    type: 'gauge',
    labelNames,
  });
  it.each([
    ['prefix realitycheck_', gauge('instances')],
    ['_total exactly on counters', gauge('realitycheck_restarts_total')],
    ['times as _timestamp_seconds', gauge('realitycheck_last_sync_time')],
    ['base units only', gauge('realitycheck_sync_duration_ms')],
    ['snake_case labels', gauge('realitycheck_x', ['releasesBehind'])],
    ['never a value or secret label', gauge('realitycheck_x', ['env_value'])],
  ])('the rule "%s" rejects a family that breaks it', (rule, family) => {
    const [, holds] = RULES.find(([name]) => name === rule)!;

    expect(holds(family)).toBe(false);
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

import { describe, expect, it } from 'vitest';

import { drilldownQuery } from './drilldown';

describe('drilldownQuery', () => {
  const row = { key: 'eu-west / checkout', labels: { region: 'eu-west', workload: 'checkout' } };

  it('sets the variable to the row value of the label it is named after', () => {
    expect(drilldownQuery('workload', row)).toEqual({ 'var-workload': 'checkout' });
  });

  it('falls back to the whole row key', () => {
    expect(drilldownQuery('target', row)).toEqual({ 'var-target': 'eu-west / checkout' });
  });

  it('does nothing when no variable is set', () => {
    expect(drilldownQuery('  ', row)).toBeNull();
  });
});

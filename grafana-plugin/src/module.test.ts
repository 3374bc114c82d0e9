import { describe, expect, it } from 'vitest';
import { PanelOptionsEditorBuilder, standardEditorsRegistry } from '@grafana/data';

import { plugin } from './module';
import { DEFAULT_OPTIONS, type SkewMapOptions } from './types';

// Grafana registers its option editors at start-up; the builder looks them
// up by id, so stand-ins are registered for reading defaults.
standardEditorsRegistry.setInit(() =>
  ['text', 'number', 'radio'].map((id) => ({ id, name: id, editor: () => null })),
);

describe('plugin', () => {
  it('declares every option with the documented default', () => {
    const builder = new PanelOptionsEditorBuilder<SkewMapOptions>();
    plugin.getPanelOptionsSupplier()(builder, { data: [] });
    const defaults = Object.fromEntries(
      builder.getItems().map((item) => [item.path, item.defaultValue]),
    );
    expect(defaults).toEqual(DEFAULT_OPTIONS);
  });
});

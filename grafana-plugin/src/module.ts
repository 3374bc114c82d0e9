/**
 * The plugin's entry point: Grafana loads dist/module.js and reads `plugin`.
 * This file only wires the panel component to its options.
 */
import { PanelPlugin } from '@grafana/data';

import { SkewMapPanel } from './components/SkewMapPanel';
import { DEFAULT_OPTIONS, type SkewMapOptions } from './types';

/** The version-skew map panel. */
export const plugin = new PanelPlugin<SkewMapOptions>(SkewMapPanel).setPanelOptions((builder) =>
  builder
    .addTextInput({
      path: 'rowLabels',
      name: 'Row labels',
      description: 'Labels whose values make a row, comma-separated (region, workload)',
      defaultValue: DEFAULT_OPTIONS.rowLabels,
    })
    .addTextInput({
      path: 'categoryLabel',
      name: 'Category label',
      description: 'Label stacked inside a cell; its values are releases behind the intended one',
      defaultValue: DEFAULT_OPTIONS.categoryLabel,
    })
    .addTextInput({
      path: 'skewQuery',
      name: 'Counts query',
      description:
        'refId of the instance-count query; other queries become overlays. Empty: the first',
      defaultValue: DEFAULT_OPTIONS.skewQuery,
    })
    .addRadio({
      path: 'sortBy',
      name: 'Sort rows',
      defaultValue: DEFAULT_OPTIONS.sortBy,
      settings: {
        options: [
          { value: 'worst', label: 'Worst skew first' },
          { value: 'name', label: 'By name' },
        ],
      },
    })
    .addNumberInput({
      path: 'rowHeight',
      name: 'Row height',
      defaultValue: DEFAULT_OPTIONS.rowHeight,
      settings: { min: 8, max: 80, integer: true },
    })
    .addNumberInput({
      path: 'labelWidth',
      name: 'Label width',
      defaultValue: DEFAULT_OPTIONS.labelWidth,
      settings: { min: 0, max: 600, integer: true },
    })
    .addNumberInput({
      path: 'minCellWidth',
      name: 'Narrowest cell',
      description: 'Pixels; shorter time buckets merge and the worst state wins',
      defaultValue: DEFAULT_OPTIONS.minCellWidth,
      settings: { min: 1, max: 50, integer: true },
    })
    .addTextInput({
      path: 'variable',
      name: 'Drill-down variable',
      description: 'Dashboard variable a row click sets to the row value; empty turns it off',
      defaultValue: DEFAULT_OPTIONS.variable,
    }),
);

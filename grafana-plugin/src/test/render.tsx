/**
 * Renders the panel as Grafana would: PanelProps with frames, a time range
 * and the options' defaults. The error view is the stand-in from setup.ts.
 */
import React from 'react';
import { render, type RenderResult } from '@testing-library/react';
import {
  type DataFrame,
  dateTime,
  type FieldConfigSource,
  LoadingState,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';

import { SkewMapPanel } from '../components/SkewMapPanel';
import { DEFAULT_OPTIONS, type SkewMapOptions } from '../types';
import { STEP, T0 } from './frames';

/** The tests' time range: ten steps from T0. */
export const TEST_RANGE: TimeRange = {
  from: dateTime(T0),
  to: dateTime(T0 + 10 * STEP),
  raw: { from: dateTime(T0), to: dateTime(T0 + 10 * STEP) },
};

/** Renders the panel at `width` x `height` with options over the defaults. */
export function renderPanel(
  frames: DataFrame[],
  options: Partial<SkewMapOptions> = {},
  size = { width: 520, height: 200 },
): RenderResult {
  const fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] };
  const props = {
    id: 1,
    data: { series: frames, state: LoadingState.Done, timeRange: TEST_RANGE },
    timeRange: TEST_RANGE,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, labelWidth: 120, minCellWidth: 40, ...options },
    transparent: false,
    fieldConfig,
    renderCounter: 0,
    title: 'Skew',
    ...size,
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (value: string) => value,
    onChangeTimeRange: () => undefined,
  } as unknown as PanelProps<SkewMapOptions>;
  return render(<SkewMapPanel {...props} />);
}

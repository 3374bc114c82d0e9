import React, { useMemo } from 'react';
import { type PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';

import { buildSkewMap } from '../data/shape';
import { timed } from '../render/timing';
import { type SkewMapOptions } from '../types';
import { SkewMapView } from './SkewMapView';

/**
 * The panel: shapes the query frames into a skew map and draws it, or shows
 * Grafana's error view with what to change when the data does not fit.
 */
export function SkewMapPanel(props: PanelProps<SkewMapOptions>) {
  const { data, options, width, height, timeRange, timeZone, id, fieldConfig } = props;
  const from = timeRange.from.valueOf();
  const to = timeRange.to.valueOf();
  const plotWidth = Math.max(1, width - options.labelWidth);

  const result = useMemo(
    () => timed('shape', () => buildSkewMap(data.series, options, { from, to }, plotWidth)),
    [data.series, options, from, to, plotWidth],
  );

  if ('error' in result) {
    return (
      <PanelDataErrorView
        panelId={id}
        data={data}
        fieldConfig={fieldConfig}
        message={result.message}
        needsTimeField
        needsNumberField
      />
    );
  }
  return (
    <SkewMapView
      map={result.map}
      options={options}
      width={width}
      height={height}
      timeZone={timeZone}
    />
  );
}

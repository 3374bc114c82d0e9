import React, { useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, type TimeZone } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { drilldownQuery } from '../data/drilldown';
import { type SkewMap } from '../data/shape';
import { type Hit, hitTest, makeLayout } from '../render/layout';
import { useSkewCanvas } from '../render/useSkewCanvas';
import { type SkewMapOptions } from '../types';
import { Legend, LEGEND_HEIGHT } from './Legend';
import { SkewTooltip } from './SkewTooltip';
import { AXIS_HEIGHT, TimeAxis } from './TimeAxis';

/** Props of the drawn map. */
export interface SkewMapViewProps {
  map: SkewMap;
  options: SkewMapOptions;
  width: number;
  height: number;
  timeZone: TimeZone;
}

/** A hovered cell and where the pointer is inside the panel. */
interface Hover extends Hit {
  left: number;
  top: number;
}

/** The canvas with its scrolling rows, the time axis, the legend and the tooltip. */
export function SkewMapView({ map, options, width, height, timeZone }: SkewMapViewProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const layout = useMemo(
    () => makeLayout(map, width, options.labelWidth, options.rowHeight),
    [map, width, options.labelWidth, options.rowHeight],
  );
  useSkewCanvas(canvasRef, map, layout, theme, hover);

  const locate = (event: React.MouseEvent<HTMLCanvasElement>): Hover | null => {
    const box = event.currentTarget.getBoundingClientRect();
    const hit = hitTest(map, layout, event.clientX - box.left, event.clientY - box.top);
    const panel = panelRef.current?.getBoundingClientRect();
    if (hit === null || panel === undefined) return null;
    return { ...hit, left: event.clientX - panel.left, top: event.clientY - panel.top };
  };
  const onClick = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const row = map.rows[locate(event)?.row ?? -1];
    const query = row ? drilldownQuery(options.variable, row) : null;
    if (query !== null) locationService.partial(query, true);
  };

  // Rows scroll when they do not fit; when they do, axis and legend follow them directly.
  const rowsHeight = Math.min(layout.height, Math.max(0, height - AXIS_HEIGHT - LEGEND_HEIGHT));
  return (
    <div ref={panelRef} className={styles.panel} style={{ width, height }}>
      <div className={styles.rows} style={{ height: rowsHeight }}>
        <canvas
          ref={canvasRef}
          data-testid="skewmap-canvas"
          aria-label={`Version skew map: ${map.rows.length} rows`}
          className={styles.canvas}
          style={{
            width: layout.width,
            height: layout.height,
            cursor: options.variable.trim() ? 'pointer' : 'default',
          }}
          onMouseMove={(event) => setHover(locate(event))}
          onMouseLeave={() => setHover(null)}
          onClick={onClick}
        />
      </div>
      <TimeAxis grid={map.grid} labelWidth={options.labelWidth} width={width} timeZone={timeZone} />
      <Legend map={map} />
      {hover && hover.bucket >= 0 && (
        <SkewTooltip
          map={map}
          row={hover.row}
          bucket={hover.bucket}
          left={hover.left}
          top={hover.top}
          panelWidth={width}
          timeZone={timeZone}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ position: 'relative', display: 'flex', flexDirection: 'column' }),
  rows: css({ overflowY: 'auto', overflowX: 'hidden', flex: 'none' }),
  canvas: css({ display: 'block', background: theme.colors.background.primary }),
});

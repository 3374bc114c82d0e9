import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2, type TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { bucketStart } from '../data/grid';
import { cellAt } from '../data/rows';
import { type SkewMap } from '../data/shape';

/** Props of the tooltip: which cell, and where the pointer is in the panel. */
export interface SkewTooltipProps {
  map: SkewMap;
  row: number;
  bucket: number;
  left: number;
  top: number;
  panelWidth: number;
  timeZone: TimeZone;
}

const WIDTH = 260;
const OFFSET = 12;
const FORMAT = 'YYYY-MM-DD HH:mm:ss';

/** A share as a person reads it: 75%, 33.3%, <0.1%. */
export function formatShare(count: number, total: number): string {
  const percent = (100 * count) / total;
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${Number(percent.toFixed(percent < 10 ? 1 : 0))}%`;
}

/** The bucket under the pointer: its span, counts and shares per release, and overlays. */
export function SkewTooltip({
  map,
  row,
  bucket,
  left,
  top,
  panelWidth,
  timeZone,
}: SkewTooltipProps) {
  const styles = useStyles2(getStyles);
  const entry = map.rows[row];
  if (!entry) return null;
  const cell = cellAt(entry, bucket);
  const time = (at: number) => dateTimeFormat(at, { format: FORMAT, timeZone });
  const start = bucketStart(map.grid, bucket);
  // Flip to the pointer's left near the right edge, so the tooltip stays in the panel.
  const x = left + OFFSET + WIDTH > panelWidth ? Math.max(0, left - OFFSET - WIDTH) : left + OFFSET;

  return (
    <div className={styles.tooltip} style={{ left: x, top: top + OFFSET }} role="tooltip">
      <div className={styles.title}>{entry.key || '(none)'}</div>
      <div className={styles.muted}>
        {time(start)} – {time(start + map.grid.bucketMs)}
      </div>
      {cell === null ? (
        <div>No data</div>
      ) : (
        <>
          <div className={styles.muted}>worst sample at {time(cell.at)}</div>
          <table className={styles.table}>
            <tbody>
              {cell.counts.map(({ category, count }) => (
                <tr key={category.key}>
                  <td>{category.label}</td>
                  <td className={styles.number}>{count}</td>
                  <td className={styles.number}>{formatShare(count, cell.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {entry.overlays.map((overlay) => (
        <div key={overlay.name}>
          {overlay.name}: {formatValue(overlay.values[bucket] ?? null)}
        </div>
      ))}
    </div>
  );
}

function formatValue(value: number | null): string {
  return value === null ? 'no data' : String(Number(value.toPrecision(3)));
}

const getStyles = (theme: GrafanaTheme2) => ({
  tooltip: css({
    position: 'absolute',
    width: WIDTH,
    zIndex: theme.zIndex.tooltip,
    pointerEvents: 'none',
    padding: theme.spacing(1),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium }),
  muted: css({ color: theme.colors.text.secondary }),
  table: css({ width: '100%', marginTop: theme.spacing(0.5) }),
  number: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
});

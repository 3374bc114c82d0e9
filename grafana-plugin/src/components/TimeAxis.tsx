import React from 'react';
import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2, type TimeZone } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { type TimeGrid } from '../data/grid';

/** The axis's height in CSS pixels. */
export const AXIS_HEIGHT = 20;
const TICKS = 5;
const DAY = 86_400_000;

/** A tick format that fits the range: dates for days, seconds for minutes. */
export function tickFormat(rangeMs: number): string {
  if (rangeMs > 2 * DAY) return 'MM-DD HH:mm';
  if (rangeMs > 10 * 60_000) return 'HH:mm';
  return 'HH:mm:ss';
}

/** Time labels under the plot, at evenly spaced ticks. */
export function TimeAxis(props: {
  grid: TimeGrid;
  labelWidth: number;
  width: number;
  timeZone: TimeZone;
}) {
  const { grid, labelWidth, width, timeZone } = props;
  const styles = useStyles2(getStyles);
  const format = tickFormat(grid.to - grid.from);
  const plot = Math.max(1, width - labelWidth);

  return (
    <div className={styles.axis} style={{ width }}>
      {Array.from({ length: TICKS }, (_, index) => {
        const share = index / (TICKS - 1);
        const at = grid.from + share * (grid.to - grid.from);
        // The first and last labels hang inwards so they stay inside the panel.
        const shift = index === 0 ? '0' : index === TICKS - 1 ? '-100%' : '-50%';
        return (
          <span
            key={index}
            className={styles.tick}
            style={{ left: labelWidth + share * plot, transform: `translateX(${shift})` }}
          >
            {dateTimeFormat(at, { format, timeZone })}
          </span>
        );
      })}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  axis: css({ position: 'relative', height: AXIS_HEIGHT, flex: 'none' }),
  tick: css({
    position: 'absolute',
    top: 2,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
  }),
});

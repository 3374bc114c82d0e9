import React, { useEffect, useRef } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';

import { type SkewMap } from '../data/shape';
import { drawSwatch } from '../render/draw';
import { noDataStyle, type StateStyle, stateStyle } from '../render/palette';

/** The legend's height in CSS pixels; the rows get what is left. */
export const LEGEND_HEIGHT = 24;
const SWATCH = 12;

/** A swatch drawn with the same fill and mark as the cells. */
function Swatch({ look }: { look: StateStyle }) {
  const theme = useTheme2();
  const ref = useRef<HTMLCanvasElement>(null);
  // Keyed by the look's key (stateStyle makes a new object per render):
  // a re-render with an equal look draws nothing.
  const { key } = look;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) drawSwatch(ctx, look, theme, SWATCH);
  }, [key, theme]);
  return <canvas ref={ref} width={SWATCH} height={SWATCH} aria-hidden />;
}

/** One entry per state present in the data, then no data and overlays. */
export function Legend({ map }: { map: SkewMap }) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const empty = noDataStyle(theme);
  const hasOverlays = map.rows.some((row) => row.overlays.length > 0);

  return (
    <ul className={styles.legend} aria-label="Legend">
      {map.categories.map((category) => (
        <li key={category.key} className={styles.item}>
          <Swatch look={stateStyle(category, theme)} />
          {category.label}
        </li>
      ))}
      <li className={styles.item}>
        <span
          className={styles.noData}
          style={{ background: empty.fill, borderColor: empty.dash }}
        />
        no data
      </li>
      {hasOverlays && (
        <li className={styles.item}>
          <span className={styles.overlay} />
          overlay above zero
        </li>
      )}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    display: 'flex',
    flexWrap: 'nowrap',
    overflow: 'hidden',
    gap: theme.spacing(2),
    height: LEGEND_HEIGHT,
    alignItems: 'center',
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
  }),
  item: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  }),
  noData: css({
    display: 'inline-block',
    width: SWATCH,
    height: SWATCH,
    borderStyle: 'solid',
    borderWidth: '0 0 1px 0',
  }),
  overlay: css({
    display: 'inline-block',
    width: SWATCH,
    height: 2,
    background: theme.colors.text.primary,
  }),
});

/**
 * Keeps a canvas showing a map. The whole map is drawn when the data, size
 * or theme change; a hover redraws only the row it leaves and the row it
 * enters, then outlines the hovered cell, so pointer moves stay cheap
 * however many rows there are.
 */
import { type RefObject, useLayoutEffect, useRef } from 'react';
import { type GrafanaTheme2 } from '@grafana/data';

import { type SkewMap } from '../data/shape';
import { drawHover, drawMap } from './draw';
import { type Hit, type Layout } from './layout';
import { timed } from './timing';

interface Drawn {
  map: SkewMap;
  layout: Layout;
  theme: GrafanaTheme2;
  hover: Hit | null;
}

/** Draws `map` into `canvasRef` with `hover` outlined; sizes the canvas for the screen's pixel ratio. */
export function useSkewCanvas(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
  hover: Hit | null,
): void {
  const drawn = useRef<Drawn | null>(null);

  // A layout effect: the canvas is drawn in the same commit as the tooltip,
  // before the browser paints, so no frame shows one without the other.
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas ? prepare(canvas, layout) : null;
    if (ctx === null) return;

    const last = drawn.current;
    if (last === null || last.map !== map || last.layout !== layout || last.theme !== theme) {
      timed('draw', () => drawMap(ctx, map, layout, theme));
    } else {
      const rows = [...new Set([last.hover?.row, hover?.row])].filter((row) => row !== undefined);
      timed('hover', () => drawMap(ctx, map, layout, theme, rows));
    }
    if (hover !== null) drawHover(ctx, layout, hover, theme);
    drawn.current = { map, layout, theme, hover };
  }, [canvasRef, map, layout, theme, hover]);
}

// Resizing a canvas clears it, so the size is set only when it changes
// (a new layout always redraws everything anyway).
function prepare(canvas: HTMLCanvasElement, layout: Layout): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(layout.width * ratio));
  const height = Math.max(1, Math.round(layout.height * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/**
 * Keeps a canvas showing a map: the map is drawn once into an offscreen
 * canvas whenever the data, size or theme change; a hover only copies that
 * image back and outlines the hovered cell, so pointer moves stay cheap.
 */
import { type RefObject, useEffect, useRef } from 'react';
import { type GrafanaTheme2 } from '@grafana/data';

import { type SkewMap } from '../data/shape';
import { drawHover, drawMap } from './draw';
import { type Hit, type Layout } from './layout';

/** Draws `map` into `canvasRef` with `hover` outlined; sizes the canvas for the screen's pixel ratio. */
export function useSkewCanvas(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  map: SkewMap,
  layout: Layout,
  theme: GrafanaTheme2,
  hover: Hit | null,
): void {
  const baseRef = useRef<HTMLCanvasElement | null>(null);

  useEffect(() => {
    const base = baseRef.current ?? document.createElement('canvas');
    baseRef.current = base;
    const ctx = prepare(base, layout);
    if (ctx !== null) drawMap(ctx, map, layout, theme);
  }, [map, layout, theme]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const base = baseRef.current;
    const ctx = canvas ? prepare(canvas, layout) : null;
    if (ctx === null || base === null) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(base, 0, 0);
    ctx.setTransform(ratio(), 0, 0, ratio(), 0, 0);
    if (hover !== null) drawHover(ctx, layout, hover, theme);
  }, [canvasRef, map, layout, theme, hover]);
}

function ratio(): number {
  return window.devicePixelRatio || 1;
}

// Resizing a canvas clears it, so the size is set only when it changes.
function prepare(canvas: HTMLCanvasElement, layout: Layout): CanvasRenderingContext2D | null {
  const width = Math.max(1, Math.round(layout.width * ratio()));
  const height = Math.max(1, Math.round(layout.height * ratio()));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio(), 0, 0, ratio(), 0, 0);
  return ctx;
}

/**
 * A cell is a stack: one segment per category, worst on top, heights by
 * share. A few instances out of hundreds would round to nothing, so every
 * segment gets a minimum height: a minority is small, never invisible.
 */
import { type Category } from '../data/categories';
import { type CategoryCount } from '../data/rows';

/** The smallest segment, in CSS pixels. */
export const MIN_SEGMENT = 3;

/** A segment's place inside its cell, `y` from the cell's top. */
export interface Segment {
  category: Category;
  y: number;
  height: number;
}

/**
 * Stacks `counts` (worst first) into `height` pixels. When there is not
 * room for all at the minimum, the worst ones are kept.
 */
export function stackSegments(counts: CategoryCount[], height: number): Segment[] {
  const room = Math.max(1, Math.floor(height / MIN_SEGMENT));
  const shown = counts.slice(0, room);
  const total = shown.reduce((sum, entry) => sum + entry.count, 0);
  const spare = Math.max(0, height - shown.length * MIN_SEGMENT);

  let y = 0;
  return shown.map((entry, index) => {
    const last = index === shown.length - 1;
    const share = Math.floor((spare * entry.count) / total);
    const segment = {
      category: entry.category,
      y,
      height: last ? height - y : MIN_SEGMENT + share,
    };
    y += segment.height;
    return segment;
  });
}

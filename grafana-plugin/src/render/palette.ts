/**
 * How each state looks. Colours come from the theme (so light and dark both
 * work) and follow a colour-blind safe scheme: in sync is blue, outdated
 * runs yellow, orange, red (rising darkness, which survives every common
 * colour-vision deficiency), unexpected is purple. Colour is never alone:
 * every state except in sync also carries a mark (hatching, dots, a grid).
 */
import { type GrafanaTheme2 } from '@grafana/data';

import { type Category } from '../data/categories';

/** A repeating mark drawn over a state's fill, cut out in the background colour. */
export type Mark =
  'none' | 'hatch-wide' | 'hatch' | 'cross' | 'grid' | 'dots' | 'fine-dots' | 'rows' | 'columns';

/** The look of one state. */
export interface StateStyle {
  /** Stable key for batching: same key, same look. */
  key: string;
  fill: string;
  mark: Mark;
}

/** How one state's look is chosen: a named theme colour and a mark. */
function choice(category: Category): { colour: string; mark: Mark } {
  switch (category.kind) {
    case 'current':
      return { colour: 'blue', mark: 'none' };
    case 'ahead':
      return { colour: 'super-light-blue', mark: 'columns' };
    case 'behind':
      if (category.behind === 1) return { colour: 'yellow', mark: 'hatch-wide' };
      if (category.behind === 2) return { colour: 'orange', mark: 'hatch' };
      return { colour: 'red', mark: 'cross' };
    case 'unexpected':
      return { colour: 'purple', mark: 'grid' };
    case 'pending':
      return { colour: 'text.disabled', mark: 'rows' };
    case 'unknown':
      return { colour: 'text.secondary', mark: 'dots' };
    case 'other':
      return { colour: 'text.secondary', mark: 'fine-dots' };
  }
}

/** The look of a category in this theme. */
export function stateStyle(category: Category, theme: GrafanaTheme2): StateStyle {
  const { colour, mark } = choice(category);
  const fill = colour.startsWith('text.')
    ? colour === 'text.disabled'
      ? theme.colors.text.disabled
      : theme.colors.text.secondary
    : theme.visualization.getColorByName(colour);
  return { key: `${fill}|${mark}`, fill, mark };
}

/** The look of a bucket without data: a quiet fill crossed by a dash. */
export function noDataStyle(theme: GrafanaTheme2): { fill: string; dash: string } {
  return { fill: theme.colors.background.secondary, dash: theme.colors.border.strong };
}

/** Pixels of one tile of a mark: [size, list of [x, y]]. */
export function markTile(mark: Mark): [number, Array<[number, number]>] {
  const range = (size: number): number[] => Array.from({ length: size }, (_, index) => index);
  switch (mark) {
    case 'none':
      return [1, []];
    case 'hatch-wide':
      return [8, range(8).map((i): [number, number] => [i, 7 - i])];
    case 'hatch':
      return [5, range(5).map((i): [number, number] => [i, 4 - i])];
    case 'cross':
      return [
        6,
        range(6).flatMap((i): Array<[number, number]> => [
          [i, 5 - i],
          [i, i],
        ]),
      ];
    case 'grid':
      // A vertical and a horizontal line meeting at (0, 0), each pixel once.
      return [
        5,
        [...range(5).map((i): [number, number] => [0, i]), [1, 0], [2, 0], [3, 0], [4, 0]],
      ];
    case 'dots':
      return [
        6,
        [
          [2, 2],
          [3, 2],
          [2, 3],
          [3, 3],
        ],
      ];
    case 'fine-dots':
      return [4, [[1, 1]]];
    case 'rows':
      return [6, range(6).map((i): [number, number] => [i, 0])];
    case 'columns':
      return [6, range(6).map((i): [number, number] => [0, i])];
  }
}

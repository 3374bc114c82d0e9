import { describe, expect, it } from 'vitest';
import { createTheme } from '@grafana/data';

import { classifyCategory } from '../data/categories';
import { markTile, stateStyle } from './palette';

const KEYS = ['0', '-1', '1', '2', '3', 'unexpected', 'pending', 'unknown', 'canary'];

describe.each([
  ['dark', createTheme({ colors: { mode: 'dark' } })],
  ['light', createTheme({ colors: { mode: 'light' } })],
])('stateStyle in the %s theme', (_mode, theme) => {
  const styles = KEYS.map((key) => stateStyle(classifyCategory(key), theme));

  it('never relies on colour alone: every state but in sync carries a mark', () => {
    expect(styles.map((style) => style.mark !== 'none')).toEqual(KEYS.map((key) => key !== '0'));
  });

  it('gives each state its own look', () => {
    expect(new Set(styles.map((style) => style.key)).size).toBe(KEYS.length);
  });

  it('takes colours from the theme', () => {
    expect(styles[0]!.fill).toBe(theme.visualization.getColorByName('blue'));
  });
});

describe('markTile', () => {
  it('keeps marks sparse enough that the fill stays the main colour', () => {
    for (const mark of ['hatch-wide', 'hatch', 'cross', 'grid', 'dots', 'fine-dots'] as const) {
      const [size, pixels] = markTile(mark);
      expect(pixels.length / (size * size)).toBeLessThan(0.4);
    }
  });
});

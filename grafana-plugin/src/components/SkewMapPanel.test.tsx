import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locationService } from '@grafana/runtime';

import { drawCalls } from '../test/canvas';
import { promFrames } from '../test/frames';
import { renderPanel } from '../test/render';

// 520 px wide, 120 px of labels, 40 px cells: ten buckets, one per step.
const frames = [
  ...promFrames('A', [
    { labels: { region: 'eu-west', releases_behind: '0' }, values: Array(10).fill(3) },
    { labels: { region: 'eu-west', releases_behind: '1' }, values: [1, 1, 0, 0, 0, 0, 0, 0, 0, 0] },
    {
      labels: { region: 'edge-fra', releases_behind: '2' },
      values: [2, 2, 2, 2, 2, null, null, 2, 2, 2],
    },
  ]),
  ...promFrames('B', [
    { labels: { region: 'edge-fra', class: 'stale' }, values: Array(10).fill(1) },
  ]),
];

function canvas(): HTMLCanvasElement {
  return screen.getByTestId('skewmap-canvas') as HTMLCanvasElement;
}

afterEach(() => vi.restoreAllMocks());

describe('SkewMapPanel', () => {
  it('draws one labelled row per region, worst first', () => {
    renderPanel(frames);
    const labels = drawCalls(canvas())
      .filter((call) => call.method === 'fillText')
      .map((call) => call.args[0]);
    expect(labels).toEqual(['edge-fra', 'eu-west']);
    expect(canvas().getAttribute('aria-label')).toContain('2 rows');
  });

  it('redraws only the rows a hover leaves and enters, and no outline after the pointer left', () => {
    renderPanel(frames);
    const calls = drawCalls(canvas());
    calls.length = 0;
    fireEvent.mouseMove(canvas(), { clientX: 130, clientY: 30 });
    const clears = calls.filter((call) => call.method === 'clearRect').map((call) => call.args);
    expect(clears).toEqual([[0, 24, 520, 24]]);
    expect(calls.some((call) => call.method === 'strokeRect')).toBe(true);

    calls.length = 0;
    fireEvent.mouseLeave(canvas());
    expect(calls.filter((call) => call.method === 'clearRect').map((call) => call.args)).toEqual([
      [0, 24, 520, 24],
    ]);
    expect(calls.some((call) => call.method === 'strokeRect')).toBe(false);
  });

  it('names every state present in the legend, with no data and the overlay mark', () => {
    renderPanel(frames);
    const legend = screen.getByRole('list', { name: 'Legend' });
    expect(legend.textContent).toBe('2 behind1 behindcurrentno dataoverlay above zero');
  });

  it('shows the bucket, counts, shares and overlay values on hover', () => {
    renderPanel(frames);
    // jsdom lays nothing out: the canvas sits at (0, 0), so client = canvas coordinates.
    fireEvent.mouseMove(canvas(), { clientX: 130, clientY: 30 });
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip.textContent).toContain('eu-west');
    expect(tooltip.textContent).toContain('2026-11-01 00:00:00 – 2026-11-01 00:01:00');
    expect(tooltip.textContent).toContain('1 behind125%');
    expect(tooltip.textContent).toContain('current375%');
  });

  it('says "No data" in the tooltip over a gap, and shows overlay values', () => {
    renderPanel(frames);
    fireEvent.mouseMove(canvas(), { clientX: 130 + 5 * 40, clientY: 5 });
    const tooltip = screen.getByRole('tooltip');
    expect(tooltip.textContent).toContain('edge-fra');
    expect(tooltip.textContent).toContain('No data');
    expect(tooltip.textContent).toContain('B {class="stale"}: 1');
  });

  it('sets the drill-down variable to the clicked row', () => {
    const partial = vi.spyOn(locationService, 'partial').mockImplementation(() => undefined);
    renderPanel(frames);
    fireEvent.click(canvas(), { clientX: 300, clientY: 5 });
    expect(partial).toHaveBeenCalledWith({ 'var-region': 'edge-fra' }, true);
  });

  it('sets no variable when drill-down is off', () => {
    const partial = vi.spyOn(locationService, 'partial').mockImplementation(() => undefined);
    renderPanel(frames, { variable: '' });
    fireEvent.click(canvas(), { clientX: 300, clientY: 5 });
    expect(partial).not.toHaveBeenCalled();
  });

  it('shows the error view with the fix when the category label is missing', () => {
    renderPanel(promFrames('A', [{ labels: { region: 'eu-west' }, values: [1] }]));
    expect(screen.getByTestId('panel-data-error').textContent).toContain(
      'sum by (region, releases_behind) (realitycheck_instances)',
    );
    expect(screen.queryByTestId('skewmap-canvas')).toBeNull();
  });

  it('shows the error view saying no data when there are no frames', () => {
    renderPanel([]);
    expect(screen.getByTestId('panel-data-error').textContent).toBe('No data');
  });
});

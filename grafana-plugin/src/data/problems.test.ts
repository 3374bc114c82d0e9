import { describe, expect, it } from 'vitest';
import { FieldType, toDataFrame } from '@grafana/data';

import { promFrames, STEP, T0 } from '../test/frames';
import { DEFAULT_OPTIONS, type SkewMapOptions } from '../types';
import { buildSkewMap } from './shape';

const RANGE = { from: T0, to: T0 + 10 * STEP };
const shape = (frames: Parameters<typeof buildSkewMap>[0], options: Partial<SkewMapOptions> = {}) =>
  buildSkewMap(frames, { ...DEFAULT_OPTIONS, minCellWidth: 10, ...options }, RANGE, 100);

function messageOf(result: ReturnType<typeof shape>): string | undefined {
  if (!('error' in result)) throw new Error('expected an error');
  return result.message;
}

describe('buildSkewMap when the data does not fit', () => {
  it('leaves the message to Grafana ("No data") when there are no frames', () => {
    expect(messageOf(shape([]))).toBeUndefined();
  });

  it('names the missing category label, the labels found and a query that works', () => {
    const frames = promFrames('A', [
      { labels: { region: 'eu-west', version: '1.2' }, values: [1] },
    ]);
    const message = messageOf(shape(frames));
    expect(message).toContain('"releases_behind"');
    expect(message).toContain('labels found: region, version');
    expect(message).toContain('sum by (region, releases_behind) (realitycheck_instances)');
  });

  it('names a missing row label', () => {
    const frames = promFrames('A', [{ labels: { releases_behind: '0' }, values: [1] }]);
    expect(messageOf(shape(frames, { rowLabels: 'region, workload' }))).toContain(
      'no "region" or "workload" label',
    );
  });

  it('asks for a row label when the option is blank', () => {
    const frames = promFrames('A', [
      { labels: { region: 'a', releases_behind: '0' }, values: [1] },
    ]);
    expect(messageOf(shape(frames, { rowLabels: ' , ' }))).toContain('Set "Row labels"');
  });

  it('lists the queries when the counts query names none of them', () => {
    const frames = [
      ...promFrames('A', [{ labels: { region: 'a', releases_behind: '0' }, values: [1] }]),
      ...promFrames('B', [{ labels: { region: 'a' }, values: [1] }]),
    ];
    expect(messageOf(shape(frames, { skewQuery: 'C' }))).toContain('(queries: A, B)');
  });

  it('asks for a range query when frames have values but no time', () => {
    const instant = toDataFrame({
      refId: 'A',
      fields: [{ name: 'Value', type: FieldType.number, values: [3], labels: { region: 'a' } }],
    });
    expect(messageOf(shape([instant]))).toContain('"Range"');
  });

  it('suggests the Time series format for table-shaped frames', () => {
    const table = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [T0] },
        { name: 'region', type: FieldType.string, values: ['eu-west'] },
        { name: 'Value', type: FieldType.number, values: [3] },
      ],
    });
    expect(messageOf(shape([table]))).toContain('Format to "Time series"');
  });
});

describe('overlays', () => {
  const counts = promFrames('A', [
    { labels: { region: 'eu-west', releases_behind: '0' }, values: Array(10).fill(2) },
    { labels: { region: 'edge-fra', releases_behind: '0' }, values: Array(10).fill(2) },
  ]);

  it('puts each overlay series on the row with the same row labels, one per extra label set', () => {
    const findings = promFrames('B', [
      { labels: { region: 'edge-fra', class: 'drift' }, values: [0, 0, 1, 1, 0, 0, 0, 0, 0, 0] },
      { labels: { region: 'edge-fra', class: 'stale' }, values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 2] },
    ]);
    const result = shape([...counts, ...findings]);
    if (!('map' in result)) throw new Error('no map');
    const edge = result.map.rows.find((row) => row.key === 'edge-fra')!;

    expect(edge.overlays.map((overlay) => overlay.name)).toEqual([
      'B {class="drift"}',
      'B {class="stale"}',
    ]);
    expect(edge.overlays[0]!.values.slice(0, 4)).toEqual([0, 0, 1, 1]);
    expect(result.map.rows.find((row) => row.key === 'eu-west')!.overlays).toEqual([]);
  });

  it('shows an overlay without row labels on every row, with its largest value per bucket', () => {
    const global = promFrames('C', [{ labels: {}, values: [0.1, 0.5, 0.2, 0, 0, 0, 0, 0, 0, 0] }]);
    const result = buildSkewMap(
      [...counts, ...global],
      { ...DEFAULT_OPTIONS, minCellWidth: 10 },
      RANGE,
      50,
    );
    if (!('map' in result)) throw new Error('no map');

    for (const row of result.map.rows) expect(row.overlays[0]!.values).toEqual([0.5, 0.2, 0, 0, 0]);
  });
});

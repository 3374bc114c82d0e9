import { mkdir, mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';

import { createLogger } from '../log/logger.js';
import type { RegionObservation } from './observations.js';
import { readSnapshot, SnapshotSource } from './snapshot-source.js';
import { kubectlList, pod, type KubeObject } from './testing/index.js';

const R = 'reg.example.test/shop/api';
const WAIT = { timeout: 3000, interval: 10 };

function pods(...names: string[]): KubeObject {
  return kubectlList(names.map((name) => pod({ name, containers: [{ name: 'app', image: R }] })));
}

function collectingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', format: 'json', destination }), lines };
}

let dir: string;
const started: SnapshotSource[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'realitycheck-snapshot-'));
});

afterEach(async () => {
  started.splice(0).forEach((source) => source.stop());
  await rm(dir, { recursive: true, force: true });
});

async function startSource(path: string, onChange?: (o: RegionObservation) => void) {
  const { logger, lines } = collectingLogger();
  const source = new SnapshotSource({
    region: 'eu-west',
    path,
    maxAgeMs: 60_000,
    pollIntervalMs: 20,
    logger,
    onChange,
  });
  started.push(source);
  await source.start();
  return { source, lines };
}

const podNames = (o: RegionObservation) => o.state?.pods.map((p) => p.name);

describe('SnapshotSource', () => {
  it('reads a snapshot file at start, with its mtime as the last sync', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a', 'b')));
    await utimes(file, new Date('2026-11-30T12:00:00Z'), new Date('2026-11-30T12:00:00Z'));

    const { source } = await startSource(file);
    expect(source.observe()).toMatchObject({
      region: 'eu-west',
      source: `snapshot:${file}`,
      up: true,
      lastSync: Date.parse('2026-11-30T12:00:00Z'),
      maxAgeMs: 60_000,
    });
    expect(source.observe().error).toBeUndefined();
    expect(podNames(source.observe())).toEqual(['a', 'b']);
  });

  it('merges the json, yaml and yml files of a folder and dates them by the newest', async () => {
    await writeFile(join(dir, 'a.json'), JSON.stringify(pods('a')));
    await writeFile(join(dir, 'b.yaml'), stringify(pods('b')));
    await writeFile(join(dir, 'c.yml'), stringify(pods('c')));
    await writeFile(join(dir, 'README.md'), '# not a snapshot');
    await writeFile(join(dir, '.d.json.tmp'), '{ half');
    await mkdir(join(dir, 'old.json'));
    await utimes(
      join(dir, 'b.yaml'),
      new Date('2026-11-30T13:00:00Z'),
      new Date('2026-11-30T13:00:00Z'),
    );
    await utimes(
      join(dir, 'a.json'),
      new Date('2026-11-30T11:00:00Z'),
      new Date('2026-11-30T11:00:00Z'),
    );
    await utimes(
      join(dir, 'c.yml'),
      new Date('2026-11-30T12:00:00Z'),
      new Date('2026-11-30T12:00:00Z'),
    );

    const { source } = await startSource(dir);
    expect(source.observe()).toMatchObject({
      up: true,
      lastSync: Date.parse('2026-11-30T13:00:00Z'),
    });
    expect(podNames(source.observe())).toEqual(['a', 'b', 'c']);
  });

  it('reports a missing path at start as a region that is down, without throwing', async () => {
    const missing = join(dir, 'nope.json');
    const { source, lines } = await startSource(missing);

    expect(source.observe()).toMatchObject({ up: false, region: 'eu-west' });
    expect(source.observe().error).toBe(
      `${missing}: does not exist; check the snapshot path configured for this region`,
    );
    expect(source.observe().state).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      region: 'eu-west',
      file: missing,
      err: source.observe().error,
    });
  });

  it('picks up a file replaced by an atomic rename and says so through onChange', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a')));
    const changes: RegionObservation[] = [];
    const { source } = await startSource(file, (o) => changes.push(o));

    await writeFile(join(dir, '.next.tmp'), JSON.stringify(pods('a', 'b')));
    await rename(join(dir, '.next.tmp'), file);

    await vi.waitFor(() => expect(podNames(source.observe())).toEqual(['a', 'b']), WAIT);
    expect(changes.map(podNames)).toEqual([['a'], ['a', 'b']]);
  });

  it('keeps the last good state when a rewrite leaves the file cut short, then recovers', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a')));
    const { source, lines } = await startSource(file);

    await writeFile(file, JSON.stringify(pods('a', 'b')).slice(0, 200));
    await vi.waitFor(() => expect(source.observe().up).toBe(false), WAIT);

    expect(podNames(source.observe())).toEqual(['a']);
    expect(source.observe().error).toMatch(new RegExp(`^${file}: not valid JSON: .*cut short`));
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, region: 'eu-west', file, err: source.observe().error }),
    ]);

    await writeFile(file, JSON.stringify(pods('a', 'b', 'c')));
    await vi.waitFor(() => expect(source.observe().up).toBe(true), WAIT);
    expect(podNames(source.observe())).toEqual(['a', 'b', 'c']);
    expect(source.observe().error).toBeUndefined();
  });

  it('retries a file that is empty for a moment instead of failing', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a')));
    const { source, lines } = await startSource(file);

    await writeFile(file, '');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(file, JSON.stringify(pods('a', 'b')));

    await vi.waitFor(() => expect(podNames(source.observe())).toEqual(['a', 'b']), WAIT);
    expect(lines).toEqual([]);
  });

  it('rides out a rename in progress: the file gone for a moment, then back with new content', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a')));
    const { source, lines } = await startSource(file);

    // A writer that moves the old file away before renaming the new one in.
    await rename(file, join(dir, '.old'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(join(dir, '.new'), JSON.stringify(pods('a', 'b')));
    await rename(join(dir, '.new'), file);

    await vi.waitFor(() => expect(podNames(source.observe())).toEqual(['a', 'b']), WAIT);
    expect(source.observe().up).toBe(true);
    expect(lines).toEqual([]);
  });

  it('reports a folder without snapshot files as down', async () => {
    const { source } = await startSource(dir);
    expect(source.observe().up).toBe(false);
    expect(source.observe().error).toMatch(/holds no .json, .yaml, .yml files/);
  });

  it('stops polling after stop()', async () => {
    const file = join(dir, 'eu-west.json');
    await writeFile(file, JSON.stringify(pods('a')));
    const { source } = await startSource(file);

    source.stop();
    await writeFile(file, JSON.stringify(pods('a', 'b')));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(podNames(source.observe())).toEqual(['a']);
  });

  it('rejects a poll interval that is not above zero', () => {
    const { logger } = collectingLogger();
    expect(
      () => new SnapshotSource({ region: 'r', path: dir, maxAgeMs: 0, pollIntervalMs: 0, logger }),
    ).toThrow(/pollIntervalMs must be above 0/);
  });
});

describe('readSnapshot', () => {
  it('reads a snapshot once into an observation', async () => {
    const file = join(dir, 'edge.json');
    await writeFile(file, JSON.stringify(pods('a')));

    const observation = await readSnapshot(file, { region: 'edge-fra', maxAgeMs: 5000 });
    expect(observation).toMatchObject({
      region: 'edge-fra',
      source: `snapshot:${file}`,
      up: true,
      maxAgeMs: 5000,
    });
    expect(podNames(observation)).toEqual(['a']);
  });

  it('returns a failed read as an observation that is down', async () => {
    const file = join(dir, 'edge.json');
    await writeFile(file, '{"foo": 1}');

    const observation = await readSnapshot(file);
    expect(observation).toMatchObject({ region: file, up: false, maxAgeMs: 0 });
    expect(observation.error).toMatch(/a List with items/);
    expect(observation.state).toBeUndefined();
  });
});

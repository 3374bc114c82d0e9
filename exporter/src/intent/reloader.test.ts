import { renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { createLogger } from '../log/logger.js';
import { IntentError } from './errors.js';
import { IntentReloader, type IntentStatus } from './reloader.js';
import { digest, useTempDir } from './testing/temp-dir.js';

const FILE_TIME_S = 1_800_000_000;

function intentText(name: string, versions: string[]): string {
  const releases = versions.map(
    (version, index) =>
      `      - version: "${version}"\n        containers: { app: { image: "shop/${name}@${digest(String(index))}" } }`,
  );
  return `apiVersion: realitycheck/v1\nkind: Intent\nworkloads:\n  - name: ${name}\n    namespace: shop\n    releases:\n${releases.join('\n')}\n`;
}

/** Writes a file and gives it a distinct mtime, as a later write would have. */
let fileTime = FILE_TIME_S;
function write(file: string, text: string): void {
  writeFileSync(file, text);
  fileTime += 10;
  utimesSync(file, fileTime, fileTime);
}

function harness(path: string, options: { pollIntervalMs?: number; retryDelayMs?: number } = {}) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const clock = { now: 5_000_000 };
  const events: [string, IntentStatus][] = [];
  const reloader = new IntentReloader({
    path,
    logger: createLogger({ level: 'info', format: 'json', destination }),
    now: () => clock.now,
    pollIntervalMs: options.pollIntervalMs ?? 60_000,
    retryDelayMs: options.retryDelayMs ?? 1,
  });
  reloader.onUpdate((status, outcome) => events.push([outcome, status]));
  return { reloader, lines, clock, events };
}

const workloadNames = (status: IntentStatus) => status.intent.workloads.map((w) => w.name);

describe('IntentReloader', () => {
  const tempDir = useTempDir('realitycheck-reloader-');
  const started: IntentReloader[] = [];
  afterEach(() => started.splice(0).forEach((reloader) => reloader.stop()));

  async function start(path: string, options?: Parameters<typeof harness>[1]) {
    const h = harness(path, options);
    started.push(h.reloader);
    await h.reloader.start();
    return h;
  }

  it('fails at start when the first load fails', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, 'apiVersion: realitycheck/v1\nkind: Intent\n');
    const { reloader } = harness(file);
    await expect(reloader.start()).rejects.toBeInstanceOf(IntentError);
  });

  it('keeps the last good intent through a broken file, then takes the fixed one', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, intentText('checkout', ['2']));
    const { reloader, lines, clock, events } = await start(file);

    clock.now += 1000;
    write(
      file,
      intentText('checkout', ['2']).replace('namespace: shop', 'namespace: shop\n    colour: x'),
    );
    await reloader.poll();
    expect(reloader.status).toMatchObject({ lastLoadOk: false, lastAttemptAt: 5_001_000 });
    expect(reloader.status.lastSuccessAt).toBe(5_000_000);
    expect(reloader.status.error).toBeInstanceOf(IntentError);
    expect(workloadNames(reloader.status)).toEqual(['checkout']);
    expect(events.map(([outcome]) => outcome)).toEqual(['failed']);
    const warnings = lines.filter((line) => line.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file, line: 6, column: 5, field: 'workloads[0].colour' });
    expect((warnings[0]?.err as { message: string }).message).toContain('unknown field "colour"');

    clock.now += 1000;
    write(file, intentText('cart', ['3']));
    await reloader.poll();
    expect(reloader.status).toMatchObject({ lastLoadOk: true, lastSuccessAt: 5_002_000 });
    expect(reloader.status.error).toBeUndefined();
    expect(workloadNames(reloader.status)).toEqual(['cart']);
    expect(events.map(([outcome]) => outcome)).toEqual(['failed', 'changed']);
  });

  it('does nothing while the files stay the same, and reports a broken file once', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, intentText('checkout', ['2']));
    const { reloader, events } = await start(file);

    await reloader.poll();
    write(file, 'apiVersion: [');
    await reloader.poll();
    await reloader.poll();
    expect(events.map(([outcome]) => outcome)).toEqual(['failed']);
  });

  it('follows files added to and removed from a folder', async () => {
    const dir = tempDir();
    write(join(dir, 'a.yaml'), intentText('checkout', ['2']));
    const { reloader } = await start(dir);

    write(join(dir, 'b.yml'), intentText('cart', ['1']));
    await reloader.poll();
    expect(workloadNames(reloader.status)).toEqual(['checkout', 'cart']);

    rmSync(join(dir, 'a.yaml'));
    await reloader.poll();
    expect(workloadNames(reloader.status)).toEqual(['cart']);
    expect(reloader.status.intent.files).toEqual([join(dir, 'b.yml')]);
  });

  it('sees a file replaced by an atomic rename', async () => {
    const dir = tempDir();
    const file = join(dir, 'intent.yaml');
    write(file, intentText('checkout', ['2']));
    const { reloader } = await start(file);

    const staged = join(dir, '.intent.yaml.tmp');
    writeFileSync(staged, intentText('payment', ['2']));
    utimesSync(staged, FILE_TIME_S, FILE_TIME_S);
    renameSync(staged, file);
    await reloader.poll();
    expect(workloadNames(reloader.status)).toEqual(['payment']);
  });

  it('waits for a truncated file to be written in full before declaring failure', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, intentText('checkout', ['2']));
    const { reloader, events } = await start(file, { retryDelayMs: 40 });

    const full = intentText('checkout', ['3', '2']);
    write(file, full.slice(0, full.length / 2));
    const finished = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
      write(file, full),
    );
    await Promise.all([reloader.poll(), finished]);

    expect(events.map(([outcome]) => outcome)).toEqual(['changed']);
    expect(reloader.status.intent.workloads[0]?.releases.map((r) => r.version)).toEqual(['3', '2']);
  });

  it('dates versions of the first load by the file, and later versions by when they appeared', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, intentText('checkout', ['2', '1']));
    const writtenAt = fileTime * 1000;
    const { reloader, clock } = await start(file);
    expect(reloader.status.intent.workloads[0]?.firstSeen).toEqual({
      '2': writtenAt,
      '1': writtenAt,
    });

    clock.now = 9_000_000;
    write(file, intentText('checkout', ['3', '2']));
    await reloader.poll();
    expect(reloader.status.intent.workloads[0]?.firstSeen).toEqual({
      '3': 9_000_000,
      '2': writtenAt,
    });
  });

  it('polls on its own timer until stopped', async () => {
    const file = join(tempDir(), 'intent.yaml');
    write(file, intentText('checkout', ['2']));
    const { reloader } = await start(file, { pollIntervalMs: 10 });

    const changed = new Promise<IntentStatus>((resolve) => reloader.onUpdate(resolve));
    write(file, intentText('cart', ['2']));
    expect(workloadNames(await changed)).toEqual(['cart']);
    reloader.stop();
  });
});

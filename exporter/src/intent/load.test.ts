import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { IntentError } from './errors.js';
import { loadIntent } from './load.js';
import { digest, useTempDir } from './testing/temp-dir.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/intent.example.yaml', import.meta.url));
const IMAGE = `reg.example.test/shop/checkout:1.15.0@${digest('a')}`;

/** A valid intent of one workload; cases replace one line of it. */
const VALID = [
  'apiVersion: realitycheck/v1', //                 1
  'kind: Intent', //                                2
  'workloads:', //                                  3
  '  - name: checkout', //                          4
  '    namespace: shop', //                         5
  '    releases:', //                               6
  '      - version: 1.15.0', //                     7
  '        containers:', //                         8
  '          app:', //                              9
  `            image: ${IMAGE}`, //                 10
  '      - version: 1.14.2', //                     11
  '        containers:', //                         12
  `          app: { image: "shop/checkout@${digest('b')}" }`, // 13
].join('\n');

/** The valid intent with line `line` (1-based) replaced by `text`, plus extra lines. */
function withLine(line: number, text: string, ...extra: string[]): string {
  const lines = VALID.split('\n');
  lines[line - 1] = text;
  return [...lines, ...extra].join('\n');
}

async function problemsOf(dir: string, text: string) {
  const file = join(dir, 'intent.yaml');
  writeFileSync(file, text);
  const error = await loadIntent(file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(IntentError);
  return { file, error: error as IntentError };
}

describe('loadIntent', () => {
  const tempDir = useTempDir('realitycheck-intent-');

  it('loads the bundled example', async () => {
    const intent = await loadIntent(EXAMPLE);
    expect(intent.workloads.map((w) => `${w.namespace}/${w.name}`)).toEqual([
      'shop/checkout',
      'payments/ledger',
    ]);
  });

  it('normalises durations, times, digests and defaults', async () => {
    const file = join(tempDir(), 'intent.yaml');
    const text = withLine(3, 'defaults: { rolloutGrace: 1h30m }\nworkloads:');
    writeFileSync(
      file,
      text.replace('version: 1.15.0', 'version: 1.15.0\n        released: 2026-11-30T12:00:00Z'),
    );
    const intent = await loadIntent(file, { now: () => 42 });

    const [workload] = intent.workloads;
    expect(workload?.rolloutGraceMs).toBe(90 * 60_000);
    expect(workload?.staleAfterReleases).toBe(2);
    expect(workload?.releases[0]?.released).toBe(Date.UTC(2026, 10, 30, 12));
    expect(workload?.releases[0]?.containers.app?.digests).toEqual([digest('a')]);
    expect(workload?.releases[0]?.containers.app?.platformsListed).toBe(false);
    expect(workload?.releases[1]?.containers.app?.reference.registry).toBe('docker.io');
    expect(intent).toMatchObject({ files: [file], loadedAt: 42 });
  });

  it('lists platform digests with the image digest, and an empty list as listed', async () => {
    const file = join(tempDir(), 'intent.yaml');
    const platforms = `            platforms: [${digest('C')}, ${digest('d')}]`;
    writeFileSync(
      file,
      withLine(10, `            image: ${IMAGE}`, '').replace(IMAGE, `${IMAGE}\n${platforms}`),
    );
    const intent = await loadIntent(file);

    const container = intent.workloads[0]?.releases[0]?.containers.app;
    expect(container?.digests).toEqual([digest('a'), digest('c'), digest('d')]);
    expect(container?.platformsListed).toBe(true);
  });

  it.each([
    {
      case: 'an unknown field, listing the allowed ones',
      text: withLine(5, '    namespace: shop\n    colour: blue'),
      line: 6,
      column: 5,
      path: 'workloads[0].colour',
      message:
        'unknown field "colour"; allowed fields: name, namespace, kind, rolloutGrace, staleAfterReleases, releases, regions, traffic',
    },
    {
      case: 'a kind that is not a workload kind, listing the allowed kinds',
      text: withLine(5, '    namespace: shop\n    kind: Job'),
      line: 6,
      column: 11,
      path: 'workloads[0].kind',
      message: 'expected one of Deployment, StatefulSet, DaemonSet, Rollout, got "Job"',
    },
    {
      case: 'a version YAML reads as a number',
      text: withLine(7, '      - version: 1.15'),
      line: 7,
      column: 18,
      path: 'workloads[0].releases[0].version',
      message: 'expected string, got number; put it in quotes',
    },
    {
      case: 'an image pinned by tag only',
      text: withLine(10, '            image: reg.example.test/shop/checkout:1.15.0'),
      line: 10,
      column: 20,
      path: 'workloads[0].releases[0].containers.app.image',
      message: 'a tag can move; write name:tag@sha256:<64 hex>',
    },
    {
      case: 'an empty value',
      text: withLine(10, '            image:'),
      line: 10,
      column: 13,
      path: 'workloads[0].releases[0].containers.app.image',
      message: 'expected string, got an empty value',
    },
    {
      case: 'an image that is no reference at all',
      text: withLine(10, `            image: Shop/Checkout@${digest('a')}`),
      line: 10,
      column: 20,
      path: 'workloads[0].releases[0].containers.app.image',
      message: 'not an image reference: path component "Checkout" must be lowercase',
    },
    {
      case: 'a platform digest that is not sha256',
      text: withLine(10, `            image: ${IMAGE}\n            platforms: [sha256:abc]`),
      line: 11,
      column: 25,
      path: 'workloads[0].releases[0].containers.app.platforms[0]',
      message: 'expected sha256: followed by 64 hex digits',
    },
    {
      case: 'a release time that is not RFC 3339',
      text: withLine(7, '      - version: 1.15.0\n        released: 2026-11-30'),
      line: 8,
      column: 19,
      path: 'workloads[0].releases[0].released',
      message: 'expected an RFC 3339 time such as 2026-11-30T12:00:00Z',
    },
    {
      case: 'an env value that is not a string, without repeating the value',
      text: withLine(7, '      - version: 1.15.0\n        env: { WORKERS: 4 }'),
      line: 8,
      column: 25,
      path: 'workloads[0].releases[0].env.WORKERS',
      message: 'expected string, got number; put it in quotes',
    },
    {
      case: 'a flag value that is a list',
      text: withLine(7, '      - version: 1.15.0\n        flags: { new-checkout: [1] }'),
      line: 8,
      column: 32,
      path: 'workloads[0].releases[0].flags.new-checkout',
      message: 'expected string, number or boolean, got list',
    },
    {
      case: 'a release version listed twice',
      text: withLine(11, '      - version: 1.15.0'),
      line: 11,
      column: 18,
      path: 'workloads[0].releases[1].version',
      message: 'version "1.15.0" is listed twice (also releases[0]); versions are unique',
    },
    {
      case: 'a region pinned to a version that is not a release, listing the versions',
      text: withLine(
        13,
        VALID.split('\n')[12] as string,
        '    regions:',
        '      edge-fra: { release: 1.13.0 }',
      ),
      line: 15,
      column: 28,
      path: 'workloads[0].regions.edge-fra.release',
      message: 'release "1.13.0" is not a release of this workload; allowed: 1.15.0, 1.14.2',
    },
    {
      case: 'a missing required field, at the enclosing map',
      text: withLine(5, '    kind: Deployment'),
      line: 4,
      column: 5,
      path: 'workloads[0].namespace',
      message: 'required field is missing; expected string',
    },
    {
      case: 'a negative traffic weight',
      text: withLine(
        13,
        VALID.split('\n')[12] as string,
        '    traffic: { service: checkout, backends: { v15: -1 } }',
      ),
      line: 14,
      column: 52,
      path: 'workloads[0].traffic.backends.v15',
      message: 'expected a number >= 0',
    },
    {
      case: 'a rolloutGrace that is no duration',
      text: withLine(5, '    namespace: shop\n    rolloutGrace: 15 minutes'),
      line: 6,
      column: 19,
      path: 'workloads[0].rolloutGrace',
      message: 'expected a duration such as 90s, 15m, 1h30m or 500ms (units ms, s, m, h, d)',
    },
    {
      case: 'a wrong apiVersion, and nothing else',
      text: withLine(1, 'apiVersion: apps/v1', '    colour: blue'),
      line: 1,
      column: 13,
      path: 'apiVersion',
      message: 'expected "realitycheck/v1", got "apps/v1" (is this a realitycheck intent file?)',
    },
    {
      case: 'a YAML syntax error',
      text: withLine(5, '   namespace: shop'),
      line: 5,
      column: 1,
      path: '',
      message: 'YAML syntax: ',
    },
  ])('reports $case', async ({ text, line, column, path, message }) => {
    const { file, error } = await problemsOf(tempDir(), text);

    const [problem] = error.problems;
    expect(problem).toMatchObject({ file, line, column, path });
    expect(problem?.message).toContain(message);
    const field = path !== '' ? ` ${path}` : '';
    expect(error.message).toContain(`${file}:${line}:${column}${field}: ${problem?.message}`);
  });

  it('collects every problem of a file in one error, in reading order', async () => {
    const text = withLine(5, '    namespace: shop\n    kind: Job\n    colour: blue');
    const { error } = await problemsOf(tempDir(), text.replace('1.14.2', '1.15.0'));

    expect(error.problems.map((p) => p.path)).toEqual(['workloads[0].kind', 'workloads[0].colour']);
    expect(error.message.split('\n')[0]).toBe('invalid intent: 2 problems');
  });

  it.each([
    { case: 'an empty file', text: '', message: 'the file is empty' },
    { case: 'a file of comments only', text: '# nothing yet\n', message: 'the file is empty' },
  ])('reports $case', async ({ text, message }) => {
    const { file, error } = await problemsOf(tempDir(), text);
    expect(error.message).toBe(`invalid intent: ${file}: ${message}`);
  });

  it('reports a top level that is not a map', async () => {
    const { file, error } = await problemsOf(tempDir(), '- a\n- b\n');
    expect(error.problems[0]).toMatchObject({ file, line: 1, column: 1, path: '' });
    expect(error.problems[0]?.message).toBe('expected map, got list');
  });

  it('reports a missing file or folder', async () => {
    const missing = join(tempDir(), 'nowhere.yaml');
    await expect(loadIntent(missing)).rejects.toThrow(
      `invalid intent: ${missing}: no such file or folder; give an intent file or a folder of them`,
    );
  });
});

describe('loadIntent on a folder', () => {
  const tempDir = useTempDir('realitycheck-intent-dir-');

  it('merges every *.yaml and *.yml file, skipping other and hidden files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), VALID);
    writeFileSync(join(dir, 'b.yml'), VALID.replace('name: checkout', 'name: cart'));
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
    writeFileSync(join(dir, '.hidden.yaml'), 'broken: [');
    mkdirSync(join(dir, '..data'));

    const intent = await loadIntent(dir);
    expect(intent.workloads.map((w) => [w.name, w.file])).toEqual([
      ['checkout', join(dir, 'a.yaml')],
      ['cart', join(dir, 'b.yml')],
    ]);
  });

  it("applies each file's defaults to its own workloads only", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'a.yaml'),
      withLine(3, 'defaults: { staleAfterReleases: 5 }\nworkloads:'),
    );
    writeFileSync(join(dir, 'b.yaml'), VALID.replace('name: checkout', 'name: cart'));

    const intent = await loadIntent(dir);
    expect(intent.workloads.map((w) => w.staleAfterReleases)).toEqual([5, 2]);
  });

  it('reports a workload defined in two files, naming both', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), VALID);
    writeFileSync(join(dir, 'b.yaml'), VALID);

    const error = (await loadIntent(dir).catch((e: unknown) => e)) as IntentError;
    expect(error.problems).toEqual([
      {
        file: join(dir, 'b.yaml'),
        line: 4,
        column: 11,
        path: 'workloads[0].name',
        message: `workload shop/checkout is defined twice: here and at ${join(dir, 'a.yaml')}:4:11 workloads[0].name; a workload belongs to one file`,
      },
    ]);
  });

  it('collects the problems of every file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), withLine(5, '    namespace: Shop'));
    writeFileSync(join(dir, 'b.yaml'), '');

    const error = (await loadIntent(dir).catch((e: unknown) => e)) as IntentError;
    expect(error.problems.map((p) => [p.file, p.path])).toEqual([
      [join(dir, 'a.yaml'), 'workloads[0].namespace'],
      [join(dir, 'b.yaml'), ''],
    ]);
  });

  it('reports a folder without YAML files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.txt'), 'nothing');
    await expect(loadIntent(dir)).rejects.toThrow(
      `invalid intent: ${dir}: the folder has no *.yaml or *.yml files`,
    );
  });
});

/**
 * `realitycheck check` run as a CD pipeline runs it: the built CLI on an
 * intent and kubectl snapshots in a temporary folder. Exit status, the
 * three output formats and the help are the contract under test.
 */
import { describe, expect, it } from 'vitest';

import { runCli } from '../support/exporter.js';
import { intentYaml, setModified, snapshots, useScenarioDir, writeFiles } from './scenario.js';

/**
 * The intent was written 10 minutes ago, inside the default rollout grace of
 * 15m; the snapshots were taken 5 minutes ago. Ages in whole minutes print
 * the same however long the CLI takes to start.
 */
const INTENT_AGE_MS = 10 * 60_000;
const SNAPSHOT_AGE_MS = 5 * 60_000;

describe('realitycheck check', () => {
  const dir = useScenarioDir();

  let intentWritten = 0;
  let snapshotTaken = 0;

  /** Writes the intent and one snapshot per region; returns the CLI arguments for them. */
  function scenario(regions: Record<string, string>, intent = intentYaml()): string[] {
    // Whole seconds, so that times survive the round trip through file mtimes exactly.
    const now = Math.floor(Date.now() / 1000) * 1000;
    intentWritten = now - INTENT_AGE_MS;
    snapshotTaken = now - SNAPSHOT_AGE_MS;
    const files = writeFiles(dir(), {
      'intent.yaml': intent,
      ...Object.fromEntries(Object.entries(regions).map(([r, text]) => [`${r}.json`, text])),
    });
    setModified(files['intent.yaml'] as string, intentWritten);
    const args = ['check', '--intent', files['intent.yaml'] as string];
    for (const region of Object.keys(regions)) {
      setModified(files[`${region}.json`] as string, snapshotTaken);
      args.push('--snapshot', `${region}=${files[`${region}.json`]}`);
    }
    return args;
  }

  describe('exit status', () => {
    it.each([
      {
        case: 'every instance on the intended release',
        snapshot: snapshots.inSync,
        code: 0,
        classes: [],
      },
      {
        case: 'a rollout converging within the grace',
        snapshot: snapshots.converging,
        code: 1,
        classes: [['converging', 'RolloutInProgress', 1]],
      },
      {
        case: 'an empty region (the workload is not there yet)',
        snapshot: snapshots.empty,
        code: 1,
        classes: [['converging', 'WorkloadNotFound', 0]],
      },
      {
        case: 'instances two releases behind',
        snapshot: snapshots.stale,
        code: 2,
        classes: [['stale', 'ReleasesBehind', 2]],
      },
      {
        case: 'a digest of no known release',
        snapshot: snapshots.unexpected,
        code: 2,
        classes: [
          ['unexpected', 'DeclaredUnknownImage', 0],
          ['unexpected', 'UnknownDigest', 1],
        ],
      },
      {
        case: 'a rollout stuck past its progress deadline',
        snapshot: snapshots.stuck,
        code: 2,
        classes: [['drift', 'ProgressDeadlineExceeded', 2]],
      },
    ])('exits $code for $case', async ({ snapshot, code, classes }) => {
      const result = await runCli([
        ...scenario({ eu: snapshot() }),
        '--max-age',
        '0',
        '-o',
        'json',
      ]);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(code);
      const document = JSON.parse(result.stdout) as { findings: Record<string, unknown>[] };
      expect(document.findings.map((f) => [f.class, f.reason, f.instances])).toEqual(classes);
    });

    it('exits 1, not 0, for a region whose snapshot is older than --max-age (never green when blind)', async () => {
      const result = await runCli([...scenario({ eu: snapshots.inSync() }), '--max-age', '1m']);

      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(
        /^eu +shop\/api +source +unknown \(watch\) +SourceStale +0 +5m +cannot verify: the source of region eu is stale \(data is 30\ds old\)$/m,
      );
    });

    it.each([
      {
        case: 'a missing intent file',
        args: (d: string) => ['--intent', `${d}/nope.yaml`, '--snapshot', `eu=${d}/eu.json`],
        message: 'nope.yaml: no such file or folder',
      },
      {
        case: 'a missing snapshot',
        args: (d: string) => ['--intent', `${d}/intent.yaml`, '--snapshot', `eu=${d}/gone.json`],
        message: 'gone.json: does not exist',
      },
      {
        case: 'a snapshot that is not kubectl output',
        args: (d: string) => ['--intent', `${d}/intent.yaml`, '--snapshot', `eu=${d}/wrong.json`],
        message: 'wrong.json: expected the output of kubectl get',
      },
      {
        case: 'a malformed YAML intent',
        args: (d: string) => ['--intent', `${d}/broken.yaml`, '--snapshot', `eu=${d}/eu.json`],
        message: 'broken.yaml:2:1: YAML syntax',
      },
    ])('exits 3 with nothing on stdout for $case', async ({ args, message }) => {
      writeFiles(dir(), {
        'intent.yaml': intentYaml(),
        'eu.json': snapshots.inSync(),
        'wrong.json': '{"hello": "world"}\n',
        'broken.yaml': 'apiVersion: realitycheck/v1\n\tkind: Intent\n',
      });

      const result = await runCli(['check', ...args(dir())]);

      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
    });
  });

  describe('formats', () => {
    /** eu converging, us two releases behind: one watch item, one action item. */
    const twoRegions = () => scenario({ eu: snapshots.converging(), us: snapshots.stale() });

    it('prints a table with one row per finding, the regions and a summary', async () => {
      const result = await runCli([...twoRegions(), '--max-age', '0']);

      expect(result.code).toBe(2);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toMatch(/^REGION +WORKLOAD +CHECK +CLASS +REASON +INST +SINCE +MESSAGE$/);
      expect(lines.slice(1, 3)).toEqual([
        expect.stringMatching(
          /^us +shop\/api +digest +stale \(action\) +ReleasesBehind +2 +10m +2 of 2 instances run 1\.2, 2 or more releases behind 1\.4: the template declares 1\.2$/,
        ),
        expect.stringMatching(
          /^eu +shop\/api +digest +converging \(watch\) +RolloutInProgress +1 +10m +1 of 2 instances run 1\.3 instead of 1\.4; within the rollout grace of 15m$/,
        ),
      ]);
      expect(result.stdout).toMatch(
        /\nRegions:\n {2}eu +ok +synced 5m ago +snapshot:\S+\/eu\.json\n {2}us +ok +synced 5m ago +snapshot:\S+\/us\.json\n/,
      );
      expect(lines.at(-2)).toBe('1 action item, 1 watch item: 1 stale, 1 converging');
    });

    it('prints the JSON document of DESIGN.md', async () => {
      const args = twoRegions();
      const result = await runCli([...args, '--max-age', '0', '--format', 'json']);

      expect(result.code).toBe(2);
      const since = new Date(intentWritten).toISOString();
      const lastSync = new Date(snapshotTaken).toISOString();
      const finding = { namespace: 'shop', workload: 'api', check: 'digest', since };
      expect(JSON.parse(result.stdout)).toEqual({
        generatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        regions: ['eu', 'us'].map((name) => ({
          name,
          source: `snapshot:${dir()}/${name}.json`,
          up: true,
          health: 'ok',
          lastSync,
        })),
        findings: [
          {
            ...finding,
            region: 'us',
            class: 'stale',
            severity: 'action',
            instances: 2,
            reason: 'ReleasesBehind',
            message:
              '2 of 2 instances run 1.2, 2 or more releases behind 1.4: the template declares 1.2',
          },
          {
            ...finding,
            region: 'eu',
            class: 'converging',
            severity: 'watch',
            instances: 1,
            reason: 'RolloutInProgress',
            message: '1 of 2 instances run 1.3 instead of 1.4; within the rollout grace of 15m',
          },
        ],
        summary: { unexpected: 0, stale: 1, drift: 0, invalid: 0, unknown: 0, converging: 1 },
      });
    });

    it('prints a Markdown report with a findings table and a regions table', async () => {
      const result = await runCli([...twoRegions(), '--max-age', '0', '--format', 'markdown']);

      expect(result.code).toBe(2);
      expect(result.stdout.split('\n').slice(0, 8)).toEqual([
        '## realitycheck',
        '',
        '**1 action item, 1 watch item: 1 stale, 1 converging**',
        '',
        '| region | workload | check | class | reason | instances | since | message |',
        '|---|---|---|---|---|---|---|---|',
        '| us | shop/api | digest | stale (action) | ReleasesBehind | 2 | 10m | 2 of 2 instances run 1.2, 2 or more releases behind 1.4: the template declares 1.2 |',
        '| eu | shop/api | digest | converging (watch) | RolloutInProgress | 1 | 10m | 1 of 2 instances run 1.3 instead of 1.4; within the rollout grace of 15m |',
      ]);
      expect(result.stdout).toContain(
        `| region | health | last sync | source |\n|---|---|---|---|\n| eu | ok | 5m ago | snapshot:${dir()}/eu.json |\n| us | ok | 5m ago | snapshot:${dir()}/us.json |\n`,
      );
    });
  });

  describe('command line', () => {
    it.each([
      [
        'check',
        [
          '--config',
          '--intent',
          '--snapshot',
          '--max-age',
          '--format',
          'table',
          'json',
          'markdown',
          '0 in sync, 1 watch items only, 2 action items, 3 could not',
        ],
      ],
      [
        'serve',
        [
          '--config',
          '--intent',
          '--snapshot',
          '--max-age',
          '--listen',
          '--log-level',
          '--log-format',
          'REALITYCHECK_CONFIG',
          'REALITYCHECK_INTENT',
          'REALITYCHECK_LISTEN',
          'REALITYCHECK_LOG_LEVEL',
          'REALITYCHECK_LOG_FORMAT',
          '/metrics',
        ],
      ],
    ])('documents the flags of %s in --help and exits 0', async (command, words) => {
      const result = await runCli([command, '--help']);

      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: realitycheck ${command} \\[options\\]`));
      for (const word of words) expect(result.stdout.replace(/\s+/g, ' ')).toContain(word);
    });

    it('refuses an unknown flag with a message naming it', async () => {
      const result = await runCli(['check', '--intnet', 'intent.yaml']);

      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: unknown option '--intnet'\n/);
    });

    // Fixed fault: commander's exitOverride is set on the program after its
    // subcommands were made, so they do not inherit it and a usage error in
    // `check` exits 1: the status that means "watch items only", which a CD
    // gate may let pass. DESIGN.md: 3 is "could not run".
    it('exits 3 (could not run) for an unknown flag of check, not 1 (watch items only)', async () => {
      const result = await runCli(['check', '--intnet', 'intent.yaml']);

      expect(result.code).toBe(3);
    });

    // Same cause as above: an invalid --format choice exits 1.
    it('exits 3 for a --format that does not exist, naming the allowed ones', async () => {
      const result = await runCli(['check', '--format', 'xml']);

      expect(result.stderr).toContain('Allowed choices are table, json, markdown');
      expect(result.code).toBe(3);
    });
  });
});

/**
 * Field cases F11 and F12 of shared/cases, env mismatch and a ConfigMap
 * changed back, from kubectl-shaped fixtures through the projections and
 * the engine.
 */
import { describe, expect, it } from 'vitest';

import type { IntendedWorkload } from '../../intent/model.js';
import type { ContentRevision } from '../../sources/config-views.js';
import type { ClusterState } from '../../sources/observations.js';
import { parseSnapshot } from '../../sources/snapshot-file.js';
import {
  configMap,
  configMapVolume,
  deploymentStack,
  kubectlList,
  withConfig,
  withPodStatus,
  type EnvFixture,
  type KubeObject,
} from '../../sources/testing/index.js';
import { evaluate } from '../evaluate.js';
import type { Evaluation } from '../evaluation.js';
import { DA, history, intentOf, observed, R, workload } from '../testing/builders.js';

/** 2026-12-01T13:00:00Z: an hour after the ConfigMap of F11 changed. */
const NOW = Date.parse('2026-12-01T13:00:00Z');
const CHANGED = '2026-12-01T12:00:00Z';
const IMAGE = `${R}:1.15.0@${DA}`;

interface PodSetup {
  start: string;
  env?: EnvFixture[];
  mounts?: { volume: string; mountPath: string; subPath?: string }[];
}

/** A Deployment `api` with one pod per setup, all on the intended digest. */
function stack(pods: PodSetup[], extra: KubeObject[] = [], templateEnv: EnvFixture[] = []) {
  const objects = deploymentStack({
    name: 'api',
    revisions: [
      { containers: [{ name: 'app', image: IMAGE, env: templateEnv }], pods: pods.length },
    ],
  });
  const podObjects = objects.filter((o) => o.kind === 'Pod');
  podObjects.forEach((object, i) => {
    const setup = pods[i]!;
    const spec = object.spec as { containers: KubeObject[] };
    if (setup.env !== undefined) spec.containers[0]!.env = setup.env;
    withPodStatus(object, { startTime: setup.start });
    withConfig(object, {
      volumes: [configMapVolume('cfg', 'api-cfg')],
      containers: { app: { mounts: setup.mounts ?? [] } },
    });
  });
  return parseSnapshot(JSON.stringify(kubectlList([...objects, ...extra])), 'eu-west.json').state;
}

const apiCfg = (data: Record<string, string> = { MODE: 'fast', 'api.yaml': 'a: 1' }) =>
  configMap({
    name: 'api-cfg',
    data,
    changedAt: CHANGED,
    creationTimestamp: '2026-11-01T00:00:00Z',
  });

function run(
  state: ClusterState,
  intended: IntendedWorkload = workload(history()),
  now = NOW,
): Evaluation {
  const region = { ...observed(state), lastSync: now - 5_000 };
  return evaluate({ intent: intentOf([intended]), regions: [region], now });
}

function configFindings(evaluation: Evaluation): string[] {
  return evaluation.findings
    .filter((f) => f.check !== 'digest')
    .map((f) => `${f.check}/${f.class}/${f.reason}/${f.instances}`);
}

const modeFromConfigMap: EnvFixture = {
  name: 'MODE',
  valueFrom: { configMapKeyRef: { name: 'api-cfg', key: 'MODE' } },
};
const subPathMount = { volume: 'cfg', mountPath: '/etc/api/api.yaml', subPath: 'api.yaml' };
const directoryMount = { volume: 'cfg', mountPath: '/etc/api' };

describe('F11: config changed, pods did not restart', () => {
  it('reports a pod started before its ConfigMap changed as running the old config, for env and subPath', () => {
    const state = stack(
      [
        { start: '2026-12-01T09:00:00Z', env: [modeFromConfigMap], mounts: [subPathMount] },
        { start: '2026-12-01T12:30:00Z', env: [modeFromConfigMap], mounts: [subPathMount] },
      ],
      [apiCfg()],
    );

    const result = run(state);

    expect(configFindings(result)).toEqual(['config/drift/StartedBeforeConfigChange/2']);
    const finding = result.findings.find((f) => f.reason === 'StartedBeforeConfigChange')!;
    expect(finding.message).toContain('ConfigMap/api-cfg (env), ConfigMap/api-cfg (subPath)');
    expect(finding.since).toBe(Date.parse(CHANGED));
    expect(result.workloads[0]!.config?.configMismatchRatio).toEqual({ app: 0.5 });
  });

  it('is converging while the change is younger than the rollout grace', () => {
    const state = stack([{ start: '2026-12-01T09:00:00Z', env: [modeFromConfigMap] }], [apiCfg()]);

    const result = run(state, workload(history()), Date.parse(CHANGED) + 5 * 60_000);

    expect(configFindings(result)).toEqual(['config/converging/StartedBeforeConfigChange/1']);
  });

  it('leaves a directory mount unknown until the instance itself reports', () => {
    const state = stack([{ start: '2026-12-01T09:00:00Z', mounts: [directoryMount] }], [apiCfg()]);

    const result = run(state);

    expect(configFindings(result)).toEqual(['config/unknown/ConfigReloadUnverified/1']);
    // Neither in sync nor mismatched: no share to publish.
    expect(result.workloads[0]!.config?.configMismatchRatio).toEqual({});
  });

  it('takes the time of the change from managedFields, never from creationTimestamp', () => {
    const withoutWrites = configMap({
      name: 'api-cfg',
      data: { MODE: 'fast' },
      creationTimestamp: CHANGED,
      noManagedFields: true,
    });
    const state = stack(
      [{ start: '2026-12-01T09:00:00Z', env: [modeFromConfigMap] }],
      [withoutWrites],
    );

    expect(configFindings(run(state))).toEqual([]);
  });
});

describe('a ConfigMap changed back to its old content', () => {
  const revert = (state: ClusterState, history: ContentRevision[]) => {
    const view = state.configMaps![0]!;
    view.history = history;
    return state;
  };

  it('is current again for pods that started before the first change, and old for pods started in between', () => {
    const state = stack(
      [
        { start: '2026-12-01T09:00:00Z', env: [modeFromConfigMap] },
        { start: '2026-12-01T11:30:00Z', env: [modeFromConfigMap] },
        { start: '2026-12-01T12:30:00Z', env: [modeFromConfigMap] },
      ],
      [apiCfg()],
    );
    const current = state.configMaps![0]!.contentHash;
    revert(state, [
      { contentHash: current, from: Date.parse('2026-11-01T00:00:00Z') },
      { contentHash: 'sha256:other', from: Date.parse('2026-12-01T11:00:00Z') },
      { contentHash: current, from: Date.parse(CHANGED) },
    ]);

    const result = run(state);

    expect(configFindings(result)).toEqual(['config/drift/StartedBeforeConfigChange/1']);
  });
});

describe('F12: credentials in plain env', () => {
  const env: EnvFixture[] = [
    { name: 'PAYMENT_API_KEY', value: 'pk-canary-7f3a9' },
    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'UPSTREAM_URL', value: 'https://payments.example.test/v1' },
    { name: 'CACHE_URL', value: 'redis://cache:hunter2-canary@cache.example.test:6379' },
  ];

  it('reports only the literal credentials, naming the variable and how it is set, never the value', () => {
    const state = stack([{ start: '2026-12-01T09:00:00Z', env }], [apiCfg()], env);

    const result = run(state);

    const secret = result.findings.filter((f) => f.check === 'secret');
    expect(secret.map((f) => `${f.class}/${f.reason}/${f.instances}`)).toEqual([
      'invalid/InlineCredential/1',
    ]);
    expect(secret[0]!.message).toContain(
      'PAYMENT_API_KEY (container app, a literal value under a credential name)',
    );
    expect(secret[0]!.message).toContain(
      'CACHE_URL (container app, a literal URL with user information)',
    );
    expect(result.workloads[0]!.config?.inlineSecrets).toEqual([
      { container: 'app', variable: 'CACHE_URL' },
      { container: 'app', variable: 'PAYMENT_API_KEY' },
    ]);
    const everything = JSON.stringify(result);
    expect(everything).not.toContain('pk-canary-7f3a9');
    expect(everything).not.toContain('hunter2-canary');
  });
});

describe('F12 across pods', () => {
  it('counts each instance once, however many literal credentials it has', () => {
    const env: EnvFixture[] = [
      { name: 'PAYMENT_API_KEY', value: 'pk-canary-7f3a9' },
      { name: 'SESSION_SECRET', value: 's3cr3t-canary-value' },
    ];
    const pods = [1, 2, 3].map(() => ({ start: '2026-12-01T09:00:00Z', env }));

    const result = run(stack(pods, [apiCfg()], env));

    const secret = result.findings.filter((f) => f.check === 'secret');
    expect(secret.map((f) => `${f.reason}/${f.instances}`)).toEqual(['InlineCredential/3']);
  });
});

describe('env mismatch', () => {
  const intended = (env: Record<string, string>) => {
    const [first, ...rest] = history();
    return workload([{ ...first!, env }, ...rest]);
  };

  it('counts instances per variable, literal or from a ConfigMap, and names the variables', () => {
    const state = stack(
      [
        { start: '2026-12-01T09:00:00Z', env: [{ name: 'LOG_LEVEL', value: 'info' }] },
        { start: '2026-12-01T09:00:00Z', env: [{ name: 'LOG_LEVEL', value: 'debug' }] },
        { start: '2026-12-01T12:30:00Z', env: [modeFromConfigMap] },
      ],
      [apiCfg()],
    );

    const result = run(state, intended({ LOG_LEVEL: 'info', MODE: 'fast' }));

    expect(result.workloads[0]!.config?.envMismatch).toEqual([
      { container: 'app', variable: 'LOG_LEVEL', instances: 2 },
      { container: 'app', variable: 'MODE', instances: 2 },
    ]);
    const env = result.findings.find((f) => f.check === 'env')!;
    expect(env.reason).toBe('EnvDiffers');
    expect(env.message).toContain('LOG_LEVEL, MODE');
    expect(env.message).not.toContain('debug');
  });

  it('does not compare a variable whose ConfigMap changed after the pod started', () => {
    const state = stack([{ start: '2026-12-01T09:00:00Z', env: [modeFromConfigMap] }], [apiCfg()]);

    const result = run(state, intended({ MODE: 'fast' }));

    expect(result.workloads[0]!.config?.envMismatch).toEqual([
      { container: 'app', variable: 'MODE', instances: 0 },
    ]);
  });
});

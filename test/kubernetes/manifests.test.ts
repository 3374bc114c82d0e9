import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

import { configFileSchema } from '../../exporter/src/config/schema.js';
import { RESOURCES } from '../../exporter/src/sources/kubernetes/resources.js';
import { REPO } from '../support/exporter.js';

type Manifest = {
  kind: string;
  metadata: { name: string };
  [key: string]: unknown;
};

const DIR = join(REPO, 'deploy', 'kubernetes');

/** Every document of every manifest, parsed without any cluster (kubectl needs one even for --dry-run=client). */
function manifests(): Manifest[] {
  return readdirSync(DIR)
    .filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap((name) => parseAllDocuments(readFileSync(join(DIR, name), 'utf8')))
    .map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS() as Manifest;
    });
}

/** The one manifest of a kind; untyped because the assertions below are what check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function one(kind: string, name?: string): Record<string, any> {
  const found = manifests().filter((m) => m.kind === kind && (!name || m.metadata.name === name));
  expect(found, kind).toHaveLength(1);
  return found[0]!;
}

describe('deploy/kubernetes', () => {
  it('holds exactly the objects of an in-cluster installation', () => {
    expect(
      manifests()
        .map((m) => m.kind)
        .sort(),
    ).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'ConfigMap',
      'Deployment',
      'Namespace',
      'Service',
      'ServiceAccount',
      'ServiceMonitor',
    ]);
  });

  it('grants get, list and watch on exactly the resources the source watches, and nothing else', () => {
    const rules = one('ClusterRole').rules as {
      apiGroups: string[];
      resources: string[];
      verbs: string[];
    }[];
    const granted = rules.flatMap((rule) =>
      rule.apiGroups.flatMap((group) => rule.resources.map((resource) => `${group}/${resource}`)),
    );
    const watched = RESOURCES.map((r) => `${r.group}/${r.plural}`);

    expect(granted.sort()).toEqual(watched.sort());
    for (const rule of rules) expect(rule.verbs.sort()).toEqual(['get', 'list', 'watch']);
  });

  it('binds the role to the service account the Deployment runs as', () => {
    const binding = one('ClusterRoleBinding');
    const deployment = one('Deployment');

    expect(binding.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'realitycheck' });
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'realitycheck', namespace: 'realitycheck' },
    ]);
    expect(deployment.spec.template.spec.serviceAccountName).toBe('realitycheck');
  });

  it('runs the exporter unprivileged, read-only, with probes, requests and limits', () => {
    const pod = one('Deployment').spec.template.spec;
    const container = pod.containers[0];

    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(container.resources.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
  });

  it('mounts a config that the exporter accepts, in-cluster, and an intent', () => {
    const config = one('ConfigMap', 'realitycheck-config').data['realitycheck.yaml'];
    const parsed = configFileSchema.parse(parseAllDocuments(config)[0]!.toJS());
    const mounts = one('Deployment').spec.template.spec.containers[0].volumeMounts;

    expect(parsed.regions?.[0]?.kubernetes).toMatchObject({ inCluster: true });
    expect(parsed.intent).toMatch(/^\/etc\/realitycheck\/intent\//);
    expect(mounts.map((m: { mountPath: string }) => m.mountPath)).toContain(
      '/etc/realitycheck/intent',
    );
    expect(one('ConfigMap', 'realitycheck-intent').data['intent.yaml']).toContain('kind: Intent');
  });

  it('scrapes with honor_labels, so namespace and container keep their meaning', () => {
    const monitor = one('ServiceMonitor');

    expect(monitor.spec.endpoints).toEqual([
      expect.objectContaining({ honorLabels: true, port: 'http' }),
    ]);
    expect(one('Service').spec.ports[0]).toMatchObject({ name: 'http', targetPort: 'http' });
  });
});

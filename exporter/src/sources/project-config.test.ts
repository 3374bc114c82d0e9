import { describe, expect, it } from 'vitest';

import { projectPod } from './project-pod.js';
import { projectConfigMap, projectSecret } from './project-configmap.js';
import {
  configMap,
  configMapVolume,
  pod,
  secret,
  secretVolume,
  withConfig,
  withPodStatus,
} from './testing/index.js';
import { configMapContentHash, valueDigest } from './value-digest.js';

const R = 'reg.example.test/shop/api:1';

describe('projectContainerConfig through projectPod', () => {
  it('records every way a container takes config, with digests and booleans instead of values', () => {
    const object = pod({
      name: 'api-1',
      containers: [
        {
          name: 'app',
          image: R,
          env: [
            { name: 'LOG_LEVEL', value: 'debug' },
            { name: 'API_TOKEN', value: 'canary-literal-3f1' },
            { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'api-cfg', key: 'MODE' } } },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
            { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
          ],
        },
      ],
    });
    withPodStatus(object, { podIP: '127.0.0.1' });
    withConfig(object, {
      volumes: [
        configMapVolume('cfg', 'api-cfg'),
        secretVolume('tls', 'api-tls'),
        {
          name: 'all',
          projected: { sources: [{ configMap: { name: 'extra' } }, { secret: { name: 'keys' } }] },
        },
      ],
      containers: {
        app: {
          mounts: [
            { volume: 'cfg', mountPath: '/etc/api/api.yaml', subPath: 'api.yaml' },
            { volume: 'tls', mountPath: '/tls' },
            { volume: 'all', mountPath: '/all' },
          ],
          envFrom: [
            { configMapRef: { name: 'api-env' }, prefix: 'API_' },
            { secretRef: { name: 's' } },
          ],
        },
      },
      annotations: { 'checksum/config': 'abc' },
    });

    const view = projectPod(object);
    const config = view.containers[0]!.config!;

    expect(view.podIP).toBe('127.0.0.1');
    expect(view.configChecksum).toBe('abc');
    expect(config.env).toEqual([
      { name: 'LOG_LEVEL', source: 'literal', valueDigest: valueDigest('debug') },
      { name: 'API_TOKEN', source: 'literal', credential: 'name' },
      {
        name: 'MODE',
        source: 'configMapKeyRef',
        ref: { name: 'api-cfg', key: 'MODE', optional: false },
      },
      {
        name: 'DB_PASSWORD',
        source: 'secretKeyRef',
        ref: { name: 'db', key: '', optional: false },
      },
      { name: 'NODE', source: 'fieldRef' },
    ]);
    expect(config.envFrom).toEqual([
      { kind: 'ConfigMap', name: 'api-env', prefix: 'API_', optional: false },
      { kind: 'Secret', name: 's', optional: false },
    ]);
    expect(config.mounts).toEqual([
      { kind: 'ConfigMap', name: 'api-cfg', optional: false, volume: 'cfg', subPath: true },
      { kind: 'Secret', name: 'api-tls', optional: false, volume: 'tls', subPath: false },
      { kind: 'ConfigMap', name: 'extra', optional: false, volume: 'all', subPath: false },
      { kind: 'Secret', name: 'keys', optional: false, volume: 'all', subPath: false },
    ]);
    expect(JSON.stringify(view)).not.toContain('canary-literal-3f1');
  });
});

describe('projectConfigMap and projectSecret', () => {
  it('keeps a content hash, key digests and the newest managedFields time, not creation', () => {
    const view = projectConfigMap(
      configMap({
        name: 'api-cfg',
        data: { MODE: 'canary-cm-91c' },
        creationTimestamp: '2026-11-01T00:00:00Z',
        changedAt: '2026-12-01T12:00:00Z',
      }),
    );

    expect(view).toEqual({
      namespace: 'shop',
      name: 'api-cfg',
      contentHash: configMapContentHash({ MODE: 'canary-cm-91c' }),
      keyDigests: { MODE: valueDigest('canary-cm-91c') },
      changedAt: Date.parse('2026-12-01T12:00:00Z'),
    });
    expect(JSON.stringify(view)).not.toContain('canary-cm-91c');
  });

  it('hashes a Secret only with the installation key, and differently for another key', () => {
    const object = secret({ name: 'db', data: { pw: 'canary-secret-55e' } });
    const plain = projectSecret(object);
    const keyed = projectSecret(object, { secretKey: Buffer.from('key-one') });
    const other = projectSecret(object, { secretKey: Buffer.from('key-two') });

    expect(plain.contentHash).toBeUndefined();
    expect(keyed.contentHash).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(other.contentHash).not.toBe(keyed.contentHash);
    expect(JSON.stringify([plain, keyed])).not.toMatch(/canary-secret-55e|Y2FuYXJ5/);
  });
});

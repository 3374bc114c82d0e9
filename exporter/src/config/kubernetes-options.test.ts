import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { useTempDir } from '../intent/testing/temp-dir.js';
import { OptionsError, resolveOptions } from './options.js';

const CONFIG = `intent: ./intent.yaml
defaults: { maxAge: 7m }
regions:
  - name: eu-west
    kubernetes:
      kubeconfig: ./fleet.kubeconfig
      context: eu-west
      namespaces: { include: [shop], exclude: [kube-system] }
      labelSelector: tier=frontend
      maxStaleness: 2m
  - name: in-here
    kubernetes: { inCluster: true }
`;

describe('kubernetes regions in the options', () => {
  const tempDir = useTempDir('realitycheck-k8s-options-');

  function configFile(): { dir: string; file: string } {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, CONFIG);
    return { dir, file };
  }

  it("reads a kubernetes source, resolving the kubeconfig against the file's folder", () => {
    const { dir, file } = configFile();
    const options = resolveOptions({ flags: { config: file }, env: {}, cwd: '/elsewhere' });

    expect(options.regions.map((r) => r.source)).toEqual([
      {
        type: 'kubernetes',
        kubeconfig: join(dir, 'fleet.kubeconfig'),
        context: 'eu-west',
        inCluster: false,
        namespaces: { include: ['shop'], exclude: ['kube-system'] },
        labelSelector: 'tier=frontend',
        maxAgeMs: 120_000,
      },
      {
        type: 'kubernetes',
        inCluster: true,
        namespaces: { include: [], exclude: [] },
        maxAgeMs: 420_000,
      },
    ]);
    expect(options.shard).toBeUndefined();
  });

  it('takes --shard i/n, or REALITYCHECK_SHARD, and names the fix for a bad one', () => {
    const { file } = configFile();

    expect(resolveOptions({ flags: { config: file, shard: '1/3' }, env: {} }).shard).toEqual({
      index: 1,
      count: 3,
    });
    expect(
      resolveOptions({ flags: { config: file }, env: { REALITYCHECK_SHARD: '0/2' } }).shard,
    ).toEqual({ index: 0, count: 2 });
    expect(() => resolveOptions({ flags: { config: file, shard: '3/3' }, env: {} })).toThrow(
      OptionsError,
    );
    expect(() => resolveOptions({ flags: { config: file, shard: '3/3' }, env: {} })).toThrow(
      /--shard "3\/3": expected i\/n with 0 <= i < n/,
    );
  });
});

/**
 * A Helm-style `checksum/config` annotation is read as a config revision:
 * a pod whose annotation differs from the template's runs another revision.
 */
import { describe, expect, it } from 'vitest';

import { evaluate } from '../evaluate.js';
import {
  cluster,
  container,
  DA,
  deployment,
  history,
  intentOf,
  MINUTE,
  NOW,
  observed,
  pod,
  R,
  workload,
} from '../testing/builders.js';

function configFindings(podChecksums: (string | undefined)[], releasedAgo: number) {
  const template = deployment(`${R}@${DA}`, { configChecksum: 'rev-2' });
  const pods = podChecksums.map((checksum) =>
    pod([container(`${R}@${DA}`)], checksum === undefined ? {} : { configChecksum: checksum }),
  );
  const result = evaluate({
    intent: intentOf([workload(history(releasedAgo))]),
    regions: [observed(cluster([template], pods))],
    now: NOW,
  });
  return result.findings
    .filter((f) => f.check === 'config')
    .map((f) => `${f.class}/${f.reason}/${f.instances}`);
}

describe('checksum/config', () => {
  it('reports pods carrying another config revision than the template as drift past the grace', () => {
    expect(configFindings(['rev-2', 'rev-1', 'rev-1'], 60 * MINUTE)).toEqual([
      'drift/ConfigRevisionDiffers/2',
    ]);
  });

  it('is converging while the release is younger than the grace', () => {
    expect(configFindings(['rev-1'], 5 * MINUTE)).toEqual(['converging/ConfigRevisionDiffers/1']);
  });

  it('says nothing when every pod carries the template revision', () => {
    expect(configFindings(['rev-2', 'rev-2'], 60 * MINUTE)).toEqual([]);
  });
});

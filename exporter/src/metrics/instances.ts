/**
 * The families that count what runs: instances per digest and distance from
 * the intent, the intended digests beside them, and the bookkeeping that
 * keeps those label sets bounded and honest.
 */
import type { Registry } from 'prom-client';

import type { Publication } from './exporter-status.js';
import { registerGauge, type FamilyDefinition } from './family.js';
import { foldDigests } from './fold-digests.js';
import { verifiedWorkloads, workloadLabels } from './verified.js';

type WorkloadLabel = 'region' | 'namespace' | 'workload';

/** Running containers per digest, version and releases behind. */
export const INSTANCES: FamilyDefinition<
  WorkloadLabel | 'container' | 'digest' | 'version' | 'releases_behind'
> = {
  name: 'realitycheck_instances',
  help: 'Running containers per digest, version and releases_behind (0, 1, ..., unexpected, pending, unknown); digests beyond the per-workload limit are summed under digest="other".',
  type: 'gauge',
  labelNames: [
    'region',
    'namespace',
    'workload',
    'container',
    'digest',
    'version',
    'releases_behind',
  ],
};

/** The intended digest and version of each container; always 1. */
export const INTENDED_INFO: FamilyDefinition<WorkloadLabel | 'container' | 'digest' | 'version'> = {
  name: 'realitycheck_intended_info',
  help: 'The intended digest and version of each container of a workload in a region; always 1.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload', 'container', 'digest', 'version'],
};

/** Image IDs that parsed as nothing. */
export const UNPARSED_IMAGE_IDS: FamilyDefinition<WorkloadLabel> = {
  name: 'realitycheck_unparsed_image_ids',
  help: 'Containers of a workload whose imageID parsed as no known form; counted as unknown, never dropped.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload'],
};

/** Digests summed under `digest="other"`. */
export const DIGESTS_FOLDED: FamilyDefinition<WorkloadLabel> = {
  name: 'realitycheck_digests_folded',
  help: 'Distinct digests of a workload folded into digest="other" of realitycheck_instances to bound cardinality.',
  type: 'gauge',
  labelNames: ['region', 'namespace', 'workload'],
};

/** The families of this module, for the naming rules. */
export const INSTANCE_FAMILIES: readonly FamilyDefinition[] = [
  INSTANCES,
  INTENDED_INFO,
  UNPARSED_IMAGE_IDS,
  DIGESTS_FOLDED,
];

/** Registers and fills the instance families for every verified workload. */
export function fillInstances(registry: Registry, publication: Publication): void {
  const instances = registerGauge(INSTANCES, registry);
  const intended = registerGauge(INTENDED_INFO, registry);
  const unparsed = registerGauge(UNPARSED_IMAGE_IDS, registry);
  const folded = registerGauge(DIGESTS_FOLDED, registry);

  for (const verdict of verifiedWorkloads(publication.evaluation)) {
    const labels = workloadLabels(verdict);
    const limit = publication.limits.digestsPerWorkload;
    const fold = foldDigests(verdict.instances, verdict.intended, limit);

    for (const row of fold.rows) {
      const { container, digest, version, releasesBehind } = row;
      const series = { ...labels, container, digest, version, releases_behind: releasesBehind };
      instances.set(series, row.count);
    }
    for (const info of verdict.intended) {
      intended.set({ ...labels, ...info }, 1);
    }
    unparsed.set(labels, verdict.unparsedImageIds);
    folded.set(labels, fold.foldedDigests);
  }
}

/**
 * Renders one publication as Prometheus exposition text. A fresh registry per
 * publication means every series in one text comes from one evaluation, and
 * nothing from an earlier evaluation lingers when a workload disappears.
 */
import { Registry } from 'prom-client';

import { CONFIG_FAMILIES, fillConfig } from './config.js';
import {
  EXPORTER_STATUS_FAMILIES,
  fillExporterStatus,
  type Publication,
} from './exporter-status.js';
import type { FamilyDefinition } from './family.js';
import { FINDING_FAMILIES, fillFindings } from './findings.js';
import { INSTANCE_FAMILIES, fillInstances } from './instances.js';
import { KUBERNETES_FAMILIES, fillKubernetes } from './kubernetes.js';
import { MISMATCH_FAMILIES, fillMismatch } from './mismatch.js';
import { PROBE_FAMILIES, fillProbes } from './probes.js';
import { SOURCE_FAMILIES, fillSources } from './sources.js';
import { TRAFFIC_FAMILIES, fillTraffic } from './traffic.js';

/** Every family realitycheck defines, in exposition order. */
export const ALL_FAMILIES: readonly FamilyDefinition[] = [
  ...EXPORTER_STATUS_FAMILIES,
  ...SOURCE_FAMILIES,
  ...KUBERNETES_FAMILIES,
  ...INSTANCE_FAMILIES,
  ...MISMATCH_FAMILIES,
  ...FINDING_FAMILIES,
  ...TRAFFIC_FAMILIES,
  ...CONFIG_FAMILIES,
  ...PROBE_FAMILIES,
];

/** The Content-Type of the text format that `renderMetrics` produces. */
export const EXPOSITION_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** Builds the registry of one publication; exported for tests that inspect values. */
export function buildRegistry(publication: Publication): Registry {
  const registry = new Registry();

  fillExporterStatus(registry, publication);
  fillSources(registry, publication.evaluation);
  fillKubernetes(registry, publication.sourceKinds, publication.shard);
  fillInstances(registry, publication);
  fillMismatch(registry, publication.evaluation);
  fillFindings(registry, publication.evaluation);
  fillTraffic(registry, publication.evaluation, publication.trafficQueries);
  fillConfig(registry, publication.evaluation);
  fillProbes(registry, publication.probes);
  return registry;
}

/** The exposition text of one publication. */
export async function renderMetrics(publication: Publication): Promise<string> {
  return buildRegistry(publication).metrics();
}

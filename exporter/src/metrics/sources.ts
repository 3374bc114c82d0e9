/** The families about each region's source: is it answering, and how fresh is its data. */
import type { Registry } from 'prom-client';

import type { Evaluation } from '../verify/evaluation.js';
import { registerGauge, toSeconds, type FamilyDefinition } from './family.js';

/** 1 when the region's source answered its last sync. */
export const SOURCE_UP: FamilyDefinition<'region'> = {
  name: 'realitycheck_source_up',
  help: "1 when the region's source answered its last sync, else 0.",
  type: 'gauge',
  labelNames: ['region'],
};

/** When the region's data was last fresh. */
export const SOURCE_LAST_SYNC: FamilyDefinition<'region'> = {
  name: 'realitycheck_source_last_sync_timestamp_seconds',
  help: "When the region's data was last fresh; absent for a region that never synced.",
  type: 'gauge',
  labelNames: ['region'],
};

/** The families of this module, for the naming rules. */
export const SOURCE_FAMILIES: readonly FamilyDefinition[] = [SOURCE_UP, SOURCE_LAST_SYNC];

/** Registers and fills the source families, one series per region. */
export function fillSources(registry: Registry, evaluation: Evaluation): void {
  const up = registerGauge(SOURCE_UP, registry);
  const lastSync = registerGauge(SOURCE_LAST_SYNC, registry);

  for (const region of evaluation.regions) {
    up.set({ region: region.region }, region.up ? 1 : 0);
    if (region.lastSync !== undefined) {
      lastSync.set({ region: region.region }, toSeconds(region.lastSync));
    }
  }
}

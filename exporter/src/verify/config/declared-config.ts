/**
 * The declared layer of configuration: the workload template and the
 * ConfigMaps and Secrets the cluster has now, compared with the intent.
 */
import type { ContainerConfigView } from '../../sources/config-views.js';
import { configHash } from './config-hash.js';
import { consumersOf, lookup } from './consumers.js';
import { classByGrace, type ConfigContext, type ConfigDiscrepancy } from './context.js';

/** Discrepancies of the template itself: its config hash and references to missing objects. */
export function checkDeclaredConfig(ctx: ConfigContext): ConfigDiscrepancy[] {
  const template = ctx.view?.templateConfig;
  if (template === undefined) return [];
  const configs = Object.values(template);
  return [...declaredHash(ctx, configs), ...missingObjects(ctx, configs)];
}

function declaredHash(ctx: ConfigContext, configs: ContainerConfigView[]): ConfigDiscrepancy[] {
  const intended = ctx.release.config;
  if (intended === undefined || !ctx.objects.readsConfigMaps) return [];
  if (configHash(configs, ctx.objects.configMaps) === intended) return [];

  const since = ctx.intendedSince;
  const cls = classByGrace(ctx, since);
  return [{ check: 'config', class: cls, reason: 'DeclaredConfigDiffers', instances: 0, since }];
}

/**
 * A required ConfigMap or Secret that the region does not have keeps new
 * pods from starting at all: invalid, whatever the intent says.
 */
function missingObjects(ctx: ConfigContext, configs: ContainerConfigView[]): ConfigDiscrepancy[] {
  const missing = new Set<string>();
  for (const consumer of configs.flatMap((config) => consumersOf(config))) {
    const reads =
      consumer.kind === 'ConfigMap' ? ctx.objects.readsConfigMaps : ctx.objects.readsSecrets;
    if (!reads || consumer.optional) continue;
    if (lookup(ctx.objects, consumer.kind, consumer.name) === undefined) {
      missing.add(`${consumer.kind}/${consumer.name}`);
    }
  }
  return [...missing].sort().map((subject) => ({
    check: 'config',
    class: 'invalid',
    reason: 'ConfigObjectMissing',
    subject,
    instances: 0,
  }));
}

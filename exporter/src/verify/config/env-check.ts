/**
 * The intended `env` against what each serving instance has, by variable
 * name. Values are compared as process-keyed digests; no value is read here.
 */
import type { ContainerConfigView, EnvVarView } from '../../sources/config-views.js';
import type { PodView } from '../../sources/observations.js';
import { valueDigest } from '../../sources/value-digest.js';
import type { Instance } from '../instances.js';
import { changedSinceStart, type ConfigObjects } from './consumers.js';
import {
  classByGrace,
  servingInstances,
  type ConfigContext,
  type ConfigDiscrepancy,
} from './context.js';

/** How one variable of one instance compares with the intent. */
export type EnvComparison = 'match' | 'differs' | 'unknown';

/** Instances whose variable differs, per container and variable (zeros included). */
export interface EnvMismatch {
  container: string;
  variable: string;
  instances: number;
}

/** Compares the intended env of the release with every serving instance. */
export function checkEnv(ctx: ConfigContext): {
  discrepancies: ConfigDiscrepancy[];
  mismatches: EnvMismatch[];
  differing: Set<Instance>;
} {
  const intended = Object.entries(ctx.release.env ?? {});
  const counts = new Map<string, EnvMismatch>();
  const discrepancies: ConfigDiscrepancy[] = [];
  const differing = new Set<Instance>();

  for (const instance of servingInstances(ctx)) {
    const config = instance.pod.containers.find((c) => c.name === instance.container)?.config;
    for (const [variable, value] of intended) {
      const key = `${instance.container}\u0000${variable}`;
      const entry = counts.get(key) ?? { container: instance.container, variable, instances: 0 };
      counts.set(key, entry);
      if (compareVariable(config, variable, value, ctx.objects, instance.pod) !== 'differs')
        continue;

      entry.instances += 1;
      differing.add(instance);
      const since = Math.max(ctx.intendedSince, instance.pod.startTime ?? 0);
      const cls = classByGrace(ctx, since);
      discrepancies.push({
        check: 'env',
        class: cls,
        reason: 'EnvDiffers',
        subject: variable,
        instances: 1,
        since,
      });
    }
  }
  return { discrepancies, mismatches: [...counts.values()], differing };
}

/**
 * Resolves a variable as Kubernetes does: an `env` entry wins over
 * `envFrom`, a later entry over an earlier one. Sources whose value is not
 * known here (Secrets, fields of the pod) are unknown, never a mismatch.
 */
export function compareVariable(
  config: ContainerConfigView | undefined,
  variable: string,
  intended: string,
  objects: ConfigObjects,
  pod: PodView,
): EnvComparison {
  if (config === undefined) return 'unknown';
  const explicit = config.env.filter((env) => env.name === variable).pop();
  if (explicit !== undefined) return compareEntry(explicit, intended, objects, pod);

  for (const from of [...config.envFrom].reverse()) {
    const prefix = from.prefix ?? '';
    if (!variable.startsWith(prefix)) continue;
    // A Secret's keys are not kept, so a variable it may hold cannot be told apart.
    if (from.kind === 'Secret') return 'unknown';
    const result = compareKey(from.name, variable.slice(prefix.length), intended, objects, pod);
    if (result !== undefined) return result;
  }
  return objects.readsConfigMaps || config.envFrom.length === 0 ? 'differs' : 'unknown';
}

function compareEntry(
  env: EnvVarView,
  intended: string,
  objects: ConfigObjects,
  pod: PodView,
): EnvComparison {
  if (env.source === 'literal') {
    if (env.valueDigest === undefined) return 'unknown';
    return env.valueDigest === valueDigest(intended) ? 'match' : 'differs';
  }
  if (env.source === 'configMapKeyRef' && env.ref !== undefined) {
    return compareKey(env.ref.name, env.ref.key, intended, objects, pod) ?? 'differs';
  }
  return 'unknown';
}

/** A ConfigMap key against the intended value; undefined when the ConfigMap lacks the key. */
function compareKey(
  configMapName: string,
  key: string,
  intended: string,
  objects: ConfigObjects,
  pod: PodView,
): EnvComparison | undefined {
  if (!objects.readsConfigMaps) return 'unknown';
  const configMap = objects.configMaps.get(configMapName);
  const digest = configMap?.keyDigests[key];
  if (configMap === undefined || digest === undefined) return undefined;
  // Changed after the start: the process holds an older value; the config check reports that.
  // With no change time at all, the current value is the best evidence there is.
  if (changedSinceStart(configMap, pod.startTime) === true) return 'unknown';
  return digest === valueDigest(intended) ? 'match' : 'differs';
}

/**
 * The exporter config file as a zod schema: listen address, intent,
 * evaluation interval, logging, limits, defaults and the regions with
 * their sources. Strict like the intent: an unknown field is an error.
 */
import { z } from 'zod';

import { durationSchema, regionNameSchema } from '../intent/schema.js';
import { LOG_LEVELS } from '../log/logger.js';
import { LISTEN_HINT, parseListenAddress } from './listen.js';
import { prometheusSchema } from './prometheus.js';

/** The source keys a region may have; exactly one of them. */
export const SOURCE_KEYS = ['snapshot', 'kubernetes'] as const;

/** The log formats of the logger: `auto` picks pretty on a terminal. */
export const LOG_FORMATS = ['json', 'pretty', 'auto'] as const;

const snapshotSourceSchema = z.strictObject({
  path: z
    .string()
    .min(1)
    .meta({ description: 'A `kubectl get -o json` dump, or a folder of them.' }),
  maxAge: durationSchema.optional().meta({ description: 'Older data makes the region unknown.' }),
  pollInterval: durationSchema.optional().meta({ description: 'How often to check the file.' }),
});

const kubernetesSourceSchema = z
  .strictObject({
    context: z.string().min(1).optional().meta({ description: 'A context of the kubeconfig.' }),
    kubeconfig: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'A kubeconfig file; default $KUBECONFIG, then ~/.kube/config.' }),
    inCluster: z
      .boolean()
      .optional()
      .meta({ description: "Use the service account of the exporter's own pod." }),
    namespaces: z
      .strictObject({
        include: z.array(z.string().min(1)).optional(),
        exclude: z.array(z.string().min(1)).optional(),
      })
      .optional(),
    labelSelector: z.string().min(1).optional(),
    maxStaleness: durationSchema
      .optional()
      .meta({ description: 'Data older than this makes the region unknown.' }),
  })
  .refine((k) => !(k.inCluster === true && (k.context ?? k.kubeconfig) !== undefined), {
    error: "inCluster uses the pod's service account; leave out context and kubeconfig",
  });

const regionSchema = z
  .strictObject({
    name: regionNameSchema,
    snapshot: snapshotSourceSchema.optional(),
    kubernetes: kubernetesSourceSchema.optional(),
    prometheus: prometheusSchema.optional(),
  })
  .superRefine((region, ctx) => {
    const present = SOURCE_KEYS.filter((key) => region[key] !== undefined);
    if (present.length === 0) {
      const message = `a region needs a source; give one of: ${SOURCE_KEYS.join(', ')}`;
      ctx.addIssue({ code: 'custom', path: ['snapshot'], message });
    } else if (present.length > 1) {
      const message = `a region has exactly one source, found ${present.join(' and ')}`;
      ctx.addIssue({ code: 'custom', path: [present[1] as string], message });
    }
  });

/** The schema of the exporter config file. */
export const configFileSchema = z.strictObject({
  listen: z
    .string()
    .refine((text) => parseListenAddress(text) !== undefined, { error: LISTEN_HINT })
    .optional(),
  intent: z.string().min(1).optional(),
  evaluateInterval: durationSchema.optional(),
  probeInterval: durationSchema.optional().meta({
    description:
      'How often instances of workloads with a `probe` are asked what they run. Default 30s.',
  }),
  logLevel: z.enum(LOG_LEVELS).optional(),
  logFormat: z.enum(LOG_FORMATS).optional(),
  limits: z.strictObject({ digestsPerWorkload: z.int().positive().optional() }).optional(),
  secrets: z
    .strictObject({
      hmacKeyFile: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'A file holding the HMAC key for Secret hashes.' }),
    })
    .optional(),
  defaults: z.strictObject({ maxAge: durationSchema.optional() }).optional(),
  regions: z
    .array(regionSchema)
    .superRefine((regions, ctx) => {
      const names = regions.map((region) => region.name);
      names.forEach((name, index) => {
        const first = names.indexOf(name);
        if (first === index) return;
        const message = `region "${name}" is listed twice (also regions[${first}]); names are unique`;
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message });
      });
    })
    .optional(),
  webConfigFile: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'TLS and basic auth of the endpoint, as --web.config.file.' }),
});

/** The config file as written, after validation. */
export type ConfigFile = z.output<typeof configFileSchema>;

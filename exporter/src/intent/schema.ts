/**
 * The intent file (v1) as a zod schema: the YAML shape of DESIGN.md, every
 * field described so that the generated JSON Schema helps in editors. The
 * schema validates; `normalise.ts` turns its output into the Intent model.
 */
import { z } from 'zod';

import { isSha256Digest, parseImageReference } from '../verify/image-reference.js';
import { DURATION_HINT, DURATION_PATTERN } from './duration.js';

/** The apiVersion and kind every intent file carries. */
export const INTENT_API_VERSION = 'realitycheck/v1';
export const INTENT_KIND = 'Intent';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const REGION_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const SHA256_HINT = 'expected sha256: followed by 64 hex digits';

/** A duration string such as 15m; shared with the exporter config. */
export const durationSchema = z
  // YAML reads `15` as a number; say that it needs a unit, not that it needs quotes.
  .preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z.string().regex(DURATION_PATTERN, { error: DURATION_HINT }),
  )
  .meta({ description: 'A duration: 90s, 15m, 1h30m, 500ms (units ms, s, m, h, d).' });

/** A region name as used in labels and in the exporter config. */
export const regionNameSchema = z.string().regex(REGION_NAME, {
  error: 'expected letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
});

const kubernetesName = (what: string, pattern: RegExp, max: number, chars: string) =>
  z
    .string()
    .max(max)
    .regex(pattern, {
      error: `expected a Kubernetes ${what}: lowercase letters, digits, ${chars}`,
    });

const imageSchema = z
  .string()
  .superRefine((image, ctx) => {
    const problem = imageProblem(image);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ description: 'The image, pinned by digest: name:tag@sha256:<64 hex>.' });

const containerSchema = z.strictObject({
  image: imageSchema,
  platforms: z
    .array(z.string().refine(isSha256Digest, { error: SHA256_HINT }))
    .optional()
    .meta({
      description:
        'Digests of the per-platform manifests of a multi-arch image; [] says single-platform.',
    }),
});

const releaseSchema = z.strictObject({
  version: z.string().min(1).max(128).meta({ description: 'The release version, e.g. 1.15.0.' }),
  released: z.iso
    .datetime({ offset: true, error: 'expected an RFC 3339 time such as 2026-11-30T12:00:00Z' })
    .optional()
    .meta({ description: 'When the release was made (RFC 3339); converging is measured from it.' }),
  containers: z
    .record(kubernetesName('container name', DNS_LABEL, 63, '"-"'), containerSchema)
    .refine((containers) => Object.keys(containers).length > 0, {
      error: 'expected at least one container',
    })
    .meta({ description: 'The release per container name.' }),
  config: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'The config hash from `realitycheck hash`.' }),
  env: z
    .record(z.string().min(1), z.string())
    .optional()
    .meta({ description: 'Intended environment variables, string values; never secrets.' }),
  flags: z
    .record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]))
    .optional()
    .meta({ description: 'Intended feature-flag values.' }),
});

const trafficSchema = z.strictObject({
  service: z.string().min(1).meta({ description: 'The service whose traffic is split.' }),
  backends: z
    .record(z.string().min(1), z.number().min(0))
    .meta({ description: 'Relative weight per backend (Service name or Istio subset).' }),
  tolerance: z.number().min(0).max(100).optional().meta({
    description: 'Percentage points a share may differ from the intended one. Default 5.',
  }),
  settle: durationSchema.optional().meta({
    description:
      'After the intended or declared weights change, observed traffic is converging until this has passed (pinned HTTP/2 and keep-alive connections move slowly). Default 10m.',
  }),
  changed: z.iso
    .datetime({ offset: true, error: 'expected an RFC 3339 time such as 2026-11-30T12:00:00Z' })
    .optional()
    .meta({
      description: 'When the intended weights last changed (RFC 3339); settling starts then.',
    }),
});

const regionOverrideSchema = z.strictObject({
  release: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'The version intended in this region; one of the releases.' }),
  skip: z.boolean().optional().meta({ description: 'Do not verify this region.' }),
  traffic: trafficSchema
    .optional()
    .meta({ description: "This region's intended traffic split, instead of the workload's." }),
});

const probeSchema = z.strictObject({
  port: z.int().min(1).max(65535).meta({ description: 'The port of the self-report.' }),
  path: z
    .string()
    .regex(/^\//, { error: 'expected an absolute HTTP path such as /version' })
    .optional()
    .meta({ description: 'HTTP path; default /version for json, /metrics for prometheus.' }),
  format: z.enum(['json', 'prometheus']).optional().meta({
    description:
      'json: {version, revision, configHash, flags}; prometheus: *_build_info and flag gauges. Default json.',
  }),
  timeout: durationSchema.optional().meta({ description: 'Per request. Default 2s.' }),
  container: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "The container the report speaks for; default the release's first." }),
});

const overrides = {
  rolloutGrace: durationSchema
    .optional()
    .meta({ description: 'A mismatch younger than this is converging. Default 15m.' }),
  staleAfterReleases: z
    .int()
    .positive()
    .optional()
    .meta({ description: 'Instances this many releases behind or more are stale. Default 2.' }),
};

const workloadSchema = z
  .strictObject({
    name: kubernetesName('object name', DNS_SUBDOMAIN, 253, '"-" and "."').meta({
      description: 'The Deployment, StatefulSet, DaemonSet or Rollout.',
    }),
    namespace: kubernetesName('namespace', DNS_LABEL, 63, '"-"').meta({
      description: 'The namespace of the workload.',
    }),
    kind: z
      .enum(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout'])
      .optional()
      .meta({ description: 'The kind of the workload; any kind matches when absent.' }),
    ...overrides,
    releases: z
      .array(releaseSchema)
      .min(1)
      .meta({ description: 'Newest first; the first is intended unless a region says otherwise.' }),
    regions: z
      .record(regionNameSchema, regionOverrideSchema)
      .optional()
      .meta({ description: 'Regions that differ from the default on purpose.' }),
    traffic: trafficSchema
      .optional()
      .meta({ description: 'The intended traffic split between backends of a service.' }),
    probe: probeSchema
      .optional()
      .meta({ description: 'Ask each ready instance what it runs (the reported layer).' }),
  })
  .superRefine((workload, ctx) => {
    for (const issue of workloadCrossFieldIssues(workload)) ctx.addIssue(issue);
  });

/** The schema of one intent file. */
export const intentFileSchema = z
  .strictObject({
    apiVersion: z.literal(INTENT_API_VERSION).meta({ description: 'Always realitycheck/v1.' }),
    kind: z.literal(INTENT_KIND).meta({ description: 'Always Intent.' }),
    defaults: z
      .strictObject(overrides)
      .optional()
      .meta({ description: "Defaults for this file's workloads." }),
    workloads: z
      .array(workloadSchema)
      .min(1)
      .meta({ description: 'The workloads whose releases are verified.' }),
  })
  .meta({
    title: 'realitycheck intent',
    description: 'What should run where: per workload, its releases (newest first) and regions.',
  });

/** One intent file as written, after validation. */
export type IntentFile = z.output<typeof intentFileSchema>;
/** One workload of an intent file as written. */
export type WorkloadEntry = IntentFile['workloads'][number];

function imageProblem(image: string): string | undefined {
  let digest: string | undefined;
  try {
    digest = parseImageReference(image).digest;
  } catch (error) {
    return `not an image reference: ${(error as { problem?: string }).problem ?? String(error)}`;
  }
  if (digest === undefined) {
    return 'the image pins no digest, and a tag can move; write name:tag@sha256:<64 hex>';
  }
  if (!isSha256Digest(digest)) return `the image digest is not sha256; ${SHA256_HINT}`;
  return undefined;
}

type WorkloadIssue = { code: 'custom'; path: PropertyKey[]; message: string };

function workloadCrossFieldIssues(workload: WorkloadEntry): WorkloadIssue[] {
  const issues: WorkloadIssue[] = [];
  const versions = workload.releases.map((release) => release.version);

  versions.forEach((version, index) => {
    const first = versions.indexOf(version);
    if (first !== index) {
      const message = `version "${version}" is listed twice (also releases[${first}]); versions are unique`;
      issues.push({ code: 'custom', path: ['releases', index, 'version'], message });
    }
  });
  for (const [region, override] of Object.entries(workload.regions ?? {})) {
    if (override.release !== undefined && !versions.includes(override.release)) {
      const message = `release "${override.release}" is not a release of this workload; allowed: ${[...new Set(versions)].join(', ')}`;
      issues.push({ code: 'custom', path: ['regions', region, 'release'], message });
    }
  }
  return issues;
}

/**
 * The JSON document of `realitycheck check --format json` and of the
 * exporter's /api/v1/findings: one pure function, so that scripts see the
 * same shape from both. DESIGN.md makes this shape a contract.
 */
import {
  FINDING_CLASSES,
  type Check,
  type Evaluation,
  type Finding,
  type FindingClass,
  type RegionHealth,
  type Severity,
  type Summary,
} from '../verify/evaluation.js';

/** One region's source, as the document shows it. */
export interface RegionEntry {
  name: string;
  source: string;
  up: boolean;
  health: RegionHealth;
  /** RFC 3339, or null for a region that never synced. */
  lastSync: string | null;
  /** Why the source is not healthy, when it said. */
  error?: string;
}

/** One finding, as the document shows it. */
export interface FindingEntry {
  region: string;
  namespace: string;
  workload: string;
  check: Check;
  class: FindingClass;
  severity: Severity;
  instances: number;
  /** RFC 3339, or null when the start is not known. */
  since: string | null;
  reason: string;
  message: string;
}

/** The whole document. */
export interface FindingsDocument {
  generatedAt: string;
  regions: RegionEntry[];
  findings: FindingEntry[];
  summary: Summary;
}

/**
 * Builds the document of one evaluation. Findings are ordered most urgent
 * class first, then by region, namespace, workload and check, so that two
 * runs over the same state print the same bytes.
 */
export function toFindingsDocument(evaluation: Evaluation): FindingsDocument {
  const regions = evaluation.regions.map((region): RegionEntry => {
    const entry: RegionEntry = {
      name: region.region,
      source: region.source,
      up: region.up,
      health: region.health,
      lastSync: rfc3339(region.lastSync),
    };
    if (region.error !== undefined) entry.error = region.error;
    return entry;
  });

  return {
    generatedAt: new Date(evaluation.at).toISOString(),
    regions,
    findings: [...evaluation.findings].sort(compareFindings).map(toFindingEntry),
    summary: summaryOf(evaluation.summary),
  };
}

function toFindingEntry(finding: Finding): FindingEntry {
  return {
    region: finding.region,
    namespace: finding.namespace,
    workload: finding.workload,
    check: finding.check,
    class: finding.class,
    severity: finding.severity,
    instances: finding.instances,
    since: rfc3339(finding.since),
    reason: finding.reason,
    message: finding.message,
  };
}

/** Every class present, in report order, so a script never meets a missing key. */
function summaryOf(summary: Summary): Summary {
  return Object.fromEntries(FINDING_CLASSES.map((c) => [c, summary[c] ?? 0])) as Summary;
}

function compareFindings(a: Finding, b: Finding): number {
  const byClass = FINDING_CLASSES.indexOf(a.class) - FINDING_CLASSES.indexOf(b.class);
  if (byClass !== 0) return byClass;

  const keys = ['region', 'namespace', 'workload', 'check'] as const;
  for (const key of keys) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}

function rfc3339(epochMillis: number | undefined): string | null {
  return epochMillis === undefined ? null : new Date(epochMillis).toISOString();
}

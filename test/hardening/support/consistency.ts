/**
 * Checks that one answer of the exporter is complete and agrees with itself:
 * every digest mismatch ratio equals the one recomputed from the
 * `realitycheck_instances` counts in the same exposition text, and the
 * findings document's summary counts its own findings.
 */

/** One sample of an exposition text. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Releases-behind values that are neither compared nor mismatched. */
const NOT_COMPARED = new Set(['pending', 'unknown']);
/** Ratios are printed with full precision; anything closer than this is the same number. */
const EPSILON = 1e-9;

/** Parses the samples of an exposition text; comments and blank lines are skipped. */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (match === null) throw new Error(`not an exposition line: ${line.slice(0, 200)}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = (pair[2] as string).replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** Problems with one /metrics answer; empty when it is complete and self-consistent. */
export function metricsProblems(text: string): string[] {
  const samples = parseExposition(text);
  const problems: string[] = [];
  if (!samples.some((s) => s.name === 'realitycheck_build_info')) {
    problems.push('realitycheck_build_info missing: the answer is incomplete');
  }

  const counts = new Map<string, { compared: number; mismatched: number }>();
  for (const sample of samples) {
    if (sample.name !== 'realitycheck_instances') continue;
    const key = containerKey(sample.labels);
    const entry = counts.get(key) ?? { compared: 0, mismatched: 0 };
    const behind = sample.labels.releases_behind ?? '';
    if (!NOT_COMPARED.has(behind)) {
      entry.compared += sample.value;
      if (behind !== '0') entry.mismatched += sample.value;
    }
    counts.set(key, entry);
  }

  for (const sample of samples) {
    if (sample.name !== 'realitycheck_digest_mismatch_ratio') continue;
    const key = containerKey(sample.labels);
    const entry = counts.get(key);
    const expected =
      entry === undefined || entry.compared === 0 ? NaN : entry.mismatched / entry.compared;
    if (!(Math.abs(expected - sample.value) < EPSILON)) {
      problems.push(
        `${key}: ratio ${sample.value}, instances say ${entry?.mismatched}/${entry?.compared}`,
      );
    }
  }
  return problems;
}

/** Problems with one /api/v1/findings answer. */
export function findingsProblems(text: string): string[] {
  const document = JSON.parse(text) as {
    findings?: { class: string }[];
    summary?: Record<string, number>;
    regions?: unknown[];
  };
  if (!Array.isArray(document.findings) || !Array.isArray(document.regions)) {
    return ['findings or regions missing: the answer is incomplete'];
  }
  const problems: string[] = [];
  for (const [findingClass, count] of Object.entries(document.summary ?? {})) {
    const listed = document.findings.filter((f) => f.class === findingClass).length;
    if (listed !== count) problems.push(`summary says ${count} ${findingClass}, ${listed} listed`);
  }
  return problems;
}

function containerKey(labels: Record<string, string>): string {
  return ['region', 'namespace', 'workload', 'container'].map((l) => labels[l] ?? '').join('/');
}

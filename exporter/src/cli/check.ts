/**
 * `realitycheck check`: one verification pass for a CD pipeline, printed
 * as a table, JSON or Markdown, with the exit status of DESIGN.md.
 */
import { loadIntent } from '../intent/load.js';
import { toFindingsDocument } from '../report/json.js';
import { exitCodeFor } from '../report/exit-code.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderTable } from '../report/table.js';
import type { RuntimeRegion } from '../runtime/sources.js';
import type { Evaluation } from '../verify/evaluation.js';
import { evaluate } from '../verify/evaluate.js';
import { readRegionsOnce } from './check-regions.js';

/** Output formats of `check`. */
export const CHECK_FORMATS = ['table', 'json', 'markdown'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** What one check run reads. */
export interface CheckInput {
  intentPath: string;
  /** Snapshot files, read once, or clusters, synced once. */
  regions: readonly RuntimeRegion[];
  format: CheckFormat;
  now: number;
  /** The installation's HMAC key for Secret hashes. */
  secretKey?: Uint8Array;
}

/** Raised when the check cannot run at all; the CLI exits 3 with its message. */
export class CheckError extends Error {
  override name = 'CheckError';
}

/** Runs one pass; resolves with the text to print and the exit status. */
export async function runCheck(input: CheckInput): Promise<{ output: string; exitCode: number }> {
  if (input.regions.length === 0) {
    throw new CheckError(
      'no regions to check: give --snapshot REGION=FILE or a --config with regions',
    );
  }
  const intent = await loadIntent(input.intentPath, { now: () => input.now });
  const regions = await readRegionsOnce(input.regions, input.secretKey);
  // A pipeline that names a snapshot it cannot read, or a cluster it cannot
  // reach, has a broken step, not a blind region: stop with the reason
  // instead of reporting unknowns.
  const unreadable = regions.filter((r) => !r.up || r.state === undefined);
  if (unreadable.length > 0) {
    const reason = (r: (typeof regions)[number]) => r.error ?? 'its first sync did not finish';
    throw new CheckError(unreadable.map((r) => `region ${r.region}: ${reason(r)}`).join('\n'));
  }

  const evaluation = evaluate({ intent, regions, now: input.now });
  return { output: format(evaluation, input.format), exitCode: exitCodeFor(evaluation) };
}

function format(evaluation: Evaluation, as: CheckFormat): string {
  if (as === 'json') return `${JSON.stringify(toFindingsDocument(evaluation), null, 2)}\n`;
  if (as === 'markdown') return renderMarkdown(evaluation);
  return renderTable(evaluation);
}

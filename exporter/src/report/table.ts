/**
 * `realitycheck check --format table`: findings for a person at a terminal,
 * most urgent first, then the regions and a one-line summary.
 */
import type { Evaluation, Finding, RegionVerdict } from '../verify/evaluation.js';
import { FINDING_CLASSES } from '../verify/evaluation.js';
import { formatAge } from './age.js';

const COLUMNS = ['REGION', 'WORKLOAD', 'CHECK', 'CLASS', 'REASON', 'INST', 'SINCE'] as const;

/** Renders an evaluation as aligned text columns. */
export function renderTable(evaluation: Evaluation): string {
  const lines: string[] = [];
  if (evaluation.findings.length === 0) {
    lines.push('No findings: every verified instance runs its intended release.');
  } else {
    const rows = evaluation.findings.map((f) => findingCells(f, evaluation.at));
    lines.push(...alignColumns([[...COLUMNS, 'MESSAGE'], ...rows]));
  }

  lines.push('', 'Regions:');
  lines.push(...alignColumns(evaluation.regions.map((r) => regionRow(r, evaluation.at))));
  lines.push('', summaryLine(evaluation));
  return `${lines.join('\n')}\n`;
}

/** The cells of one finding, in the order both the table and Markdown show them. */
export function findingCells(finding: Finding, now: number): string[] {
  return [
    finding.region,
    `${finding.namespace}/${finding.workload}`,
    finding.check,
    `${finding.class} (${finding.severity})`,
    finding.reason,
    String(finding.instances),
    finding.since === undefined ? '-' : formatAge(now - finding.since),
    finding.message,
  ];
}

function regionRow(region: RegionVerdict, now: number): string[] {
  const synced =
    region.lastSync === undefined
      ? 'never synced'
      : `synced ${formatAge(now - region.lastSync)} ago`;
  return [`  ${region.region}`, region.health, synced, region.source, region.error ?? ''];
}

/** `2 action items, 1 watch item: 1 stale, 1 drift, 1 converging`. */
export function summaryLine(evaluation: Evaluation): string {
  const action = evaluation.findings.filter((f) => f.severity === 'action').length;
  const watch = evaluation.findings.length - action;
  const parts = FINDING_CLASSES.filter((c) => evaluation.summary[c] > 0).map(
    (c) => `${evaluation.summary[c]} ${c}`,
  );
  const detail = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `${plural(action, 'action item')}, ${plural(watch, 'watch item')}${detail}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Pads every column but the last to its widest cell. */
function alignColumns(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

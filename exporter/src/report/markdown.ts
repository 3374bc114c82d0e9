/**
 * `realitycheck check --format markdown`: a report for a pull request
 * comment or a CI job summary.
 */
import type { Evaluation, Finding } from '../verify/evaluation.js';
import { formatAge } from './age.js';
import { findingCells, summaryLine } from './table.js';

/** Renders an evaluation as a Markdown document. */
export function renderMarkdown(evaluation: Evaluation): string {
  const lines = ['## realitycheck', '', `**${summaryLine(evaluation)}**`, ''];

  if (evaluation.findings.length > 0) {
    lines.push('| region | workload | check | class | reason | instances | since | message |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const finding of evaluation.findings) lines.push(findingRow(finding, evaluation.at));
    lines.push('');
  }

  lines.push('| region | health | last sync | source |', '|---|---|---|---|');
  for (const region of evaluation.regions) {
    const synced =
      region.lastSync === undefined ? 'never' : `${formatAge(evaluation.at - region.lastSync)} ago`;
    lines.push(
      `| ${cell(region.region)} | ${region.health} | ${synced} | ${cell(region.source)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function findingRow(finding: Finding, now: number): string {
  return `| ${findingCells(finding, now).map(cell).join(' | ')} |`;
}

/** Escapes what would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

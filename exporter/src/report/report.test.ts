import { describe, expect, it } from 'vitest';

import { exitCodeFor } from './exit-code.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';
import { REPORT_NOW, sampleEvaluation } from './testing/evaluation.js';

describe('renderTable', () => {
  it('lists the findings in columns, then the regions and a summary', () => {
    expect(renderTable(sampleEvaluation())).toBe(
      [
        'REGION    WORKLOAD       CHECK   CLASS            REASON          INST  SINCE  MESSAGE',
        'eu-west   shop/checkout  digest  stale (action)   ReleasesBehind  2     9d     2 of 4 instances run 1.13.0, 2 or more releases behind 1.15.0',
        'edge-fra  shop/checkout  source  unknown (watch)  SourceDown      0     -      cannot verify | source down',
        '',
        'Regions:',
        '  eu-west   ok    synced 5s ago  snapshot:/s/eu-west.json',
        '  edge-fra  down  never synced   snapshot:/s/edge-fra.json  edge-fra.json: unexpected end of JSON input',
        '',
        '1 action item, 1 watch item: 1 stale, 1 unknown',
        '',
      ].join('\n'),
    );
  });

  it('says so when there is nothing to report', () => {
    const clean = { ...sampleEvaluation(), findings: [], regions: [] };
    expect(renderTable(clean)).toContain('No findings');
  });
});

describe('renderMarkdown', () => {
  it('renders tables and escapes pipes inside cells', () => {
    const text = renderMarkdown(sampleEvaluation());
    expect(text).toContain('**1 action item, 1 watch item: 1 stale, 1 unknown**');
    expect(text).toContain(
      '| edge-fra | shop/checkout | source | unknown (watch) | SourceDown | 0 | - | cannot verify \\| source down |',
    );
    expect(text).toContain('| eu-west | ok | 5s ago | snapshot:/s/eu-west.json |');
  });
});

describe('exitCodeFor', () => {
  const base = sampleEvaluation();
  it.each([
    ['no findings', [], 0],
    ['only watch items', base.findings.filter((f) => f.severity === 'watch'), 1],
    ['an action item', base.findings, 2],
  ])('exits for %s with the DESIGN.md status', (_t, findings, code) => {
    expect(exitCodeFor({ ...base, findings, at: REPORT_NOW })).toBe(code);
  });
});

/**
 * The Prometheus rules and the Alertmanager example: promtool and amtool
 * accept them, every alert is tested both ways, every alert says how bad it
 * is and where its runbook is, and watch items never page.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PATHS, readRules, readYaml, runTool } from './support.js';

const CLASSES = ['converging', 'drift', 'stale', 'unexpected', 'invalid', 'unknown'];
const WATCH_CLASSES = ['converging', 'unknown'];

interface RulesTestFile {
  tests: {
    name: string;
    alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[];
    promql_expr_test?: { expr: string }[];
  }[];
}

const alerts = readRules().filter((rule) => rule.alert !== undefined);
const records = readRules().filter((rule) => rule.record !== undefined);

/** GitHub's anchor of a Markdown heading: lower case, spaces to dashes, punctuation dropped. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

describe('Prometheus rules', () => {
  it('pass promtool check rules', () => {
    const run = runTool('promtool', ['check', 'rules', PATHS.rules]);

    expect(run.output).toContain('SUCCESS');
    expect(run.status, run.output).toBe(0);
  });

  it('pass their promtool unit tests', () => {
    const run = runTool('promtool', ['test', 'rules', PATHS.rulesTest]);

    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain('SUCCESS');
  });

  it('test every alert both firing and not firing', () => {
    const cases = readYaml<RulesTestFile>(PATHS.rulesTest).tests.flatMap(
      (test) => test.alert_rule_test ?? [],
    );
    const untested = alerts.flatMap(({ alert }) => {
      const own = cases.filter((c) => c.alertname === alert);
      const missing = [];
      if (!own.some((c) => c.exp_alerts.length > 0)) missing.push(`${alert} firing`);
      if (!own.some((c) => c.exp_alerts.length === 0)) missing.push(`${alert} not firing`);
      return missing;
    });

    expect(alerts.length).toBeGreaterThan(5);
    expect(untested).toEqual([]);
  });

  it('test every recording rule', () => {
    const exprs = readYaml<RulesTestFile>(PATHS.rulesTest)
      .tests.flatMap((test) => test.promql_expr_test ?? [])
      .map((t) => t.expr);

    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((r) => !exprs.some((e) => e.includes(r.record!)))).toEqual([]);
  });

  it('give every alert a severity, a class, a summary, a description and a runbook section', () => {
    const runbook = readFileSync(PATHS.runbook, 'utf8');
    const sections = new Set([...runbook.matchAll(/^#{2,3} (.+)$/gm)].map((m) => anchor(m[1]!)));
    const problems = alerts.flatMap(({ alert, labels = {}, annotations = {} }) => {
      const url = /docs\/runbook\.md#([a-z0-9-]+)$/.exec(annotations.runbook_url ?? '');
      return [
        ['page', 'ticket'].includes(labels.severity ?? '') ? [] : [`${alert}: severity`],
        CLASSES.includes(labels.class ?? '') ? [] : [`${alert}: class`],
        annotations.summary ? [] : [`${alert}: summary`],
        annotations.description ? [] : [`${alert}: description`],
        url && sections.has(url[1]!) ? [] : [`${alert}: runbook_url ${annotations.runbook_url}`],
      ].flat();
    });

    expect(problems).toEqual([]);
  });

  it('never page on findings of a watch class (converging, unknown)', () => {
    const watchSelector = new RegExp(`class=~?"[^"]*(${WATCH_CLASSES.join('|')})`);
    const paging = alerts.filter((rule) => rule.labels?.severity === 'page');
    const pagingOnWatch = paging.filter((rule) => watchSelector.test(rule.expr));

    expect(paging.length).toBeGreaterThan(0);
    expect(pagingOnWatch.map((rule) => rule.alert)).toEqual([]);
  });
});

describe('the Alertmanager example', () => {
  const route = (labels: string[]) =>
    runTool('amtool', [
      'config',
      'routes',
      'test',
      `--config.file=${PATHS.alertmanager}`,
      ...labels,
    ]);

  it('passes amtool check-config', () => {
    const run = runTool('amtool', ['check-config', PATHS.alertmanager]);

    expect(run.status, run.output).toBe(0);
  });

  it('sends pages to the pager and everything else to tickets', () => {
    expect(route(['severity=page', 'alertname=RealitycheckDrift']).stdout.trim()).toBe('pager');
    expect(route(['severity=ticket', 'alertname=RealitycheckDigestsFolded']).stdout.trim()).toBe(
      'tickets',
    );
    expect(route(['alertname=SomethingElse']).stdout.trim()).toBe('tickets');
  });

  it('groups notifications by region and workload', () => {
    const config = readYaml<{ route: { group_by: string[] } }>(PATHS.alertmanager);

    expect(config.route.group_by).toEqual(expect.arrayContaining(['region', 'workload']));
  });
});

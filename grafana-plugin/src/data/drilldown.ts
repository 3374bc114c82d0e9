/**
 * What a row click puts in the dashboard variable: the row's value of the
 * label the variable is named after (clicking "eu-west / checkout" with
 * variable `region` sets region=eu-west), else the whole row key.
 */
import { type Labels } from '@grafana/data';

/** The URL parameters that set `variable` to the clicked row's value. */
export function drilldownQuery(
  variable: string,
  row: { key: string; labels: Labels },
): Record<string, string> | null {
  const name = variable.trim();
  if (name === '') return null;
  return { [`var-${name}`]: row.labels[name] ?? row.key };
}

import { createElement } from 'react';
import { type PanelDataErrorViewProps } from '@grafana/runtime';

/**
 * Grafana registers its own PanelDataErrorView at start-up; outside Grafana
 * @grafana/runtime has only a stub. This stands in for it, showing the
 * panel's message, or "No data" when there is none.
 */
export function HarnessErrorView({ message, data }: PanelDataErrorViewProps) {
  const text = message ?? (data.series.length === 0 ? 'No data' : 'Data does not fit');
  return createElement('div', { 'data-testid': 'panel-data-error', role: 'alert' }, text);
}

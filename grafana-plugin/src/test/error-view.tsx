import React from 'react';
import { type PanelDataErrorViewProps } from '@grafana/runtime';

/** Stands in for Grafana's PanelDataErrorView in tests: the message, or "No data". */
export function ErrorView({ message, data }: PanelDataErrorViewProps) {
  const text = message ?? (data.series.length === 0 ? 'No data' : 'Data does not fit');
  return <div data-testid="panel-data-error">{text}</div>;
}

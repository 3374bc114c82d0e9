/**
 * Mounts a panel plugin the way a Grafana dashboard does: the options'
 * defaults from its options builder, PanelProps with frames and a time
 * range, the theme through Grafana's ThemeContext, inside a panel box.
 */
import { type ComponentType, createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  createTheme,
  type DataFrame,
  dateTime,
  type GrafanaTheme2,
  LoadingState,
  type PanelPlugin,
  PanelOptionsEditorBuilder,
  type PanelProps,
  ThemeContext,
} from '@grafana/data';

/** What to show. */
export interface MountInput {
  frames: DataFrame[];
  theme: 'dark' | 'light';
  width: number;
  height: number;
  fromMs: number;
  toMs: number;
  options?: Record<string, unknown>;
}

let root: Root | null = null;
// Grafana keeps one theme object while the theme does not change; so does the harness.
const themes = new Map<string, GrafanaTheme2>();

/** The options' defaults, read from the plugin's options builder as Grafana reads them. */
export function defaultOptions(plugin: PanelPlugin): Record<string, unknown> {
  const builder = new PanelOptionsEditorBuilder<Record<string, unknown>>();
  plugin.getPanelOptionsSupplier()(builder, { data: [] });
  return Object.fromEntries(builder.getItems().map((item) => [item.path, item.defaultValue]));
}

function panelProps(plugin: PanelPlugin, input: MountInput): PanelProps {
  const range = { from: dateTime(input.fromMs), to: dateTime(input.toMs) };
  const timeRange = { ...range, raw: range };
  return {
    id: 1,
    data: { series: input.frames, state: LoadingState.Done, timeRange },
    timeRange,
    timeZone: 'utc',
    options: { ...defaultOptions(plugin), ...input.options },
    transparent: false,
    width: input.width,
    height: input.height,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Version skew',
    eventBus: undefined as unknown as PanelProps['eventBus'],
    onOptionsChange: () => undefined,
    onFieldConfigChange: () => undefined,
    replaceVariables: (value: string) => value,
    onChangeTimeRange: () => undefined,
  };
}

/** Renders (or re-renders) the panel; returns the ms from render to drawn, effects included. */
export function mount(plugin: PanelPlugin, input: MountInput): number {
  const theme = themes.get(input.theme) ?? createTheme({ colors: { mode: input.theme } });
  themes.set(input.theme, theme);
  document.body.style.background = theme.colors.background.canvas;
  document.body.style.color = theme.colors.text.primary;
  document.body.style.fontFamily = theme.typography.fontFamily;
  const host = document.getElementById('panel')!;
  Object.assign(host.style, {
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    padding: '8px',
    width: `${input.width}px`,
  });

  const Panel = plugin.panel as ComponentType<PanelProps>;
  const tree = createElement(
    ThemeContext.Provider,
    { value: theme },
    createElement(Panel, panelProps(plugin, input)),
  );
  root ??= createRoot(host);
  const started = performance.now();
  // flushSync: rendering, and the effects that draw, finish before it returns.
  flushSync(() => root!.render(tree));
  return performance.now() - started;
}

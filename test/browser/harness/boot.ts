// Grafana writes grafanaBootData into its page before any plugin code runs;
// @grafana/runtime reads it when it loads, so this module is imported first.
const boot = {
  settings: { buildInfo: { version: '13.2.3', edition: 'Open Source' }, featureToggles: {} },
  user: { timezone: 'utc', theme: 'dark' },
  navTree: [],
};
Object.assign(window, { grafanaBootData: boot });
export {};

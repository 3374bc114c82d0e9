// jsdom has no canvas: give HTMLCanvasElement a context that records what
// is drawn, so component tests can assert on drawing without a browser.
import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

import { installRecordingCanvas } from './canvas';

installRecordingCanvas();

// jsdom does not implement matchMedia (https://github.com/jsdom/jsdom/issues/3522),
// and uPlot (imported by @grafana/ui) calls it at import time; a stub that
// matches nothing is enough for these tests.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Grafana's error view lives in Grafana itself; @grafana/runtime ships a
// stub whose setter is not public. This stand-in says what Grafana's says:
// the panel's message, or "No data" when there are no frames.
vi.mock('@grafana/runtime', async (original) => {
  const { ErrorView } = await import('./error-view');
  return { ...(await original<object>()), PanelDataErrorView: ErrorView };
});

afterEach(() => cleanup());

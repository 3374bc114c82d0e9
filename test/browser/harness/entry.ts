/**
 * The harness page's script, bundled with esbuild. It supplies the shared
 * packages a Grafana plugin expects, then installs the AMD loader (last, so
 * that no UMD code in this bundle registers itself with it), and exposes
 * what the test drives through `window.harness`.
 */
import './boot.js';

import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';

import { installAmd, loadModule } from './amd.js';
import { HarnessErrorView } from './error-view.js';
import { matrixToFrames } from './frames.js';
import { defaultOptions, mount } from './mount.js';
import { benchmarkFrames } from './bench.js';
import { runBenchmark } from './bench-run.js';

// Grafana registers its option editors at start-up; a panel's options
// builder looks them up by id. The harness never shows an editor, so
// stand-ins that render nothing are enough for reading defaults.
grafanaData.standardEditorsRegistry.setInit(() =>
  ['text', 'number', 'radio', 'select', 'boolean', 'slider', 'color', 'unit'].map((id) => ({
    id,
    name: id,
    editor: () => null,
  })),
);

installAmd({
  react,
  'react-dom': reactDom,
  'react/jsx-runtime': jsxRuntime,
  '@grafana/data': grafanaData,
  '@grafana/ui': grafanaUi,
  '@grafana/runtime': { ...grafanaRuntime, PanelDataErrorView: HarnessErrorView },
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  lodash,
  rxjs,
});

Object.assign(window, {
  harness: { loadModule, mount, defaultOptions, matrixToFrames, benchmarkFrames, runBenchmark },
  grafanaData,
  locationService: grafanaRuntime.locationService,
});

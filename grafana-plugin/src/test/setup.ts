// jsdom has no canvas: give HTMLCanvasElement a context that records what
// is drawn, so component tests can assert on drawing without a browser.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

import { installRecordingCanvas } from './canvas';

installRecordingCanvas();
afterEach(() => cleanup());

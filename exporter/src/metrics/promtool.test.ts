import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { createProcessRegistry } from './process.js';
import { renderMetrics } from './render.js';
import { fixturePublication, foldingPublication } from './testing/fixtures.js';

/** The Debian `prometheus` package puts it here; a missing promtool must fail the test. */
const PROMTOOL = '/usr/bin/promtool';

/** Runs `promtool check metrics` on the text; resolves with its exit code and all its output. */
function promtoolCheckMetrics(text: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PROMTOOL, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(text);
  });
}

describe('promtool check metrics', () => {
  it.each([
    ['the fixture evaluation', fixturePublication],
    ['a folded workload', foldingPublication],
  ])('reports nothing on the exposition of %s', async (_name, publication) => {
    const result = await promtoolCheckMetrics(await renderMetrics(publication()));

    expect(result).toEqual({ code: 0, output: '' });
  });

  it('reports nothing on the process metrics served beside them', async () => {
    const text = await createProcessRegistry().metrics();

    expect(await promtoolCheckMetrics(text)).toEqual({ code: 0, output: '' });
  });
});

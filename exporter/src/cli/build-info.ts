/**
 * The exporter's own version and revision, for `realitycheck_build_info`
 * and `--version`. The version comes from the package; the revision from
 * REALITYCHECK_REVISION, which an image build sets from its commit.
 */
import { readFileSync } from 'node:fs';

import type { BuildStatus } from '../metrics/exporter-status.js';

/** Reads the build status once. */
export function buildInfo(env: NodeJS.ProcessEnv = process.env): BuildStatus {
  const packageJson = new URL('../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { version, revision: env.REALITYCHECK_REVISION ?? 'unknown' };
}

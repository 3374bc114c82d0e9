/**
 * Launches Debian's Chromium (/usr/bin/chromium) headless through
 * playwright-core, with a fresh profile that is removed on close.
 * Playwright's own browser downloads need network this project lacks.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type BrowserContext, chromium } from 'playwright-core';

/** Where the Debian package puts the browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Quiet, offline, no GPU: the flags every launch uses. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A running browser: its context (pages open in it) and how to close it. */
export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium; fails, never skips, when the Debian package is missing. */
export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run \`npm test\`, which installs the Debian package chromium ` +
        '(scripts/ensure-system-tools.sh)',
    );
  }
  // A persistent context is how playwright takes a --user-data-dir of our choosing.
  const profile = mkdtempSync(join(tmpdir(), 'realitycheck-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

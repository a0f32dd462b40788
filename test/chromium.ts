/**
 * Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium (installed by .ci/run; playwright-core
 * downloads no browser), on a fresh profile each run, with nothing that reaches the network by itself.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

export interface LaunchedChromium {
  browser: BrowserContext;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

export async function launchChromium(options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<LaunchedChromium> {
  // A fresh profile (--user-data-dir) each run; playwright takes it as the first argument.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'kld-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...options,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

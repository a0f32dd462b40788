/**
 * End to end in a real browser: Debian's Chromium, driven by playwright-core,
 * opens the query UI, runs an example query and sees the result table.
 * Skips (with a message) where /usr/bin/chromium is not installed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { CHROMIUM, chromiumAvailable, launchChromium, type LaunchedChromium } from './chromium.js';
import { KLD, ensureCompiled, writeFixture } from './serve-fixture.js';

const available = chromiumAvailable;
if (!available) console.warn(`e2e-ui: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!available)('query UI in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let chromium: LaunchedChromium | undefined;
  const requests: string[] = [];

  beforeAll(async () => {
    ensureCompiled();
    const queries = mkdtempSync(path.join(os.tmpdir(), 'kld-queries-'));
    writeFileSync(path.join(queries, 'documents.rq'), `# title: Alle documenten\n# description: Every paper in the corpus.\nSELECT ?document WHERE { ?document a <${KLD}Document> } ORDER BY ?document\n`);
    server = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(2)], workers: 1, queriesDir: queries });
    await server.ready;
    chromium = await launchChromium();
    browser = chromium.browser;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('runs an example query and shows the result table, without leaving the server', async () => {
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(server.url + '/');
    const example = page.locator('button.example', { hasText: 'Alle documenten' });
    await example.waitFor({ timeout: 15_000 });
    await example.click();
    const cell = page.locator('.yasr table tbody tr').first();
    await cell.waitFor({ timeout: 20_000 });
    const rows = await page.locator('.yasr table tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('kst-90000-1');
    expect(rows[1]).toContain('kst-90000-2');
    // Everything came from this server: no CDN, no prefix or endpoint lookups elsewhere.
    const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    await page.close();
  });
});

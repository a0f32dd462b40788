/**
 * End to end in a real browser: Debian's Chromium, driven by playwright-core,
 * opens the query UI, runs an example query and sees the result table.
 * Skips (with a message) where /usr/bin/chromium is not installed.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { KLD, ensureCompiled, writeFixture } from './serve-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`e2e-ui: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);

describe.skipIf(!available)('query UI in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let profile: string;
  const requests: string[] = [];

  beforeAll(async () => {
    ensureCompiled();
    const queries = mkdtempSync(path.join(os.tmpdir(), 'kld-queries-'));
    writeFileSync(
      path.join(queries, 'documents.rq'),
      `# title: Alle documenten\n# description: Every paper in the corpus.\nSELECT ?document WHERE { ?document a <${KLD}Document> } ORDER BY ?document\n`,
    );
    server = await startServer({ port: 0, outputDir: '/nonexistent', files: [writeFixture(2)], workers: 1, queriesDir: queries });
    await server.ready;
    profile = mkdtempSync(path.join(os.tmpdir(), 'kld-chromium-'));
    // A fresh profile (--user-data-dir) each run; playwright takes it as the first argument.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
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

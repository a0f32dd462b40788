/**
 * The pages as a person sees them, in Debian's Chromium (playwright-core):
 * the seed's page, an answer, a faction, a treaty and the index of papers, and
 * the query UI's results. Asserts the visible text, follows a citation to the
 * cited paper's page on this server, and checks that no page asks another
 * host for anything. Screenshots are kept in test-output/e2e/ (gitignored)
 * for a reviewer. Skips (with a message) where /usr/bin/chromium is missing.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../src/serve/server.js';
import { CHROMIUM, chromiumAvailable, launchChromium, type LaunchedChromium } from './chromium.js';
import { repoRoot } from './helpers.js';
import { hasKamervragen, KAMERVRAGEN_ID, servePapers } from './pages-fixture.js';

const available = chromiumAvailable;
if (!available) console.warn(`e2e-pages: skipped, ${CHROMIUM} is not installed (apt-get install chromium)`);
export const SCREENSHOTS = path.join(repoRoot, 'test-output', 'e2e');

describe.skipIf(!available)('pages in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let chromium: LaunchedChromium | undefined;
  const foreign: string[] = [];

  beforeAll(async () => {
    server = await servePapers();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Dutch, the pages' default; English is asked for explicitly below.
    chromium = await launchChromium({ viewport: { width: 1200, height: 900 }, locale: 'nl-NL' });
    browser = chromium.browser;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function open(p: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    const res = await page.goto(server.url + p);
    expect(res?.status(), p).toBe(200);
    return page;
  }

  it("shows the seed's page: heading, factions, a question with its answer; a citation leads to the cited paper here", async () => {
    const page = await open('/id/kst-26150-187');
    await expect(page.locator('h1').innerText()).resolves.toMatch(/schriftelijk overleg 26150, nr\. 187/i);
    const asked = await page.locator('dt:has-text("Gesteld door") + dd').innerText();
    for (const f of ['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP']) expect(asked).toContain(f);
    const block8 = page.locator('section.block', {
      has: page.locator('h3 a', { hasText: /^Vraag 8$/ }),
    });
    await expect(block8.locator('.q').innerText()).resolves.toContain('De leden van de');
    await expect(block8.locator('.a').innerText()).resolves.toContain('Zoals aan uw Kamer is medegedeeld');
    expect(await page.locator('div.a').count()).toBe(117);
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'paper-kst-26150-187.png'),
    });
    // Follow the citation in answer 8 to our page of the cited paper.
    const cite = block8.locator('.a a.cite').first();
    const target = await cite.getAttribute('href');
    expect(target).toBe('/id/kst-33694-45');
    await cite.click();
    await page.waitForURL(`${server.url}/id/kst-33694-45`);
    await expect(page.locator('h1').innerText()).resolves.toContain('kst-33694-45');
    await expect(page.locator('body').innerText()).resolves.toContain('zoek.officielebekendmakingen.nl/kst-33694-45');
    await page.close();
  });

  it.skipIf(!hasKamervragen)("shows a Kamervragen paper's title, dates, askers with party and the ministers", async () => {
    const page = await open(`/id/${KAMERVRAGEN_ID}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Ontwikkelingen in Jemen');
    const body = await page.locator('dl.meta').innerText();
    expect(body).toMatch(/Ingezonden\s+5 juni 2024/);
    expect(body).toMatch(/Ontvangen\s+28 juni 2024/);
    expect(body).toContain('Dobbe (SP)');
    expect(body).toContain('Ceder (ChristenUnie)');
    expect(body).toContain('Minister Bruins Slot');
    await page.screenshot({
      path: path.join(SCREENSHOTS, `paper-${KAMERVRAGEN_ID}.png`),
    });
    await page.close();
  });

  it('shows an answer with its text and the question it answers', async () => {
    const page = await open('/id/kst-26150-187/antwoord/8');
    await expect(page.locator('h1').innerText()).resolves.toBe('kst-26150-187, antwoord 8');
    await expect(page.locator('blockquote').first().innerText()).resolves.toContain('Zoals aan uw Kamer is medegedeeld');
    await expect(page.locator('table').first().innerText()).resolves.toContain('beantwoordt');
    await page.screenshot({
      path: path.join(SCREENSHOTS, 'answer.png'),
      fullPage: true,
    });
    await page.close();
  });

  it('shows a faction and a treaty with the papers involving them and what links there', async () => {
    const faction = await open('/id/fractie/vvd');
    await expect(faction.locator('h1').innerText()).resolves.toBe('Volkspartij voor Vrijheid en Democratie');
    await expect(faction.locator('body').innerText()).resolves.toContain('Stukken waarin dit voorkomt');
    await faction.screenshot({ path: path.join(SCREENSHOTS, 'faction.png') });
    await faction.close();
    const treaty = await open('/id/verdrag/npt');
    await expect(treaty.locator('h1').innerText()).resolves.toBe('Non-proliferatieverdrag');
    const links = await treaty.locator('#links').innerText();
    expect(links).toMatch(/Verwijzingen hierheen \(\d+\)/);
    await expect(treaty.locator('body').innerText()).resolves.toContain('“NPV”');
    await treaty.screenshot({ path: path.join(SCREENSHOTS, 'treaty.png') });
    await treaty.close();
  });

  it('lists the papers in the index and filters them by genre', async () => {
    const page = await open('/id/');
    await expect(page.locator('h1').innerText()).resolves.toBe('Documenten');
    await expect(page.locator('table.papers').innerText()).resolves.toContain('kst-26150-187');
    await page.selectOption('select[name="genre"]', 'VerslagSchriftelijkOverleg');
    await page.click('form.filters button');
    await page.waitForURL(/genre=VerslagSchriftelijkOverleg/);
    await expect(page.locator('.count').innerText()).resolves.toBe('1');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'index.png') });
    await page.close();
  });

  it('query UI: plain values, result IRIs linked to local pages, columns in the order of the query', async () => {
    const page = await open('/');
    // (window.yasgui is first the #yasgui element, then the Yasgui instance.)
    await page.waitForFunction(() => typeof (globalThis as unknown as { yasgui?: { getTab?: unknown } }).yasgui?.getTab === 'function');
    await page.evaluate(() => {
      const w = globalThis as unknown as {
        yasgui: { getTab(): { setQuery(q: string): void; query(): void } };
      };
      const tab = w.yasgui.getTab();
      tab.setQuery('PREFIX kld: <https://w3id.org/kamerstukken-ld/def#>\nSELECT * WHERE { ?paper kld:pageCount ?pages ; kld:vergaderjaar ?session } ORDER BY ?paper');
      tab.query();
    });
    await page.locator('.yasr table tbody tr').first().waitFor({ timeout: 20_000 });
    const row = page.locator('.yasr table tbody tr', {
      hasText: 'kst-26150-187',
    });
    const headers = (await page.locator('.yasr table thead th').allInnerTexts()).map((h) => h.trim()).filter((h) => h !== '');
    expect(headers).toEqual(['paper', 'pages', 'session']);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.join(' ')).not.toMatch(/XMLSchema|\^\^/);
    expect(cells).toContain('64');
    const link = row.locator('a.iri').first();
    expect(await link.getAttribute('href')).toBe('/id/kst-26150-187');
    expect(await link.getAttribute('target')).not.toBe('_blank');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'query-ui.png') });
    await page.close();
  });

  it('asked no other host for anything', () => {
    expect(foreign).toEqual([]);
  });
});

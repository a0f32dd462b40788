/**
 * Pages for people, over a real build: the seed's page (its 8 factions, 117
 * answers under their questions, every citation a working link), a
 * Kamervragen paper's page (title, dates, askers with party, the answering
 * minister), English and Dutch, no datatype noise or bare IRIs, "links here"
 * with exact totals and pages, the index of papers and its filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { BASE, hasKamervragen, KAMERVRAGEN_ID, servePapers, writeManyLinks } from './pages-fixture.js';
import { defined } from './helpers.js';
import { ensureCompiled } from './serve-fixture.js';

let server: RunningServer;
beforeAll(async () => {
  server = await servePapers();
});
afterAll(async () => {
  await server?.close();
});

async function html(path: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(server.url + path, {
    headers: { accept: 'text/html', ...headers },
  });
  expect(res.status, path).toBe(200);
  expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
  return res.text();
}

async function count(query: string): Promise<number> {
  const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  const json = (await res.json()) as {
    results: { bindings: { n: { value: string } }[] };
  };
  return Number(json.results.bindings[0]?.n.value);
}

/** Visible text of a fragment of HTML (tags dropped, entities of the escaper undone, white space folded). */
function text(fragment: string | undefined): string {
  return defined(fragment, 'an HTML fragment')
    .replace(/<\/?(?:a|abbr|span|strong|small|em|sup)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The definition after a <dt> label in the page's header list. */
function meta(page: string, label: string): string {
  const m = new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`).exec(page);
  return text(m?.[1] ?? '');
}

describe("the seed's page (kst-26150-187)", () => {
  let page: string;
  beforeAll(async () => {
    page = await html('/id/kst-26150-187');
  });

  it('names the genre, dossier, session and the 8 factions that asked', () => {
    expect(meta(page, 'Soort')).toBe('verslag van een schriftelijk overleg');
    expect(meta(page, 'Dossier')).toContain('26150');
    expect(meta(page, 'Vergaderjaar')).toBe('2020-2021');
    const factions = meta(page, 'Gesteld door').split(', ').sort();
    expect(factions).toEqual(['CDA', 'D66', 'GroenLinks', 'PvdA', 'PvdD', 'SGP', 'SP', 'VVD']);
  });

  it('shows all 117 answers, each in the section of a question block, blocks in order', async () => {
    const sections = page.split('<section class="block"').slice(1);
    expect(sections).toHaveLength(await count(`SELECT (COUNT(?b) AS ?n) WHERE { ?b a <${BASE}def#QuestionBlock> ; <${BASE}def#partOf> <${BASE}id/kst-26150-187> }`));
    const answers = sections.flatMap((s) => [...s.matchAll(/<div class="a" id="(antwoord-[^"]+)"/g)].map((m) => m[1]));
    expect(answers).toHaveLength(117);
    expect(new Set(answers).size).toBe(117);
    // Each section opens with its question, before its answer.
    for (const s of sections.filter((x) => x.includes('<div class="a"'))) expect(s.indexOf('<div class="q"')).toBeLessThan(s.indexOf('<div class="a"'));
    const ids = sections.map((s) => Number(/^ id="blok-(\d+)"/.exec(s)?.[1]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Question 8's answer is under question 8.
    const q8 = sections.find((s) => s.includes('>Vraag 8<'))!;
    expect(q8).toContain('id="antwoord-8"');
    expect(text(q8)).toContain('Zoals aan uw Kamer is medegedeeld');
  });

  it('links every citation of the data, each to a page this server answers', async () => {
    const citations = await count(`SELECT (COUNT(?c) AS ?n) WHERE { ?c a <${BASE}def#Citation> ; <${BASE}def#partOf> <${BASE}id/kst-26150-187> }`);
    const linked = [...page.matchAll(/<a class="cite" href="([^"]+)" data-citation="([^"]+)"/g)];
    expect(new Set(linked.map((m) => m[2])).size).toBe(citations);
    expect(citations).toBeGreaterThanOrEqual(21);
    for (const target of new Set(linked.map((m) => m[1]))) {
      expect(target?.startsWith('/id/'), target).toBe(true);
      const res = await fetch(server.url + target, {
        headers: { accept: 'text/html' },
      });
      expect(res.status, target).toBe(200);
      await res.arrayBuffer();
    }
    // And the official publication beside each, also for the second paper of a joint citation.
    expect(page).toContain('href="https://zoek.officielebekendmakingen.nl/kst-30196-708"');
    expect(page).toContain('href="https://zoek.officielebekendmakingen.nl/kst-31793-708"');
  });

  it('links mentions to their concept, with its label, and lists what a block mentions', () => {
    expect(page).toMatch(/<a class="mention" href="\/id\/verdrag\/npt" title="Non-proliferatieverdrag">NPV<\/a>/);
    expect(page).toMatch(/<strong>Genoemd:<\/strong>.*?<a href="\/id\/verdrag\/npt">Non-proliferatieverdrag<\/a>/);
  });

  it('links the data in every format and the source', () => {
    for (const f of ['ttl', 'jsonld', 'nt']) expect(page).toContain(`href="/id/kst-26150-187?format=${f}"`);
    expect(page).toContain('href="/download/documents/kst-26150-187.ttl"');
    expect(meta(page, 'Brontekst')).toContain('kst-26150-187.txt');
  });

  it('is in English with ?lang=en and with Accept-Language: en', async () => {
    for (const en of [
      await html('/id/kst-26150-187?lang=en'),
      await html('/id/kst-26150-187', {
        'accept-language': 'en-GB,en;q=0.9,nl;q=0.5',
      }),
    ]) {
      expect(en).toContain('<html lang="en">');
      expect(meta(en, 'Genre')).toBe('report of a written consultation');
      expect(en).toContain('<dt>Asked by</dt>');
      expect(en).not.toContain('Gesteld door');
    }
  });
});

describe.skipIf(!hasKamervragen)(`a Kamervragen paper's page (${KAMERVRAGEN_ID}, from ../shared/corpus)`, () => {
  it('shows its title, dates, askers with their party and the answering ministers', async () => {
    const page = await html(`/id/${KAMERVRAGEN_ID}`);
    expect(text(/<h1>(.*?)<\/h1>/.exec(page)![1])).toBe('Ontwikkelingen in Jemen');
    expect(meta(page, 'Soort')).toBe('Kamervragen met antwoord');
    expect(meta(page, 'Ingezonden')).toBe('5 juni 2024');
    expect(meta(page, 'Ontvangen')).toBe('28 juni 2024');
    expect(meta(page, 'Gesteld door').split(', ').sort()).toEqual(['Ceder (ChristenUnie)', 'Dobbe (SP)']);
    expect(meta(page, 'Beantwoord door').split(', ').sort()).toEqual(['Minister Bruins Slot', 'Minister Schreinemacher']);
    expect(meta(page, 'Gericht aan')).toContain('Minister van Buitenlandse Zaken');
    // Question 1 and its answer; a footnote; a citation to the official publication.
    const q1 = page.split('<section class="block"')[1];
    expect(text(q1)).toContain('Bent u bekend met de recente oproep van 190 humanitaire organisaties');
    expect(text(q1)).toMatch(/Antwoord 1\s*Ja\./);
    expect(page).toContain('id="voetnoot-1"');
    expect(page).toMatch(/<a class="cite" href="\/id\/kst-22054-395"/);
  });
});

describe('every page: labels, not IRIs or datatypes', () => {
  it('shows no ^^xsd datatype and no IRI as the text of a link, on a sample of pages', async () => {
    // One resource of each kind, found in the data (the IRI scheme of parts is the data's business).
    const first = async (cls: string): Promise<string[]> => {
      const res = await fetch(`${server.url}/sparql?query=${encodeURIComponent(`SELECT ?x WHERE { ?x a <${cls}> } ORDER BY ?x LIMIT 1`)}`, {
        headers: { accept: 'application/sparql-results+json' },
      });
      const json = (await res.json()) as { results: { bindings: { x: { value: string } }[] } };
      return json.results.bindings.map((b) => b.x.value.replace(BASE, '/'));
    };
    const parts = (await Promise.all(['Citation', 'Mention', 'Footnote', 'QuestionBlock', 'Question', 'Answer', 'Person', 'SourceFile'].map((c) => first(`${BASE}def#${c}`)))).flat();
    expect(parts.length).toBeGreaterThanOrEqual(7);
    const sample = [
      '/id/kst-26150-187',
      '/id/kst-26150-187/antwoord/8',
      ...parts,
      '/id/fractie/vvd',
      '/id/verdrag/npt',
      '/id/organisatie/un',
      '/id/dossier/26150',
      '/id/kst-33694-45',
      '/id/',
      '/sparql/features',
      ...(hasKamervragen ? [`/id/${KAMERVRAGEN_ID}`] : []),
    ];
    for (const path of sample) {
      const page = await html(path);
      expect(page, path).not.toMatch(/\^\^|XMLSchema#|<span class="lang">@/);
      const anchors = [...page.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]?.trim() ?? '');
      expect(
        anchors.filter((a) => /^https?:\/\/w3id\.org/.test(a)),
        path,
      ).toEqual([]);
      // Property names are labels; the prefixed name is on hover.
      expect(page, path).not.toMatch(/<th>kld:/);
    }
    const block = await html('/id/kst-26150-187/blok/6/vraag/3');
    expect(text(/<h1>(.*?)<\/h1>/.exec(block)![1])).toBe('kst-26150-187, blok 6, deelvraag 3');
    expect(block).toContain('<abbr title="kld:questionText">vraagtekst</abbr>');
  });

  it('shows a faction with the papers and blocks it asked', async () => {
    const page = await html('/id/fractie/vvd');
    expect(text(/<h1>(.*?)<\/h1>/.exec(page)![1])).toBe('Volkspartij voor Vrijheid en Democratie');
    expect(page).toMatch(/Stukken waarin dit voorkomt/);
    expect(page).toContain('href="/id/kst-26150-187"');
    expect(page).toMatch(/<abbr title="kld:askedBy">gesteld door<\/abbr> \d+/);
  });
});

describe('the index of papers (/id/)', () => {
  it('lists every paper with genre, date and counts, and filters by genre, year and faction', async () => {
    const papers = hasKamervragen ? 2 : 1;
    const all = await html('/id/');
    expect(text(/<span class="count">(\d+)<\/span>/.exec(all)![1])).toBe(String(papers));
    const seedRow = all.split('<tr>').find((r) => r.includes('href="/id/kst-26150-187"'))!;
    expect(text(seedRow)).toMatch(/verslag van een schriftelijk overleg 2020-2021 118 117 2[12]/);
    expect(all).toContain('<a href="/id/">Documenten</a>');
    const verslag = await html('/id/?genre=VerslagSchriftelijkOverleg');
    expect(/<span class="count">(\d+)<\/span>/.exec(verslag)![1]).toBe('1');
    const vvd = await html('/id/?faction=vvd');
    expect(vvd).toContain('href="/id/kst-26150-187"');
    expect(vvd).not.toContain(`href="/id/${KAMERVRAGEN_ID}"`);
    if (hasKamervragen) {
      const y2024 = await html('/id/?year=2024');
      expect(/<span class="count">(\d+)<\/span>/.exec(y2024)![1]).toBe('1');
      expect(y2024).toContain(`href="/id/${KAMERVRAGEN_ID}"`);
      const sp = await html('/id/?faction=sp');
      expect(/<span class="count">(\d+)<\/span>/.exec(sp)![1]).toBe('2');
    }
  });

  it('is linked from every page header and from the query UI', async () => {
    for (const path of ['/id/kst-26150-187', '/id/fractie/vvd', '/sparql/features', '/']) expect(await html(path), path).toContain('href="/id/"');
  });
});

describe('"links here": exact totals, paged, in number order', () => {
  let links: RunningServer;
  beforeAll(async () => {
    ensureCompiled();
    links = await startServer({
      port: 0,
      outputDir: '/nonexistent',
      files: [writeManyLinks(1370)],
      workers: 1,
    });
    await links.ready;
  });
  afterAll(async () => {
    await links?.close();
  });

  const rows = (page: string) => [...defined(page.split('id="links"')[1], 'the links section').matchAll(/href="\/id\/kst-99999-1\/vermelding\/(\d+)"/g)].map((m) => Number(m[1]));

  it('says 1370 for a treaty mentioned 1370 times and pages them 100 at a time, 9 before 10 before 100', async () => {
    const first = await (
      await fetch(`${links.url}/id/verdrag/testverdrag`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(/<span class="total">(\d+)<\/span>/.exec(first)![1]).toBe('1370');
    expect(first).toContain('1–100 van 1370');
    expect(rows(first)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const last = await (
      await fetch(`${links.url}/id/verdrag/testverdrag?page=14`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(last).toContain('1301–1370 van 1370');
    expect(rows(last)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1301));
    // A mention is shown by its printed text.
    expect(first).toContain('>“TV 9”</a>');
  });
});

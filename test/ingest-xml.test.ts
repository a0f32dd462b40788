/**
 * The official-XML reader: a strict tokenizer with exact source offsets, and
 * the same document facts from a paper's OP XML as from the text of its PDF.
 * The fixtures in test/fixtures/xml are corpus papers rewritten into OP XML
 * (see the comment at the top of each).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IngestError } from '../src/errors.js';
import { readDocument } from '../src/read.js';
import { parseXml, tokenize, XmlSyntaxError } from '../src/ingest/xml/index.js';
import { inlineText } from '../src/ingest/xml/text.js';
import { toJsonView } from '../src/ingest/json-view.js';
import type { Block, DocumentModel, PlacedCitation, Span } from '../src/model.js';
import { run as extract } from '../src/commands/extract.js';
import { buildCorpus } from '../src/publish/build.js';
import { defined } from './helpers.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(repoRoot, 'test/fixtures/xml');
const sharedCorpus = path.resolve(repoRoot, '../shared/corpus');
const hasShared = existsSync(sharedCorpus);

/** Text a span covers in an XML source, markup dropped and entities decoded: what a reader sees there. */
function seen(xml: string, span: Span): string {
  return xml
    .slice(span.start, span.end)
    .replace(/<noot\b[\s\S]*?<\/noot>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

function write(dir: string, name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('tokenizer', () => {
  it('decodes entities and CDATA and keeps every character at its source offset', () => {
    const src = '<a x="1 &amp; 2">R&amp;D &#233;&#x20AC; <![CDATA[<b>&amp;]]></a>';
    const tokens = [...tokenize(src)];
    const open = tokens[0];
    expect(open?.kind === 'open' && open?.attrs.get('x')?.value).toBe('1 & 2');
    const texts = tokens.filter((t) => t.kind === 'text');
    const text = texts.map((t) => (t.kind === 'text' ? t.text : '')).join('');
    expect(text).toBe('R&D é€ <b>&amp;');
    const map = texts.flatMap((t) => (t.kind === 'text' ? t.map : []));
    expect(map).toHaveLength(text.length);
    // "&" of R&D stands at the "&amp;" reference; "é" at "&#233;"; CDATA characters at themselves.
    const at = (i: number): number => map[i] ?? NaN; // NaN slices to '', which fails the comparison
    expect(src.slice(at(1), at(1) + 5)).toBe('&amp;');
    expect(src.slice(at(4), at(4) + 6)).toBe('&#233;');
    expect(src.charAt(at(text.indexOf('<b>')))).toBe('<');
  });

  it('skips comments, processing instructions and a DOCTYPE without expanding its entities', () => {
    const root = parseXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "boom">]><!-- c --><a>UZI-server<?xpp afbm?>certificaten</a>');
    expect(inlineText(root).text).toBe('UZI-servercertificaten');
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "boom">]><a>&e;</a>')).toThrow(/unknown entity &e;/);
  });

  it('folds XML layout white space and leaves footnotes out of the running text', () => {
    const src = '<al>Both  Ends<noot type="voet"><noot.nr>1</noot.nr><noot.al>x</noot.al></noot>?\n   Ja,<nadruk type="vet">zeker</nadruk> nu.</al>';
    const f = inlineText(parseXml(src));
    expect(f.text).toBe('Both Ends? Ja,zeker nu.');
    expect(f.map.map((o, i) => (f.text[i] === ' ' ? ' ' : src[o])).join('')).toBe(f.text);
  });

  it.each([
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a>', /<a> is never closed/],
    ['<a x=1/>', /must be quoted/],
    ['<a x="1" x="2"/>', /appears twice/],
    ['<a>R&D</a>', /bare "&"|unknown entity/],
    ['<a>&nbsp;</a>', /unknown entity &nbsp;/],
    ['<a/><b/>', /second root element/],
    ['<a/>tail', /text after the root element/],
    ['text', /text before the root element/],
    ['<a>&#0;</a>', /not an XML character/],
    ['<a><!-- open</a>', /comment that is never closed/],
    ['', /no root element/],
  ])('refuses %j', (src, message) => {
    expect(() => parseXml(src)).toThrow(XmlSyntaxError);
    expect(() => parseXml(src)).toThrow(message);
  });

  it('tokenizes a large, deeply nested document without recursion', () => {
    const depth = 20000;
    const src = `${'<d>'.repeat(depth)}x${'</d>'.repeat(depth)}`;
    expect([...tokenize(src)]).toHaveLength(2 * depth + 1);
    expect(inlineText(parseXml(src)).text).toBe('x');
  });
});

/** PDF-extraction defects in the text of the corpus papers, and the official text the XML holds instead. */
const PDF_DEFECTS: [string, string][] = [
  ['red-taggingvan', 'red-tagging van'],
  ['Approachesen', 'Approaches en'],
  ['mvostandaarden', 'mvo-standaarden'],
  ['moties/ detail', 'moties/detail'],
  ['(https:// www.', '(https://www.'],
  ['Mensenrech-\n\ntenraad', 'Mensenrechtenraad'],
  ['over\n\nJuridische', 'over Juridische'],
];
const repaired = (text: string): string => PDF_DEFECTS.reduce((t, [bad, good]) => t.split(bad).join(good), text);

const citationFacts = (cs: PlacedCitation[]) => cs.map((c) => ({ id: c.id, kind: c.kind, in: c.in, text: c.text, footnote: c.footnote, dossier: c.dossier, motion: c.motion }));

function blockFacts(b: Block) {
  return {
    numbers: b.numbers,
    faction: b.faction,
    topic: b.topic,
    questionText: repaired(b.questionText),
    questions: b.questions.map(repaired),
    answer: b.answer ? { numbers: b.answer.numbers, heading: b.answer.heading, text: repaired(b.answer.text) } : null,
    citations: citationFacts(b.citations),
    crossReferences: b.crossReferences.map((x) => ({ in: x.in, numbers: x.numbers, text: x.text })),
    mentions: b.mentions.map((m) => ({ id: m.id, kind: m.kind, in: m.in, text: m.text })),
  };
}

/** Every span of an XML-read document covers, in the XML, the text the model gives for it. */
function expectSpansInto(doc: DocumentModel, xml: string): void {
  for (const b of doc.blocks) {
    for (const c of b.citations) if (c.footnote === undefined) expect(seen(xml, c.span)).toBe(c.text);
    for (const m of b.mentions) expect(seen(xml, m.span)).toBe(m.text);
    if (b.answer) expect(seen(xml, b.answer.span).replace(/\s/g, '')).toContain(b.answer.text.replace(/\s/g, ''));
    expect(seen(xml, b.questionSpan).replace(/\s/g, '')).toBe(b.questionText.replace(/\s/g, ''));
  }
  for (const f of doc.footnotes) {
    expect(seen(xml, f.span)).toBe(f.text);
    expect(f.markerSpan && xml.slice(f.markerSpan.start, f.markerSpan.end)).toBe(String(f.number));
    for (const c of f.citations ?? []) expect(seen(xml, c.span)).toBe(c.text);
  }
}

describe.skipIf(!hasShared)('Kamervragen: the XML and the PDF text of the same paper give the same facts', () => {
  it.each(['ah-tk-20232024-1786', 'ah-tk-20232024-2129', 'ah-tk-20232024-1999'])('%s', async (id) => {
    const file = path.join(fixtures, `${id}.xml`);
    const xml = readFileSync(file, 'utf8');
    const fromXml = await readDocument(file);
    const fromText = await readDocument(path.join(sharedCorpus, `${id}.txt`));

    expect(fromXml.source.format).toBe('xml');
    expect(fromXml.source.length).toBe(xml.length);
    const header = (d: DocumentModel) => ({
      id: d.id,
      genre: d.genre,
      dossier: d.dossier,
      ondernummer: d.ondernummer,
      vergaderjaar: d.vergaderjaar,
      title: d.title,
      askers: d.askers,
      addressees: d.addressees,
      answeredBy: d.answeredBy,
      submitted: d.submitted,
      received: d.received,
      factions: d.factions,
    });
    expect(header(fromXml)).toEqual(header(fromText));
    expect(fromXml.blocks.map(blockFacts)).toEqual(fromText.blocks.map(blockFacts));
    const footnoteFacts = (d: DocumentModel) => d.footnotes.map((f) => ({ number: f.number, text: repaired(f.text), block: f.block, in: f.in, citations: f.citations && citationFacts(f.citations) }));
    expect(footnoteFacts(fromXml)).toEqual(footnoteFacts(fromText));
    const notice = (d: DocumentModel) => d.notice && { heading: d.notice.heading, text: repaired(d.notice.text), citations: citationFacts(d.notice.citations) };
    expect(notice(fromXml)).toEqual(notice(fromText));
    for (const c of fromXml.notice?.citations ?? []) expect(seen(xml, c.span)).toBe(c.text);
    expect(fromXml.pages).toBeNull();

    // Offsets point into the XML: block spans open at the printed "Vraag N" heading.
    expect(fromXml.blocks.length).toBeGreaterThan(0);
    for (const b of fromXml.blocks) expect(xml.slice(b.span.start)).toMatch(new RegExp(`^Vraag ${b.numbers.join(' en ')}<`));
    expectSpansInto(fromXml, xml);
  });

  it('reads a Mededeling that stands instead of answers (ah-tk-20232024-1999)', async () => {
    const doc = await readDocument(path.join(fixtures, 'ah-tk-20232024-1999.xml'));
    expect(doc.blocks.map((b) => [b.numbers.join(), b.answer])).toEqual([
      ['1', null],
      ['2', null],
      ['3', null],
    ]);
    expect(doc.notice?.heading).toBe('Mededeling');
    expect(doc.notice?.citations.map((c) => `${c.id}@${c.in}`)).toEqual(['kst-36471-64@answer']);
    expect(doc.answeredBy).toEqual(['Minister De Jonge']);
    expect(doc.received).toBe('2024-06-07');
  });

  it('states the facts of ah-tk-20232024-1786 that the gold file records', async () => {
    const doc = await readDocument(path.join(fixtures, 'ah-tk-20232024-1786.xml'));
    expect(doc.askers).toEqual([
      { name: 'Hirsch', faction: 'GroenLinks-PvdA' },
      { name: 'Teunissen', faction: 'PvdA' },
    ]);
    expect(doc.blocks.map((b) => b.numbers.join('+'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10+11', '12', '13', '14', '15']);
    expect(doc.footnotes).toHaveLength(16);
    const cited = doc.blocks.flatMap((b) => b.citations.map((c) => `${c.id}@${c.in}#${c.footnote ?? '-'}`));
    expect(cited).toEqual(['kst-26485-432@answer#3', 'kst-26485-424@question#4', 'kst-26485-407@answer#5', 'kst-26485-267@question#10', 'kst-26485-380@question#11', 'kst-26485-380@answer#12', 'kst-26485-380@answer#15']);
  });
});

/** The seed's blocks in the excerpt: its numbers, and the remark (no numbers) after answer 15. */
const EXCERPT = [[1], [2], [3], [8], [15], [], [16], [20], [21]];

describe('verslag van een schriftelijk overleg: the XML excerpt and the seed text agree', async () => {
  const file = path.join(fixtures, 'kst-26150-187-excerpt.xml');
  const xml = readFileSync(file, 'utf8');
  const seed = await readDocument(path.join(repoRoot, 'corpus/kst-26150-187.txt'));
  const seedBlocks = EXCERPT.map((numbers) => {
    const i = numbers.length > 0 ? seed.blocks.findIndex((b) => b.numbers.join() === numbers.join()) : seed.blocks.findIndex((b, k) => k > 0 && seed.blocks[k - 1]?.numbers.join() === '15');
    return defined(seed.blocks[i], `the seed's block ${numbers.join() || 'after 15'}`);
  });

  const compare = (doc: DocumentModel) => {
    expect(doc.blocks.map(blockFacts)).toEqual(seedBlocks.map(blockFacts));
    // Footnote 1 stands in the answer to question 8, footnote 2 in question 21, in both readings.
    const place = (d: DocumentModel) => d.footnotes.filter((f) => f.number <= 2).map((f) => ({ number: f.number, text: f.text, in: f.in, numbers: f.block === null ? null : d.blocks[f.block]?.numbers }));
    expect(place(doc)).toEqual(place(seed));
    expect(place(doc).map((p) => `${p.number}:${p.numbers?.join()}:${p.in}`)).toEqual(['1:8:answer', '2:21:question']);
  };

  it('reads header, blocks, answers, topics, citations and footnotes as the text reader does', async () => {
    const doc = await readDocument(file);
    expect(doc).toMatchObject({
      id: 'kst-26150-187',
      genre: 'verslag-schriftelijk-overleg',
      dossier: '26150',
      ondernummer: '187',
      vergaderjaar: seed.vergaderjaar,
      // The XML carries the dossier title; the seed's text starts at the body and has none.
      title: 'Nederland en de Verenigde Naties',
      askers: [
        { name: 'VVD-fractie', faction: 'VVD' },
        { name: 'CDA-fractie', faction: 'CDA' },
      ],
      factions: ['VVD', 'CDA'],
      answeredBy: ['het kabinet'],
      submitted: null,
      received: null,
    });
    compare(doc);
    expectSpansInto(doc, xml);
    // The block of question 8 starts at its question paragraph, its answer at the printed heading.
    const b8 = doc.blocks[3];
    expect(xml.slice(b8?.span.start)).toMatch(/^De leden van de VVD-fractie zijn verheugd/);
    expect(xml.slice(b8?.answer?.span.start)).toMatch(/^8\. Antwoord van het kabinet:<\/tussenkop>/);
    expect(b8?.citations.find((c) => c.id === 'kst-33694-43')?.motion).toEqual({ submitters: ['Koopmans'] });
  });

  it('without <al-groep> around the answers and with the headings as plain <al>, the textual signals split answer and question alike', async () => {
    const plain = xml.replace(/<\/?al-groep>/g, '').replace(/<tussenkop>(\d+\. Antwoord van het kabinet:)<\/tussenkop>/g, '<al>$1</al>');
    expect(plain).not.toContain('<al-groep>');
    const dir = mkdtempSync(path.join(tmpdir(), 'kld-xml-'));
    compare(await readDocument(write(dir, 'kst-26150-187.xml', plain)));
  });
});

describe('the other kamerstuk genres in XML', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kld-xml-genres-'));
  const kamerstuk = (title: string, body: string, tail = ''): string =>
    `<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <kamerstuk>
    <kamerstukkop><tekstregel inhoud="vergaderjaar">Vergaderjaar 2023–2024</tekstregel></kamerstukkop>
    <dossier><dossiernummer><dossiernr>36 450</dossiernr></dossiernummer><titel>Wijziging van de Mijnbouwwet</titel></dossier>
    <stuk>
      <stuknr>Nr. <ondernummer>6</ondernummer></stuknr>
      <titel>${title}</titel>
      <datumtekst>Ontvangen <datum isodatum="2024-01-26">26 januari 2024</datum></datumtekst>
      <algemeen><vrije-tekst><tekst>${body}</tekst></vrije-tekst></algemeen>
      ${tail}
    </stuk>
  </kamerstuk>
</officiele-publicatie>
`;

  it('a nota naar aanleiding van het verslag: faction passages and the replies to them, the signature as answerer', async () => {
    const p = write(
      dir,
      'kst-36450-6.xml',
      kamerstuk(
        'NOTA NAAR AANLEIDING VAN HET VERSLAG',
        `<divisie><kop><nr>1.</nr><titel>Inleiding</titel></kop>
          <al>De leden van de VVD-fractie hebben kennisgenomen van het wetsvoorstel. Zij vragen wanneer de regering de wet wil laten ingaan?</al>
          <al>De regering streeft naar inwerkingtreding op 1 juli 2024.</al>
          <al>De leden van de D66-fractie vragen hoe het wetsvoorstel zich verhoudt tot <extref soort="document" doc="kst-33529-1">Kamerstuk 33 529, nr. 1</extref>?</al>
          <al>Deze leden vragen voorts naar de planning.</al>
          <al>Het wetsvoorstel bouwt voort op dat stuk.</al></divisie>`,
        '<ondertekening><functie>De Minister van Economische Zaken en Klimaat,</functie><naam><voornaam>M.A.M.</voornaam> <achternaam>Adriaansens</achternaam></naam></ondertekening>',
      ),
    );
    const doc = await readDocument(p);
    expect(doc).toMatchObject({
      id: 'kst-36450-6',
      genre: 'nota-naar-aanleiding-van-verslag',
      dossier: '36450',
      ondernummer: '6',
      vergaderjaar: '2023-2024',
      title: 'Wijziging van de Mijnbouwwet',
      received: '2024-01-26',
      answeredBy: ['Minister van Economische Zaken en Klimaat (M.A.M. Adriaansens)'],
      factions: ['VVD', 'D66'],
    });
    expect(doc.blocks.map((b) => [b.faction, b.topic, b.questionText.split('\n\n').length, b.answer?.text])).toEqual([
      ['VVD', 'Inleiding', 1, 'De regering streeft naar inwerkingtreding op 1 juli 2024.'],
      ['D66', 'Inleiding', 2, 'Het wetsvoorstel bouwt voort op dat stuk.'],
    ]);
    expect(doc.blocks[1]?.citations.map((c) => `${c.id}@${c.in}`)).toEqual(['kst-33529-1@question']);
  });

  it('a lijst van vragen en antwoorden set as <vraag>/<antwoord> pairs', async () => {
    const p = write(
      dir,
      'lijst.xml',
      kamerstuk(
        'LIJST VAN VRAGEN EN ANTWOORDEN',
        '<vraag><nr>Vraag 1</nr><al>Hoeveel kost dit?</al></vraag><antwoord><nr>Antwoord 1</nr><al>Niets.</al></antwoord><vraag><nr>Vraag 2</nr><al>Wanneer?</al></vraag><antwoord><nr>Antwoord 2</nr><al>Nu.</al></antwoord>',
      ),
    );
    const doc = await readDocument(p);
    expect(doc.id).toBe('kst-36450-6');
    expect(doc.genre).toBe('lijst-van-vragen-en-antwoorden');
    expect(doc.blocks.map((b) => [b.numbers, b.questionText, b.answer?.heading, b.answer?.text])).toEqual([
      [[1], 'Hoeveel kost dit?', 'Antwoord 1', 'Niets.'],
      [[2], 'Wanneer?', 'Antwoord 2', 'Nu.'],
    ]);
  });
});

describe('bad XML is refused with the file and line named', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kld-xml-bad-'));
  const kv = readFileSync(path.join(fixtures, 'ah-tk-20232024-2129.xml'), 'utf8');
  const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

  it.each([
    ['broken.xml', kv.replace('</vraag>', '</antwoord>'), `broken.xml:${lineOf(kv, '</vraag>')}: not well-formed XML: </antwoord> closes <vraag>`],
    ['amp.xml', kv.replace('humanitaire hulp', 'R&D-hulp'), `amp.xml:${lineOf(kv, 'humanitaire hulp')}: not well-formed XML: a bare "&" (write &amp;)`],
    ['html.xml', '<?xml version="1.0"?>\n<html><body><p>Kamervragen</p></body></html>\n', 'html.xml:1: not a written-consultation paper'],
    ['handelingen.xml', '<officiele-publicatie>\n  <metadata/>\n  <handelingen><al>x</al></handelingen>\n</officiele-publicatie>', 'handelingen.xml:1: official publication XML holding <handelingen>'],
    ['no-nr.xml', kv.replace('<nr>Vraag 2</nr>', ''), `no-nr.xml:${lineOf(kv, '<nr>Vraag 2</nr>') - 1}: <vraag> without <nr>`],
    ['twice.xml', kv.replace('<noot.nr>2</noot.nr>', '<noot.nr>1</noot.nr>'), `twice.xml:${lineOf(kv, '<noot.nr>2</noot.nr>')}: footnote 1 appears twice`],
    [
      'mismatch.xml',
      kv.replace('<kamervraagnummer>2129</kamervraagnummer>', '<kamervraagnummer>2130</kamervraagnummer>'),
      `mismatch.xml:${lineOf(kv, 'externMetadataRecord')}: the metadata names ah-tk-20232024-2129 but the paper's own numbers make ah-tk-20232024-2130`,
    ],
    [
      'brief.xml',
      '<officiele-publicatie><kamerstuk><dossier><dossiernummer><dossiernr>36 180</dossiernr></dossiernummer></dossier>\n<stuk><stuknr>Nr. <ondernummer>133</ondernummer></stuknr><titel>BRIEF VAN DE MINISTER</titel><algemeen><vrije-tekst><tekst><al>Geachte voorzitter,</al></tekst></vrije-tekst></algemeen></stuk></kamerstuk></officiele-publicatie>',
      'brief.xml:2: not a written-consultation paper this tool reads: the paper is titled "BRIEF VAN DE MINISTER"',
    ],
  ])('%s', async (name, content, message) => {
    const p = write(dir, name, content);
    await expect(readDocument(p)).rejects.toThrow(IngestError);
    await expect(readDocument(p)).rejects.toThrow(message);
  });

  it('a file that starts with a comment or DOCTYPE is still read as XML', async () => {
    const p = write(dir, 'ah-tk-20232024-2129.xml', kv.replace(/^<\?xml[^>]*>\n/, '<!DOCTYPE officiele-publicatie>\n'));
    expect((await readDocument(p)).source.format).toBe('xml');
  });
});

describe('kamerstukken-ld extract on XML', () => {
  it('prints the JSON view of an XML paper', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await extract([path.join(fixtures, 'kst-26150-187-excerpt.xml'), '--json'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const view = JSON.parse(out.join(''));
    expect(view).toEqual(JSON.parse(JSON.stringify(toJsonView(await readDocument(path.join(fixtures, 'kst-26150-187-excerpt.xml'))))));
    expect(view.blocks.map((b: { numbers: number[] }) => b.numbers.join() || '-')).toEqual(['1', '2', '3', '8', '15', '-', '16', '20', '21']);
    expect(view.source.file).toBe('kst-26150-187-excerpt.xml');
  });
});

describe('kamerstukken-ld build on XML', () => {
  it('publishes XML papers like text ones: valid against the shapes, derived from the official .xml', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kld-xml-build-'));
    try {
      const corpus = path.join(work, 'corpus');
      mkdirSync(corpus);
      copyFileSync(path.join(fixtures, 'ah-tk-20232024-2129.xml'), path.join(corpus, 'ah-tk-20232024-2129.xml'));
      copyFileSync(path.join(fixtures, 'kst-26150-187-excerpt.xml'), path.join(corpus, 'kst-26150-187.xml'));
      const summary = await buildCorpus({ corpus, output: path.join(work, 'output'), cacheDir: path.join(work, 'cache'), progress: false });
      expect(summary.failed).toEqual([]);
      expect(summary.rejected).toEqual([]);
      expect(summary).toMatchObject({ documents: 2, published: 2, violations: 0, exitCode: 0 });
      const ttl = readFileSync(path.join(work, 'output/documents/ah-tk-20232024-2129.ttl'), 'utf8');
      expect(ttl).toContain('<https://zoek.officielebekendmakingen.nl/ah-tk-20232024-2129.xml>');
      // The source file is the official XML (the official PDF appears only as one of the paper's ELI manifestations).
      expect(ttl).toMatch(/<https:\/\/w3id\.org\/kamerstukken-ld\/id\/ah-tk-20232024-2129\/bron> [^.]*prov:wasDerivedFrom <https:\/\/zoek\.officielebekendmakingen\.nl\/ah-tk-20232024-2129\.xml>/);
      expect(ttl).not.toMatch(/prov:wasDerivedFrom <https:\/\/zoek\.officielebekendmakingen\.nl\/ah-tk-20232024-2129\.pdf>/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 30000);
});

import { readFileSync, readdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../src/errors.js';
import { evaluate } from '../src/eval/gold.js';
import { readDocument, parseText } from '../src/read.js';
import { lineBreakHyphen } from '../src/ingest/fold.js';
import { toJsonView } from '../src/ingest/json-view.js';
import { hasShared, seedFile, sharedCorpus, sharedGold } from './helpers.js';

const seed = await readDocument(seedFile);
const source = readFileSync(seedFile, 'utf8');
const answered = seed.blocks.filter((b) => b.answer !== null);
const byAnswer = (n: number) => seed.blocks.find((b) => b.answer?.numbers.includes(n))!;

describe('seed kst-26150-187: structure', () => {
  it('has the official id and metadata from the page footer', () => {
    expect(seed.id).toBe('kst-26150-187');
    expect(seed.genre).toBe('verslag-schriftelijk-overleg');
    expect([seed.dossier, seed.ondernummer, seed.vergaderjaar]).toEqual(['26150', '187', '2020-2021']);
  });

  it('has 117 answered blocks numbered 1–117 in order, and one unanswered VVD remark', () => {
    expect(answered.map((b) => b.answer!.numbers[0])).toEqual(Array.from({ length: 117 }, (_, i) => i + 1));
    const remarks = seed.blocks.filter((b) => b.answer === null);
    expect(remarks).toHaveLength(1);
    expect(remarks[0]?.faction).toBe('VVD');
    expect(remarks[0]?.questionText).toContain('CAVV');
    expect(remarks[0]?.questionText).toContain('ILC');
    expect(remarks[0]?.index).toBe(15);
  });

  it('attributes the answers per faction as the gold does', () => {
    const counts: Record<string, number> = {};
    for (const b of answered) counts[b.faction!] = (counts[b.faction!] ?? 0) + 1;
    expect(counts).toEqual({ VVD: 15, CDA: 9, D66: 18, GroenLinks: 16, SP: 13, PvdA: 26, PvdD: 11, SGP: 9 });
    expect(seed.factions).toEqual(['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP']);
  });

  it('reads the heading variants ("63. Antwoord op vragen van het kabinet:", "Inbreng leden van de Partij voor de Dieren-fractie")', () => {
    expect(byAnswer(63).answer!.heading).toBe('63. Antwoord op vragen van het kabinet:');
    expect(byAnswer(98).faction).toBe('PvdD');
    expect(seed.askers.find((a) => a.faction === 'PvdD')?.name).toBe('Partij voor de Dieren-fractie');
  });

  it('keeps topic sub-headings', () => {
    expect(byAnswer(20).topic).toBe('Taiwan');
    expect(byAnswer(16).topic).toBe('Chinese invloed in de Verenigde Naties');
    expect(byAnswer(1).topic).toBeNull();
  });

  it('splits answer and next question where the factions speak again', () => {
    expect(byAnswer(1).answer!.text.endsWith('aan de orde te stellen.')).toBe(true);
    expect(byAnswer(2).questionText.startsWith('De leden van de VVD-fractie vinden het goed')).toBe(true);
    expect(byAnswer(35).questionText.startsWith('Voor de eerste categorie is het pertinent')).toBe(true);
    expect(byAnswer(26).answer!.text).toBe(byAnswer(26).answer!.text.trim());
  });

  it('finds cross-references to other answers', () => {
    expect(byAnswer(22).crossReferences.map((x) => [x.numbers, x.text])).toEqual([[[21], 'Zie antwoord op vraag 21']]);
    expect(byAnswer(18).crossReferences[0]?.text).toBe('zie ook beantwoording vraag 51');
    expect(byAnswer(71).crossReferences[0]?.text).toBe('Zie tevens het antwoord op vraag 21');
  });

  it('lists the individual questions of a block', () => {
    expect(byAnswer(3).questions).toEqual(['Hoe worden lopende hervormingen geëvalueerd en welke consequenties zullen aan deze evaluatie worden verbonden?']);
    expect(byAnswer(1).questions).toContain('Zij vragen of het kabinet deze boodschap wil overbrengen.');
  });
});

describe('seed kst-26150-187: text hygiene', () => {
  const allText = seed.blocks.map((b) => `${b.questionText}\n${b.answer?.text ?? ''}`).join('\n');

  it('joins words hyphenated across lines and keeps real hyphens', () => {
    expect(byAnswer(1).answer!.text).toContain('functioneren van het multilateralisme');
    expect(byAnswer(1).questionText).toContain('volkenrechtelijke vraagstukken (CAVV)');
    expect(allText).toContain('COVID-respons');
    expect(allText).toContain('VN-Veiligheidsraad');
    expect(allText).not.toMatch(/\bCOVID- respons|VN- Veiligheidsraad|vraag-stukken/);
    expect(allText).toContain('vrede- en veiligheidsarchitectuur');
  });

  it('keeps hyphens inside URLs', () => {
    expect(seed.footnotes[7]?.text).toMatch(/joint-statement-of-the-alliance-for-multilateralism$/);
    expect(seed.footnotes[3]?.text).toBe('https://www.bmel.de/EN/topics/forests/forests-around-the-globe/open-letter-amsterdam-partnership.html');
  });

  it('removes running page footers and footnote bodies from the running text', () => {
    expect(allText).not.toContain('Tweede Kamer, vergaderjaar');
    expect(allText).not.toContain('Deze term wordt in de omgang enkel gebruikt');
    expect(allText).not.toContain('https://multilateralism.org');
  });

  it('collects 20 footnotes and attaches each to the block and side of its marker', () => {
    expect(seed.footnotes.map((f) => f.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seed.footnotes.every((f) => f.block !== null)).toBe(true);
    const at = (n: number) => {
      const f = seed.footnotes[n - 1];
      return [seed.blocks[f?.block ?? -1]?.answer?.numbers[0], f?.in];
    };
    expect(at(1)).toEqual([8, 'answer']); // "massavernietigingswapens1."
    expect(at(6)).toEqual([60, 'answer']); // "3 april jl.)6"
    expect(at(9)).toEqual([73, 'answer']); // "17 juni 20199"
    expect(at(17)).toEqual([109, 'answer']); // "COVID-1917."
    expect(at(18)).toEqual([110, 'question']);
    expect(at(20)).toEqual([115, 'question']);
  });

  it('drops glued markers from the text: "20199" reads 2019, "problemen.7" reads problemen.', () => {
    expect(byAnswer(73).answer!.text).toContain('17 juni 2019');
    expect(byAnswer(73).answer!.text).not.toContain('20199');
    expect(byAnswer(109).answer!.text).toContain('respons op COVID-19. Het gezamenlijke beeld');
  });

  it('records pages from the footers', () => {
    expect(seed.footnotes[0]?.span.page).toBe(6);
    expect(byAnswer(100).answer!.span.page).toBe(56);
    expect(seed.pages).toBeGreaterThanOrEqual(60);
  });

  it('keeps source spans that point at the original text', () => {
    const a = byAnswer(8).answer!;
    expect(source.slice(a.span.start, a.span.end).startsWith('8. Antwoord van het kabinet:')).toBe(true);
    for (const b of seed.blocks) {
      for (const c of b.citations.filter((x) => x.footnote === undefined)) {
        expect(source.slice(c.span.start, c.span.end).replace(/\s+/g, ' ')).toBe(c.text);
      }
    }
    const f = seed.footnotes[17];
    expect(source.slice(f?.markerSpan!.start, f?.markerSpan!.end)).toBe('18');
  });

  it('places the 21 citations of the gold on their block and side', () => {
    const cites = seed.blocks.flatMap((b) => b.citations.map((c) => `${c.id}@${b.answer?.numbers[0]}/${c.in}`));
    expect(cites).toHaveLength(22); // 21 citations, one of them of two papers
    expect(cites).toContain('kst-33694-43@8/question');
    expect(cites).toContain('kst-30196-708@42/answer');
    expect(cites).toContain('kst-31793-708@42/answer');
    expect(cites).toContain('kst-34775-44@110/question'); // printed in footnote 18
    expect(cites).not.toContain('kst-26150-187@6/answer'); // the document's own footer
  });
});

describe('hyphens at line breaks', () => {
  it.each([
    ['vraag-', 'stukken', 'join'],
    ['COVID-', 'respons', 'keep'],
    ['VN-', 'Veiligheidsraad', 'keep'],
    ['https://www.government.nl/documents/2020/04/17/joint-statement-of-', 'the-alliance-for-multilateralism', 'keep'],
    ['https://example.org/a-', 'b', 'keep'],
    ['politie-', 'inzet', 'keep'],
    ['kernpri-', 'oriteiten', 'join'],
    ['begrotings-', 'en', 'suspended'],
    ['niet-', 'bindend', 'keep'],
  ] as const)('%s|%s → %s', (left, right, expected) => {
    expect(lineBreakHyphen(left, right)).toBe(expected);
  });
});

describe('bad input is refused with the file named', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kld-bad-'));
  const write = (name: string, content: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  it.each([
    ['empty.txt', '', /empty\.txt: the file is empty/],
    ['blank.txt', '  \n\n', /blank\.txt: the file holds only white space/],
    ['binary.txt', Buffer.from([0x50, 0x00, 0x01]), /binary\.txt @1: binary content/],
    ['paper.pdf', '%PDF-1.7\n...', /paper\.pdf: not a readable PDF/],
    // Not UTF-8: read as Windows-1252 (latin-1), so the refusal quotes the decoded "café".
    ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /latin1\.txt:1: not a written-consultation paper .*"café"/],
    ['recipe.txt', 'Pannenkoeken\n\nMeng de bloem met de melk.\n', /recipe\.txt:1: not a written-consultation paper/],
  ])('%s', async (name, content, message) => {
    const file = write(name, content);
    await expect(readDocument(file)).rejects.toThrow(IngestError);
    await expect(readDocument(file)).rejects.toThrow(message);
  });
  it('a missing file', async () => {
    await expect(readDocument(join(dir, 'nope.txt'))).rejects.toThrow(/nope\.txt: cannot read the file \(ENOENT\)/);
  });
  it('parseText names the given file', () => {
    expect(() => parseText('memo.txt', 'Geachte voorzitter,\n')).toThrow(/^memo\.txt:1: /);
  });
});

describe.skipIf(!hasShared)('reference corpus against the gold files', () => {
  const files = hasShared
    ? readdirSync(sharedCorpus)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  it('holds the nine documents', () => {
    expect(files).toHaveLength(9);
  });
  it.each(files)('%s matches its gold file in every check', async (file) => {
    const doc = await readDocument(join(sharedCorpus, file));
    const gold = JSON.parse(readFileSync(join(sharedGold, file.replace('.txt', '.json')), 'utf8'));
    const result = evaluate(doc, gold);
    const failed = result.checks.filter((c) => !c.ok).map((c) => `${c.name}: expected ${c.expected}; got ${c.actual}`);
    expect(failed).toEqual([]);
    expect(result.checks.length).toBeGreaterThanOrEqual(3);
    expect(doc.id).toBe(file.replace('.txt', ''));
  });
  it('reads the Kamervragen header: askers, ministers, dates', async () => {
    const doc = await readDocument(join(sharedCorpus, 'ah-tk-20232024-2129.txt'));
    expect(doc.genre).toBe('kamervragen');
    expect(doc.askers).toEqual([
      { name: 'Ceder', faction: 'ChristenUnie' },
      { name: 'Dobbe', faction: 'SP' },
    ]);
    expect(doc.addressees).toEqual(['Minister van Buitenlandse Zaken', 'Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking']);
    expect([doc.submitted, doc.received]).toEqual(['2024-06-05', '2024-06-28']);
    expect(doc.title).toBe('ontwikkelingen in Jemen');
  });
  it('reads merged "Vraag 10 en 11" as one block and sentences across page breaks as one', async () => {
    const doc = await readDocument(join(sharedCorpus, 'ah-tk-20232024-1786.txt'));
    const merged = doc.blocks.find((b) => b.numbers.length === 2)!;
    expect(merged.numbers).toEqual([10, 11]);
    expect(merged.answer!.numbers).toEqual([10, 11]);
    expect(doc.blocks[1]?.answer!.text).toContain('voldoen aan internationale standaarden voor maatschappelijk verantwoord ondernemen (mvo). Sinds');
    const all = doc.blocks.map((b) => `${b.questionText} ${b.answer?.text ?? ''}`).join(' ');
    expect(all).not.toMatch(/ISSN|’s-Gravenhage 2024|Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel/);
  });
  it('reads a Mededeling with no answers', async () => {
    const doc = await readDocument(join(sharedCorpus, 'ah-tk-20232024-1999.txt'));
    expect(doc.blocks.every((b) => b.answer === null)).toBe(true);
    expect(doc.notice?.text).toMatch(/^De schriftelijke vragen van de leden Sneller/);
    expect(doc.notice?.citations.map((c) => c.id)).toEqual(['kst-36471-64']);
  });
  it('reads the nota: faction passages followed by the reply', async () => {
    const doc = await readDocument(join(sharedCorpus, 'kst-36450-6.txt'));
    expect(doc.genre).toBe('nota-naar-aanleiding-van-verslag');
    expect([doc.dossier, doc.ondernummer]).toEqual(['36450', '6']);
    expect(doc.answeredBy).toEqual(['Minister van Economische Zaken en Klimaat (M.A.M. Adriaansens)']);
    const withAnswer = doc.blocks.filter((b) => b.answer !== null);
    expect(withAnswer.every((b) => b.faction !== null)).toBe(true);
    // Questions numbered in the margin ("4", "5, 6 en 7", "Vraag 36"), replies headed "Antwoord".
    const numbers = doc.blocks.flatMap((b) => b.numbers);
    expect(numbers).toEqual(Array.from({ length: 89 }, (_, i) => i + 1).filter((n) => n !== 77)); // 77 is not printed in the extract
    const b567 = doc.blocks.find((b) => b.numbers[0] === 5)!;
    expect(b567.numbers).toEqual([5, 6, 7]);
    expect(b567.faction).toBe('VVD');
    expect(b567.topic).toBe('Voorgeschiedenis en probleembeschrijving');
    expect(b567.answer!.text.startsWith('Er is meer aandacht gekomen voor regeldruk')).toBe(true);
    const b10 = doc.blocks.find((b) => b.numbers[0] === 10)!;
    expect(b10.questionText.startsWith('Kan de regering concrete voorbeelden noemen')).toBe(true);
    expect(b10.faction).toBe('VVD');
    expect(doc.blocks.filter((b) => b.numbers.length > 0 && b.answer !== null)).toHaveLength(84);
    // Reply 44 is printed without its "Antwoord" heading: it stays with the question rather than being guessed.
    expect(doc.blocks.filter((b) => b.numbers.length > 0 && b.answer === null).map((b) => b.numbers)).toEqual([[44]]);
  });
});

describe('JSON view', () => {
  it('follows the documented contract', async () => {
    const view = toJsonView(seed);
    expect(Object.keys(view)).toEqual(expect.arrayContaining(['id', 'genre', 'dossier', 'ondernummer', 'vergaderjaar', 'askers', 'blocks', 'footnotes']));
    const b = view.blocks[7];
    expect(b?.numbers).toEqual([8]);
    expect(b?.answer?.numbers).toEqual([8]);
    expect(b?.citations.map((c) => [c.id, c.in])).toEqual([
      ['kst-33694-43', 'question'],
      ['kst-33694-45', 'answer'],
    ]);
    expect(view.footnotes[0]).toMatchObject({ number: 1, block: 7 });
    expect(JSON.stringify(toJsonView(await readDocument(seedFile)))).toBe(JSON.stringify(view));
  });
});

describe('motions cited in a footnote', () => {
  it('types the footnote citation as the motion named where the marker stands', () => {
    const c = byAnswer(110).citations.find((x) => x.id === 'kst-34775-44')!;
    expect(c.footnote).toBe(18);
    expect(c.motion).toEqual({ submitters: ['Van der Staaij'] });
    expect(byAnswer(8).citations[0]?.motion).toEqual({ submitters: ['Koopmans'] });
  });
});

describe('the same paper in pdftotext style', async () => {
  const { toPdftotextStyle } = await import('./fixtures/pdftotext-style.js');
  const relaid = toPdftotextStyle(source, 'Tweede Kamer, vergaderjaar 2020–2021, 26 150, nr. 187');
  const doc = parseText('kst-26150-187.txt', relaid);

  it('is laid out differently: no blank lines between paragraphs, page numbers on lines of their own', () => {
    expect(relaid).not.toMatch(/\n\n1\. Antwoord/);
    expect(relaid).toMatch(/\nTweede Kamer, vergaderjaar 2020–2021, 26 150, nr\. 187\n\n6\n/);
  });

  it('gives the same answers, factions, footnotes and citations', () => {
    expect(doc.id).toBe('kst-26150-187');
    const answers = (d: typeof seed) => d.blocks.filter((b) => b.answer).map((b) => `${b.answer!.numbers.join('+')}:${b.faction}`);
    expect(answers(doc)).toEqual(answers(seed));
    expect(doc.footnotes.map((f) => [f.number, f.block === null ? null : doc.blocks[f.block]?.answer?.numbers[0]])).toEqual(
      seed.footnotes.map((f) => [f.number, f.block === null ? null : seed.blocks[f.block]?.answer?.numbers[0]]),
    );
    const cites = (d: typeof seed) => d.blocks.flatMap((b) => b.citations.map((c) => `${c.id}@${b.answer?.numbers[0]}/${c.in}`)).sort();
    expect(cites(doc)).toEqual(cites(seed));
    expect(doc.blocks.filter((b) => b.answer === null)).toHaveLength(1);
  });
});

/**
 * Domain-shaped synthetic corpora for the benchmark and the server tests:
 * papers of question blocks (one faction each), questions, answers with Dutch
 * text, citations of other papers, one named graph per paper. Deterministic:
 * the same (papers, seed) gives the same N-Quads.
 *
 * The predicates follow the project's kld: vocabulary as far as it is fixed;
 * the shape (≈1,500 triples per paper, 8 factions, ~1 citation per 3 blocks)
 * follows the seed kst-26150-187.
 */
import { IriMinter, DEFAULT_BASE } from '../src/rdf/iris.js';
import { rdf, rdfs, dcterms, xsd, oa, prov } from '../src/rdf/vocab.js';

export const FACTIONS = ['VVD', 'CDA', 'D66', 'GroenLinks', 'SP', 'PvdA', 'PvdD', 'SGP'] as const;

/** Words the answer texts are drawn from; RARE_WORD occurs in about 1 answer in 50. */
const WORDS = (
  'het kabinet de regering deelt de mening dat internationale samenwerking van groot belang is voor ' +
  'vrede veiligheid en ontwikkeling Nederland zet zich in de Verenigde Naties voor multilateralisme ' +
  'mensenrechten klimaat ontwapening non-proliferatie rechtsstaat hervorming begroting bijdrage ' +
  'Veiligheidsraad resolutie verdrag Algemene Vergadering organisatie lidstaten dialoog partners'
).split(' ');
export const RARE_WORD = 'Taiwan';

/** A small deterministic PRNG (mulberry32): corpora must not change between runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random element of a non-empty list. */
function pick<T>(xs: readonly T[], rand: () => number): T {
  const x = xs[Math.floor(rand() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}

function nt(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface CorpusOptions {
  papers: number;
  base?: string;
  /** Question blocks per paper (default 80, about 1,500 triples a paper). */
  blocks?: number;
  seed?: number;
  /** Index of the first paper (to make disjoint corpora for federation tests). */
  first?: number;
}

/** Official id of the i-th synthetic paper (0-based): kst-90000-1, kst-90000-2, … */
export function paperId(i: number): string {
  return `kst-${90000 + Math.floor(i / 1000)}-${(i % 1000) + 1}`;
}

/** Cited papers are drawn from a pool of this size, so GROUP BY has real groups. */
export function citedPaperId(k: number): string {
  return `kst-${33000 + (k % 97)}-${k + 1}`;
}

/** Generate N-Quads lines for the corpus, one paper at a time (bounded memory). */
export function* generateCorpus(options: CorpusOptions): Generator<string> {
  const iri = new IriMinter(options.base ?? DEFAULT_BASE);
  const blocks = options.blocks ?? 80;
  const rand = prng(options.seed ?? 42);
  // Not iri.term(): this synthetic corpus still uses names the ontology does not declare (faction, inBlock, text, sourceSpan, inText).
  const k = (local: string) => `<${iri.termNamed(local).value}>`;
  const u = (node: { value: string }) => `<${node.value}>`;
  const A = `<${rdf('type').value}>`;
  const label = `<${rdfs('label').value}>`;
  const int = (n: number) => `"${n}"^^<${xsd('integer').value}>`;
  const citedPool = 40 * Math.max(1, Math.ceil(options.papers / 10));

  const first = options.first ?? 0;
  for (let i = first; i < first + options.papers; i++) {
    const id = paperId(i);
    const g = u(iri.graph(id));
    const doc = u(iri.document(id));
    const lines: string[] = [];
    const t = (s: string, p: string, o: string) => lines.push(`${s} ${p} ${o} ${g} .`);
    const [, dossier = id] = id.split('-');
    t(doc, A, k('Document'));
    t(doc, k('genre'), `"verslag-schriftelijk-overleg"`);
    t(doc, u(dcterms('identifier')), `"${id}"`);
    t(doc, u(dcterms('title')), `"Verslag van een schriftelijk overleg ${i + 1}"@nl`);
    t(doc, k('dossier'), u(iri.dossier(dossier)));
    t(doc, u(prov('wasDerivedFrom')), u(iri.source(id)));
    t(u(iri.dossier(dossier)), A, k('Dossier'));
    let citation = 0;
    let offset = 0;
    for (let b = 0; b < blocks; b++) {
      const faction = pick(FACTIONS, rand);
      const block = u(iri.block(id, b));
      const q = u(iri.question(id, b + 1));
      const ans = u(iri.answer(id, [b + 1], b));
      t(block, A, k('QuestionBlock'));
      t(block, u(dcterms('isPartOf')), doc);
      t(block, k('faction'), u(iri.faction(faction)));
      t(block, k('position'), int(b + 1));
      const words = (n: number) => {
        const out: string[] = [];
        for (let w = 0; w < n; w++) out.push(pick(WORDS, rand));
        if (rand() < 0.02) out.splice(Math.floor(n / 2), 0, RARE_WORD);
        return out.join(' ');
      };
      const qText = `De leden van de ${faction}-fractie vragen ${words(18)}?`;
      t(q, A, k('Question'));
      t(q, k('inBlock'), block);
      t(q, k('number'), int(b + 1));
      t(q, k('askedBy'), u(iri.faction(faction)));
      t(q, k('text'), `"${nt(qText)}"@nl`);
      const aText = `${words(40)}.`;
      const sel = u(iri.selector(iri.answer(id, [b + 1], b)));
      t(ans, A, k('Answer'));
      t(ans, k('answers'), q);
      t(ans, k('number'), int(b + 1));
      t(ans, k('text'), `"${nt(aText)}"@nl`);
      t(ans, k('sourceSpan'), sel);
      t(sel, A, u(oa('TextPositionSelector')));
      t(sel, u(oa('start')), int(offset));
      t(sel, u(oa('end')), int(offset + aText.length));
      offset += qText.length + aText.length + 40;
      if (rand() < 0.34) {
        citation++;
        const pool = Math.floor(rand() * rand() * citedPool); // skewed: some papers cited often
        const cited = citedPaperId(pool);
        const c = u(iri.citation(id, cited, offset + citation));
        t(c, A, k('Citation'));
        t(c, k('inText'), rand() < 0.5 ? q : ans);
        t(c, k('cites'), u(iri.document(cited)));
        t(c, label, `"Kamerstuk ${cited.split('-')[1]}, nr. ${cited.split('-')[2]}"`);
        t(u(iri.document(cited)), A, k('Kamerstuk'));
      }
    }
    for (const f of FACTIONS) {
      t(u(iri.faction(f)), A, k('Faction'));
      t(u(iri.faction(f)), label, `"${f}"`);
    }
    yield lines.join('\n') + '\n';
  }
}

/** The whole corpus as one string: for small test fixtures only. */
export function corpusString(options: CorpusOptions): string {
  let s = '';
  for (const chunk of generateCorpus(options)) s += chunk;
  return s;
}

/** Papers needed for about `triples` triples (≈ 18.6 triples per block plus 30 per paper). */
export function papersFor(triples: number, blocks = 80): number {
  return Math.max(1, Math.round(triples / (blocks * 18.6 + 30)));
}

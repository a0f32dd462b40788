/**
 * The document model → RDF/JS quads, one named graph per document.
 *
 * Everything gets an IRI from the IriMinter (no blank nodes), and the quads come
 * out in a fixed order with duplicates removed, so the same DocumentModel always
 * gives the same quads. The vocabulary is the kld ontology
 * (ontology/kamerstukken.ttl, documented in docs/ontology.md).
 */
import type { Literal, NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type {
  Asker,
  Block,
  CitationKind,
  CrossReference,
  DocumentModel,
  Footnote,
  Genre,
  Mention,
  MentionKind,
  Notice,
  PlacedCitation,
  Span,
} from '../model.js';
import { officialDossierUrl, officialUrl, slug, type IriMinter } from './iris.js';
import { dcterms, foaf, oa, org, prov, rdf, rdfs, skos, xsd } from './vocab.js';

const { quad, literal, namedNode } = DataFactory;

/** The ontology individual (kld:…) for each genre of the model. */
export const GENRE_TERMS: Record<Genre, string> = {
  'verslag-schriftelijk-overleg': 'VerslagSchriftelijkOverleg',
  kamervragen: 'Kamervragen',
  'nota-naar-aanleiding-van-verslag': 'NotaNaarAanleidingVanVerslag',
  'lijst-van-vragen-en-antwoorden': 'LijstVanVragenEnAntwoorden',
  'inbreng-schriftelijk-overleg': 'InbrengSchriftelijkOverleg',
};

/** The class (kld:…) of a cited paper by the kind of its id. */
export const CITED_CLASS: Record<CitationKind, string> = {
  kamerstuk: 'Kamerstuk',
  handelingen: 'Handelingen',
  aanhangsel: 'AanhangselPaper',
  'tk-document': 'TkDocumentNumber',
  'tk-zaak': 'TkZaakNumber',
};

/** Gazetteer scheme (IRI path segment) and class of mentioned concepts. */
const MENTION_SCHEME: Record<Exclude<MentionKind, 'faction' | 'person'>, string> = {
  treaty: 'verdrag',
  organisation: 'organisatie',
  ministry: 'ministerie',
};
const MENTION_CLASS: Record<MentionKind, string> = {
  treaty: 'Treaty',
  organisation: 'Organisation',
  ministry: 'Ministry',
  faction: 'Faction',
  person: 'Person',
};

/** Papers with a page on officielebekendmakingen (TK numbers have none). */
const OFFICIAL_KINDS: ReadonlySet<CitationKind> = new Set(['kamerstuk', 'handelingen', 'aanhangsel']);

/** Collects quads in one graph, in order, without duplicates. */
class GraphWriter {
  private readonly seen = new Set<string>();
  readonly quads: Quad[] = [];
  constructor(private readonly graph: NamedNode) {}

  add(s: NamedNode, p: NamedNode, o: Quad_Object): void {
    const key = `${s.value}\u0000${p.value}\u0000${termKey(o)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push(quad(s, p, o, this.graph));
  }
}

function termKey(t: Quad_Object): string {
  if (t.termType !== 'Literal') return `${t.termType}:${t.value}`;
  return `L:${t.value}@${t.language}^${t.datatype.value}`;
}

const nl = (text: string): Literal => literal(text, 'nl');
const int = (n: number): Literal => literal(String(n), xsd('integer'));
const nonNegative = (n: number): Literal => literal(String(n), xsd('nonNegativeInteger'));
const str = (text: string): Literal => literal(text);
const date = (iso: string): Literal => literal(iso, xsd('date'));

/** "Minister Bruins Slot" → "Bruins Slot"; "Minister van Buitenlandse Zaken (M.A.M. Adriaansens)" → "M.A.M. Adriaansens"; offices alone → null. */
export function namedAnswerer(printed: string): string | null {
  const role = /^(?:de\s+|het\s+)?(?:minister(?:-president)?|staatssecretaris)\s+(.+)$/i.exec(printed.trim());
  // Offices continue in lower case ("Minister van …", "voor …"); names start with a capital ("Van Huffelen").
  if (role && !/^(?:van|voor|zonder|en)\b/.test(role[1]) && !/[()]/.test(role[1])) return role[1].trim();
  const inParens = /\(([^()]+)\)\s*$/.exec(printed);
  if (inParens && !/minister|staatssecretaris|kabinet/i.test(inParens[1]) && /\p{Lu}/u.test(inParens[1])) {
    return inParens[1].trim();
  }
  return null;
}

/** Is this asker the faction itself ("VVD-fractie", "VVD") rather than a named member? */
function askerIsFaction(asker: Asker): boolean {
  if (asker.faction === null) return false;
  return /fractie$/i.test(asker.name.trim()) || slug(asker.name) === slug(asker.faction);
}

/**
 * All quads of one document, in graph minter.graph(doc.id).
 *
 * @example
 * const quads = documentToQuads(await readDocument('corpus/kst-26150-187.txt'), new IriMinter());
 */
export function documentToQuads(doc: DocumentModel, minter: IriMinter): Quad[] {
  const g = new GraphWriter(minter.graph(doc.id));
  const kld = (local: string): NamedNode => minter.term(local);
  const a = rdf('type');
  const id = doc.id;
  const D = minter.document(id);
  const sourceFile = minter.source(id);

  const faction = (abbreviation: string): NamedNode => {
    const F = minter.faction(abbreviation);
    g.add(F, a, kld('Faction'));
    g.add(F, skos('notation'), str(abbreviation));
    return F;
  };

  const person = (name: string, cls: 'Person' | 'Minister'): NamedNode => {
    const P = minter.person(name);
    g.add(P, a, kld(cls));
    g.add(P, foaf('name'), str(name));
    return P;
  };

  const span = (thing: NamedNode, s: Span): void => {
    const S = minter.selector(thing);
    g.add(thing, oa('hasSource'), sourceFile);
    g.add(thing, oa('hasSelector'), S);
    selector(S, s);
  };

  const selector = (S: NamedNode, s: Span): void => {
    g.add(S, a, oa('TextPositionSelector'));
    g.add(S, oa('start'), nonNegative(s.start));
    g.add(S, oa('end'), nonNegative(s.end));
    if (s.page !== undefined) g.add(S, kld('page'), int(s.page));
  };

  // --- The document ---
  g.add(D, a, kld('Document'));
  g.add(D, dcterms('identifier'), str(id));
  g.add(D, kld('genre'), kld(GENRE_TERMS[doc.genre]));
  g.add(D, kld('officialPublication'), namedNode(officialUrl(id)));
  if (doc.dossier !== null) g.add(D, kld('dossier'), dossier(doc.dossier));
  if (doc.ondernummer !== null) g.add(D, kld('ondernummer'), str(doc.ondernummer));
  if (doc.vergaderjaar !== null) g.add(D, kld('vergaderjaar'), str(doc.vergaderjaar));
  if (doc.title !== null) g.add(D, dcterms('title'), nl(doc.title));
  if (doc.submitted !== null) g.add(D, dcterms('dateSubmitted'), date(doc.submitted));
  if (doc.received !== null) g.add(D, kld('dateReceived'), date(doc.received));
  if (doc.pages !== null) g.add(D, kld('pageCount'), int(doc.pages));
  for (const f of doc.factions) g.add(D, kld('askedBy'), faction(f));
  for (const asker of doc.askers) {
    if (askerIsFaction(asker)) {
      g.add(D, kld('askedBy'), faction(asker.faction as string));
      continue;
    }
    const P = person(asker.name, 'Person');
    g.add(D, kld('askedBy'), P);
    if (asker.faction !== null) {
      const F = faction(asker.faction);
      g.add(P, org('memberOf'), F);
      g.add(D, kld('askedBy'), F);
    }
  }
  for (const addressee of doc.addressees) g.add(D, kld('addressedTo'), nl(addressee));
  for (const answerer of doc.answeredBy) {
    g.add(D, kld('answeredByText'), nl(answerer));
    const name = namedAnswerer(answerer);
    if (name !== null) g.add(D, kld('answeredBy'), person(name, 'Minister'));
  }

  function dossier(number: string): NamedNode {
    const Dos = minter.dossier(number);
    g.add(Dos, a, kld('Dossier'));
    g.add(Dos, dcterms('identifier'), str(number));
    g.add(Dos, kld('officialPublication'), namedNode(officialDossierUrl(number)));
    return Dos;
  }

  // --- Provenance: the document was derived from its source file by an extraction (no timestamps: reproducible) ---
  const src = doc.source;
  g.add(D, prov('wasDerivedFrom'), sourceFile);
  g.add(sourceFile, a, kld('SourceFile'));
  g.add(sourceFile, kld('fileName'), str(src.file));
  g.add(sourceFile, kld('sha256'), str(src.sha256));
  g.add(sourceFile, kld('characterCount'), int(src.length));
  g.add(sourceFile, kld('sourceFormat'), str(src.format));
  g.add(sourceFile, prov('wasDerivedFrom'), namedNode(officialUrl(id, src.format === 'xml' ? '.xml' : '.pdf')));
  const extraction = minter.extraction(id);
  const software = minter.software();
  g.add(D, prov('wasGeneratedBy'), extraction);
  g.add(extraction, a, prov('Activity'));
  g.add(extraction, prov('used'), sourceFile);
  g.add(extraction, prov('wasAssociatedWith'), software);
  g.add(software, a, prov('SoftwareAgent'));
  g.add(software, rdfs('label'), str('kamerstukken-ld'));

  // --- Blocks, questions, answers ---
  const answerByNumber = new Map<number, NamedNode>();
  for (const block of doc.blocks) {
    if (block.answer === null) continue;
    const A = minter.answer(id, block.answer.numbers, block.index);
    for (const n of block.answer.numbers) if (!answerByNumber.has(n)) answerByNumber.set(n, A);
  }

  let citationNo = 0;
  let mentionNo = 0;
  let crossRefNo = 0;
  const holders = new Map<number, { question: NamedNode; answer: NamedNode | null }>();

  for (const block of doc.blocks) {
    const B = minter.block(id, block.index);
    const F = block.faction !== null ? faction(block.faction) : null;
    g.add(B, a, kld('QuestionBlock'));
    // Labels for people (HTML pages, query UIs); the numbers stay in kld:number.
    g.add(
      B,
      rdfs('label'),
      nl(`${id}, blok ${block.index + 1}${block.numbers.length > 0 ? `, vraag ${block.numbers.join(' en ')}` : ''}${block.faction !== null ? ` (${block.faction})` : ''}`),
    );
    g.add(B, kld('partOf'), D);
    g.add(B, kld('position'), int(block.index + 1));
    for (const n of block.numbers) g.add(B, kld('number'), int(n));
    if (F !== null) g.add(B, kld('askedBy'), F);
    if (block.topic !== null) {
      const T = minter.topic(id, block.topic);
      g.add(T, a, kld('Topic'));
      g.add(T, skos('prefLabel'), nl(block.topic));
      g.add(B, kld('topic'), T);
    }
    g.add(B, kld('questionText'), nl(block.questionText));
    span(B, block.span);
    const QS = minter.questionSelector(B);
    g.add(B, kld('questionSelector'), QS);
    selector(QS, block.questionSpan);

    const questions = questionNodes(block);
    for (const [k, text] of block.questions.entries()) {
      const Q = questions[k];
      g.add(B, kld('hasQuestion'), Q);
      g.add(Q, a, kld('Question'));
      g.add(Q, rdfs('label'), nl(questions.numbered ? `${id}, vraag ${block.numbers[k]}` : `${id}, blok ${block.index + 1}, vraag ${k + 1}`));
      g.add(Q, kld('partOf'), D);
      if (questions.numbered) g.add(Q, kld('number'), int(block.numbers[k]));
      if (F !== null) g.add(Q, kld('askedBy'), F);
      g.add(Q, kld('questionText'), nl(text));
    }

    let A: NamedNode | null = null;
    if (block.answer !== null) {
      const answer = block.answer;
      A = minter.answer(id, answer.numbers, block.index);
      g.add(A, a, kld('Answer'));
      g.add(A, rdfs('label'), nl(answer.numbers.length > 0 ? `${id}, antwoord ${answer.numbers.join(' en ')}` : `${id}, antwoord op blok ${block.index + 1}`));
      g.add(A, kld('partOf'), D);
      for (const n of answer.numbers) g.add(A, kld('number'), int(n));
      g.add(A, kld('heading'), nl(answer.heading));
      g.add(A, kld('answerText'), nl(answer.text));
      g.add(A, kld('answers'), B);
      g.add(B, kld('hasAnswer'), A);
      for (const Q of questions) {
        g.add(A, kld('answers'), Q);
        g.add(Q, kld('hasAnswer'), A);
      }
      span(A, answer.span);
    }
    holders.set(block.index, { question: B, answer: A });
    const holder = (side: 'question' | 'answer'): NamedNode => (side === 'answer' && A !== null ? A : B);

    for (const c of block.citations) citation(c, holder(c.in), ++citationNo);
    for (const m of block.mentions) mention(m, holder(m.in), ++mentionNo);
    for (const r of block.crossReferences) crossReference(r, holder(r.in), ++crossRefNo);
  }

  /** Numbered questions (vraag/8) when each question has its own printed number; otherwise blok/3/vraag/k. */
  function questionNodes(block: Block): NamedNode[] & { numbered: boolean } {
    const numbered = block.numbers.length > 0 && block.numbers.length === block.questions.length;
    const nodes = block.questions.map((_, k) =>
      numbered ? minter.question(id, block.numbers[k]) : minter.blockQuestion(id, block.index, k + 1),
    );
    return Object.assign(nodes, { numbered });
  }

  function citation(c: PlacedCitation, holder: NamedNode, k: number): void {
    const C = minter.citation(id, k);
    const P = minter.document(c.id);
    g.add(C, a, kld('Citation'));
    g.add(C, kld('partOf'), D);
    g.add(C, kld('citedPaper'), P);
    g.add(C, kld('side'), str(c.in));
    g.add(C, kld('printedText'), nl(c.text));
    g.add(C, kld('citationIn'), holder);
    if (c.footnote !== undefined) g.add(C, kld('inFootnote'), minter.footnote(id, c.footnote));
    span(C, c.span);
    g.add(holder, kld('citation'), C);
    g.add(holder, kld('cites'), P);
    g.add(D, kld('cites'), P);

    g.add(P, a, kld('CitedPaper'));
    g.add(P, a, kld(CITED_CLASS[c.kind]));
    g.add(P, dcterms('identifier'), str(c.id));
    if (OFFICIAL_KINDS.has(c.kind)) g.add(P, kld('officialPublication'), namedNode(officialUrl(c.id)));
    if (c.dossier !== undefined) g.add(P, kld('dossier'), dossier(c.dossier));
    if (c.motion !== undefined) {
      g.add(P, a, kld('Motion'));
      for (const name of c.motion.submitters) g.add(P, kld('submitter'), person(name, 'Person'));
    }
  }

  function concept(m: Mention): NamedNode {
    switch (m.kind) {
      case 'faction':
        return minter.faction(m.id);
      case 'person':
        return minter.person(m.id);
      default:
        return minter.concept(MENTION_SCHEME[m.kind], m.id);
    }
  }

  function mention(m: Mention, holder: NamedNode, k: number): void {
    const M = minter.mention(id, k);
    const K = concept(m);
    g.add(M, a, kld('Mention'));
    g.add(M, kld('partOf'), D);
    g.add(M, kld('mentions'), K);
    g.add(M, kld('side'), str(m.in));
    g.add(M, kld('printedText'), nl(m.text));
    span(M, m.span);
    g.add(holder, kld('mention'), M);
    g.add(holder, kld('mentions'), K);
    // The concept's labels live in the gazetteer's graph; here only what the shapes need to check the link.
    g.add(K, a, kld(MENTION_CLASS[m.kind]));
    if (m.kind !== 'person') g.add(K, a, skos('Concept'));
  }

  function crossReference(r: CrossReference, holder: NamedNode, k: number): void {
    const R = minter.crossReference(id, k);
    g.add(R, a, kld('CrossReference'));
    g.add(R, kld('partOf'), D);
    g.add(R, kld('side'), str(r.in));
    g.add(R, kld('printedText'), nl(r.text));
    for (const n of r.numbers) {
      g.add(R, kld('number'), int(n));
      // A number no answer of this paper carries (a reference to another paper's answer) keeps only kld:number.
      const target = answerByNumber.get(n);
      if (target !== undefined) g.add(R, kld('refersToAnswer'), target);
    }
    span(R, r.span);
    g.add(holder, kld('crossReference'), R);
  }

  // --- A notice ("Mededeling") standing instead of answers ---
  if (doc.notice !== null) notice(doc.notice);

  function notice(n: Notice): void {
    const N = minter.notice(id);
    g.add(N, a, kld('Notice'));
    g.add(N, kld('partOf'), D);
    g.add(N, kld('heading'), nl(n.heading));
    g.add(N, kld('noticeText'), nl(n.text));
    span(N, n.span);
    for (const c of n.citations) citation(c, N, ++citationNo);
  }

  // --- Footnotes ---
  for (const fn of doc.footnotes) footnote(fn);

  function footnote(fn: Footnote): void {
    const N = minter.footnote(id, fn.number);
    const held = fn.block !== null ? holders.get(fn.block) : undefined;
    const of = held === undefined ? D : fn.in === 'answer' && held.answer !== null ? held.answer : held.question;
    g.add(N, a, kld('Footnote'));
    g.add(N, rdfs('label'), nl(`${id}, voetnoot ${fn.number}`));
    g.add(N, kld('partOf'), D);
    g.add(N, kld('number'), int(fn.number));
    g.add(N, kld('footnoteText'), nl(fn.text));
    g.add(N, kld('footnoteOf'), of);
    g.add(of, kld('footnote'), N);
    span(N, fn.span);
    if (fn.markerSpan !== null) {
      const M = minter.markerSelector(N);
      g.add(N, kld('markerSelector'), M);
      selector(M, fn.markerSpan);
    }
    // Citations in a footnote whose marker stands in no block belong to the footnote itself.
    for (const c of fn.citations ?? []) citation({ ...c, footnote: c.footnote ?? fn.number }, N, ++citationNo);
  }

  return g.quads;
}

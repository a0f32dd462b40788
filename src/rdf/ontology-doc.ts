/**
 * The one renderer of the kld ontology's documentation, from ontology/kamerstukken.ttl (or the quads an endpoint
 * serves): Markdown (docs/ontology.md, committed and checked by a test), the HTML body shared by the stand-alone page
 * (output/ontology.html, written by the build) and the endpoint's /def page (src/serve/html.ts wraps it in the
 * site's layout). Same content, sorted, no dates: the same ontology gives the same page.
 */
import type { Quad } from '@rdfjs/types';
import type { IriMinter } from './iris.js';
import { loadOntology, ONTOLOGY_FILE } from './ontology.js';
import { dcterms, eli, elidl, foaf, oa, org, owl, PREFIXES, prov, rdf, rdfs, skos } from './vocab.js';

/** Vocabularies we reuse, what for: shown in the documentation. */
const REUSED: { prefix: string; iri: string; title: string; use: string }[] = [
  {
    prefix: 'eli',
    iri: eli.iri,
    title: 'European Legislation Identifier (ELI)',
    use: 'Documents, blocks, questions, answers and cited papers are eli:Work; kld:genre refines eli:work_type, kld:partOf eli:is_part_of, kld:hasQuestion eli:has_part, kld:ondernummer eli:number; kld:cites is related to eli:cites.',
  },
  {
    prefix: 'eli-dl',
    iri: elidl.iri,
    title: 'ELI for draft legislation (ELI-DL)',
    use: 'kld:answers refines eli-dl:answers_to, as the European Parliament links an answer to its written question.',
  },
  {
    prefix: 'dcterms',
    iri: dcterms.iri,
    title: 'DCMI Metadata Terms',
    use: 'dcterms:identifier (official id), dcterms:title, dcterms:dateSubmitted; kld:dossier and kld:partOf refine dcterms:isPartOf, kld:cites / kld:citedPaper / kld:mentions / kld:refersToAnswer refine dcterms:references, kld:askedBy / kld:answeredBy refine dcterms:contributor, kld:topic dcterms:subject.',
  },
  {
    prefix: 'prov',
    iri: prov.iri,
    title: 'PROV-O',
    use: 'A document prov:wasDerivedFrom its kld:SourceFile (itself derived from the official PDF or XML) and prov:wasGeneratedBy an extraction (prov:Activity, recorded without timestamps) associated with this software (prov:SoftwareAgent).',
  },
  {
    prefix: 'skos',
    iri: skos.iri,
    title: 'SKOS',
    use: 'Gazetteer entries (treaties, organisations, factions, ministries), topics and genres are skos:Concept; factions carry their abbreviation as skos:notation, topics their heading as skos:prefLabel.',
  },
  { prefix: 'org', iri: org.iri, title: 'W3C Organization Ontology', use: 'Factions, ministries and organisations are org:Organization; a named member is org:memberOf a faction.' },
  { prefix: 'foaf', iri: foaf.iri, title: 'FOAF', use: 'kld:Person is a foaf:Person with foaf:name.' },
  {
    prefix: 'oa',
    iri: oa.iri,
    title: 'Web Annotation Vocabulary',
    use: 'Source places: every extracted thing has dcterms:source an oa:SpecificResource ({thing}#bron) whose oa:hasSource is the published normalised text of the paper (a kld:SourceText), with an oa:TextPositionSelector (oa:start, oa:end; end exclusive, in Unicode code points) and an oa:TextQuoteSelector (oa:exact, oa:prefix, oa:suffix).',
  },
];

interface Term {
  iri: string;
  curie: string;
  types: string[];
  labels: Record<string, string>;
  comments: Record<string, string>;
  relations: [string, string[]][];
}

const RELATIONS: [string, string][] = [
  [rdfs.subClassOf.value, 'subclass of'],
  [rdfs.subPropertyOf.value, 'subproperty of'],
  [owl.inverseOf.value, 'inverse of'],
  [rdfs.domain.value, 'domain'],
  [rdfs.range.value, 'range'],
  [skos.inScheme.value, 'in scheme'],
  [skos.notation.value, 'notation'],
  [rdfs.seeAlso.value, 'see also'],
];

/** A term's name as written in the documentation: kld:Answer, eli:Work, or <iri>. `ontology` is our namespace (base + "def#"). */
function curie(iri: string, ontology: string): string {
  if (iri.startsWith(ontology)) return `kld:${iri.slice(ontology.length)}`;
  let best: [string, string] | null = null;
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && iri.length > ns.length && (best === null || ns.length > best[1].length)) best = [prefix, ns];
  }
  return best === null ? `<${iri}>` : `${best[0]}:${iri.slice(best[1].length)}`;
}

function collect(quads: readonly Quad[], ontology: string): { header: Term; terms: Term[] } {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const list = bySubject.get(q.subject.value) ?? [];
    list.push(q);
    bySubject.set(q.subject.value, list);
  }
  const term = (iri: string): Term => {
    const qs = bySubject.get(iri) ?? [];
    const text = (p: string): Record<string, string> =>
      Object.fromEntries(qs.filter((q) => q.predicate.value === p && q.object.termType === 'Literal').map((q) => [(q.object as { language: string }).language, q.object.value]));
    return {
      iri,
      curie: curie(iri, ontology),
      types: qs
        .filter((q) => q.predicate.equals(rdf.type))
        .map((q) => q.object.value)
        .sort(),
      labels: text(rdfs.label.value),
      comments: text(rdfs.comment.value),
      relations: RELATIONS.map(([p, name]): [string, string[]] => [
        name,
        qs
          .filter((q) => q.predicate.value === p)
          .map((q) => (q.object.termType === 'Literal' ? `"${q.object.value}"` : curie(q.object.value, ontology)))
          .sort(),
      ]).filter(([, v]) => v.length > 0),
    };
  };
  // An ontology file without its owl:Ontology header (a file an endpoint was pointed at) is still shown: under its namespace.
  const ontologyIri = quads.find((q) => q.predicate.equals(rdf.type) && q.object.equals(owl.Ontology))?.subject.value ?? ontology.replace(/#$/, '');
  const terms = [...bySubject.keys()]
    .filter((iri) => iri.startsWith(ontology) && iri.length > ontology.length)
    .sort()
    .map(term);
  return { header: term(ontologyIri), terms };
}

interface Section {
  title: string;
  terms: Term[];
}

function sections(terms: readonly Term[]): Section[] {
  const is = (t: Term, type: { value: string }) => t.types.includes(type.value);
  return [
    { title: 'Classes', terms: terms.filter((t) => is(t, owl.Class)) },
    { title: 'Object properties', terms: terms.filter((t) => is(t, owl.ObjectProperty)) },
    { title: 'Datatype properties', terms: terms.filter((t) => is(t, owl.DatatypeProperty)) },
    { title: 'Genres (individuals) and schemes', terms: terms.filter((t) => is(t, owl.NamedIndividual) || is(t, skos.ConceptScheme)) },
  ];
}

function ontologyTitle(header: Term): string {
  return header.labels.en ?? header.labels.nl ?? 'Ontology';
}

/** The ontology as a Markdown page (docs/ontology.md). */
export function ontologyMarkdown(minter: IriMinter): string {
  const { header, terms } = collect(loadOntology(minter), minter.ontology);
  const out: string[] = [
    `# ${ontologyTitle(header)} (\`kld:\`)`,
    '',
    `<!-- Generated from ${ONTOLOGY_FILE} by src/rdf/ontology-doc.ts; do not edit by hand. -->`,
    '',
    `Namespace: \`${minter.ontology}\` (prefix \`kld:\`; it follows the dataset's configurable base). Ontology IRI: \`${header.iri}\`.`,
    '',
    `- **nl**: ${header.comments.nl ?? ''}`,
    `- **en**: ${header.comments.en ?? ''}`,
    '',
    '## Reused vocabularies',
    '',
    '| prefix | vocabulary | how we use it |',
    '|---|---|---|',
    ...REUSED.map((r) => `| \`${r.prefix}:\` | [${r.title}](${r.iri}) | ${r.use} |`),
    '',
    'Source places: every extracted thing (block, answer, footnote, citation, mention, cross-reference, notice) has `dcterms:source` an `oa:SpecificResource` (`{thing}#bron`) whose `oa:hasSource` is the published normalised text of the paper (`output/documents/{id}.txt`, a `kld:SourceText` with its SHA-256), with an `oa:TextPositionSelector` (`oa:start` / `oa:end`, end exclusive, in Unicode code points), an `oa:TextQuoteSelector` (`oa:exact`, `oa:prefix`, `oa:suffix`) and `kld:page`. A question block also has `kld:questionSource` (its question part), a footnote `kld:markerSource` (its marker in the running text).',
    '',
    'Citations and mentions are occurrences: each place in the text is a `kld:Citation` (or `kld:Mention`) node with the printed text, the side (`"question"` / `"answer"`) and the span, pointing to one `kld:CitedPaper` (or gazetteer concept); the block or answer holding it also `kld:cites` the paper directly. A cited paper that is itself in the corpus has the same IRI as the `kld:Document`.',
    '',
  ];
  for (const section of sections(terms)) {
    out.push(`## ${section.title}`, '');
    for (const t of section.terms) {
      out.push(`### ${t.curie}`, '', `\`${t.iri}\``, '');
      out.push(`- **nl**: *${t.labels.nl ?? ''}*: ${t.comments.nl ?? ''}`);
      out.push(`- **en**: *${t.labels.en ?? ''}*: ${t.comments.en ?? ''}`);
      for (const [name, values] of t.relations) out.push(`- ${name}: ${values.map((v) => `\`${v}\``).join(', ')}`);
      out.push('');
    }
  }
  return out.join('\n');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function anchor(t: Term): string {
  return t.curie.replace(/^kld:/, '');
}

/**
 * The ontology as HTML without the page around it: title, namespace, the reused vocabularies, one section per kind
 * of term with an anchor per term (#Answer). `ontology` is our namespace (base + "def#"). Used by ontologyHtml() and
 * by the endpoint's /def page.
 */
export function ontologyHtmlBody(quads: readonly Quad[], ontology: string): string {
  const { header, terms } = collect(quads, ontology);
  const link = (v: string) => {
    const target = terms.find((t) => t.curie === v);
    return target === undefined ? `<code>${esc(v)}</code>` : `<a href="#${esc(anchor(target))}"><code>${esc(v)}</code></a>`;
  };
  const out: string[] = [
    `<h1>${esc(ontologyTitle(header))} (kld:)</h1>`,
    `<p>Namespace: <code>${esc(ontology)}</code>. Ontology IRI: <code>${esc(header.iri)}</code>. Generated from <code>${esc(ONTOLOGY_FILE)}</code>.</p>`,
    `<p lang="nl">${esc(header.comments.nl ?? '')}</p>`,
    `<p lang="en">${esc(header.comments.en ?? '')}</p>`,
    '<h2>Reused vocabularies</h2>',
    '<table><thead><tr><th>prefix</th><th>vocabulary</th><th>how we use it</th></tr></thead><tbody>',
    ...REUSED.map((r) => `<tr><td><code>${esc(r.prefix)}:</code></td><td><a href="${esc(r.iri)}">${esc(r.title)}</a></td><td>${esc(r.use)}</td></tr>`),
    '</tbody></table>',
  ];
  for (const section of sections(terms)) {
    out.push(`<h2>${esc(section.title)}</h2>`);
    out.push(`<p>${section.terms.map((t) => `<a href="#${esc(anchor(t))}">${esc(t.curie)}</a>`).join(' · ')}</p>`);
    for (const t of section.terms) {
      out.push(`<section class="term" id="${esc(anchor(t))}">`, `<h3>${esc(t.curie)}</h3>`, `<p><code>${esc(t.iri)}</code></p>`, '<dl>');
      out.push(`<dt lang="nl">${esc(t.labels.nl ?? '')} (nl)</dt><dd lang="nl">${esc(t.comments.nl ?? '')}</dd>`);
      out.push(`<dt lang="en">${esc(t.labels.en ?? '')} (en)</dt><dd lang="en">${esc(t.comments.en ?? '')}</dd>`);
      for (const [name, values] of t.relations) out.push(`<dt>${esc(name)}</dt><dd>${values.map(link).join(', ')}</dd>`);
      out.push('</dl>', '</section>');
    }
  }
  return out.join('\n');
}

/** The title of the ontology's page, from its rdfs:label. */
export function ontologyHtmlTitle(quads: readonly Quad[], ontology: string): string {
  return `${ontologyTitle(collect(quads, ontology).header)} (kld:)`;
}

/** The ontology as a stand-alone HTML page (output/ontology.html), with an anchor per term. */
export function ontologyHtml(minter: IriMinter): string {
  const quads = loadOntology(minter);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(ontologyHtmlTitle(quads, minter.ontology))}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{font-size:.95em}section.term{border-top:1px solid #ddd;padding-top:.5rem}dt{font-weight:600}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}</style>',
    '</head>',
    '<body>',
    ontologyHtmlBody(quads, minter.ontology),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** How a resource is named on a page: its label in the page's language, else the best name the data has. */
import type { KldIris } from './context.js';
import type { Lang } from './i18n.js';
import { DCT, ELI, FOAF_NAME, RDFS_LABEL, SKOS, type PageGraph } from './graph.js';

/** Predicates that name things, fetched along with every linked resource. */
export function labelPredicates(kld: KldIris): string[] {
  return [RDFS_LABEL, `${SKOS}prefLabel`, `${SKOS}notation`, `${DCT}title`, `${ELI}title`, FOAF_NAME, kld.printedText, `${DCT}identifier`];
}

/** Sub-questions (…/blok/6/vraag/3) are not official question 3: say so. */
function partLabel(iri: string, lang: Lang): string | undefined {
  const m = /\/id\/([^/]+)\/blok\/(\d+)\/vraag\/(\d+)$/.exec(iri);
  if (!m) return undefined;
  return lang === 'nl' ? `${m[1]}, blok ${m[2]}, deelvraag ${m[3]}` : `${m[1]}, block ${m[2]}, sub-question ${m[3]}`;
}

export function displayLabel(g: PageGraph, iri: string, lang: Lang, kld: KldIris): string | undefined {
  const part = partLabel(iri, lang);
  if (part) return part;
  const inLang = g.literalIn(iri, RDFS_LABEL, lang) ?? g.literalIn(iri, `${SKOS}prefLabel`, lang) ?? g.literalIn(iri, `${DCT}title`, lang) ?? g.literalIn(iri, `${ELI}title`, lang);
  if (inLang) return inLang;
  const name = g.literal(iri, FOAF_NAME);
  if (name) return name;
  const any = g.literal(iri, RDFS_LABEL, lang) ?? g.literal(iri, `${SKOS}prefLabel`, lang) ?? g.literal(iri, `${DCT}title`, lang) ?? g.literal(iri, `${ELI}title`, lang);
  if (any) return any;
  const printed = g.literal(iri, kld.printedText, lang);
  if (printed) return `“${printed}”`;
  return g.literal(iri, `${SKOS}notation`) ?? g.literal(iri, `${DCT}identifier`);
}

/** A last resort that is still readable: the IRI's path after the base ("id/kst-26150-187/bron"). */
export function fallbackLabel(iri: string, base: string): string {
  if (iri.startsWith(base)) return iri.slice(base.length).replace(/^id\//, '');
  return iri;
}

/** What every page renderer gets: the data, the language, the labels of terms and how to link. */
import type { IriMinter, KldTerm } from '../../rdf/iris.js';
import type { QueryRunner } from '../context.js';
import type { IriMapper } from '../deref.js';
import { escapeHtml } from '../html.js';
import { prefixedName, WORDS, type Lang, type TermLabels, type Words } from './i18n.js';
import { withLang } from './layout.js';

/**
 * Our ontology's terms as IRI strings, typed (src/rdf/vocab.generated.ts): `k.partOf` is the IRI of kld:partOf
 * under the base, and a name the ontology does not declare does not compile. Pages read them in SPARQL text
 * and graph lookups.
 */
export type KldIris = Readonly<Record<KldTerm, string>>;

export function kldIris(minter: IriMinter): KldIris {
  return Object.fromEntries(minter.kld.terms.map((t) => [t, minter.kld[t].value])) as Record<KldTerm, string>;
}

export interface PageContext {
  pool: QueryRunner;
  base: string;
  /** Our ontology namespace (base + "def#"): prefixed names, and which predicates are ours. */
  kld: string;
  /** Our ontology's terms (kldIris). */
  k: KldIris;
  lang: Lang;
  words: Words;
  terms: TermLabels;
  mapper: IriMapper;
  here: URL;
}

export function makeWords(lang: Lang): Words {
  return WORDS[lang];
}

/** A link to a resource: local for our IRIs (keeping the language), as it is for others. */
export function href(ctx: PageContext, value: string): string {
  const local = ctx.mapper.toLocal(value);
  return local.startsWith('/') ? withLang(local, ctx.lang) : local;
}

export function link(ctx: PageContext, value: string, text: string, attrs = ''): string {
  const external = !value.startsWith(ctx.base);
  return `<a href="${escapeHtml(href(ctx, value))}"${external ? ' rel="external"' : ''}${attrs ? ` ${attrs}` : ''}>${escapeHtml(text)}</a>`;
}

/** A property's label, with its prefixed name on hover. */
export function propertyName(ctx: PageContext, value: string): string {
  return `<abbr title="${escapeHtml(prefixedName(value, ctx.kld))}">${escapeHtml(ctx.terms.name(value, ctx.lang))}</abbr>`;
}

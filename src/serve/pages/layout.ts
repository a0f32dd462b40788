/**
 * The frame of every page for people: one header (papers index, query UI,
 * ontology, dataset, the endpoint's features, the other language), the page's
 * alternates as <link rel="alternate">, no scripts, no external assets.
 */
import { escapeHtml, STYLE } from '../html.js';
import { WORDS, type Lang } from './i18n.js';

export const PAGE_STYLE = `${STYLE}
nav.crumbs{font-size:.85rem;color:#555;margin:.2rem 0}nav.crumbs a{color:#154273}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.8rem 0}dl.meta dt{font-weight:600;color:#333}dl.meta dd{margin:0}
.block{border-top:1px solid #ddd;padding:.6rem 0}.block h3{font-size:1rem;margin:.4rem 0;color:#154273}
.faction{display:inline-block;background:#e8ecf5;color:#154273;border-radius:3px;padding:0 .4rem;font-size:.85rem;margin-left:.4rem}
.q,.a{margin:.4rem 0;padding:.5rem .8rem;white-space:pre-wrap}.q{background:#f5f5f7;border-left:4px solid #8fa3c0}.a{background:#fff;border-left:4px solid #154273}
.label{font-weight:600;font-size:.85rem;color:#555;display:block;margin-bottom:.2rem}
.fn{font-size:.85rem;color:#444;margin:.2rem 0 .2rem 1rem}.chips{font-size:.85rem;color:#444;margin:.3rem 0}.chips a{margin-right:.6rem}
a.cite{background:#fff4d6}a.mention{border-bottom:1px dotted #154273;text-decoration:none;color:inherit}
.off{font-size:.8rem;margin-left:.2rem}table.list td,table.list th{font-size:.9rem}table.list th{width:auto}
.pager a,.pager span{margin-right:.8rem}form.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:end;margin:.6rem 0}
form.filters label{font-size:.85rem;display:flex;flex-direction:column}abbr{text-decoration:none}
header .lang{margin-left:auto;color:#fff;font-size:.85rem}header{display:flex;flex-wrap:wrap;align-items:center}`;

export interface Frame {
  lang: Lang;
  /** The path and query of this page, to build the other language's link. */
  here: URL;
  alternates?: { href: string; type: string }[];
}

/** This page's address in the other language. */
export function otherLangHref(here: URL, lang: Lang): string {
  const u = new URL(here.href);
  u.searchParams.set('lang', lang === 'nl' ? 'en' : 'nl');
  return `${u.pathname}${u.search}`;
}

/** A link that keeps the page language when it is not the default. */
export function withLang(href: string, lang: Lang): string {
  if (lang === 'nl' || !href.startsWith('/')) return href;
  return `${href}${href.includes('?') ? '&' : '?'}lang=${lang}`;
}

export function layout(title: string, body: string, frame: Frame): string {
  const w = WORDS[frame.lang];
  const links = (frame.alternates ?? []).map((a) => `<link rel="alternate" type="${escapeHtml(a.type)}" href="${escapeHtml(a.href)}">`).join('\n');
  const l = (href: string) => escapeHtml(withLang(href, frame.lang));
  return `<!doctype html>
<html lang="${frame.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · kamerstukken-ld</title>
${links}
<style>${PAGE_STYLE}</style></head>
<body><header><a href="${l('/id/')}"><strong>kamerstukken-ld</strong></a><a href="${l('/id/')}">${escapeHtml(w.papers)}</a><a href="${l('/')}">${escapeHtml(w.query)}</a><a href="${l('/def')}">${escapeHtml(w.ontology)}</a><a href="${l('/id/dataset')}">${escapeHtml(w.dataset)}</a><a href="${l('/sparql/features')}">${escapeHtml(w.features)}</a><a class="lang" href="${escapeHtml(otherLangHref(frame.here, frame.lang))}" hreflang="${frame.lang === 'nl' ? 'en' : 'nl'}">${escapeHtml(w.otherLang)}</a></header>
<main>${body}</main></body></html>
`;
}

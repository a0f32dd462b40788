/**
 * The query UI at "/": YASGUI from the installed @triply/yasgui package, served
 * from this server (no CDN), pointed at /sparql and preloaded with the example
 * queries of queries/*.rq (their "# title:" and "# description:" lines).
 */
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml, STYLE } from './html.js';

export interface ExampleQuery {
  name: string;
  title: string;
  description: string;
  query: string;
}

/** Read queries/*.rq in name order. */
export function loadExampleQueries(dir: string): ExampleQuery[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rq'))
    .sort()
    .map((f) => {
      const query = readFileSync(path.join(dir, f), 'utf8');
      const title = /^#\s*title:\s*(.+)$/im.exec(query)?.[1]?.trim() ?? f.replace(/\.rq$/, '');
      const description = /^#\s*description:\s*(.+)$/im.exec(query)?.[1]?.trim() ?? '';
      return { name: f.replace(/\.rq$/, ''), title, description, query };
    });
}

/** Files of the YASGUI build that the page needs, by the name they are served under (/yasgui/NAME). */
export function yasguiAssets(): Map<string, { file: string; type: string }> {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@triply/yasgui/package.json')), 'build');
  return new Map([
    ['yasgui.min.js', { file: path.join(dir, 'yasgui.min.js'), type: 'text/javascript; charset=utf-8' }],
    ['yasgui.min.css', { file: path.join(dir, 'yasgui.min.css'), type: 'text/css; charset=utf-8' }],
  ]);
}

/** JSON inside a <script> element: "</" must not end the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface UiOptions {
  /** Page language (the examples' titles stay as written). */
  lang?: 'nl' | 'en';
  /** The data's base: result IRIs under it link to this server's pages. */
  base?: string;
  /** Prefixes offered by autocompletion after PREFIX (the ontology's and the reused vocabularies'). */
  prefixes?: Record<string, string>;
}

const UI_WORDS = {
  nl: {
    examples: 'Voorbeeldvragen',
    papers: 'Documenten',
    ontology: 'Ontologie',
    features: 'Over het endpoint',
    dataset: 'Dataset & downloads',
    other: 'English',
    limit: 'tijdslimiet',
    max: 'max.',
    results: 'resultaten',
    table: {
      info: '_START_–_END_ van _TOTAL_ rijen',
      infoEmpty: 'Geen rijen',
      infoFiltered: '(gefilterd uit _MAX_)',
      search: 'Zoeken:',
      lengthMenu: '_MENU_ rijen per pagina',
      zeroRecords: 'Geen resultaten',
      emptyTable: 'Geen resultaten',
    },
  },
  en: {
    examples: 'Example queries',
    papers: 'Papers',
    ontology: 'Ontology',
    features: 'About the endpoint',
    dataset: 'Dataset & downloads',
    other: 'Nederlands',
    limit: 'time limit',
    max: 'max.',
    results: 'results',
    table: {
      info: '_START_–_END_ of _TOTAL_ rows',
      infoEmpty: 'No rows',
      infoFiltered: '(filtered from _MAX_)',
      search: 'Search:',
      lengthMenu: '_MENU_ rows per page',
      zeroRecords: 'No results',
      emptyTable: 'No results',
    },
  },
} as const;

export function uiPage(examples: ExampleQuery[], info: { quads: number; timeoutS: number; maxResults: number }, options: UiOptions = {}): string {
  const lang = options.lang ?? 'nl';
  const w = UI_WORDS[lang];
  const q = lang === 'nl' ? '' : '?lang=en';
  const list = examples.map((e, i) => `<li><button type="button" class="example" data-index="${i}" title="${escapeHtml(e.description)}">${escapeHtml(e.title)}</button></li>`).join('');
  const first = examples[0]?.query ?? 'SELECT * WHERE {\n  ?s ?p ?o\n}\nLIMIT 10';
  const prefixes = Object.entries(options.prefixes ?? {})
    .map(([p, ns]) => `${p}: <${ns}>`)
    .sort();
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kamerstukken-ld · SPARQL</title>
<link rel="stylesheet" href="/yasgui/yasgui.min.css">
<style>${STYLE}
.layout{display:flex;gap:1rem;max-width:none;margin:0;padding:1rem}
aside{flex:0 0 17rem}aside ul{list-style:none;padding:0;margin:0}
aside button{display:block;width:100%;text-align:left;margin:.2rem 0;padding:.4rem .5rem;border:1px solid #ccd;background:#f7f8fb;border-radius:4px;cursor:pointer;font:inherit;font-size:.9rem}
aside button:hover{background:#e8ecf5}#yasgui{flex:1;min-width:0}.meta{font-size:.8rem;color:#555}
header{display:flex;flex-wrap:wrap;align-items:center}header .lang{margin-left:auto;font-size:.85rem}
.yasgui .autocompleteWrapper{display:none !important}</style>
</head><body>
<header><a href="/${q}"><strong>kamerstukken-ld</strong></a><a href="/id/${q}">${escapeHtml(w.papers)}</a><a href="/def${q}">${escapeHtml(w.ontology)}</a><a href="/sparql/features${q}">${escapeHtml(w.features)}</a><a href="/id/dataset${q}">${escapeHtml(w.dataset)}</a><a href="/context.jsonld">JSON-LD context</a><a class="lang" href="/${lang === 'nl' ? '?lang=en' : '?lang=nl'}" hreflang="${lang === 'nl' ? 'en' : 'nl'}">${escapeHtml(w.other)}</a></header>
<div class="layout">
<aside><h2 style="font-size:1rem">${escapeHtml(w.examples)}</h2><ul id="examples">${list}</ul>
<p class="meta">Endpoint: <code>/sparql</code> · ${info.quads.toLocaleString(locale)} quads · ${escapeHtml(w.limit)} ${info.timeoutS} s · ${escapeHtml(w.max)} ${info.maxResults.toLocaleString(locale)} ${escapeHtml(w.results)}</p></aside>
<div id="yasgui"></div>
</div>
<script src="/yasgui/yasgui.min.js"></script>
<script>
const EXAMPLES = ${scriptJson(examples)};
const BASE = ${scriptJson(options.base ?? '')};
const PREFIXES = ${scriptJson(prefixes)};
const endpoint = new URL('/sparql', location.href).href;
// No requests to other hosts: prefix.cc and LOV (the stock prefix, class and property
// autocompleters) are replaced by the ontology's own prefixes.
if (Yasgui.Yasqe) {
  Yasgui.Yasqe.forkAutocompleter('prefixes', { name: 'localPrefixes', get: () => PREFIXES, persistenceId: undefined }, false);
  Yasgui.Yasqe.defaults.autocompleters = ['variables', 'localPrefixes'];
}
const Table = Yasgui.Yasr && Yasgui.Yasr.plugins.table;
if (Table) {
  // Plain values by default ("Simple view"): no datatypes, no angle brackets.
  Yasgui.Yasr.defaults.plugins.table = Object.assign({}, Yasgui.Yasr.defaults.plugins.table, { dynamicConfig: { compact: true } });
  Table.defaults.openIriInNewWindow = false;
  Table.defaults.tableConfig.language = Object.assign({}, Table.defaults.tableConfig.language, ${scriptJson(w.table)});
  // Result IRIs under the base open this server's page for them, in the same tab.
  const link = Table.prototype.getUriLinkFromBinding;
  Table.prototype.getUriLinkFromBinding = function (binding, prefixes) {
    const html = link.call(this, binding, prefixes);
    if (!BASE || !binding.value.startsWith(BASE)) return html;
    const local = '/' + binding.value.slice(BASE.length)${lang === 'nl' ? '' : " + (binding.value.includes('?') ? '&' : '?') + 'lang=en'"};
    return html.split("href='" + binding.value + "'").join("href='" + local + "'");
  };
}
if (Table) {
  // SELECT *: columns in the order the variables first appear in the query (the engine sorts them by name).
  const draw = Table.prototype.draw;
  Table.prototype.draw = function (config) {
    const vars = this.yasr.results && this.yasr.results.getVariables();
    const query = window.yasgui ? window.yasgui.getTab().getQuery() : '';
    if (vars && vars.length > 1 && /SELECT\\s+(?:DISTINCT\\s+|REDUCED\\s+)?\\*/i.test(query)) {
      const order = [...query.replace(/#[^\\n]*/g, '').matchAll(/[?$]([A-Za-z_0-9]+)/g)].map((m) => m[1]);
      const at = (v) => (order.indexOf(v) < 0 ? order.length : order.indexOf(v));
      vars.splice(0, vars.length, ...[...vars].sort((a, b) => at(a) - at(b)));
    }
    return draw.call(this, config);
  };
}
const yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: { endpoint, method: 'POST' },
  copyEndpointOnNewTab: true,
  endpointCatalogueOptions: { getData: () => [] },
  persistenceId: null,
  yasqe: { value: ${scriptJson(first)}, autocompleters: ['variables', 'localPrefixes'] },
  yasr: { prefixes: Object.fromEntries(PREFIXES.map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf('<') + 1, -1)])) },
});
window.yasgui = yasgui;
const tab = yasgui.getTab();
tab.setQuery(${scriptJson(first)});
for (const button of document.querySelectorAll('button.example')) {
  button.addEventListener('click', () => {
    const e = EXAMPLES[Number(button.dataset.index)];
    const t = yasgui.getTab();
    t.setQuery(e.query);
    t.query();
  });
}
</script>
</body></html>
`;
}

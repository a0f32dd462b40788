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
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function uiPage(examples: ExampleQuery[], info: { quads: number; timeoutS: number; maxResults: number }): string {
  const list = examples
    .map(
      (e, i) =>
        `<li><button type="button" class="example" data-index="${i}" title="${escapeHtml(e.description)}">${escapeHtml(e.title)}</button></li>`,
    )
    .join('');
  const first = examples[0]?.query ?? 'SELECT * WHERE {\n  ?s ?p ?o\n}\nLIMIT 10';
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>kamerstukken-ld · SPARQL</title>
<link rel="stylesheet" href="/yasgui/yasgui.min.css">
<style>${STYLE}
.layout{display:flex;gap:1rem;max-width:none;margin:0;padding:1rem}
aside{flex:0 0 17rem}aside ul{list-style:none;padding:0;margin:0}
aside button{display:block;width:100%;text-align:left;margin:.2rem 0;padding:.4rem .5rem;border:1px solid #ccd;background:#f7f8fb;border-radius:4px;cursor:pointer;font:inherit;font-size:.9rem}
aside button:hover{background:#e8ecf5}#yasgui{flex:1;min-width:0}.meta{font-size:.8rem;color:#555}
.yasgui .autocompleteWrapper{display:none !important}</style>
</head><body>
<header><a href="/"><strong>kamerstukken-ld</strong></a><a href="/def">Ontologie</a><a href="/sparql">Service description</a><a href="/context.jsonld">JSON-LD context</a></header>
<div class="layout">
<aside><h2 style="font-size:1rem">Voorbeeldvragen</h2><ul id="examples">${list}</ul>
<p class="meta">Endpoint: <code>/sparql</code> · ${info.quads.toLocaleString('nl-NL')} quads · tijdslimiet ${info.timeoutS} s · max. ${info.maxResults.toLocaleString('nl-NL')} resultaten</p></aside>
<div id="yasgui"></div>
</div>
<script src="/yasgui/yasgui.min.js"></script>
<script>
const EXAMPLES = ${scriptJson(examples)};
const endpoint = new URL('/sparql', location.href).href;
// No persistence: every visit starts from the examples. No requests to other hosts:
// the prefix, class and property autocompleters call prefix.cc and LOV.
if (Yasgui.Yasqe) Yasgui.Yasqe.defaults.autocompleters = ['variables'];
const yasgui = new Yasgui(document.getElementById('yasgui'), {
  requestConfig: { endpoint, method: 'POST' },
  copyEndpointOnNewTab: true,
  endpointCatalogueOptions: { getData: () => [] },
  persistenceId: null,
  yasqe: { value: ${scriptJson(first)}, autocompleters: ['variables'] },
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

/**
 * `kamerstukken-ld harvest`: fetch papers from the official repository into a
 * corpus folder, incrementally and politely (src/harvest/).
 */
import { UsageError } from '../errors.js';
import { isoDate, readArgs } from './args.js';
import { harvest, DEFAULT_PAGE_SIZE, type HarvestSummary } from '../harvest/harvest.js';
import { DEFAULT_CONCURRENCY, DEFAULT_RATE, HttpError } from '../harvest/http.js';
import { DEFAULT_SRU_URL, GENRES, SruError, type Genre, type Selection } from '../harvest/sru.js';
import { DEFAULT_TK_URL, linkKamervragen } from '../harvest/tk.js';

export const summary = 'fetch papers from the official repository (SRU) into a corpus folder, incrementally and politely';
export const usage = `Usage: kamerstukken-ld harvest [selection…] [--corpus DIR] [options]

Asks the official repository (SRU at ${DEFAULT_SRU_URL}) for the Staten-Generaal's
publications that match the selection, page by page, and downloads for each the
official XML (else the PDF) and its metadata record into DIR/{id}/. What the
corpus already holds unchanged (same repository modification date, files intact)
is not fetched again. Then build it: kamerstukken-ld build --corpus DIR

Selection (repeat an option for alternatives; different options narrow each other):
  --id ID            an official id (ah-tk-20202021-3235, kst-36410-VI-26, kv-tk-2020Z13248)
  --dossier NR       a Kamerstuk dossier (36410, 21501-20)
  --genre G          ${Object.keys(GENRES).join(' | ')}  (aanhangsel: Kamervragen with answers;
                     kv: questions before an answer; nds: non-dossier papers; kst: verslagen,
                     lijsten van vragen en antwoorden, nota's n.a.v. het verslag)
  --from DATE        published on or after YYYY-MM-DD
  --to DATE          published on or before YYYY-MM-DD
  --year YYYY        published in this calendar year (= --from YYYY-01-01 --to YYYY-12-31)
  --modified-since D changed in the repository on or after YYYY-MM-DD, or "last" (the day of
                     the last complete harvest of this corpus): for daily runs
  --ministry NAME    a ministry as the repository names it ("Ministerie van Financiën")
  --cql EXPR         any further CQL, ANDed

Options:
  --corpus DIR       corpus folder (default corpus)
  --sru URL          SRU endpoint (default ${DEFAULT_SRU_URL})
  --tk URL           Tweede Kamer OData base (default ${DEFAULT_TK_URL})
  --no-tk            do not look up the Tweede Kamer's Zaak, Fractie and Persoon records
  --rate N           requests per second (default ${DEFAULT_RATE})
  --concurrency N    requests in flight (default ${DEFAULT_CONCURRENCY})
  --retries N        retries of a failed request (default 5)
  --timeout S        seconds to wait for an answer (default 60)
  --page-size N      records per SRU page (default ${DEFAULT_PAGE_SIZE})
  --quiet            no progress bar

Exit code 0 when every record was harvested, 1 when some failed (listed with the
reason), 2 on a usage error, 130 when interrupted (run again to continue).`;

export interface HarvestArgs {
  corpus: string;
  selection: Selection;
  sruUrl: string;
  tkUrl: string | null;
  rate: number;
  concurrency: number;
  retries: number;
  timeoutMs: number;
  pageSize: number;
  quiet: boolean;
  modifiedSinceLast: boolean;
}

export function parseArgs(args: string[]): HarvestArgs {
  const out: HarvestArgs = {
    corpus: 'corpus',
    selection: {},
    sruUrl: DEFAULT_SRU_URL,
    tkUrl: DEFAULT_TK_URL,
    rate: DEFAULT_RATE,
    concurrency: DEFAULT_CONCURRENCY,
    retries: 5,
    timeoutMs: 60_000,
    pageSize: DEFAULT_PAGE_SIZE,
    quiet: false,
    modifiedSinceLast: false,
  };
  const sel = out.selection;
  readArgs(
    args,
    {
      '--id': (o) => (sel.ids ??= []).push(o.value()),
      '--dossier': (o) => (sel.dossiers ??= []).push(o.value()),
      '--genre': (o) => (sel.genres ??= []).push(o.oneOf(Object.keys(GENRES) as Genre[])),
      '--from': (o) => (sel.from = o.date()),
      '--to': (o) => (sel.to = o.date()),
      '--year': (o) => {
        const y = o.value();
        if (!/^\d{4}$/.test(y)) throw new UsageError(`--year must be YYYY: got "${y}"`);
        sel.from = `${y}-01-01`;
        sel.to = `${y}-12-31`;
      },
      '--modified-since': (o) => {
        const v = o.value();
        if (v === 'last') out.modifiedSinceLast = true;
        else sel.modifiedSince = isoDate(o.name, v);
      },
      '--ministry': (o) => (sel.ministries ??= []).push(o.value()),
      '--cql': (o) => (sel.cql = o.value()),
      '--corpus': (o) => (out.corpus = o.value()),
      '--sru': (o) => (out.sruUrl = o.value()),
      '--tk': (o) => (out.tkUrl = o.value()),
      '--no-tk': () => (out.tkUrl = null),
      '--rate': (o) => (out.rate = o.number(0.01)),
      '--concurrency': (o) => (out.concurrency = o.integer(1)),
      '--retries': (o) => (out.retries = o.integer(0)),
      '--timeout': (o) => (out.timeoutMs = o.number(1) * 1000),
      '--page-size': (o) => (out.pageSize = o.integer(1)),
      '--quiet': () => (out.quiet = true),
    },
    { positional: false },
  );
  const selective = Object.keys(sel).length > 0 || out.modifiedSinceLast;
  if (!selective) throw new UsageError('give a selection (--id, --dossier, --genre, --from/--to/--year, --modified-since, --ministry or --cql): harvesting the whole repository is not what you want');
  for (const u of [out.sruUrl, out.tkUrl]) {
    if (u !== null && !/^https?:\/\/\S+$/.test(u)) throw new UsageError(`not an http(s) URL: ${u}`);
  }
  return out;
}

export function summaryLines(s: HarvestSummary): string[] {
  const lines = [
    `harvest: ${s.found} found, ${s.new} new, ${s.changed} changed, ${s.unchanged} unchanged, ${s.failed.length} failed` +
      ` (${s.downloads} downloads, ${s.requests} requests, ${s.pages} page${s.pages === 1 ? '' : 's'}` +
      `${s.resumedFrom > 1 ? `, resumed at record ${s.resumedFrom}` : ''})${s.interrupted ? '; interrupted: run the same command again to continue' : ''}`,
  ];
  for (const f of s.failed) lines.push(`  failed ${f.id ?? `record ${f.position ?? '?'}`}: ${f.reason}`);
  return lines;
}

export async function run(args: string[]): Promise<number> {
  const a = parseArgs(args);
  if (a.modifiedSinceLast) {
    const { lastHarvestDate } = await import('../harvest/provenance.js');
    const last = await lastHarvestDate(a.corpus);
    if (last !== null) a.selection.modifiedSince = last;
    else if (Object.keys(a.selection).length === 0) {
      throw new UsageError(`--modified-since last: ${a.corpus} has no complete harvest yet; give a first selection`);
    }
  }
  const stop = new AbortController();
  // First Ctrl-C: finish the documents in flight and save the state; a second one quits at once.
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(130);
    console.error('\nharvest: stopping after the documents in flight (Ctrl-C again to quit at once)');
    stop.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    let s: HarvestSummary;
    try {
      s = await harvest({
        corpus: a.corpus,
        selection: a.selection,
        sruUrl: a.sruUrl,
        rate: a.rate,
        concurrency: a.concurrency,
        retries: a.retries,
        timeoutMs: a.timeoutMs,
        pageSize: a.pageSize,
        progress: a.quiet ? false : process.stderr,
        signal: stop.signal,
        onRetry: (url, reason, ms) => {
          if (!a.quiet) console.error(`harvest: ${reason} from ${url}; waiting ${(ms / 1000).toFixed(1)} s`);
        },
      });
    } catch (err) {
      // The result pages themselves could not be read (the service is down, or refused the query):
      // what was harvested is kept, and the next run continues from the last complete page.
      if (!(err instanceof HttpError || err instanceof SruError)) throw err;
      console.error(`harvest: stopped: ${err.message}\nharvest: what was fetched is kept; run the same command again to continue`);
      return 1;
    }
    for (const line of summaryLines(s)) console.error(line);
    if (s.interrupted) return 130;
    let tkFailed = false;
    if (a.tkUrl !== null) {
      const links = await linkKamervragen({ corpus: a.corpus, tkUrl: a.tkUrl, rate: a.rate, concurrency: a.concurrency, retries: a.retries, timeoutMs: a.timeoutMs });
      console.error(`tweedekamer: ${links.line}`);
      for (const f of links.failed) console.error(`  failed ${f}`);
      tkFailed = links.failed.length > 0;
    }
    return s.failed.length > 0 || tkFailed ? 1 : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * A loopback replay of the official repository's SRU interface and files, built
 * from the real responses in ../shared/samples (see samples/PROVENANCE.md).
 *
 * REAL: every <record> served is a record cut out of a real SRU response or
 * record file, and the XML and metadata files of kst-32545-143 and
 * ah-tk-20202021-3235 are the real downloads.
 * DERIVED (marked here, never presented as real):
 * - the response envelope (numberOfRecords, nextRecordPosition, paging) is made by
 *   this server for the query asked, in the shape of the real pages;
 * - manifestation URLs (http://__MOCK_SERVICE__/…, https://repository.overheid.nl/…)
 *   are rewritten to this server;
 * - papers the samples do not hold are served as a small XML file saying so
 *   (<officiele-publicatie> with a replay comment), so paging tests have bodies;
 * - `change()`, `fault()`, `addRecord()` derive variations: a record whose date and
 *   file changed, 429/503 answers with Retry-After, broken records;
 * - the Tweede Kamer OData answers under /tk/ (see tkData() for what is real in them).
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sharedDir } from './helpers.js';

export const samples = path.join(sharedDir, 'samples');

const ENVELOPE_NS =
  'xmlns:overheidwetgeving="http://standaarden.overheid.nl/wetgeving/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:cd="http://standaarden.overheid.nl/cup/data" xmlns:sru="http://docs.oasis-open.org/ns/search-ws/sruResponse" ' +
  'xmlns:gzd="http://standaarden.overheid.nl/sru" xmlns:diag="http://docs.oasis-open.org/ns/search-ws/diagnostic" ' +
  'xmlns:facet="http://docs.oasis-open.org/ns/search-ws/facetedResults" xmlns:c="http://standaarden.overheid.nl/collectie/"';

/** The <sru:record> elements of a sample file, as text. */
function recordsOf(file: string): string[] {
  const text = readFileSync(path.join(samples, 'sru', file), 'utf8').replace(/^<\?xml[^>]*>\s*/, '');
  return [...text.matchAll(/<sru:record[\s>][\s\S]*?<\/sru:record>/g)].map((m) => m[0]);
}

function field(record: string, name: string): string[] {
  return [...record.matchAll(new RegExp(`<[a-z]+:${name}(?:\\s[^>]*)?>([^<]*)<`, 'g'))].map((m) => (m[1] ?? '').trim());
}

export function idOf(record: string): string {
  return field(record, 'identifier')[0] ?? '';
}

/** Real records, first occurrence of each id (the edited PLOOI pages repeat some). */
export function sampleRecords(): string[] {
  const files = ['plooi-integratie-sru.xml', 'plooi-oep-sru-page.xml', 'plooi-sru_record_kst.xml', 'plooi-sru_record_kv_onopgemaakt.xml', 'plooi-sru_record_handeling.xml', 'plooi-sru_record_bijlage.xml'];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    for (const r of recordsOf(f)) {
      const id = idOf(r);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(r);
    }
  }
  return out;
}

/** Real files served for a repository path (frbr/officielepublicaties/…). */
const REAL_FILES: Record<string, string> = {
  'ah-tk/20202021/ah-tk-20202021-3235/1/xml/ah-tk-20202021-3235.xml': 'op-xml/ah-tk-20202021-3235.xml',
  'ah-tk/20202021/ah-tk-20202021-3235/1/metadata/metadata.xml': 'op-metadata/ah-tk-20202021-3235.metadata.xml',
  'ah-tk/20202021/ah-tk-20202021-3235/1/metadataowms/metadata_owms.xml': 'op-metadata/ah-tk-20202021-3235.metadata_owms.xml',
  'kst/32545/kst-32545-143/1/xml/kst-32545-143.xml': 'op-xml/kst-32545-143.xml',
  'kst/32545/kst-32545-143/1/metadata/metadata.xml': 'op-metadata/kst-32545-143.metadata.xml',
  'blg/onopgemaakt/blg-1007826/1/metadata/metadata.xml': 'op-metadata/blg-1007826.metadata.xml',
};

export interface Fault {
  /** HTTP status; 0 with `reset` drops the connection, with `stallMs` answers only after that long. */
  status: number;
  retryAfter?: string;
  reset?: boolean;
  stallMs?: number;
}

interface Query {
  terms: { index: string; op: string; value: string }[];
}

/** The (index, relation, value) terms of our CQL; a record matches when every index/relation group has a match. */
function parseCql(cql: string): Query {
  const terms = [...cql.matchAll(/([a-z]+\.[a-z-]+)\s*(==|>=|<=)\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => ({
    index: m[1] ?? '',
    op: m[2] ?? '',
    value: (m[3] ?? '').replace(/\\(.)/g, '$1'),
  }));
  return { terms };
}

const INDEX_FIELD: Record<string, string> = {
  'dt.identifier': 'identifier',
  'w.dossiernummer': 'dossiernummer',
  'dt.date': 'date',
  'dt.modified': 'modified',
  'w.publicatienaam': 'publicatienaam',
  'w.organisatietype': 'organisatietype',
  'c.product-area': 'product-area',
};

function matches(record: string, query: Query): boolean {
  const groups = new Map<string, string[]>();
  for (const t of query.terms) {
    if (!(t.index in INDEX_FIELD)) continue;
    const key = `${t.index} ${t.op}`;
    groups.set(key, [...(groups.get(key) ?? []), t.value]);
  }
  for (const [key, values] of groups) {
    const [index, op] = key.split(' ') as [string, string];
    const have = field(record, INDEX_FIELD[index] ?? ''); // only indexes in INDEX_FIELD are grouped
    const ok = values.some((v) => have.some((h) => (op === '==' ? h === v : op === '>=' ? h.slice(0, 10) >= v : h.slice(0, 10) <= v)));
    if (!ok) return false;
  }
  return true;
}

export class ReplayServer {
  private server: http.Server | null = null;
  base = '';
  records: string[];
  /** Requests per path (the SRU path counted per startRecord). */
  readonly hits = new Map<string, number>();
  readonly log: string[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly bodies = new Map<string, Buffer>();
  /** Stop answering (connection reset) after this many requests, to simulate a lost connection. */
  dropAfter: number | null = null;
  /** Delay of every answer in ms (to see how many requests are in flight at once). */
  delayMs = 0;
  inFlight = 0;
  maxInFlight = 0;

  constructor(records: string[] = sampleRecords()) {
    this.records = [...records];
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server?.closeAllConnections();
  }

  get sruUrl(): string {
    return `${this.base}/sru`;
  }

  /** Serve these answers (in order) before the real one on paths starting with `prefix`. DERIVED. */
  fault(prefix: string, faults: Fault[]): void {
    this.faults.set(prefix, [...(this.faults.get(prefix) ?? []), ...faults]);
  }

  /** A record changed in the repository: a new modification date, and (optionally) a new file body. DERIVED. */
  change(id: string, modified: string, body?: { path: string; data: string }): void {
    this.records = this.records.map((r) =>
      idOf(r) !== id
        ? r
        : r.replace(/<dcterms:modified>[^<]*</, `<dcterms:modified>${modified}<`).replace(/<cd:datumTijdstipWijzigingExpression>[^<]*</, `<cd:datumTijdstipWijzigingExpression>${modified}T09:00:00+02:00<`),
    );
    if (body) this.bodies.set(body.path, Buffer.from(body.data));
  }

  /** Serve this body for a repository path. DERIVED. */
  serve(repoPath: string, data: string | Buffer): void {
    this.bodies.set(repoPath, Buffer.from(data));
  }

  addRecord(record: string): void {
    this.records.push(record);
  }

  count(prefix: string): number {
    let n = 0;
    for (const [p, c] of this.hits) if (p.startsWith(prefix)) n += c;
    return n;
  }

  /** Paper downloads (xml and pdf manifestations), by id. */
  paperDownloads(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [p, c] of this.hits) {
      const m = /\/(?:xml|pdf)\/([^/]+)\.(?:xml|pdf)$/.exec(p);
      if (m?.[1]) out.set(m[1], (out.get(m[1]) ?? 0) + c);
    }
    return out;
  }

  private rewrite(record: string): string {
    return record.replaceAll('http://__MOCK_SERVICE__/repository.overheid.nl/', `${this.base}/repository.overheid.nl/`).replaceAll('https://repository.overheid.nl/', `${this.base}/repository.overheid.nl/`);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    if (this.delayMs > 0) setTimeout(() => this.answer(req, res), this.delayMs);
    else this.answer(req, res);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.base);
    const key = url.pathname === '/sru' ? `/sru?startRecord=${url.searchParams.get('startRecord') ?? '1'}` : url.pathname;
    this.hits.set(key, (this.hits.get(key) ?? 0) + 1);
    this.log.push(key);
    if (this.dropAfter !== null && this.log.length > this.dropAfter) {
      req.socket.destroy();
      return;
    }
    for (const [prefix, queue] of this.faults) {
      if (key.startsWith(prefix) && queue.length > 0) {
        const f = queue.shift() as Fault;
        if (f.reset) {
          req.socket.destroy();
          return;
        }
        if (f.stallMs !== undefined) {
          // Answer too late: the client has given up by then.
          setTimeout(() => res.writeHead(200).end('too late'), f.stallMs);
          return;
        }
        res.writeHead(f.status, f.retryAfter !== undefined ? { 'retry-after': f.retryAfter } : {});
        res.end(`replayed fault ${f.status}`);
        return;
      }
    }
    if (url.pathname === '/sru') return this.sru(url, res);
    if (url.pathname.startsWith('/tk/')) return this.tk(url, res);
    const m = /^\/repository\.overheid\.nl\/frbr\/officielepublicaties\/(.+)$/.exec(url.pathname);
    if (!m?.[1]) {
      res.writeHead(404).end('not found');
      return;
    }
    const repoPath = m[1];
    const derived = this.bodies.get(repoPath);
    const real = REAL_FILES[repoPath];
    if (derived !== undefined) res.writeHead(200, { 'content-type': 'application/xml' }).end(derived);
    else if (real !== undefined) res.writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(path.join(samples, real)));
    else if (/\/xml\/[^/]+\.xml$/.test(repoPath)) {
      const id = /\/xml\/([^/]+)\.xml$/.exec(repoPath)?.[1] ?? '';
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<!-- DERIVED by the test replay: the samples do not hold this paper -->\n<officiele-publicatie><metadata><meta name="DC.identifier" content="${id}"/></metadata></officiele-publicatie>\n`,
        );
    } else res.writeHead(404).end('not found');
  }

  /** Tweede Kamer OData: a Zaak by number (with Document and ZaakActor expanded), a Fractie or a Persoon by id. */
  private tk(url: URL, res: http.ServerResponse): void {
    const data = tkData();
    const entity = /^\/tk\/(Zaak|Fractie|Persoon)(?:\(([0-9a-f-]+)\))?$/.exec(url.pathname);
    let body: unknown;
    if (entity?.[1] === 'Zaak' && entity[2] === undefined) {
      const nummer = /Nummer eq '([^']+)'/.exec(url.searchParams.get('$filter') ?? '')?.[1];
      body = { '@odata.context': `${this.base}/tk/$metadata#Zaak`, value: data.zaken.filter((z) => z.Nummer === nummer) };
    } else if (entity?.[1] === 'Fractie' && entity[2]) body = data.fracties.get(entity[2]);
    else if (entity?.[1] === 'Persoon' && entity[2]) body = data.personen.get(entity[2]);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; odata.metadata=minimal' }).end(JSON.stringify(body));
  }

  private sru(url: URL, res: http.ServerResponse): void {
    // The request as the repository expects it (KOOP's PLOOI harvester asks the same); else an SRU diagnostic.
    const wrong = (
      [
        ['operation', 'searchRetrieve'],
        ['version', '2.0'],
        ['recordSchema', 'gzd'],
      ] as const
    ).find(([k, v]) => url.searchParams.get(k) !== v);
    if (wrong || !url.searchParams.get('query')) {
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<sru:searchRetrieveResponse ${ENVELOPE_NS}><sru:version>2.0</sru:version><sru:numberOfRecords>0</sru:numberOfRecords>` +
            `<sru:diagnostics><diag:diagnostic><diag:uri>info:srw/diagnostic/1/7</diag:uri><diag:details>${wrong ? wrong[0] : 'query'}</diag:details><diag:message>Mandatory parameter not supplied or wrong</diag:message></diag:diagnostic></sru:diagnostics></sru:searchRetrieveResponse>\n`,
        );
      return;
    }
    const query = parseCql(url.searchParams.get('query') ?? '');
    const start = Number(url.searchParams.get('startRecord') ?? '1');
    const max = Number(url.searchParams.get('maximumRecords') ?? '10');
    const hits = this.records.filter((r) => matches(r, query));
    const page = hits.slice(start - 1, start - 1 + max);
    const next = start - 1 + max < hits.length ? start + max : null;
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<sru:searchRetrieveResponse ${ENVELOPE_NS}>\n<sru:version>2.0</sru:version>\n` +
      `<sru:numberOfRecords>${hits.length}</sru:numberOfRecords>\n<sru:records>\n` +
      page.map((r, i) => this.rewrite(r).replace(/<sru:recordPosition>\d+</, `<sru:recordPosition>${start + i}<`)).join('\n') +
      `\n</sru:records>\n${next !== null ? `<sru:nextRecordPosition>${next}</sru:nextRecordPosition>\n` : ''}` +
      `<sru:resultCountPrecision>info:srw/vocabulary/resultCountPrecision/1/exact</sru:resultCountPrecision>\n</sru:searchRetrieveResponse>\n`;
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(body);
  }
}

const D66 = '4e9f6f5b-2544-4667-8134-6b85c4ebb4e0';
const VAN_WEYENBERG = 'd1bb566e-a111-43b7-8856-273ebac1f753';
const KOOLMEES = '9522ae6b-a187-4f51-9df7-1b0feb767d6e';

/**
 * Tweede Kamer records for the Zaak of ah-tk-20202021-3235. DERIVED: the samples hold no
 * Zaak, Persoon or Fractie response in OData form. Built in the OData field names of the real
 * Zaak/ZaakActor/Document in samples/tk-opendata/gegevensmagazijn-rs-singular.besluit.json, with
 * values from real records: the Zaak number, askers, addressee and dates from the real
 * metadata.xml of ah-tk-20202021-3235; Fractie rows from the real Fractie snapshot
 * (nl-parliament-warehouse-fractie_changes.jsonl, fields renamed back); Persoon ids, names and the
 * D66 membership from the openkamer fixtures (tk_id, parliamentmember). Values the records do not
 * give (the TK document numbers, the ids of De Jong and Kat) are left null, not invented.
 */
export function tkData(): { zaken: Record<string, unknown>[]; fracties: Map<string, unknown>; personen: Map<string, unknown> } {
  const fracties = new Map<string, unknown>();
  for (const line of readFileSync(path.join(samples, 'tk-opendata/nl-parliament-warehouse-fractie_changes.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const f = JSON.parse(line) as Record<string, string | number | boolean | null>;
    const iso = (v: unknown): string | null => (typeof v === 'string' ? new Date(v.replace(' ', 'T')).toISOString() : null);
    fracties.set(String(f.id), {
      Id: f.id,
      Nummer: f.nummer,
      Afkorting: f.afkorting,
      NaamNL: f.naam_nl,
      NaamEN: f.naam_en,
      AantalZetels: f.aantal_zetels,
      DatumActief: iso(f.datum_actief),
      DatumInactief: iso(f.datum_inactief),
      Verwijderd: f.deleted,
    });
  }
  const personen = new Map<string, unknown>([
    [
      VAN_WEYENBERG,
      {
        Id: VAN_WEYENBERG,
        Achternaam: 'Weyenberg',
        Tussenvoegsel: 'van',
        Initialen: 'S.P.R.A.',
        Roepnaam: 'Steven',
        FractieZetelPersoon: [{ Van: '2012-09-20T00:00:00+02:00', TotEnMet: null, Verwijderd: false, FractieZetel: { Fractie_Id: D66 } }],
      },
    ],
    [KOOLMEES, { Id: KOOLMEES, Achternaam: 'Koolmees', Tussenvoegsel: null, Initialen: 'W.', Roepnaam: 'Wouter', FractieZetelPersoon: [] }],
  ]);
  const actor = (naam: string, relatie: string, persoon: string | null, fractie: string | null, afk: string | null): Record<string, unknown> => ({
    ActorNaam: naam,
    ActorFractie: afk,
    Relatie: relatie,
    Persoon_Id: persoon,
    Fractie_Id: fractie,
    Verwijderd: false,
  });
  const zaken = [
    {
      '@derived': 'test replay: see tkData() in test/harvest-replay.ts',
      Id: null,
      Nummer: '2021Z09739',
      Soort: 'Schriftelijke vragen',
      Onderwerp: 'Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de Tozo',
      GestartOp: null,
      Verwijderd: false,
      Document: [
        { Id: null, Soort: 'Schriftelijke vragen', DocumentNummer: null, Datum: null, Vergaderjaar: '2020-2021', Aanhangselnummer: null, Verwijderd: false },
        { Id: null, Soort: 'Antwoord schriftelijke vragen', DocumentNummer: null, Datum: '2021-06-21T00:00:00+02:00', Vergaderjaar: '2020-2021', Aanhangselnummer: '3235', Verwijderd: false },
      ],
      ZaakActor: [
        actor('S.P.R.A. van Weyenberg', 'Indiener', VAN_WEYENBERG, D66, 'D66'),
        actor('R.H. (Romke) de Jong', 'Medeindiener', null, D66, 'D66'),
        actor('H. Kat', 'Medeindiener', null, D66, 'D66'),
        actor('W. Koolmees', 'Gericht aan', KOOLMEES, null, null),
      ],
    },
  ];
  return { zaken, fracties, personen };
}

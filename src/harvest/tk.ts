/**
 * Links from the Tweede Kamer's open data (gegevensmagazijn, OData v4, CC0)
 * for the harvested Kamervragen: the Zaak number a paper carries
 * (OVERHEIDop.vraagnummer, e.g. 2021Z09739) ties the questions (kv-tk-…) to
 * their answer (ah-tk-…) and to a Mededeling of delay; the Zaak's actors give
 * the askers' Persoon and Fractie ids; Fractie and Persoon records give names
 * and periods. What is taken is kept in corpus/tweedekamer.json (see
 * links.ts for the format and the loader), with its source and date.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HttpError, PoliteClient, type PoliteOptions } from './http.js';
import { TK_LINKS_FILE, type TkFractie, type TkLinksFile, type TkPersoon, type TkZaak, type TkZaakDocument } from './links.js';
import { CorpusStore, PROVENANCE_FILE, writeAtomic } from './store.js';
import { ahTkId, kvTkId } from '../ingest/ids.js';

/** The Tweede Kamer's OData v4 service. */
export const DEFAULT_TK_URL = 'https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZAAK = /^\d{4}Z\d{5}$/;

export interface LinkOptions extends PoliteOptions {
  corpus: string;
  tkUrl?: string;
  client?: PoliteClient;
  clock?: () => Date;
}

export interface LinkSummary {
  zaken: number;
  fracties: number;
  personen: number;
  failed: string[];
  line: string;
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const day = (v: unknown): string | null => {
  const s = str(v);
  return s !== null && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
};
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : []);

/** OData string literal. */
const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** What a Zaak's document is to the written questions. */
export function documentRole(soort: string | null): TkZaakDocument['role'] {
  const s = (soort ?? '').toLowerCase();
  if (s.startsWith('schriftelijke vragen') || s === 'mondelinge vragen') return 'questions';
  if (s.startsWith('antwoord schriftelijke vragen') || s.startsWith('antwoord')) return 'answer';
  if (s.includes('uitstel')) return 'delay';
  return 'other';
}

/** The official id of an Aanhangsel document: vergaderjaar 2020-2021 + nummer 3235 (or 202020213235) → ah-tk-20202021-3235. */
export function aanhangselId(vergaderjaar: string | null, nummer: string | null): string | null {
  if (vergaderjaar === null || nummer === null) return null;
  const y = /^(\d{4})-(\d{4})$/.exec(vergaderjaar);
  if (!y) return null;
  const year = `${y[1]}${y[2]}`;
  const n = nummer.startsWith(year) && nummer.length > 8 ? nummer.slice(8) : nummer;
  return /^\d+$/.test(n) ? ahTkId(vergaderjaar, String(Number(n))) : null;
}

/** The Zaak numbers of the harvested Kamervragen (from the harvest state). */
async function harvestedZaken(store: CorpusStore): Promise<Map<string, string[]>> {
  const state = await store.loadState();
  const out = new Map<string, string[]>();
  for (const [id, doc] of Object.entries(state.documents)) {
    if (doc.zaak === null || !ZAAK.test(doc.zaak)) continue;
    out.set(doc.zaak, [...(out.get(doc.zaak) ?? []), id]);
  }
  return out;
}

async function getJson(client: PoliteClient, url: string): Promise<Json> {
  const res = await client.get(url, 'application/json');
  try {
    return JSON.parse(res.body.toString('utf8')) as Json;
  } catch (err) {
    throw new HttpError(url, res.status, `not JSON: ${(err as Error).message}`, 1);
  }
}

/** What the stages of one link run share: where to ask, what is known so far, what failed. */
interface LinkRun {
  base: string;
  client: PoliteClient;
  today: string;
  zaken: Map<string, TkZaak>;
  fracties: Map<string, TkFractie>;
  personen: Map<string, TkPersoon>;
  failed: string[];
}

/**
 * Look up the Tweede Kamer's records for the harvested Kamervragen and write corpus/tweedekamer.json, in stages:
 * the Zaken (fetchZaken), then the Fractie and Persoon records of their actors (fetchActors), then the file.
 */
export async function linkKamervragen(options: LinkOptions): Promise<LinkSummary> {
  const store = new CorpusStore(options.corpus);
  const base = (options.tkUrl ?? DEFAULT_TK_URL).replace(/\/+$/, '');
  const clock = options.clock ?? (() => new Date());
  const file = path.join(store.dir, TK_LINKS_FILE);
  const old: TkLinksFile | null = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as TkLinksFile) : null;
  const run: LinkRun = {
    base,
    client: options.client ?? new PoliteClient(options),
    today: clock().toISOString().slice(0, 10),
    zaken: new Map((old?.zaken ?? []).map((z) => [z.nummer, z])),
    fracties: new Map((old?.fracties ?? []).map((f) => [f.id, f])),
    personen: new Map((old?.personen ?? []).map((p) => [p.id, p])),
    failed: [],
  };
  const wanted = await harvestedZaken(store);
  await fetchZaken(run, wanted);
  await fetchActors(run);

  const out: TkLinksFile = {
    format: 'kamerstukken-ld/tweedekamer-links/1',
    source: base,
    license: 'http://creativecommons.org/publicdomain/zero/1.0/',
    retrieved: run.today,
    zaken: [...run.zaken.values()].sort((a, b) => a.nummer.localeCompare(b.nummer)),
    fracties: [...run.fracties.values()].sort((a, b) => a.id.localeCompare(b.id)),
    personen: [...run.personen.values()].sort((a, b) => a.id.localeCompare(b.id)),
  };
  if (out.zaken.length > 0 || old !== null) {
    await writeAtomic(file, `${JSON.stringify(out, null, 2)}\n`);
    const prov = path.join(store.dir, PROVENANCE_FILE);
    if (existsSync(prov)) {
      const p = JSON.parse(await readFile(prov, 'utf8')) as Json;
      p.tweedekamer = { source: base, retrieved: run.today };
      await writeAtomic(prov, `${JSON.stringify(p, null, 2)}\n`);
    }
  }
  const { failed } = run;
  const line = `${out.zaken.length} Zaken (${wanted.size} asked for), ${out.fracties.length} Fracties, ${out.personen.length} Personen in ${TK_LINKS_FILE}${failed.length > 0 ? `, ${failed.length} failed` : ''}`;
  return { zaken: out.zaken.length, fracties: out.fracties.length, personen: out.personen.length, failed, line };
}

/** The Zaak of each wanted number (with its documents and actors), asked again while it has no answer. */
async function fetchZaken(run: LinkRun, wanted: ReadonlyMap<string, string[]>): Promise<void> {
  const { base, client, zaken, failed } = run;
  for (const [nummer, ids] of [...wanted].sort(([a], [b]) => a.localeCompare(b))) {
    // A Zaak is looked up once; later answers or delays change it, so it is asked again while unanswered.
    const known = zaken.get(nummer);
    if (known && known.papers.answer.length > 0) continue;
    const url = `${base}/Zaak?$filter=${encodeURIComponent(`Nummer eq ${lit(nummer)} and Verwijderd eq false`)}&$expand=Document,ZaakActor`;
    try {
      const json = await getJson(client, url);
      const z = list(json.value)[0];
      if (!z) {
        failed.push(`${nummer} (${ids.join(', ')}): no Zaak with this number in ${base}`);
        continue;
      }
      const zaak = readZaak(z, nummer, url, run.today);
      // The repository's own records say so too: an Aanhangsel with this vraagnummer is the answer,
      // a kv- paper the questions.
      for (const id of ids) {
        const side = id.startsWith('ah-') ? zaak.papers.answer : id.startsWith('kv-') ? zaak.papers.questions : null;
        if (side && !side.includes(id)) side.push(id);
      }
      zaak.papers.answer.sort();
      zaak.papers.questions.sort();
      zaken.set(nummer, zaak);
    } catch (err) {
      failed.push(`${nummer} (${ids.join(', ')}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Fractie and Persoon records of the Zaken's actors not yet known. */
async function fetchActors(run: LinkRun): Promise<void> {
  const { base, client, today, fracties, personen, failed } = run;
  const fractieIds = new Set<string>();
  const persoonIds = new Set<string>();
  for (const z of run.zaken.values()) {
    for (const a of z.actors) {
      if (a.fractieId && !fracties.has(a.fractieId)) fractieIds.add(a.fractieId);
      if (a.persoonId && !personen.has(a.persoonId)) persoonIds.add(a.persoonId);
    }
  }
  for (const id of [...fractieIds].sort()) {
    const url = `${base}/Fractie(${id})`;
    try {
      const f = await getJson(client, url);
      fracties.set(id, { id, afkorting: str(f.Afkorting), naam: str(f.NaamNL), van: day(f.DatumActief), tot: day(f.DatumInactief), source: url, retrieved: today });
    } catch (err) {
      failed.push(`Fractie ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const id of [...persoonIds].sort()) {
    const url = `${base}/Persoon(${id})?$expand=FractieZetelPersoon($expand=FractieZetel)`;
    try {
      personen.set(id, readPersoon(id, await getJson(client, url), url, today));
    } catch (err) {
      failed.push(`Persoon ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function readPersoon(id: string, p: Json, url: string, today: string): TkPersoon {
  return {
    id,
    naam: [str(p.Roepnaam) ?? str(p.Initialen), str(p.Tussenvoegsel), str(p.Achternaam)].filter(Boolean).join(' '),
    initialen: str(p.Initialen),
    tussenvoegsel: str(p.Tussenvoegsel),
    achternaam: str(p.Achternaam),
    lidmaatschappen: list(p.FractieZetelPersoon)
      .filter((m) => m.Verwijderd !== true)
      .map((m) => {
        const zetel = typeof m.FractieZetel === 'object' && m.FractieZetel !== null ? (m.FractieZetel as Json) : {};
        return { fractieId: str(zetel.Fractie_Id), van: day(m.Van), tot: day(m.TotEnMet) };
      })
      .sort((a, b) => (a.van ?? '').localeCompare(b.van ?? '')),
    source: url,
    retrieved: today,
  };
}

function readZaak(z: Json, nummer: string, url: string, today: string): TkZaak {
  const documents: TkZaakDocument[] = list(z.Document)
    .filter((d) => d.Verwijderd !== true)
    .map((d) => {
      const soort = str(d.Soort);
      const role = documentRole(soort);
      const ah = aanhangselId(str(d.Vergaderjaar), str(d.Aanhangselnummer));
      return {
        id: str(d.Id),
        nummer: str(d.DocumentNummer),
        soort,
        datum: day(d.Datum),
        role,
        officialId: role === 'questions' ? kvTkId(nummer) : ah,
      };
    })
    .sort((a, b) => `${a.datum ?? ''} ${a.nummer ?? ''}`.localeCompare(`${b.datum ?? ''} ${b.nummer ?? ''}`));
  const ids = (role: TkZaakDocument['role']): string[] => [...new Set(documents.filter((d) => d.role === role && d.officialId !== null).map((d) => d.officialId as string))].sort();
  return {
    nummer,
    id: str(z.Id) ?? '',
    soort: str(z.Soort),
    onderwerp: str(z.Onderwerp),
    gestart: day(z.GestartOp),
    papers: { questions: ids('questions'), answer: ids('answer'), delay: ids('delay') },
    documents,
    actors: list(z.ZaakActor)
      .filter((a) => a.Verwijderd !== true)
      .map((a) => ({
        naam: str(a.ActorNaam),
        relatie: str(a.Relatie),
        fractie: str(a.ActorFractie),
        persoonId: str(a.Persoon_Id) !== null && GUID.test(str(a.Persoon_Id) as string) ? (str(a.Persoon_Id) as string) : null,
        fractieId: str(a.Fractie_Id) !== null && GUID.test(str(a.Fractie_Id) as string) ? (str(a.Fractie_Id) as string) : null,
      })),
    source: url,
    retrieved: today,
  };
}

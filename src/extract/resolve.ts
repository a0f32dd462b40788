/**
 * From a citation id to where the cited paper is published: the
 * officielebekendmakingen page with its .pdf and .xml forms, and its dossier.
 * Addresses come from src/rdf/iris.ts (officialUrl, officialDossierUrl); this
 * module only decides which id parts go where.
 */
import type { NamedNode } from '@rdfjs/types';
import type { CitationKind } from '../model.js';
import { officialDossierUrl, officialUrl, type IriMinter } from '../rdf/iris.js';
import { KldError } from '../errors.js';

/** Series of official publication ids (REFERENCE.md), plus the two Tweede Kamer number kinds. */
export type OfficialSeries =
  | 'kst' // Kamerstuk: kst-33783-35, kst-21501-20-1440, kst-36021-B
  | 'ah-tk' // Aanhangsel Handelingen Tweede Kamer: ah-tk-20192020-3225
  | 'ah-ek'
  | 'h-tk' // Handelingen: h-tk-20192020-12-5
  | 'h-ek'
  | 'kv-tk' // Kamervragen before their answer: kv-tk-2023Z12345
  | 'nds-tk' // Non-dossier document: nds-tk-2020D32255
  | 'tk-document' // 2022D22285 (gegevensmagazijn Document.DocumentNummer)
  | 'tk-zaak'; // 2022Z10723 (gegevensmagazijn Zaak.Nummer)

export interface OfficialIdParts {
  id: string;
  series: OfficialSeries;
  chamber: 'tk' | 'ek' | null;
  /** Dossier number without toevoeging: "21501". */
  dossier: string | null;
  /** "20" in 21501-20, "VI" in 36410-VI. */
  toevoeging: string | null;
  /** Kamerstuk number within its dossier ("1440", "B"), or the Aanhangsel number ("3225"). */
  ondernummer: string | null;
  /** "2019-2020", for ah/h ids. */
  vergaderjaar: string | null;
  /** Handelingen: number of the sitting (vergadering) and the agenda item. */
  vergadering: string | null;
  item: string | null;
  /** kv-tk, nds-tk and bare TK numbers: the Tweede Kamer number ("2022D22285", "2023Z12345"). */
  tkNumber: string | null;
}

/** An id that is not an official publication id or TK number; names the id and what is wrong with it. */
export class OfficialIdError extends KldError {
  readonly id: string;
  constructor(id: string, reason: string) {
    super('input', `malformed official id "${id}": ${reason}`);
    this.id = id;
  }
}

const KST = /^kst-(\d{5})(?:-(\d{1,3}|[IVX]{1,5}[AB]?|[A-Z]))?-(\d{1,5}|[A-Z]{1,3})$/;
const AH = /^ah-(tk|ek)-(\d{4})(\d{4})-(\d{1,5})$/;
const H = /^h-(tk|ek)-(\d{4})(\d{4})-(\d{1,4})-(\d{1,4})$/;
const KV = /^kv-tk-(\d{4}Z\d{5})$/;
const NDS = /^nds-tk-(\d{4}D\d{5})$/;
const TK = /^(\d{4})([DZ])(\d{5})$/;

function empty(id: string, series: OfficialSeries): OfficialIdParts {
  return {
    id,
    series,
    chamber: null,
    dossier: null,
    toevoeging: null,
    ondernummer: null,
    vergaderjaar: null,
    vergadering: null,
    item: null,
    tkNumber: null,
  };
}

function vergaderjaar(id: string, first: string, second: string): string {
  if (Number(second) !== Number(first) + 1) {
    throw new OfficialIdError(id, `vergaderjaar ${first}${second} is not two consecutive years`);
  }
  return `${first}-${second}`;
}

/**
 * Split an official id into its parts.
 * @example splitOfficialId('kst-21501-20-1440') // → { series: 'kst', dossier: '21501', toevoeging: '20', ondernummer: '1440', … }
 * @throws OfficialIdError when the id has none of the known shapes.
 */
export function splitOfficialId(id: string): OfficialIdParts {
  // The groups below all take part in a match except the kst toevoeging; the '' defaults are never used.
  let m: RegExpExecArray | null;
  if ((m = KST.exec(id)) !== null) {
    const [, dossier = '', toevoeging = null, ondernummer = ''] = m;
    return { ...empty(id, 'kst'), dossier, toevoeging, ondernummer };
  }
  if ((m = AH.exec(id)) !== null) {
    const [, ch, y1 = '', y2 = '', ondernummer = ''] = m;
    const chamber = ch as 'tk' | 'ek';
    return {
      ...empty(id, `ah-${chamber}`),
      chamber,
      vergaderjaar: vergaderjaar(id, y1, y2),
      ondernummer,
    };
  }
  if ((m = H.exec(id)) !== null) {
    const [, ch, y1 = '', y2 = '', vergadering = '', item = ''] = m;
    const chamber = ch as 'tk' | 'ek';
    return {
      ...empty(id, `h-${chamber}`),
      chamber,
      vergaderjaar: vergaderjaar(id, y1, y2),
      vergadering,
      item,
    };
  }
  if ((m = KV.exec(id)) !== null) return { ...empty(id, 'kv-tk'), chamber: 'tk', tkNumber: m[1] ?? '' };
  if ((m = NDS.exec(id)) !== null) return { ...empty(id, 'nds-tk'), chamber: 'tk', tkNumber: m[1] ?? '' };
  if ((m = TK.exec(id)) !== null) {
    return { ...empty(id, m[2] === 'D' ? 'tk-document' : 'tk-zaak'), chamber: 'tk', tkNumber: id };
  }
  const hint = id.startsWith('kst-')
    ? 'a Kamerstuk id is kst-{5-digit dossier}[-{toevoeging}]-{number}'
    : /^(ah|h)-/.test(id)
      ? 'expected ah-tk-{vergaderjaar}-{nr} or h-tk-{vergaderjaar}-{vergadering}-{item}'
      : 'not a kst-, ah-, h-, kv-tk- or nds-tk- id, nor a TK number like 2022D22285';
  throw new OfficialIdError(id, hint);
}

export interface ResolvedCitation {
  /** https://zoek.officielebekendmakingen.nl/{id}; null for bare TK numbers (see resolveCitation). */
  officialUrl: string | null;
  pdf: string | null;
  xml: string | null;
  /** Dossier with toevoeging as in the id ("21501-20"); null outside the Kamerstukken. */
  dossier: string | null;
  dossierUrl: string | null;
  kind: CitationKind;
  /** Our own IRI for the paper, when it is in the corpus being built (options.corpus). */
  localIri: NamedNode | null;
}

export interface ResolveOptions {
  /** Official ids of the documents in the corpus; a citation of one of them links to our own IRI as well. */
  corpus?: ReadonlySet<string>;
  minter?: IriMinter;
}

const KIND: Record<OfficialSeries, CitationKind> = {
  kst: 'kamerstuk',
  'ah-tk': 'aanhangsel',
  'ah-ek': 'aanhangsel',
  'h-tk': 'handelingen',
  'h-ek': 'handelingen',
  // Written questions before their answer are a zaak; a non-dossier document is a TK document.
  'kv-tk': 'tk-zaak',
  'nds-tk': 'tk-document',
  'tk-document': 'tk-document',
  'tk-zaak': 'tk-zaak',
};

/**
 * Where a cited paper is published.
 *
 * Bare Tweede Kamer numbers (2022D22285, 2022Z10723) get no addresses:
 * officielebekendmakingen knows papers only by their official id, and the
 * number-to-id link lives in the TK gegevensmagazijn
 * (Document.DocumentNummer → DocumentVersie.ExterneIdentifier), which needs a
 * network look-up that the pipeline must not do at build time. A wrong address
 * is worse than none, so the fields are null.
 *
 * @throws OfficialIdError for a malformed id.
 */
export function resolveCitation(id: string, options: ResolveOptions = {}): ResolvedCitation {
  const parts = splitOfficialId(id);
  const kind = KIND[parts.series];
  const localIri =
    options.corpus?.has(id) === true && options.minter !== undefined ? options.minter.document(id) : null;
  if (parts.series === 'tk-document' || parts.series === 'tk-zaak') {
    return { officialUrl: null, pdf: null, xml: null, dossier: null, dossierUrl: null, kind, localIri };
  }
  const dossier =
    parts.series === 'kst' && parts.dossier !== null
      ? parts.toevoeging === null
        ? parts.dossier
        : `${parts.dossier}-${parts.toevoeging}`
      : null;
  return {
    officialUrl: officialUrl(id),
    pdf: officialUrl(id, '.pdf'),
    xml: officialUrl(id, '.xml'),
    dossier,
    dossierUrl: dossier === null ? null : officialDossierUrl(dossier),
    kind,
    localIri,
  };
}

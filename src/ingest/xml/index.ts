/**
 * The official XML of officielebekendmakingen.nl ("OP" XML, schema
 * op-xsd-2014-05-15) into the parts the shared assembly works from:
 * header, question blocks with folded sides, footnotes and their markers.
 * Every offset points into the XML source. Footnotes (<noot type="voet">)
 * stand inline where their marker is printed, so the marker's place is
 * exact here where the text reader must find it by pattern.
 */
import { ahTkId, completeIdentity, kstId, PUBLICATION_ID as ID } from '../ids.js';
import { IngestError, lineOf } from '../../errors.js';
import type { PaperStructure, FootnoteParts } from '../structure.js';
import type { Marker } from '../markers.js';
import type { SourceText } from '../source.js';
import { joinFolded } from '../fold.js';
import { readKamervragenXml, type Fail, type XmlBody } from './kamervragen.js';
import { readKamerstukXml } from './kamerstuk.js';
import { foldedSpan, inlineText } from './text.js';
import { completeFromMetadata, parseMetadataRecord, recordId, zaakIn } from './metadata.js';
import { XmlSyntaxError } from './tokenizer.js';
import { attr, child, childElements, descendants, parseXml, type XmlElement } from './tree.js';

export { parseXml } from './tree.js';
export { tokenize, XmlSyntaxError } from './tokenizer.js';

const PAPERS = ['kamervragen', 'kamerstuk'];

export function readOfficialXml(source: SourceText): PaperStructure {
  const file = source.path;
  const at = (offset: number): { file: string; line: number } => ({ file, line: lineOf(source.text, offset) });
  const fail: Fail = (el, reason) => {
    throw new IngestError(at(el.start), reason);
  };
  let root: XmlElement;
  try {
    root = parseXml(source.text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new IngestError(at(err.offset), `not well-formed XML: ${err.message}`);
    throw err;
  }

  let paper: XmlElement | undefined;
  if (PAPERS.includes(root.name)) paper = root;
  else if (root.name === 'officiele-publicatie') {
    paper = childElements(root).find((e) => PAPERS.includes(e.name));
    if (!paper) {
      const held = childElements(root)
        .filter((e) => e.name !== 'metadata')
        .map((e) => `<${e.name}>`);
      fail(root, `official publication XML holding ${held.join(', ') || 'nothing'}, not <kamerstuk> or <kamervragen>: not a paper this tool reads`);
    }
  } else {
    fail(root, `unknown root element <${root.name}>: not official publication XML (<officiele-publicatie> with <kamerstuk> or <kamervragen>)`);
  }

  const body: XmlBody = paper.name === 'kamervragen' ? readKamervragenXml(paper, fail) : readKamerstukXml(paper, fail);
  const { footnotes, markers } = readFootnotes(root, fail);
  const { ident, zaak } = withMetadataRecord(root, body, source);
  const answered = body.blocks.some((b) => b.answer !== null);
  return {
    source,
    genre: body.genre,
    ident,
    extras: {
      idSource: 'metadata',
      zaak,
      documentNumber: null,
      stage: body.genre === 'kamervragen' ? (answered ? 'answers' : body.notice ? 'notice' : 'questions') : null,
      related: null,
      warnings: [],
      rendering: 'official XML',
    },
    header: body.header,
    blocks: body.blocks,
    ...(body.blocksOfAskers ? { blocksOfAskers: true } : {}),
    notice: body.notice,
    footnotes,
    markers,
    pages: null,
    pageAt: () => undefined,
  };
}

/** Footnotes (<noot type="voet">, or untyped) with their numbers; table notes (type="tabel") are not the paper's footnotes. */
function readFootnotes(root: XmlElement, fail: Fail): { footnotes: FootnoteParts[]; markers: Marker[] } {
  const footnotes: FootnoteParts[] = [];
  const markers: Marker[] = [];
  const seen = new Set<number>();
  for (const noot of descendants(root, 'noot')) {
    const type = attr(noot, 'type');
    if (type !== undefined && type !== 'voet') continue;
    const nr = child(noot, 'noot.nr');
    if (!nr) fail(noot, 'a footnote (<noot>) without <noot.nr>');
    const digits = inlineText(nr);
    if (!/^\d{1,3}$/.test(digits.text)) fail(nr, `footnote number "${digits.text}" is not a number`);
    const number = Number(digits.text);
    if (seen.has(number)) fail(noot, `footnote ${number} appears twice`);
    seen.add(number);
    const bodies = childElements(noot, 'noot.al');
    const folded =
      bodies.length > 0
        ? joinFolded(
            bodies.map((b) => inlineText(b)),
            ' ',
          )
        : inlineText(noot, new Set(['noot.nr', 'noot', 'nootref']));
    footnotes.push({ number, folded, span: folded.text === '' ? { start: noot.start, end: noot.end } : foldedSpan(folded) });
    const span = foldedSpan(digits);
    markers.push({ number, offsets: digits.map, start: span.start, end: span.end });
  }
  footnotes.sort((a, b) => a.number - b.number);
  return { footnotes, markers };
}

/**
 * The paper's identity, its header completed from the metadata record beside
 * the file when there is one and it is about this paper (a metadata.xml
 * naming another id is left alone).
 */
function withMetadataRecord(root: XmlElement, body: XmlBody, source: SourceText): { ident: PaperStructure['ident']; zaak: string | null } {
  // The paper's own <metadata> may state the Zaak number too.
  const own = child(root, 'metadata');
  const ownRecord = new Map<string, string[]>();
  for (const m of own ? childElements(own, 'meta') : []) {
    const name = attr(m, 'name');
    const content = attr(m, 'content');
    if (name && content) ownRecord.set(name, [...(ownRecord.get(name) ?? []), content.trim()]);
  }
  const ownZaak = zaakIn(ownRecord);
  if (!source.metadata) return { ident: identify(root, body, source), zaak: ownZaak };
  const record = parseMetadataRecord(source.metadata.path, source.metadata.text);
  const about = recordId(record);
  let before: PaperStructure['ident'] | null = null;
  try {
    before = identify(root, body, source);
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
  }
  if (about && before && about !== before.id) return { ident: before, zaak: ownZaak };
  const { zaak } = completeFromMetadata(body.header, record);
  return { ident: identify(root, body, source, about), zaak: ownZaak ?? zaak };
}

/**
 * The official id: stated in the metadata (DC.identifier, or the address of
 * the publication), else made from the paper's own numbers, else the file
 * name. Where the metadata and the paper's numbers both speak they must agree.
 */
function identify(root: XmlElement, body: XmlBody, source: SourceText, recorded: string | null = null): PaperStructure['ident'] {
  const h = body.header;
  let fromNumbers: string | null = null;
  if (body.genre === 'kamervragen') {
    if (h.vergaderjaar && h.ondernummer && /^\d+$/.test(h.ondernummer)) fromNumbers = ahTkId(h.vergaderjaar, h.ondernummer);
  } else if (h.dossier && h.ondernummer) {
    fromNumbers = kstId(h.dossier, h.ondernummer);
  }
  const metadata = child(root, 'metadata');
  const metas = metadata ? childElements(metadata, 'meta') : [];
  const stated = metas.filter((m) => attr(m, 'name') === 'DC.identifier').map((m) => ID.exec(attr(m, 'content') ?? '')?.[1])[0] ?? metas.map((m) => ID.exec(attr(m, 'content') ?? '')?.[1]).find((id) => id !== undefined);
  const named = new RegExp(`^${ID.source}(?:\\.\\w+)?$`).exec(source.info.file)?.[1];
  const id = stated ?? (recorded && ID.test(recorded) ? recorded : null) ?? fromNumbers ?? named ?? null;
  if (!id) {
    throw new IngestError({ file: source.path, line: 1 }, 'cannot tell the official id: no DC.identifier in the metadata, no dossier and stuk number or Aanhangsel number, and no id-like file name');
  }
  if (stated && fromNumbers && stated !== fromNumbers) {
    const meta = metas.find((m) => (attr(m, 'content') ?? '').includes(stated)) ?? root;
    throw new IngestError({ file: source.path, line: lineOf(source.text, meta.start) }, `the metadata names ${stated} but the paper's own numbers make ${fromNumbers}`);
  }
  const { dossier, ondernummer, vergaderjaar } = h;
  return completeIdentity(id, { dossier, ondernummer, vergaderjaar });
}

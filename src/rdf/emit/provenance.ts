/**
 * Provenance: the source file a paper was read from, the extraction that read
 * it (no timestamps: the same input gives the same data), the published
 * normalised text, and where each extracted thing stands in that text.
 */
import type { NamedNode } from '@rdfjs/types';
import { DataFactory } from 'n3';
import type { Span } from '../../model.js';
import { isProvisionalId, officialUrl } from '../iris.js';
import { dcterms, oa, prov, rdfs } from '../vocab.js';
import { a, int, nonNegative, str, type Emit } from './writer.js';

const { namedNode } = DataFactory;

/** The source file, the extraction, and the published text (output/documents/{id}.txt). */
export function emitProvenance(e: Emit): void {
  const { g, minter, doc, id, D, kld } = e;
  const src = doc.source;
  const sourceFile = minter.source(id);
  g.add(D, prov.wasDerivedFrom, sourceFile);
  g.add(sourceFile, a, kld.SourceFile);
  g.add(sourceFile, kld.fileName, str(src.file));
  g.add(sourceFile, kld.sha256, str(src.sha256));
  g.add(sourceFile, kld.characterCount, int(src.length));
  g.add(sourceFile, kld.sourceFormat, str(src.format));
  // The official file the source is (or was extracted from); a Word document has no official address.
  // A provisional id has no official address at all.
  const official = isProvisionalId(id) ? null : src.format === 'xml' ? '.xml' : src.format === 'html' ? '.html' : src.format === 'docx' ? null : '.pdf';
  if (official !== null) g.add(sourceFile, prov.wasDerivedFrom, namedNode(officialUrl(id, official)));

  // The text every selector points into, published beside the document's RDF.
  const T = minter.sourceText(id);
  g.add(T, a, kld.SourceText);
  g.add(T, dcterms.format, str('text/plain; charset=utf-8'));
  g.add(T, kld.sha256, str(e.text.sha256));
  g.add(T, kld.codePointCount, int(e.text.codePoints));
  g.add(T, prov.wasDerivedFrom, sourceFile);

  const extraction = minter.extraction(id);
  const software = minter.software();
  g.add(D, prov.wasGeneratedBy, extraction);
  g.add(extraction, a, prov.Activity);
  g.add(extraction, prov.used, sourceFile);
  g.add(extraction, prov.wasAssociatedWith, software);
  g.add(software, a, prov.SoftwareAgent);
  g.add(software, rdfs.label, str('kamerstukken-ld'));
}

/**
 * Where a thing stands in the published text: thing dcterms:source {thing}#bron, an
 * oa:SpecificResource with oa:hasSource the published text, a TextPositionSelector
 * (code points) and a TextQuoteSelector (exact, prefix, suffix).
 */
export function emitSpan(e: Emit, thing: NamedNode, span: Span, part: 'bron' | 'vraag' | 'markering' = 'bron'): NamedNode {
  const { g, minter, kld } = e;
  const R = minter.selector(thing, part);
  const link = part === 'bron' ? dcterms.source : part === 'vraag' ? kld.questionSource : kld.markerSource;
  g.add(thing, link, R);
  g.add(R, a, oa.SpecificResource);
  g.add(R, oa.hasSource, minter.sourceText(e.id));
  const P = minter.positionSelector(R);
  g.add(R, oa.hasSelector, P);
  g.add(P, a, oa.TextPositionSelector);
  g.add(P, oa.start, nonNegative(e.text.cp(span.start)));
  g.add(P, oa.end, nonNegative(e.text.cp(span.end)));
  if (span.page !== undefined) g.add(R, kld.page, int(span.page));
  const Q = minter.quoteSelector(R);
  const quote = e.text.quote(span);
  g.add(R, oa.hasSelector, Q);
  g.add(Q, a, oa.TextQuoteSelector);
  g.add(Q, oa.exact, str(quote.exact));
  g.add(Q, oa.prefix, str(quote.prefix));
  g.add(Q, oa.suffix, str(quote.suffix));
  return R;
}

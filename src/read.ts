/**
 * Reading a paper end to end: source → structure (src/ingest) → extract(structure,
 * gazetteer) (src/extract) → DocumentModel. The gazetteer is the caller's; without
 * one, the bundled ontology/gazetteer.ttl.
 */
import { defaultGazetteerInstance, type Gazetteer } from './extract/gazetteer.js';
import { extract } from './extract/index.js';
import { readStructure, structureOfText } from './ingest/index.js';
import { IngestError } from './errors.js';
import type { PaperStructure } from './ingest/structure.js';
import type { DocumentModel } from './model.js';

export { IngestError };

export interface ReadOptions {
  /** The gazetteer that names factions, treaties, organisations, ministries; the bundled one when not given. */
  gazetteer?: Gazetteer;
  /** The official id, set by hand (`--id`): it wins over whatever the paper says. */
  id?: string;
}

/** Read one file in any rendering (text, official XML, PDF, Word, HTML: told from its content) into the document model. */
export async function readDocument(file: string, options: ReadOptions = {}): Promise<DocumentModel> {
  const structure = await readStructure(file, options.id === undefined ? {} : { id: options.id });
  return extracted(structure, options.gazetteer);
}

/** The document model of text already in memory (tests), named as `file` in errors. */
export function parseText(file: string, text: string, options: ReadOptions = {}): DocumentModel {
  const structure = structureOfText(file, text, options.id === undefined ? {} : { id: options.id });
  return extracted(structure, options.gazetteer);
}

function extracted(structure: PaperStructure, gazetteer: Gazetteer | undefined): DocumentModel {
  try {
    return extract(structure, gazetteer ?? defaultGazetteerInstance());
  } catch (err) {
    // An error of ours (a bug, or a limit of the runtime) still names the file.
    const what = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new IngestError({ file: structure.source.path }, `cannot be read: an internal error while extracting (${what}); please report it with this file`, { cause: err });
  }
}

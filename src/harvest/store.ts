/**
 * The harvested corpus on disk, laid out by official id:
 *
 *   corpus/{id}/{id}.xml | {id}.pdf   the paper (the build reads it)
 *   corpus/{id}/metadata.xml          the repository's metadata record, beside the paper
 *   corpus/.harvest/state.json        what was harvested: per id the repository's
 *                                     modification date, the URLs and the files' hashes,
 *                                     and the position of an unfinished query
 *   corpus/harvest.json               when and from where (for the dataset description)
 *
 * A document's folder is written whole into a temporary sibling and renamed
 * into place, and state.json is replaced by rename too, so an interrupted run
 * leaves either the old or the new version, never half of one.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KldError } from '../errors.js';

export const STATE_DIR = '.harvest';
export const STATE_FILE = 'state.json';
export const PROVENANCE_FILE = 'harvest.json';

export interface HarvestedFile {
  name: string;
  sha256: string;
  bytes: number;
  url: string;
}

export interface DocumentState {
  /** The repository's modification date of the record when we fetched it. */
  modified: string;
  /** The paper's manifestation. */
  kind: 'xml' | 'pdf';
  files: HarvestedFile[];
  /** ISO time of the download. */
  fetched: string;
  /** Tweede Kamer Zaak number, when the record gives one. */
  zaak: string | null;
  type: string | null;
}

export interface QueryCursor {
  cql: string;
  /** startRecord of the next page to read. */
  next: number;
  pageSize: number;
}

export interface HarvestState {
  version: 1;
  documents: Record<string, DocumentState>;
  /** Set while a query is being paged; cleared when it reached its end. */
  cursor: QueryCursor | null;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Write a file by writing a temporary sibling and renaming it over the target. */
export async function writeAtomic(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export class CorpusStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  get statePath(): string {
    return path.join(this.dir, STATE_DIR, STATE_FILE);
  }

  async loadState(): Promise<HarvestState> {
    if (!existsSync(this.statePath)) return { version: 1, documents: {}, cursor: null };
    const raw = await readFile(this.statePath, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new KldError('input', `${this.statePath}: not JSON (${(err as Error).message}); move it away to start afresh`, { location: { file: this.statePath }, cause: err });
    }
    const s = parsed as Partial<HarvestState>;
    if (s.version !== 1 || typeof s.documents !== 'object' || s.documents === null) {
      throw new KldError('input', `${this.statePath}: not a harvest state file of version 1`, { location: { file: this.statePath } });
    }
    return { version: 1, documents: s.documents, cursor: s.cursor ?? null };
  }

  async saveState(state: HarvestState): Promise<void> {
    // Sorted ids: the file diffs well and is the same for the same corpus.
    const documents = Object.fromEntries(
      Object.keys(state.documents)
        .sort()
        .map((k) => [k, state.documents[k]]),
    );
    await writeAtomic(this.statePath, `${JSON.stringify({ ...state, documents }, null, 2)}\n`);
  }

  docDir(id: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(id)) throw new KldError('data', `not a safe official id for a folder name: "${id}"`);
    return path.join(this.dir, id);
  }

  /** Do the files of a harvested document still hold what we wrote? */
  async intact(id: string, doc: DocumentState): Promise<boolean> {
    for (const f of doc.files) {
      const file = path.join(this.docDir(id), f.name);
      if (!existsSync(file)) return false;
      if (sha256(await readFile(file)) !== f.sha256) return false;
    }
    return true;
  }

  /** Replace a document's folder with these files, all at once. */
  async writeDocument(id: string, files: { name: string; data: Buffer }[]): Promise<void> {
    const target = this.docDir(id);
    const tmp = path.join(this.dir, STATE_DIR, 'tmp', `${id}.${process.pid}.${Date.now()}`);
    await mkdir(tmp, { recursive: true });
    for (const f of files) await writeFile(path.join(tmp, f.name), f.data);
    const old = path.join(this.dir, STATE_DIR, 'tmp', `${id}.old.${process.pid}.${Date.now()}`);
    // Two renames: the old folder out of the way, the new one in; a crash between them leaves
    // the id missing (harvested again next run), never mixed.
    if (existsSync(target)) await rename(target, old);
    await rename(tmp, target);
    await rm(old, { recursive: true, force: true });
  }

  /** Remove what an interrupted run left in the temporary area. */
  async cleanTemp(): Promise<void> {
    await rm(path.join(this.dir, STATE_DIR, 'tmp'), { recursive: true, force: true });
  }
}

/** Paper file names inside a harvested document's folder, in order of preference. */
const PAPER_EXTENSIONS = ['.xml', '.pdf', '.txt'];

/**
 * The papers of a corpus laid out by id (DIR/{id}/{id}.xml, .pdf or .txt), for the
 * build; folders of any other shape, and hidden ones (.harvest), are not papers.
 */
export async function harvestedPapers(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    for (const ext of PAPER_EXTENSIONS) {
      const file = path.join(dir, entry.name, `${entry.name}${ext}`);
      if (existsSync(file)) {
        out.push(file);
        break;
      }
    }
  }
  return out;
}

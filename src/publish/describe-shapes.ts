/**
 * Validation of the dataset description (dataset.ttl) with its own shapes,
 * shapes/dataset.ttl: what DCAT-AP-NL and VoID consumers rely on (titles in
 * Dutch and English, publisher, license, dates, distributions with media
 * type, byte size and SHA-256, VoID counts as integers, linksets with targets).
 */
import type { Quad } from '@rdfjs/types';
import SHACLValidator from 'rdf-validate-shacl';
import { Store } from 'n3';
import type { IriMinter } from '../rdf/iris.js';
import { loadTurtle } from '../rdf/ontology.js';

export const DATASET_SHAPES_FILE = 'shapes/dataset.ttl';

export interface DescriptionReport {
  conforms: boolean;
  /** One line per result: focus node, path, message. */
  results: string[];
  text: string;
}

export async function validateDescription(description: readonly Quad[], minter: IriMinter): Promise<DescriptionReport> {
  const shapes = loadTurtle(DATASET_SHAPES_FILE, minter);
  const validator = new SHACLValidator(new Store(shapes));
  const report = await validator.validate(new Store([...description]));
  const results = report.results.map((r) => `<${r.focusNode?.value ?? '?'}> ${r.path ? `<${r.path.value}> ` : ''}${r.message.map((m) => m.value).join('; ')}${r.value ? ` (value: ${r.value.value})` : ''}`).sort();
  return { conforms: report.conforms, results, text: results.join('\n') };
}

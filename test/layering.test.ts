/**
 * The folders' contracts, read from the import lines of src/: data flows one way (src/publish never imports
 * src/serve), other packages are used through their public entry points only, and the output folder's file
 * names have one home (src/output-layout.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, OUTPUT_FILES, buildManifestText, contextFile, documentFile, isContextFile, isPublicFile, parseBuildManifest } from '../src/output-layout.js';
import { IriMinter } from '../src/rdf/iris.js';
import { repoRoot, tsFiles } from './helpers.js';

const srcDir = path.join(repoRoot, 'src');

/** The module specifiers of a file's import and export-from lines and dynamic imports (comments left out). */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of code.matchAll(/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm)) found.push(m[1] ?? '');
  for (const m of code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) found.push(m[1] ?? '');
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1] ?? '');
  return found;
}

/** The files below src/`folder` that import a module below src/`target`, with the offending specifier. */
function importsInto(folder: string, target: string): string[] {
  const targetDir = path.join(srcDir, target) + path.sep;
  const offending: string[] = [];
  for (const file of tsFiles(path.join(srcDir, folder))) {
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(targetDir)) offending.push(`${path.relative(repoRoot, file)}: ${spec}`);
    }
  }
  return offending;
}

describe('import lines', () => {
  it('are all found, whatever their form (so that the checks below can fail)', () => {
    const text = [
      "import { a } from '../serve/a.js';",
      "import type { B } from '../serve/b.js';",
      'import {\n  c,\n  d,\n} from "../serve/c.js";',
      "export { e } from '../serve/e.js';",
      "import '../serve/side-effect.js';",
      "const f = await import('../serve/f.js');",
      "// import { g } from '../serve/g.js';",
      "/* import { h } from '../serve/h.js'; */",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../serve/a.js', '../serve/b.js', '../serve/c.js', '../serve/e.js', '../serve/side-effect.js', '../serve/f.js']);
  });

  it('of src/publish import nothing from src/serve (data flows one way: publish writes output/, serve reads it)', () => {
    expect(tsFiles(path.join(srcDir, 'publish')).length).toBeGreaterThan(15);
    expect(importsInto('publish', 'serve')).toEqual([]);
  });

  it('of src/ingest import nothing from the later stages', () => {
    for (const later of ['extract', 'rdf', 'validate', 'publish', 'serve']) expect(importsInto('ingest', later)).toEqual([]);
  });

  it('of src/ reach other packages through their public entry points, never their src/ or lib/ internals', () => {
    const offending: string[] = [];
    for (const file of tsFiles(srcDir)) {
      for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.') && !spec.startsWith('node:') && /\/(?:src|lib|dist)\//.test(spec)) offending.push(`${path.relative(repoRoot, file)}: ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('the package root', () => {
  it('is found one way, by src/package.ts; only two other modules look at where their own code lies, each for its own reason', () => {
    const looking = tsFiles(srcDir)
      .filter((f) => /import\.meta\.url/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(repoRoot, f));
    // ui.ts: createRequire(import.meta.url) to resolve the YASGUI package through Node's resolver;
    // pipeline.ts: the pipeline version hashes the code that runs (src/ under vitest, dist/src/ from the CLI).
    expect(looking).toEqual(['src/package.ts', 'src/publish/pipeline.ts', 'src/serve/ui.ts'].map((f) => path.join(...f.split('/'))));
  });
});

describe('the output layout (src/output-layout.ts)', () => {
  it('is the only module of src/ that spells an output file name', () => {
    const names = Object.values(OUTPUT_FILES).filter((n) => n.includes('.'));
    const quoted = new RegExp(`['"\`](?:${names.map((n) => n.replace(/[.]/g, '\\.')).join('|')})['"\`]|['"\`]documents/|\\/documents\\/\\$\\{`);
    const spelling = tsFiles(srcDir).filter((f) => !f.endsWith(`${path.sep}output-layout.ts`) && quoted.test(readFileSync(f, 'utf8').replace(/^\s*(?:\*|\/\/).*$/gm, '')));
    expect(spelling.map((f) => path.relative(repoRoot, f))).toEqual([]);
  });

  it('puts each context version where its IRI points', () => {
    const minter = new IriMinter('https://example.org/kld/');
    expect(contextFile(1)).toBe('context.jsonld');
    expect(contextFile(2)).toBe('context/v2.jsonld');
    for (const v of [1, 2, 3]) expect(minter.context(v).value).toBe(`https://example.org/kld/${contextFile(v)}`);
    expect(isContextFile('context/v7.jsonld')).toBe(true);
    expect(isContextFile('context/v7.json')).toBe(false);
  });

  it('publishes the dumps, the descriptions and the documents, not the manifests nor stray files', () => {
    for (const name of [OUTPUT_FILES.nquads, OUTPUT_FILES.nquadsGzip, OUTPUT_FILES.dataset, OUTPUT_FILES.report, OUTPUT_FILES.ontologyHtml, contextFile(2)]) expect(isPublicFile(name)).toBe(true);
    for (const kind of DOCUMENT_KINDS) expect(isPublicFile(documentFile('kst-36450-6', kind))).toBe(true);
    for (const name of [OUTPUT_FILES.manifest, OUTPUT_FILES.storeManifest, OUTPUT_FILES.textIndex, 'documents/kst-36450-6.nq', 'documents/../x.ttl', 'notes.txt']) expect(isPublicFile(name)).toBe(false);
  });

  it('writes .build.json with its files sorted, and reads back only well-formed entries', () => {
    const sha = 'a'.repeat(64);
    const text = buildManifestText({
      pipelineVersion: '0.1.0+abc',
      base: 'https://example.org/kld/',
      date: null,
      sources: [{ file: 'kst-1.txt', sha256: sha }],
      files: [
        { name: 'z.ttl', bytes: 2, sha256: sha },
        { name: 'a.ttl', bytes: 1, sha256: sha },
      ],
    });
    const back = parseBuildManifest(text);
    expect(back.files.map((f) => f.name)).toEqual(['a.ttl', 'z.ttl']);
    expect(back.sources).toEqual([{ file: 'kst-1.txt', sha256: sha }]);
    const tampered = JSON.parse(text) as { files: { sha256: string }[] };
    tampered.files[0] = { ...tampered.files[0], sha256: 'not-a-hash' };
    expect(parseBuildManifest(JSON.stringify(tampered)).files.map((f) => f.name)).toEqual(['z.ttl']);
    expect(() => parseBuildManifest('{"files": []}')).toThrow(/no pipelineVersion/);
  });
});

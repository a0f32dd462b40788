/**
 * The typed vocabulary (src/rdf/vocab.ts, src/rdf/vocab.generated.ts): generated from the ontology and
 * current with it; a misspelt term does not compile; the kld terms the shapes and queries use are declared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NamedNode } from '@rdfjs/types';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { corpusString } from '../bench/corpus.js';
import { IriMinter } from '../src/rdf/iris.js';
import { loadOntology } from '../src/rdf/ontology.js';
import { KLD_TERMS } from '../src/rdf/vocab.generated.js';
import { declaredTerms, VOCAB_GENERATED_FILE, vocabSource } from '../src/rdf/vocab-gen.js';
import { dcterms, REUSED_VOCABULARIES, UnknownTermError, vocabulary } from '../src/rdf/vocab.js';

/** Any one of the vocabularies, called with a name from its own list. */
type AnyVocabulary = ((local: string) => NamedNode) & { readonly iri: string; readonly terms: readonly string[] };

const root = resolve(import.meta.dirname, '..');
const minter = new IriMinter();

/** Type-check one file with the project's compiler options; its diagnostics as "TSnnnn message". */
function typeErrors(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), { noEmit: true }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error('cannot read tsconfig.json');
  const program = ts.createProgram([join(root, file)], config.options);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.endsWith(file))
    .map((d) => `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('the typed vocabulary', () => {
  it(`${VOCAB_GENERATED_FILE} is current with the ontology (regenerate with npm run build:ts && npm run vocab)`, () => {
    expect(readFileSync(join(root, VOCAB_GENERATED_FILE), 'utf8')).toBe(vocabSource(minter));
  });

  it('holds every term the ontology declares, and nothing else', () => {
    const declared = declaredTerms(loadOntology(minter), minter.ontology);
    expect([...KLD_TERMS]).toEqual(declared);
    expect(KLD_TERMS.length).toBe(91);
    // Each is a property of the minter's namespace under any base.
    const other = new IriMinter('https://data.example.org/kst/');
    for (const t of KLD_TERMS) expect(other.kld[t].value).toBe(`https://data.example.org/kst/def#${t}`);
  });

  it('refuses at run time a name its list lacks (a cast, a name read from data)', () => {
    const bad = 'Facton' as (typeof KLD_TERMS)[number];
    expect(() => minter.term(bad)).toThrow(UnknownTermError);
    expect(() => minter.kld(bad)).toThrow(/def#Facton> is not a term/);
    expect(minter.termNamed('Facton').value).toBe(`${minter.ontology}Facton`);
    const ns = vocabulary('http://example.org/ns#', ['name', 'length', 'a']);
    // foaf:name-like terms replace Function's own name and length.
    expect([ns.name.value, ns.length.value, ns('a').value, ns.iri]).toEqual(['http://example.org/ns#name', 'http://example.org/ns#length', 'http://example.org/ns#a', 'http://example.org/ns#']);
    expect(dcterms.title).toBe(dcterms('title'));
  });

  it('rejects misspelt terms at compile time, naming each (test/fixtures/vocab/misspelt.ts)', () => {
    expect(typeErrors('test/fixtures/vocab/spelt.ts')).toEqual([]);
    const errors = typeErrors('test/fixtures/vocab/misspelt.ts');
    expect(errors).toHaveLength(4);
    // TS2551 is TS2339 ("Property … does not exist") with a suggestion.
    expect(errors[0]).toMatch(/^TS(2339|2551) Property 'Facton' does not exist on type 'Vocabulary<[^]*Did you mean 'Faction'\?$/);
    expect(errors[1]).toMatch(/^TS2345 Argument of type '"Answr"' is not assignable to parameter of type /);
    expect(errors[2]).toMatch(/^TS(2339|2551) Property 'titel' does not exist on type /);
    expect(errors[3]).toMatch(/^TS2345 Argument of type '"identifer"' is not assignable to parameter of type /);
  }, 60_000);

  it('every kld term in shapes/*.ttl, queries/*.rq and docs/ontology.md is declared by the ontology', () => {
    const known = new Set<string>(KLD_TERMS);
    const used = new Map<string, string[]>();
    const files = [
      ...readdirSync(join(root, 'shapes'))
        .filter((f) => f.endsWith('.ttl'))
        .map((f) => `shapes/${f}`),
      ...readdirSync(join(root, 'queries'))
        .filter((f) => f.endsWith('.rq'))
        .map((f) => `queries/${f}`),
    ];
    files.push('docs/ontology.md');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8')
        .split('\n')
        .filter((l) => !/^\s*#/.test(l))
        .join('\n');
      // Prefixed names kld:Term, and full IRIs …/def#Term (queries spell the namespace out).
      for (const m of text.matchAll(/(?:\bkld:|def#>?)([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const local = m[1];
        if (local === undefined) continue;
        used.set(local, [...(used.get(local) ?? []), file]);
      }
    }
    expect(used.size).toBeGreaterThan(60);
    const unknown = [...used].filter(([t]) => !known.has(t)).map(([t, where]) => `kld:${t} in ${[...new Set(where)].join(', ')}`);
    expect(unknown).toEqual([]);
  });

  it("every kld term in the benchmark's generated corpus (bench/corpus.ts, 3 papers) is declared by the ontology", () => {
    const known = new Set<string>(KLD_TERMS);
    const used = new Set<string>();
    for (const m of corpusString({ papers: 3 }).matchAll(/<https:\/\/w3id\.org\/kamerstukken-ld\/def#([^>]*)>/g)) used.add(m[1] ?? '');
    // Classes, properties and individuals (genres): more than a handful, each one declared.
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((t) => !known.has(t))).toEqual([]);
  });

  it('no kld IRI is spelt out as a string in the sources (`${kld}genre`, `${k}partOf`): they are typed terms', () => {
    const found: string[] = [];
    for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(root, 'src', file), 'utf8').matchAll(/\$\{(?:kld|k|ctx\.kld|ontology|minter\.ontology)\}([A-Za-z_][A-Za-z0-9_]*)/g)) found.push(`${m[1] ?? ''} in src/${file}`);
    }
    // The endpoint's pages read our terms through ctx.k (src/serve/pages/context.ts, kldIris): `${k.partOf}`.
    expect(found).toEqual([]);
  });

  it('lists each reused term once, under its own namespace', () => {
    let count = 0;
    for (const [prefix, v] of Object.entries(REUSED_VOCABULARIES) as [string, AnyVocabulary][]) {
      expect(new Set(v.terms).size, prefix).toBe(v.terms.length);
      for (const t of v.terms) expect(v(t).value).toBe(v.iri + t);
      count += v.terms.length;
    }
    expect(count).toBeGreaterThan(150);
  });
});

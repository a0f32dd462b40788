/**
 * The W3C SPARQL 1.1 Protocol tests, run from the official manifest
 * (test/fixtures/w3c-sparql11-protocol, copied with its licence) against the
 * endpoint: every request exactly as the manifest writes it (method, path,
 * headers, body in its declared character encoding), with the graphs of
 * ut:graphData loaded under their names.
 *
 * The seven update_* tests expect SPARQL Update to succeed; this endpoint is
 * read-only by design, so for those the fact checked is the refusal: every
 * update request in them gets 403, and nothing else in the manifest changes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser, type Quad, type Term } from 'n3';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { ensureCompiled, repoRoot } from './serve-fixture.js';

const DIR = path.join(repoRoot, 'test/fixtures/w3c-sparql11-protocol');
const MANIFEST = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const HTS = 'http://www.w3.org/2011/http-statusCodes#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';

interface ProtocolRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  statusClasses: number[];
  format?: string;
  boolean?: boolean;
}

interface ProtocolTest {
  name: string;
  label: string;
  requests: ProtocolRequest[];
  graphs: { file: string; name: string }[];
}

class Manifest {
  private readonly quads: Quad[];
  constructor(text: string) {
    this.quads = new Parser({ baseIRI: MANIFEST }).parse(text);
  }
  objects(s: Term, p: string): Term[] {
    return this.quads.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
  }
  one(s: Term, p: string): Term | undefined {
    return this.objects(s, p)[0];
  }
  list(head: Term | undefined): Term[] {
    const out: Term[] = [];
    while (head && head.value !== `${RDF}nil`) {
      out.push(this.one(head, `${RDF}first`)!);
      head = this.one(head, `${RDF}rest`);
    }
    return out;
  }
  tests(): ProtocolTest[] {
    const manifest = this.quads.find((q) => q.predicate.value === `${RDF}type` && q.object.value === `${MF}Manifest`)!.subject;
    return this.list(this.one(manifest, `${MF}entries`)).map((entry) => {
      const action = this.one(entry, `${MF}action`)!;
      const requests = this.list(this.one(action, `${HT}requests`)).map((r): ProtocolRequest => {
        const headers: Record<string, string> = {};
        for (const h of this.list(this.one(r, `${HT}headers`))) {
          headers[this.one(h, `${HT}fieldName`)!.value] = this.one(h, `${HT}fieldValue`)!.value;
        }
        const bodyNode = this.one(r, `${HT}body`);
        let body: Buffer | undefined;
        if (bodyNode) {
          const chars = this.one(bodyNode, `${CNT}chars`)!.value;
          const encoding = this.one(bodyNode, `${CNT}characterEncoding`)?.value.toUpperCase() ?? 'UTF-8';
          // UTF-16 as RFC 2781 recommends it on the wire: big-endian with a byte order mark.
          body = encoding === 'UTF-16' ? Buffer.from(`\ufeff${chars}`, 'utf16le').swap16() : Buffer.from(chars, 'utf8');
        }
        const resp = this.one(r, `${HT}resp`)!;
        return {
          method: this.one(r, `${HT}methodName`)!.value,
          path: this.one(r, `${HT}absolutePath`)!.value,
          headers,
          body,
          statusClasses: this.objects(resp, `${MF}expectedStatus`).map((s) => Number(/StatusCode(\d)xx$/.exec(s.value.slice(HTS.length))![1])),
          format: this.one(resp, `${MF}expectedFormat`)?.value,
          boolean: (() => {
            const b = this.one(resp, `${MF}expectedBoolean`);
            return b ? b.value === 'true' : undefined;
          })(),
        };
      });
      const graphs = this.objects(entry, `${UT}graphData`).map((g) => ({
        file: this.one(g, `${UT}graph`)!.value,
        name: this.one(g, `${RDFS}label`)!.value,
      }));
      return { name: entry.value.slice(MANIFEST.length + 1), label: this.one(entry, `${MF}name`)!.value, requests, graphs };
    });
  }
}

const tests = new Manifest(readFileSync(path.join(DIR, 'manifest.ttl'), 'utf8')).tests();
const isUpdateTest = (t: ProtocolTest) => t.name.startsWith('update_');

let server: RunningServer;

beforeAll(async () => {
  ensureCompiled();
  // Every test's ut:graphData, each file loaded as the named graph its label gives.
  const graphs = new Map<string, string>();
  for (const t of tests) for (const g of t.graphs) graphs.set(g.name, g.file);
  const lines: string[] = [];
  for (const [name, file] of graphs) {
    const triples = readFileSync(path.join(DIR, path.basename(new URL(file).pathname)), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (const t of triples) lines.push(`${t.replace(/\s*\.\s*$/, '')} <${name}> .`);
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kld-w3c-')), 'protocol.nq');
  writeFileSync(file, lines.join('\n') + '\n');
  server = await startServer({ port: 0, outputDir: '/nonexistent', files: [file], workers: 1 });
  await server.ready;
});

afterAll(async () => {
  await server?.close();
});

async function send(r: ProtocolRequest): Promise<{ status: number; type: string; body: string }> {
  // The manifest's paths start with /sparql/; ours is /sparql.
  const target = r.path.replace(/^\/sparql\/?/, '/sparql');
  const res = await fetch(server.url + target, { method: r.method, headers: r.headers, body: r.body });
  return { status: res.status, type: (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '', body: await res.text() };
}

function booleanOf(type: string, body: string): boolean | undefined {
  if (type === 'application/sparql-results+json' || type === 'application/json') return (JSON.parse(body) as { boolean?: boolean }).boolean;
  if (type === 'application/sparql-results+xml') {
    const m = /<boolean>\s*(true|false)\s*<\/boolean>/.exec(body);
    return m ? m[1] === 'true' : undefined;
  }
  return undefined;
}

const TABULAR = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values'];
const RDF_TYPES = ['application/rdf+xml', 'text/turtle', 'application/n-triples'];

describe('W3C SPARQL 1.1 Protocol tests (official manifest)', () => {
  it('reads all 34 entries of the manifest: 27 query and refusal tests, 7 update tests', () => {
    expect(tests).toHaveLength(34);
    expect(tests.filter((t) => !isUpdateTest(t))).toHaveLength(27);
  });

  for (const t of tests.filter((x) => !isUpdateTest(x))) {
    it(`${t.name}: ${t.label}`, async () => {
      for (const r of t.requests) {
        const res = await send(r);
        expect(r.statusClasses, `${t.name}: status ${res.status} ${res.body.slice(0, 200)}`).toContain(Math.floor(res.status / 100));
        if (r.format === 'boolean') {
          const value = booleanOf(res.type, res.body);
          if (r.boolean === undefined) expect(typeof value, `${t.name}: ${res.type} ${res.body.slice(0, 200)}`).toBe('boolean');
          else expect(value, `${t.name}: ${res.type} ${res.body.slice(0, 200)}`).toBe(r.boolean);
        } else if (r.format === 'tabular') {
          expect(TABULAR).toContain(res.type);
          if (res.type.endsWith('json')) expect(JSON.parse(res.body)).toHaveProperty('results.bindings');
        } else if (r.format === 'RDF') {
          expect(RDF_TYPES).toContain(res.type);
          if (res.type === 'application/rdf+xml') expect(res.body).toMatch(/<rdf:RDF/);
          else expect(() => new Parser({ format: res.type }).parse(res.body)).not.toThrow();
        }
      }
    });
  }

  for (const t of tests.filter(isUpdateTest)) {
    it(`${t.name} (read-only endpoint: the update is refused): ${t.label}`, async () => {
      const updates = t.requests.filter((r) => /sparql-update|update=/.test(`${r.headers['content-type'] ?? ''} ${r.body?.toString('utf8') ?? ''}`));
      expect(updates.length).toBeGreaterThan(0);
      for (const r of updates) expect((await send(r)).status).toBe(403);
    });
  }
});

/**
 * The floor for the endpoint's fixed cost: bare Oxigraph behind the smallest
 * HTTP server that answers the bench's queries (no checks, no limits, no
 * worker threads, no cache; Oxigraph writes the results itself). The bench
 * runs it as its own process, beside the endpoint, with the same client.
 *
 *   node dist/bench/bare-server.js FILE.nq   → prints "listening PORT" when loaded
 */
import http from 'node:http';
import * as ox from 'oxigraph';
import { fileChunks } from '../src/publish/files.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: bare-server FILE.nq');
  process.exit(2);
}
const store = new ox.Store();
store.load(fileChunks(file) as never, { format: 'application/n-quads', lenient: true, no_transaction: true });

const server = http.createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (d: Buffer) => parts.push(d));
  req.on('end', () => {
    const accept = req.headers.accept ?? 'application/sparql-results+json';
    try {
      const body = store.query(Buffer.concat(parts).toString('utf8'), { use_default_graph_as_union: true, results_format: accept }) as unknown as string;
      res.writeHead(200, { 'content-type': accept });
      res.end(body);
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

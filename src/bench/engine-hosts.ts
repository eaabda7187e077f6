import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import sirv from 'sirv';
import type { StaticServer } from '../build/serve.ts';

/**
 * How a host may send the engine's wasm, for `npm run bench` (what the compressed engine costs its
 * start). `npm run serve` (sirv) sends `*.wasm.gz` with `Content-Encoding: gzip`, so the browser
 * decompresses it natively; these two serve the same built site otherwise unchanged:
 * - `gzip-file`: `*.wasm.gz` as it is (no Content-Encoding), as most plain hosts do: the page
 *   decompresses it (DecompressionStream, src/db/browser.ts);
 * - `plain`: `*.wasm.gz` answers 404 and its `.wasm` is served decompressed, as a host without a
 *   file-size limit could: the page takes the plain file.
 */
export type EngineHost = 'gzip-file' | 'plain';

export function serveEngineAs(dir: string, host: EngineHost): Promise<StaticServer> {
  const files = sirv(path.resolve(dir), { dev: false, etag: true, extensions: ['html'] });
  const assets = path.join(dir, '_astro');
  const gz = new Map(fs.readdirSync(assets).filter((f) => f.endsWith('.wasm.gz')).map((f): [string, Buffer] => [`/_astro/${f}`, fs.readFileSync(path.join(assets, f))]));
  const plain = new Map([...gz].map(([url, bytes]): [string, Buffer] => [url.slice(0, -'.gz'.length), zlib.gunzipSync(bytes)]));
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type: string, body: Buffer) => {
      res.writeHead(200, { 'content-type': type, 'content-length': body.length });
      res.end(body);
    };
    if (host === 'gzip-file' && gz.has(pathname)) send('application/octet-stream', gz.get(pathname)!);
    else if (host === 'plain' && plain.has(pathname)) send('application/wasm', plain.get(pathname)!);
    else if (host === 'plain' && gz.has(pathname)) {
      res.statusCode = 404;
      res.end('Not found');
    } else {
      files(req, res, () => {
        res.statusCode = 404;
        res.end('Not found');
      });
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as AddressInfo).port, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

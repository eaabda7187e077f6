import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export interface StaticServer {
  port: number;
  close(): Promise<void>;
}

/** Serves a built site as a plain static host would (no rewrites), mounted under `base`. */
export function serveStatic(dir: string, port = 0, base = '/'): Promise<StaticServer> {
  const files = sirv(path.resolve(dir), { dev: false, etag: true, extensions: ['html'] });
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (prefix && !url.startsWith(`${prefix}/`) && url !== prefix) {
      res.statusCode = 404;
      res.end('Not found');
      return;
    }
    req.url = url.slice(prefix.length) || '/';
    files(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

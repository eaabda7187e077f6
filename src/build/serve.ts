import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export interface StaticServer {
  port: number;
  close(): Promise<void>;
}

/** The port asked for is taken by another program; `free` is a nearby port that is not (if one was found). */
export class PortBusyError extends Error {
  readonly port: number;
  readonly free: number | undefined;
  constructor(port: number, free: number | undefined) {
    super(`port ${port} is busy`);
    this.port = port;
    this.free = free;
  }
}

/**
 * The request's path inside the site, or undefined when it cannot name a file inside it
 * (undecodable, a NUL byte, or `..` segments that climb out of the root).
 */
function sitePath(url: string): string | undefined {
  const raw = url.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const normal = path.posix.normalize(decoded);
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return undefined;
  return normal;
}

/**
 * Serves a built site as a plain static host would (no rewrites), mounted under `base`.
 * Files are looked up on each request, so a page built (or a whole site replaced by a build)
 * after the server started is served at once; unknown paths get the site's own `404.html`
 * with status 404, as GitHub Pages, Cloudflare Pages or nginx's `error_page` would.
 */
export function serveStatic(dir: string, port = 0, base = '/'): Promise<StaticServer> {
  const root = path.resolve(dir);
  // dev mode: no file list read once at start; every request stats the file (sirv keeps it inside root).
  const files = sirv(root, { dev: true, etag: true, extensions: ['html'] });
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;

  const notFound = (res: http.ServerResponse) => {
    res.statusCode = 404;
    let page: Buffer | undefined;
    try {
      page = fs.readFileSync(path.join(root, '404.html'));
    } catch {
      page = undefined;
    }
    if (page) {
      res.setHeader('Content-Type', 'text/html;charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(page);
    } else {
      res.setHeader('Content-Type', 'text/plain;charset=utf-8');
      res.end('Not found');
    }
  };

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (prefix && !url.startsWith(`${prefix}/`) && url !== prefix && !url.startsWith(`${prefix}?`)) {
      notFound(res);
      return;
    }
    const inside = sitePath(url.slice(prefix.length) || '/');
    if (inside === undefined) {
      notFound(res);
      return;
    }
    req.url = url.slice(prefix.length) || '/';
    files(req, res, () => notFound(res));
  });

  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        freePortNear(port).then((free) => reject(new PortBusyError(port, free)), reject);
      } else {
        reject(error);
      }
    });
    server.listen(port, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** Whether nothing listens on `port` (on the address the site is served from). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first free port among the next twenty after `port`, to suggest to the reader. */
async function freePortNear(port: number): Promise<number | undefined> {
  for (let candidate = port + 1; candidate <= Math.min(port + 20, 65535); candidate++) {
    if (await portIsFree(candidate)) return candidate;
  }
  return undefined;
}

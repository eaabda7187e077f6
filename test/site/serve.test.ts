import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

/** Starts `npm run serve` (the script itself, under this Node) and waits for its line with the address. */
function serve(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['scripts/serve.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /(http:\/\/localhost:\d+\S*)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
}

/** Runs `npm run serve` to its end: exit code and everything it printed. */
function serveToEnd(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['scripts/serve.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c));
  child.stderr!.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A small built site: a home page and the site's own 404 page. */
function site(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-serve-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>home</title><p>home page');
  fs.writeFileSync(path.join(dir, '404.html'), '<!doctype html><title>Page not found</title><h1>Page not found · 页面不存在</h1>');
  return dir;
}

describe('npm run serve', () => {
  it('serves a page built after the server started', async () => {
    const dir = site();
    const { url } = await serve(['--out', dir, '--port', '0']);
    expect((await fetch(`${url}en/late/`)).status).toBe(404);
    fs.mkdirSync(path.join(dir, 'en/late'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'en/late/index.html'), '<!doctype html><p>written after start');
    const res = await fetch(`${url}en/late/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('written after start');
  });

  it('answers an unknown path with the site\'s own 404.html and status 404, also under --base', async () => {
    const dir = site();
    const { url } = await serve(['--out', dir, '--port', '0']);
    const res = await fetch(`${url}no/such/page/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('Page not found · 页面不存在');

    const sub = await serve(['--out', dir, '--port', '0', '--base', '/report/']);
    expect(sub.url).toMatch(/\/report\/$/);
    expect(await (await fetch(sub.url)).text()).toContain('home page');
    const outside = await fetch(sub.url.replace('/report/', '/elsewhere/'));
    expect(outside.status).toBe(404);
    expect(await outside.text()).toContain('Page not found');
  });

  it('never serves a file outside its folder', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-serve-root-'));
    const dir = path.join(parent, 'site');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '404.html'), 'site 404');
    // A sibling whose name starts with the site folder's name, and a file above it.
    fs.mkdirSync(path.join(parent, 'site2'));
    fs.writeFileSync(path.join(parent, 'site2/secret.txt'), 'secret');
    fs.writeFileSync(path.join(parent, 'secret.txt'), 'secret');
    const { url } = await serve(['--out', dir, '--port', '0']);
    const port = new URL(url).port;
    for (const raw of ['/../site2/secret.txt', '/%2e%2e/site2/secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      // fetch() would normalise the path; a raw request keeps it as an attacker would send it.
      const body = await rawGet(Number(port), raw);
      expect(body, raw).toMatch(/^HTTP\/1\.1 404/);
      expect(body, raw).not.toContain('secret');
    }
  });

  it('says in one line that a busy port is busy and which port to try, and exits non-zero', async () => {
    const blocker = net.createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', () => done()));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await serveToEnd(['--out', site(), '--port', String(busy)]);
      expect(r.code).not.toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^\\[cx\\] port ${busy} is busy: .*try npm run serve -- --port \\d+`));
      expect(r.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
      const suggested = Number(/--port (\d+)/.exec(lines[0])![1]);
      expect(suggested).not.toBe(busy);
    } finally {
      blocker.close();
    }
  });
});

/** A GET with the path sent byte for byte; returns the whole response. */
function rawGet(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (c) => (data += c));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

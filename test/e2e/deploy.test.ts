import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_LIMIT_BYTES } from '../../src/build/compress-engine.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

/**
 * The site as a plain web server would host it: a sub-path inside a bigger folder, files sent as they
 * are (no compression, no range requests, no rewrites), unknown paths answered with the site's 404 page.
 */
const ROOT = path.resolve('.cache/e2e/host');
const SITE = path.join(ROOT, 'reports/cx');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

let browser: Browser;
let server: http.Server;
let origin: string;
const ranges: string[] = [];

beforeAll(async () => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/site-small', '--pages', 'test/fixtures/pages-partial', '--out', SITE, '--base', '/reports/cx/'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  server = http.createServer((req, res) => {
    if (req.headers.range) ranges.push(req.url ?? '');
    let file = path.join(ROOT, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(ROOT) || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      res.end(fs.readFileSync(path.join(SITE, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await new Promise((done) => server.close(done));
});

describe('deployment', () => {
  it('keeps every file under 25 MiB: the engine ships gzip-compressed', () => {
    const all = fs.readdirSync(SITE, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const sizes = all.map((e) => fs.statSync(path.join(e.parentPath, e.name)).size);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(FILE_LIMIT_BYTES);
    expect(all.some((e) => e.name.endsWith('.wasm.gz'))).toBe(true);
    expect(all.some((e) => e.name.endsWith('.wasm'))).toBe(false);
  });

  it('works under a sub-path of a plain static server: pages, engine, data, all within the base', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, `${origin}/`);
    const outside: string[] = [];
    const failed: string[] = [];
    page.on('request', (r) => {
      // blob: is the engine's wasm, decompressed in the page from the site's own .wasm.gz.
      if (!r.url().startsWith('blob:') && !new URL(r.url()).pathname.startsWith('/reports/cx/')) outside.push(r.url());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const paths: string[] = [];
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    await page.goto(`${origin}/reports/cx/en/overview/`);
    // A precomputed state, then (back to the first quarter) one the engine computes, forced: both fetch their files under the base.
    await page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(page, 1);
    expect(page.url()).toContain('/reports/cx/en/overview/?quarter=');
    expect(paths.some((p) => p.startsWith('/reports/cx/_states/'))).toBe(true);
    await page.evaluate(() => (document.documentElement.dataset.cxEngine = 'always'));
    await page.selectOption('select[name="quarter"]', { index: 0 });
    await waitForUpdates(page, 2);
    expect(await page.evaluate(() => document.documentElement.dataset.updatedFrom)).toBe('engine');
    expect(paths.some((p) => p.startsWith('/reports/cx/_data/'))).toBe(true);
    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(ranges).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('answers unknown paths with a bilingual 404 page whose links stay under the base', async () => {
    const { page, context } = await watchedPage(browser, `${origin}/`);
    const response = await page.goto(`${origin}/reports/cx/en/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found · 页面不存在');
    const hrefs = await page.locator('main a, .contents a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/reports/cx/zh/');
    expect(hrefs.every((h) => h!.startsWith('/reports/cx/'))).toBe(true);
    await context.close();
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdfs } from '../../src/build/pdf.ts';
import { readPdf } from '../../src/build/pdf-read.ts';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { launch, waitForUpdates, watchedPage, type WatchedPage } from './browser.ts';
import { csvRecords, download, PNG_SIGNATURE } from './download.ts';
import { LONG_LABEL, PAYLOADS, writeHostileData } from './hostile-data.ts';
import { builtPages } from './site-pages.ts';

/**
 * The site built from a data set whose every label and free text holds markup and breakers
 * (hostile-data.ts), and whose ids include `__proto__` and `constructor`: in Chromium, every page,
 * chart tooltip, data table, download, the print view and the PDF show them as text.
 */
const DATA = path.resolve('.cache/e2e/hostile-data');
const OUT = path.resolve('.cache/e2e/hostile');
let server: StaticServer;
let browser: Browser;
let siteUrl: string;
let pages: string[];

beforeAll(async () => {
  writeHostileData(DATA);
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', DATA, '--out', OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  pages = builtPages(OUT);
  server = await serveStatic(OUT);
  siteUrl = `http://127.0.0.1:${server.port}/`;
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/** A page that records dialogs (a payload that ran would open one) and CSP violations (one that tried). */
async function hostilePage(): Promise<WatchedPage & { dialogs: string[] }> {
  const w = await watchedPage(browser, siteUrl);
  const dialogs: string[] = [];
  w.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await w.context.addInitScript(() => {
    const win = window as unknown as { __violations: string[] };
    win.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => win.__violations.push(`${e.effectiveDirective} ${e.sample}`));
  });
  return { ...w, dialogs };
}

interface Inspection {
  /** Elements or attributes that can only have come from data parsed as markup. */
  fromData: string[];
  violations: string[];
  /** How far the page is wider than the window (a layout broken beyond its figure). */
  overflow: number;
  text: string;
  /** Text of the charts: SVG text and tooltips (<title>). */
  chartText: string;
}

/** What the page holds right now, in the browser. */
function inspect(page: Page): Promise<Inspection> {
  return page.evaluate(() => {
    const fromData: string[] = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      for (const a of el.attributes) if (/^on/i.test(a.name)) fromData.push(`<${tag} ${a.name}>`);
      const href = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? el.getAttribute('src') ?? '';
      if (/^\s*javascript:/i.test(href)) fromData.push(`<${tag}> ${href}`);
      if (tag === 'img' || tag === 'iframe' || tag === 'object' || tag === 'embed' || tag === 'foreignobject') fromData.push(`<${tag}>`);
      if (tag === 'script' && !(el as HTMLScriptElement).src && (el as HTMLScriptElement).type !== 'application/json') fromData.push('<script> inline');
    }
    for (const svg of document.querySelectorAll('svg')) if (svg.querySelector('script, a, image, use[href^="http"]')) fromData.push('active SVG content');
    const chartText = [...document.querySelectorAll('svg text, svg title')].map((t) => t.textContent).join('\n');
    return {
      fromData,
      violations: (window as unknown as { __violations: string[] }).__violations,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      text: document.body.textContent ?? '',
      chartText,
    };
  });
}

/** How many of the payloads (and the long label) appear in a text. */
const found = (text: string) => [...PAYLOADS, LONG_LABEL].filter((p) => text.includes(p));

function expectInert(p: string, i: Inspection, dialogs: string[]): void {
  expect(dialogs, p).toEqual([]);
  expect(i.fromData, p).toEqual([]);
  expect(i.violations, p).toEqual([]);
  expect(i.overflow, `${p}: the page is ${i.overflow}px wider than the window`).toBeLessThanOrEqual(0);
  // Template syntax is text, never evaluated.
  expect(i.text, p).not.toMatch(/(?<![\d.])49 (?:招商|China|平安|Ping)/);
}

describe('hostile data in every text slot', () => {
  it('builds every page of the report from it', () => {
    const reports = pages.filter((p) => /^(zh|en)\/[^/]+\/$/.test(p));
    expect(reports.length).toBe(2 * 12); // eleven report pages and the catalogue, per language
    // The static HTML holds the payloads as escaped text: parsed, they are text nodes, never elements.
    const { document } = new JSDOM(fs.readFileSync(path.join(OUT, 'en/overview/index.html'), 'utf8')).window;
    expect(document.querySelector('img[src="x"], svg[onload], script:not([src]):not([type="application/json"])')).toBeNull();
    expect(found(document.body.textContent ?? '').length).toBeGreaterThanOrEqual(6);
  });

  it('shows them as text on every page, in both languages: no dialog, no element from data, no page wider than the window', async () => {
    const w = await hostilePage();
    const seen = new Set<string>();
    for (const p of pages) {
      await w.page.goto(`${siteUrl}${p}`, { waitUntil: 'load' });
      if (p === '') await w.page.waitForURL(/\/zh\/$/);
      // Tables behind the charts are opened, as a reader would.
      await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const i = await inspect(w.page);
      expectInert(p, i, w.dialogs);
      // Drawings fit their data (a negative width from long labels is an error Chromium logs); 404.html is served with its status.
      expect(w.consoleErrors.filter((e) => !(p === '404.html' && /status of 404/.test(e))), p).toEqual([]);
      w.consoleErrors.length = 0;
      if (/^(zh|en)\/(?!catalog)[^/]+\/$/.test(p)) expect(found(i.text).length, `${p}: no hostile label shown`).toBeGreaterThan(0);
      for (const f of found(i.text)) seen.add(f);
    }
    // Every payload reached some page, as text.
    expect([...seen].sort()).toEqual([...PAYLOADS, LONG_LABEL].sort());
    await w.context.close();
  });

  it('keeps them text when the engine redraws: charts, tooltips and tables after input changes, ids named __proto__ and constructor', async () => {
    const w = await hostilePage();
    await w.page.goto(`${siteUrl}en/overview/`);
    await w.page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(w.page, 1);
    // `__proto__` sorts first and is the bank input's default; `constructor` is chosen.
    expect(await w.page.locator('select[name="bank"]').inputValue()).toBe('__proto__');
    await w.page.selectOption('select[name="bank"]', 'constructor');
    await waitForUpdates(w.page, 2);
    await w.page.selectOption('select[name="segment"]', 'constructor');
    await waitForUpdates(w.page, 3);
    expect(new URL(w.page.url()).searchParams.get('bank')).toBe('constructor');
    expect(new URL(w.page.url()).searchParams.get('segment')).toBe('constructor');
    await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const i = await inspect(w.page);
    expectInert('en/overview/ after updates', i, w.dialogs);
    // Redrawn in the browser: the bank names, markup included, are the charts' own text and tooltips.
    expect(found(i.chartText).length).toBeGreaterThanOrEqual(3);
    expect(await w.page.locator('[data-engine-status]').textContent()).toBe('');

    // The journey page (method cells in the browser) from a link naming a bank `__proto__`, with a stage so named.
    await w.page.goto(`${siteUrl}en/journey/?bank=__proto__`);
    await waitForUpdates(w.page, 1);
    expect(await w.page.locator('select[name="bank"]').inputValue()).toBe('__proto__');
    expect(await w.page.locator('[data-engine-status]').textContent()).toBe('');
    expectInert('en/journey/?bank=__proto__', await inspect(w.page), w.dialogs);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('downloads them as text: CSV with formulas neutralised, SVG without active content, PNG drawn', async () => {
    const w = await hostilePage();
    // Each edition's file holds the names of its language: both together hold every bank's labels.
    await w.page.goto(`${siteUrl}zh/overview/`);
    const zhCsv = csvRecords((await download(w.page, 'nps_by_bank', 'csv')).bytes);
    await w.page.goto(`${siteUrl}en/overview/`);
    const csv = csvRecords((await download(w.page, 'nps_by_bank', 'csv')).bytes);
    const cells = [...zhCsv.flat(), ...csv.flat()];
    // Every label is in the files; the one starting with "=" is prefixed, so no spreadsheet runs it.
    expect(cells.some((c) => c.includes('<img src=x onerror=alert(1)>'))).toBe(true);
    expect(cells.filter((c) => c.includes('HYPERLINK')).every((c) => c.startsWith("'="))).toBe(true);
    expect(cells.some((c) => c.includes('HYPERLINK'))).toBe(true);
    expect(cells).toContain(LONG_LABEL);

    const svgText = (await download(w.page, 'nps_by_bank', 'svg')).bytes.toString('utf8');
    const svg = await w.page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const all = [...doc.querySelectorAll('*')];
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        active: all.filter((e) => ['script', 'foreignObject', 'a', 'image', 'img'].includes(e.localName) || [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName),
        text: all.map((e) => (e.children.length === 0 ? e.textContent : '')).join('\n'),
      };
    }, svgText);
    expect(svg.error).toBe(false);
    expect(svg.active).toEqual([]);
    expect(found(svg.text).length).toBeGreaterThanOrEqual(3);

    const png = (await download(w.page, 'nps_by_bank', 'png')).bytes;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.length).toBeGreaterThan(5000);
    expectInert('en/overview/ downloads', await inspect(w.page), w.dialogs);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('prints them as text: the print view and the PDF', async () => {
    const w = await hostilePage();
    await w.page.emulateMedia({ media: 'print' });
    for (const p of ['en/overview/', 'zh/servqual/', 'en/voices/']) {
      await w.page.goto(`${siteUrl}${p}`);
      const i = await inspect(w.page);
      expectInert(`${p} (print)`, i, w.dialogs);
    }
    await w.context.close();

    const out = path.resolve('.cache/e2e/hostile-pdf');
    const [result] = await buildPdfs({ site: OUT, out, locales: ['en'] });
    const text = readPdf(fs.readFileSync(result!.file)).text().join('\n').replace(/\s+/g, '');
    // Text extracted from the PDF: the markup is printed as characters.
    for (const p of ['<imgsrc=xonerror=alert(1)>', '{{7*7}}', '</script><script>alert(1)</script>', 'javascript:alert(1)']) expect(text).toContain(p);
  }, 300_000);
});

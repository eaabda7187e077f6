import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { LOCALES, type Locale } from '../text/locale.ts';
import { ui } from '../site/i18n.ts';
import { launchChromium } from './chromium.ts';
import { readPdf } from './pdf-read.ts';
import { serveStatic } from './serve.ts';

/**
 * `npm run pdf`: one PDF per language from a built site. The site is served as it is deployed and
 * opened in headless Chromium; one print document per language is put together in the browser —
 * a cover, a table of contents, then the <main> of every page in navigation order, each page as
 * built (the inputs' defaults) — and printed once with the site's own print stylesheet. The table of
 * contents links to each page's first element; the PDF's named destinations say which sheet each
 * link landed on, so the numbers are filled in and the document printed again until they hold.
 */

export class PdfError extends Error {}

export interface PdfOptions {
  /** A built site (`npm run build`), e.g. dist/. */
  site: string;
  /** Where report-<lang>.pdf go. */
  out: string;
  /** The site's base path; read from the site's index.html when not given. */
  base?: string;
  locales?: readonly Locale[];
  log?: (line: string) => void;
}

export interface PdfSection {
  slug: string;
  title: string;
  /** 1-based PDF page the section starts on, as printed in the table of contents. */
  page: number;
}

export interface PdfResult {
  locale: Locale;
  file: string;
  pages: number;
  bytes: number;
  ms: number;
  /** Print passes it took for the table-of-contents numbers to hold (2 when nothing moved). */
  passes: number;
  sections: PdfSection[];
}

const MARGIN = { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' };

/** Styles of the print document only: the cover, the table of contents, a new sheet per site page. */
const DOCUMENT_CSS = `
@page { size: A4; margin: ${MARGIN.top} ${MARGIN.right} ${MARGIN.bottom} ${MARGIN.left}; }
.print-cover { padding-top: 55mm; break-after: page; }
.print-cover .cover-language { font-size: 1rem; color: var(--muted); margin: 0; letter-spacing: .05em; }
.print-cover h1 { font-size: 2.6rem; margin: .3rem 0 2.5rem; }
.print-cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.5rem; margin: 0; font-size: 1.05rem; }
.print-cover dt { color: var(--muted); }
.print-cover dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.print-cover .cover-synthetic { margin-top: 3rem; padding: .6rem .8rem; border: 1.5px solid #000; font-weight: 600; }
.print-toc { break-after: page; }
.print-toc h2 { font-size: 1.6rem; margin: 0 0 1.2rem; }
.print-toc ol { list-style: none; margin: 0; padding: 0; counter-reset: toc; }
.print-toc li { counter-increment: toc; }
.print-toc a { display: flex; align-items: baseline; gap: .5rem; padding: .3rem 0; color: inherit; text-decoration: none; font-size: 1.05rem; }
.print-toc a::before { content: counter(toc) "."; min-width: 1.6em; color: var(--muted); font-variant-numeric: tabular-nums; }
.print-toc .toc-leader { flex: 1; border-bottom: 1px dotted var(--muted); }
.print-toc .toc-page { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.print-page { break-before: page; }
.print-page > :first-child, .print-page > article > h1:first-child { margin-top: 0; }
`;

/** The language's site and the pages its navigation lists, gathered into one print document (runs in the page). */
async function composeDocument(args: { css: string; built: string; labels: { contents: string; languageName: string; dataPeriod: string; siteBuilt: string } }) {
  const { css, built, labels } = args;
  const nav = [...document.querySelectorAll<HTMLAnchorElement>('.site-header nav a')].map((a) => ({ href: a.href, title: (a.textContent ?? '').trim() }));
  if (nav.length === 0) throw new Error(`${location.href}: no navigation links (.site-header nav a)`);
  const siteTitle = (document.querySelector('.site-title')?.textContent ?? document.title).trim();
  const synthetic = document.querySelector('.synthetic-banner')?.textContent?.trim() ?? null;
  const period = document.querySelector<HTMLMetaElement>('meta[name="cx-data-period"]')?.content ?? null;

  const styles = new Map<string, Element>();
  const sections: { id: string; slug: string; title: string; node: HTMLElement }[] = [];
  for (const [i, item] of nav.entries()) {
    const res = await fetch(item.href);
    if (!res.ok) throw new Error(`${item.href}: HTTP ${res.status}`);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const s of doc.head.querySelectorAll('style, link[rel="stylesheet"]')) if (!styles.has(s.outerHTML)) styles.set(s.outerHTML, s);
    const main = doc.querySelector('main');
    if (!main) throw new Error(`${item.href}: no <main>`);
    main.querySelectorAll('script, template, noscript').forEach((e) => e.remove());
    // Ids stay unique across the pages, and what pointed at them follows.
    const prefix = `p${i}-`;
    const ids = new Set<string>();
    main.querySelectorAll('[id]').forEach((e) => {
      ids.add(e.id);
      e.id = prefix + e.id;
    });
    const rename = (v: string) => v.replace(/#([^\s)'"]+)/g, (m, id: string) => (ids.has(id) ? `#${prefix}${id}` : m));
    for (const e of main.querySelectorAll('*')) {
      for (const attr of [...e.attributes]) {
        if (['for', 'headers', 'aria-labelledby', 'aria-describedby', 'aria-controls'].includes(attr.name)) {
          attr.value = attr.value.split(/\s+/).map((id) => (ids.has(id) ? prefix + id : id)).join(' ');
        } else if (attr.value.includes('#') && (attr.name === 'href' || attr.name === 'xlink:href' || attr.value.includes('url(#'))) {
          attr.value = rename(attr.value);
        }
      }
    }
    const section = document.createElement('section');
    section.className = 'print-page';
    section.id = `cx-print-${i}`;
    section.dataset.slug = new URL(item.href).pathname.split('/').filter(Boolean).pop() ?? '';
    section.append(...[...main.childNodes].map((n) => document.importNode(n, true)));
    sections.push({ id: section.id, slug: section.dataset.slug, title: item.title, node: section });
  }

  document.head.querySelectorAll('style, link[rel="stylesheet"]').forEach((e) => e.remove());
  const loading: Promise<unknown>[] = [];
  for (const s of styles.values()) {
    const node = document.importNode(s, true);
    if (node instanceof HTMLLinkElement) {
      loading.push(new Promise((done) => {
        node.addEventListener('load', done);
        node.addEventListener('error', done);
      }));
    }
    document.head.append(node);
  }
  const own = document.createElement('style');
  own.textContent = css;
  document.head.append(own);
  document.title = siteTitle;

  const el = (tag: string, attrs: Record<string, string>, ...children: (Node | string)[]) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  };
  const facts: [string, string][] = [];
  if (period) facts.push([labels.dataPeriod, period]);
  facts.push([labels.siteBuilt, built]);
  const cover = el(
    'section',
    { class: 'print-cover' },
    el('p', { class: 'cover-language' }, labels.languageName),
    el('h1', {}, siteTitle),
    el('dl', {}, ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    ...(synthetic ? [el('p', { class: 'cover-synthetic', role: 'note' }, synthetic)] : []),
  );
  const toc = el(
    'nav',
    { class: 'print-toc', 'aria-label': labels.contents },
    el('h2', {}, labels.contents),
    el('ol', {}, ...sections.map((s) => el('li', {}, el('a', { href: `#${s.id}` }, el('span', { class: 'toc-title' }, s.title), el('span', { class: 'toc-leader', 'aria-hidden': 'true' }), el('span', { class: 'toc-page', 'data-toc-page': s.id }, '00'))))),
  );
  const main = el('main', { id: 'main' }, cover, toc, ...sections.map((s) => s.node));
  document.body.replaceChildren(main);
  await Promise.all(loading);
  await document.fonts.ready;
  return { siteTitle, synthetic, period, sections: sections.map(({ id, slug, title }) => ({ id, slug, title })) };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The base path the site was built for, from the redirect in its index.html (`/repo/zh/` → `/repo/`). */
export function siteBase(site: string): string {
  const index = path.join(site, 'index.html');
  const target = /url=([^"'>\s]+)/i.exec(fs.readFileSync(index, 'utf8'))?.[1];
  if (!target || !target.startsWith('/')) return '/';
  return target.replace(/[^/]+\/?$/, '') || '/';
}

function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function printLanguage(page: Page, url: string, locale: Locale, built: string, file: string): Promise<Omit<PdfResult, 'ms' | 'bytes'>> {
  const t = ui(locale);
  await page.goto(url, { waitUntil: 'load' });
  const doc = await page.evaluate(composeDocument, {
    css: DOCUMENT_CSS,
    built,
    labels: { contents: t.contents, languageName: t.languageName, dataPeriod: t.dataPeriod, siteBuilt: t.siteBuilt },
  });
  const footer = `<div style="width:100%;margin:0 ${MARGIN.right} 0 ${MARGIN.left};display:flex;justify-content:space-between;align-items:baseline;font-size:8pt;color:#444;font-family:system-ui,'Noto Sans CJK SC',sans-serif"><span>${escapeHtml(doc.siteTitle)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
  const ids = doc.sections.map((s) => s.id);
  for (let pass = 1; pass <= 4; pass++) {
    const bytes = await page.pdf({ format: 'A4', margin: MARGIN, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, outline: true, tagged: true });
    const pdf = readPdf(bytes);
    const dests = pdf.namedDestinations();
    const landed = ids.map((id) => {
      const at = dests.get(id);
      if (at === undefined) throw new PdfError(`${file}: the table of contents' link to #${id} has no destination in the PDF`);
      return at + 1;
    });
    const printed = await page.evaluate((list) => list.map((id) => Number(document.querySelector(`[data-toc-page="${id}"]`)?.textContent)), ids);
    if (landed.every((n, i) => n === printed[i])) {
      fs.writeFileSync(file, bytes);
      return { locale, file, pages: pdf.pages().length, passes: pass, sections: doc.sections.map((s, i) => ({ slug: s.slug, title: s.title, page: landed[i]! })) };
    }
    await page.evaluate((numbers) => {
      for (const [id, n] of Object.entries(numbers)) document.querySelector(`[data-toc-page="${id}"]`)!.textContent = String(n);
    }, Object.fromEntries(ids.map((id, i) => [id, landed[i]!])));
  }
  throw new PdfError(`${file}: the table of contents' page numbers did not settle after 4 passes`);
}

/** Writes report-<lang>.pdf for every language of a built site; see the module comment. */
export async function buildPdfs(options: PdfOptions): Promise<PdfResult[]> {
  const site = path.resolve(options.site);
  if (!fs.existsSync(path.join(site, 'index.html'))) {
    throw new PdfError(`no built site at ${options.site} (no index.html): run \`npm run build\` first, or pass --site DIR`);
  }
  const base = options.base ?? siteBase(site);
  const locales = (options.locales ?? LOCALES).filter((l) => fs.existsSync(path.join(site, l, 'index.html')));
  if (locales.length === 0) throw new PdfError(`${options.site}: no language folder (${LOCALES.join(', ')}) with an index.html`);
  fs.mkdirSync(options.out, { recursive: true });
  const server = await serveStatic(site, 0, base);
  const browser = await launchChromium().catch((e: Error) => {
    void server.close();
    throw new PdfError(e.message);
  });
  try {
    const results: PdfResult[] = [];
    for (const locale of locales) {
      const started = performance.now();
      const context = await browser.newContext({ colorScheme: 'light' });
      const page = await context.newPage();
      try {
        const built = isoDate(fs.statSync(path.join(site, locale, 'index.html')).mtime);
        const file = path.resolve(options.out, `report-${locale}.pdf`);
        const r = await printLanguage(page, `http://127.0.0.1:${server.port}${base}${locale}/`, locale, built, file);
        const result = { ...r, bytes: fs.statSync(file).size, ms: performance.now() - started };
        options.log?.(`[cx] ${path.relative(process.cwd(), file)}: ${result.pages} pages, ${(result.bytes / 1024).toFixed(0)} KiB, ${(result.ms / 1000).toFixed(1)} s (${result.sections.length} site pages, table of contents settled in ${result.passes} passes)`);
        results.push(result);
      } finally {
        await context.close();
      }
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

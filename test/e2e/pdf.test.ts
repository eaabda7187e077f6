import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildPdfs, type PdfResult } from '../../src/build/pdf.ts';
import { readPdf, type PdfDocument } from '../../src/build/pdf-read.ts';
import { ui } from '../../src/site/i18n.ts';
import { LOCALES, type Locale } from '../../src/text/locale.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';

// `npm run pdf` against the shared e2e build: one PDF per language, read back with src/build/pdf-read.ts
// (page tree, named destinations, text through the fonts' ToUnicode maps) — no PDF library needed.
const OUT = path.resolve('.cache/e2e/pdf');

/** The site's pages, as its navigation lists them: every <lang>/<slug>/index.html. */
function sitePages(locale: Locale): string[] {
  const dir = path.join(E2E_OUT, locale);
  return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.html'))).map((d) => d.name);
}

/** A page's text without whitespace: the PDF breaks lines (and runs of mixed fonts) where the layout did. */
const compact = (s: string) => s.replace(/\s+/g, '');
const CJK = /[\u4e00-\u9fff]/gu;

describe('npm run pdf', () => {
  let results: PdfResult[];
  const docs = new Map<Locale, { pdf: PdfDocument; text: string[] }>();

  beforeAll(async () => {
    fs.rmSync(OUT, { recursive: true, force: true });
    results = await buildPdfs({ site: E2E_OUT, out: OUT });
    for (const r of results) {
      const pdf = readPdf(fs.readFileSync(r.file));
      docs.set(r.locale, { pdf, text: pdf.text().map(compact) });
    }
  }, 300_000);

  it('writes one PDF per language', () => {
    expect(fs.readdirSync(OUT).sort()).toEqual(LOCALES.map((l) => `report-${l}.pdf`).sort());
    expect(results.map((r) => r.locale).sort()).toEqual([...LOCALES].sort());
    for (const r of results) expect(fs.readFileSync(r.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const t = ui(locale);
      const result = () => results.find((r) => r.locale === locale)!;
      const doc = () => docs.get(locale)!;

      it('has a cover, a table of contents and every site page, in navigation order, each on its own sheet', () => {
        const pages = sitePages(locale);
        const { pdf, text } = doc();
        expect(pdf.pages().length).toBe(result().pages);
        expect(result().pages).toBeGreaterThanOrEqual(pages.length + 2);
        expect(result().sections.map((s) => s.slug).sort()).toEqual(pages.sort());
        // Navigation order: the language's contents page lists the pages in that order.
        const contents = fs.readFileSync(path.join(E2E_OUT, locale, 'index.html'), 'utf8');
        const order = [...contents.matchAll(/<ol class="contents">([\s\S]*?)<\/ol>/g)][0]![1]!.match(/href="[^"]*\/([^/"]+)\/"/g)!.map((h) => h.slice(0, -2).split('/').pop());
        expect(result().sections.map((s) => s.slug)).toEqual(order);
        // The quarter's findings open the report (order 0), in the navigation and so in the PDF.
        expect(order[0]).toBe('findings');
        // The cover: title, language, data period, and the synthetic-data notice the site shows.
        expect(text[0]).toContain(compact(t.siteTitle));
        expect(text[0]).toContain(compact(t.languageName));
        expect(text[0]).toMatch(/\d{4}Q\d–\d{4}Q\d/);
        expect(text[0]).toContain(compact(t.synthetic));
        // Each section starts on a later sheet than the one before, after the cover and the contents.
        const starts = result().sections.map((s) => s.page);
        expect(starts[0]).toBeGreaterThanOrEqual(3);
        for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
        for (const s of result().sections) expect(text[s.page - 1]!.startsWith(compact(s.title)), `${s.slug} on page ${s.page}`).toBe(true);
      });

      it('numbers the table of contents with the pages the sections landed on', () => {
        const { pdf, text } = doc();
        const dests = pdf.namedDestinations();
        const toc = text[1]!;
        expect(toc.startsWith(compact(t.contents))).toBe(true);
        let rest = toc;
        result().sections.forEach((s, i) => {
          expect(dests.get(`cx-print-${i}`)).toBe(s.page - 1);
          const entry = `${i + 1}.${compact(s.title)}${s.page}`;
          expect(rest, `contents entry ${entry}`).toContain(entry);
          rest = rest.slice(rest.indexOf(entry) + entry.length);
        });
      });

      it('numbers every page in the footer', () => {
        const { text } = doc();
        text.forEach((page, i) => expect(page.endsWith(`${i + 1}/${text.length}`), `page ${i + 1}`).toBe(true));
      });

      it('prints the pages without their controls, with the inputs\u2019 values', () => {
        const all = doc().text.join('\n');
        expect(all).not.toContain(compact(t.showTable));
        expect(all).not.toContain(compact(t.skipToContent));
        const overview = result().sections.find((s) => s.slug === 'overview')!;
        const colon = locale === 'zh' ? '：' : ':';
        // The page's state line, e.g. "Quarter: 2026Q3 · Segment: All customers · …".
        expect(doc().text[overview.page - 1]).toMatch(new RegExp(`${colon}\\d{4}Q\\d`));
      });
    });
  }

  it('carries the Chinese text of the zh edition as text (CJK fonts with ToUnicode maps)', () => {
    const { pdf, text } = docs.get('zh')!;
    const all = text.join('');
    const cjk = all.match(CJK) ?? [];
    // Without a CJK font (Debian: fonts-noto-cjk) Chromium draws no Chinese glyphs and this fails.
    expect(cjk.length, "Chinese characters in the zh PDF (is a CJK font such as fonts-noto-cjk installed?)").toBeGreaterThan(2000);
    for (const s of results.find((r) => r.locale === 'zh')!.sections) expect(all).toContain(compact(s.title));
    const cjkFonts = pdf.fonts().filter((f) => [...f.toUnicode.values()].some((u) => /[\u4e00-\u9fff]/u.test(u)));
    expect(cjkFonts.length).toBeGreaterThan(0);
    // The English edition is English (its Chinese is data: customers' comments, bank names in the data).
    const en = docs.get('en')!.text.join('');
    expect(en).toContain('Overview');
    expect((en.match(CJK) ?? []).length).toBeLessThan(cjk.length / 2);
  });

  it('prints a page with the state it shows: the inputs\u2019 line follows the reader\u2019s changes, the controls go', async () => {
    const browser = await launch();
    try {
      const { page } = await watchedPage(browser, inject('siteUrl'), { colorScheme: 'dark' });
      await page.goto(new URL('en/overview/', inject('siteUrl')).href);
      const line = page.locator('[data-print-state]');
      expect(await line.isVisible()).toBe(false);
      const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(await line.textContent()).toContain(`Quarter: ${quarters[0]}`);
      await page.selectOption('select[name="quarter"]', quarters[1]!);
      await waitForUpdates(page, 1);
      await page.emulateMedia({ media: 'print' });
      expect(await line.isVisible()).toBe(true);
      expect(await line.textContent()).toContain(`Quarter: ${quarters[1]}`);
      for (const control of ['form[data-inputs]', '.site-header nav', '[data-lang-switch]', '.chart-data']) {
        expect(await page.locator(control).first().isVisible(), control).toBe(false);
      }
      // Black on white even in the dark theme.
      expect(await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color])).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    } finally {
      await browser.close();
    }
  });

  it('says to build the site first when there is none', async () => {
    await expect(buildPdfs({ site: path.join(OUT, 'no-site'), out: OUT })).rejects.toThrow(/npm run build/);
  });
});

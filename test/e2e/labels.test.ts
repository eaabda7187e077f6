import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { builtPages } from './site-pages.ts';

/**
 * What the reader sees is named in the reader's language, on every page of both editions: each
 * series of a chart with several has its name (a legend, or a label at its line's end), never an id;
 * the zh edition's charts never tick a month in English; no data table is headed by a raw column id;
 * units and channels read in the page's language.
 */

const siteUrl = inject('siteUrl');
const reportPages = builtPages(E2E_OUT).filter((p) => /^(zh|en)\/[^/]+\/$/.test(p) && !p.endsWith('/catalog/'));
const dataDir = process.env.CX_E2E_DATA ?? 'data';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

/** Ids in the contract are slugs: a name that looks like one is an id shown raw. */
const SLUG = /^[a-z0-9][a-z0-9_-]*$/;
const MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/;
const RAW_COLUMN = /^(name_zh|name_en|color|colour)$|_(moe|lo|hi|n|neff)$/;

interface Figure {
  id: string;
  /** The most lines (distinct stroke colours) drawn in one of its SVGs. */
  series: number;
  /** Legend entries and text labels that are not numbers: the names it gives. */
  names: string[];
}

function figures(page: Page): Promise<Figure[]> {
  return page.$$eval('figure.chart', (figs) =>
    figs.map((fig) => {
      // The chart as drawn for this width (the phone drawing is its twin).
      const body = fig.querySelector('[data-chart-body]');
      const svgs = body ? [...body.querySelectorAll('svg')] : [];
      const series = Math.max(0, ...svgs.map((svg) => new Set([...svg.querySelectorAll('g[data-mark="line"] path, g[aria-label="line"] path')].map((p) => p.getAttribute('stroke') ?? p.parentElement?.getAttribute('stroke'))).size));
      // Legends' entries and names at the lines' ends carry one class, whatever draws them (charts/spec.ts SERIES_NAME).
      const named = [...(body?.querySelectorAll('ul.cx-series-name li, g.cx-series-name text, text.cx-series-name') ?? [])].map((e) => e.textContent!.trim());
      const names = [...new Set(named)].filter((t) => t !== '' && !/^[−+\-]?[\d.,]+%?$/.test(t));
      return { id: fig.id, series, names };
    }),
  );
}

describe('labels in the reader language on every page', () => {
  it('has pages of both editions to look at', () => {
    expect(reportPages.filter((p) => p.startsWith('zh/')).length).toBeGreaterThan(5);
    expect(reportPages.filter((p) => p.startsWith('en/')).length).toBe(reportPages.filter((p) => p.startsWith('zh/')).length);
  });

  it('names every series of a chart with several, shows no id, month, raw column or unit in the wrong language', async () => {
    const channels = Papa.parse<Record<string, string>>(fs.readFileSync(path.join(dataDir, 'channels.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const channelIds = new Set(channels.filter((c) => c.label_zh !== c.channel_id && c.label_en !== c.channel_id).map((c) => c.channel_id!));
    expect(channelIds.size).toBeGreaterThan(0);
    const w = await watchedPage(browser, siteUrl);
    const findings: string[] = [];
    let multiSeries = 0;
    for (const p of reportPages) {
      const zh = p.startsWith('zh/');
      await w.page.goto(`${siteUrl}${p}`, { waitUntil: 'load' });

      for (const f of await figures(w.page)) {
        if (f.series < 2) continue;
        multiSeries += 1;
        if (f.names.length < f.series) findings.push(`${p} ${f.id}: ${f.series} series, named ${JSON.stringify(f.names)}`);
        for (const name of f.names) if (SLUG.test(name)) findings.push(`${p} ${f.id}: series named by an id "${name}"`);
      }

      const svgText = await w.page.$$eval('svg text, svg title', (ts) => ts.map((t) => t.textContent ?? ''));
      if (zh) for (const t of svgText) if (MONTH.test(t)) findings.push(`${p}: SVG text in English months "${t}"`);

      const headers = await w.page.$$eval('table th', (ths) => ths.map((th) => th.textContent!.trim()));
      for (const h of headers) if (RAW_COLUMN.test(h)) findings.push(`${p}: table headed by the column id "${h}"`);

      const units = await w.page.$$eval('.panel-unit', (us) => us.map((u) => u.textContent!.trim()));
      for (const u of units) {
        if (zh && /[A-Za-z]{2,}/.test(u)) findings.push(`${p}: unit in English "${u}"`);
        if (!zh && /[\u4e00-\u9fff]/.test(u)) findings.push(`${p}: unit in Chinese "${u}"`);
      }

      const cells = await w.page.$$eval('table td, select option', (cs) => cs.map((c) => c.textContent!.trim()));
      for (const c of cells) if (channelIds.has(c)) findings.push(`${p}: channel id "${c}" shown raw`);
    }
    expect(multiSeries).toBeGreaterThan(2);
    expect(findings).toEqual([]);
    await w.context.close();
  });

  it('keeps the legend, tooltips and time axis in the reader language when the engine redraws', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}zh/compare/`);
    // The build ships a phone copy of each chart beside the wide one; the reader sees one of them.
    const legend = () => page.locator('#chart-trends .chart-legend:visible li').allTextContents();
    const names = await legend();
    expect(names.length).toBeGreaterThan(2);
    const first = (await page.locator('input[name="banks"]').first().getAttribute('value'))!;
    await page.uncheck(`input[name="banks"][value="${first}"]`);
    await waitForUpdates(page, 1);
    const after = await legend();
    expect(after).toEqual(names.slice(1));
    for (const name of after) expect(name).not.toMatch(SLUG);
    const titles = await page.locator('#chart-trends .panel:visible svg title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    // 招商银行 2024Q4：20.3 — a name, the period, a full-width colon, the value.
    for (const t of titles) expect(after.some((n) => t.startsWith(`${n} `)) && t.includes('：'), t).toBe(true);
    for (const t of await page.locator('#chart-trends svg text').allTextContents()) expect(t).not.toMatch(MONTH);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

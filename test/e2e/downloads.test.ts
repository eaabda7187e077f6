import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { csvRecords, download, PNG_SIGNATURE } from './download.ts';

// The sample site (global setup), and the small fixture whose comments hold a <script> tag and `=1+2`.
const siteUrl = inject('siteUrl');
const SMALL_OUT = path.resolve('.cache/e2e/downloads-small');
let small: StaticServer;
let smallUrl: string;
let browser: Browser;

beforeAll(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/site-small', '--out', SMALL_OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  small = await serveStatic(SMALL_OUT);
  smallUrl = `http://127.0.0.1:${small.port}/`;
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await small.close();
});

/** The table as the page holds it: header texts, and each cell's data-value (or text). */
async function pageTable(page: Page, selector: string): Promise<{ head: string[]; ids: string[]; rows: string[][] }> {
  return page.locator(selector).evaluate((table) => ({
    head: [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
    ids: [...table.querySelectorAll('thead th')].map((th) => th.getAttribute('data-column') ?? ''),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-value') ?? td.textContent!)),
  }));
}

/** Parses the SVG in the browser as XML: its root, its size, and whether the parser complained. */
async function svgInfo(page: Page, text: string) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      nested: root.querySelectorAll('svg').length,
      plot: (() => {
        const plot = root.querySelector(':scope > svg');
        return plot ? { width: Number(plot.getAttribute('width')), height: Number(plot.getAttribute('height')) } : null;
      })(),
      context: [...root.querySelectorAll(':scope > text[data-export-context]')].map((t) => t.textContent!),
      background: root.querySelector(':scope > rect')?.getAttribute('fill') ?? null,
    };
  }, text);
}

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('chart downloads', () => {
  it('NPS chart (en): CSV of the data table with unrounded numbers, a standalone SVG, a PNG at 2×', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/overview/`);
    const quarter = await page.locator('select[name="quarter"]').inputValue();
    const bank = await page.locator('select[name="bank"]').inputValue();
    const stem = `overview_nps_by_bank_${quarter}_${bank}`; // segment "*" (all) leaves nothing ASCII-safe

    const csv = await download(page, 'nps_by_bank', 'csv');
    expect(csv.name).toBe(`${stem}.csv`);
    const records = csvRecords(csv.bytes);
    const shown = await pageTable(page, '#chart-nps_by_bank [data-chart-table] table');
    // Two header rows: the columns' ids (the spec's names: stable), then their labels as the table shows them.
    // The sample's targets.csv gives each bank an NPS target in this quarter: its value and label follow the interval.
    expect(records[0]).toEqual(['name', 'nps', 'nps_lo', 'nps_hi', 'nps_target', 'nps_target_label', 'nps_n']);
    expect(records[0]).toEqual(shown.ids);
    expect(records[1]).toEqual(shown.head);
    expect(records[1]![0]).toBe('Bank');
    expect(records.slice(2)).toEqual(shown.rows);
    // Unrounded: the chart labels NPS with one decimal, the file holds the full number.
    const nps = records[0]!.indexOf('nps');
    const values = records.slice(2).map((r) => r[nps]!);
    expect(values.some((v) => /\.\d{3,}/.test(v))).toBe(true);
    const label = await page.locator('#chart-nps_by_bank [data-chart-body] svg g[data-mark="text"] text').first().textContent();
    expect(Number(values[0]).toFixed(1).replace('-', '−')).toBe(label);

    const svg = await download(page, 'nps_by_bank', 'svg');
    expect(svg.name).toBe(`${stem}.svg`);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).not.toMatch(/currentColor/i);
    expect(svgText).not.toContain('var(');
    const info = await svgInfo(page, svgText);
    expect(info).toMatchObject({ error: false, root: 'svg', ns: 'http://www.w3.org/2000/svg', plot: { width: 640 } });
    expect(info.width).toBeGreaterThanOrEqual(640);
    expect(info.background).toBe('rgb(255, 255, 255)');
    expect(svgText).toContain('fill="rgb(29, 31, 35)"'); // the page's text colour, written out

    const png = await download(page, 'nps_by_bank', 'png');
    expect(png.name).toBe(`${stem}.png`);
    expect(pngSize(png.bytes)).toEqual({ width: info.width * 2, height: info.height * 2 });

    expect(w.foreignRequests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('follows the theme: the dark page gives a dark background and light text', async () => {
    const w = await watchedPage(browser, siteUrl, { colorScheme: 'dark' });
    await w.page.goto(`${siteUrl}en/overview/`);
    const svg = (await download(w.page, 'csat_by_bank', 'svg')).bytes.toString('utf8');
    expect((await svgInfo(w.page, svg)).background).toBe('rgb(21, 23, 27)');
    expect(svg).toContain('fill="rgb(230, 232, 236)"');
    expect(svg).not.toMatch(/currentColor|var\(/i);
    await w.context.close();
  });

  it('IPA grid (var(--…) colours in attributes) and small multiples (one SVG, every panel) stand alone', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/ipa/`);
    const ipaChart = await page.locator('figure.chart:has([data-chart-body] svg)').first().getAttribute('data-chart');
    expect(await page.locator(`#chart-${ipaChart} [data-chart-body]`).innerHTML()).toContain('var(--');
    const ipa = (await download(page, ipaChart!, 'svg')).bytes.toString('utf8');
    expect(ipa).not.toMatch(/currentColor|var\(/i);
    expect((await svgInfo(page, ipa)).error).toBe(false);

    await page.goto(`${siteUrl}en/compare/`);
    const multiples = page.locator('figure.chart:has(.multiples)').first();
    const name = (await multiples.getAttribute('data-chart'))!;
    const panels = await multiples.locator('[data-chart-body] .multiples .panel').count();
    expect(panels).toBeGreaterThanOrEqual(2);
    const svg = await download(page, name, 'svg');
    const text = svg.bytes.toString('utf8');
    expect(text).not.toMatch(/currentColor|var\(/i);
    const info = await svgInfo(page, text);
    // The panels, inside the grid drawing, inside the file with its context.
    expect(info).toMatchObject({ error: false, root: 'svg', nested: panels + 1 });
    const titles = await multiples.locator('[data-chart-body] .panel-title').evaluateAll((ps) => ps.map((p) => p.firstChild!.textContent!.trim()));
    for (const t of titles) expect(text).toContain(`>${t.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</text>`);
    // The banks are named in the file as on the page: the legend's names, each beside a swatch.
    const names = await multiples.locator('[data-chart-body] .chart-legend li').allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const n of names) expect(text).toContain(`>${n.trim()}</text>`);
    expect(pngSize((await download(page, name, 'png')).bytes)).toEqual({ width: info.width * 2, height: info.height * 2 });
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  for (const lang of ['en', 'zh'] as const) {
    it(`keeps its context (${lang}): title, inputs line, method with its n, source, site and data period, as SVG text and in the PNG`, async () => {
      const w = await watchedPage(browser, siteUrl);
      const { page } = w;
      await page.goto(`${siteUrl}${lang}/overview/`);
      const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      await page.selectOption('select[name="quarter"]', quarters[1]!);
      await waitForUpdates(page, 1);
      const figure = page.locator('#chart-nps_by_bank');
      const title = (await figure.locator('.chart-title').textContent())!.trim();
      const method = (await figure.locator('.chart-method').textContent())!.replace(/\s+/g, ' ').trim();
      const inputs = (await page.locator('[data-print-state]').textContent())!.trim();
      expect(inputs).toContain(quarters[1]);
      expect(method).toMatch(/n = [\d,]+/);
      const period = await page.locator('meta[name="cx-data-period"]').getAttribute('content');
      const site = (await page.locator('.site-title').textContent())!.trim();

      const svgText = (await download(page, 'nps_by_bank', 'svg')).bytes.toString('utf8');
      const info = await svgInfo(page, svgText);
      expect(info.error).toBe(false);
      // Long lines wrap: the context reads as the page's text once its lines are joined.
      const joined = info.context.join(lang === 'zh' ? '' : ' ');
      const squash = (s: string) => s.replace(/\s+/g, '');
      expect(info.context[0]).toBe(title);
      expect(squash(joined)).toContain(squash(inputs));
      expect(squash(joined)).toContain(squash(method));
      expect(joined).toContain(site);
      expect(joined).toContain(period!);
      expect(squash(joined)).toContain(squash(`${lang}/overview/?`));
      // Above and below the drawing: the file is taller than the plot alone.
      expect(info.height).toBeGreaterThan(info.plot!.height + 40);

      const png = pngSize((await download(page, 'nps_by_bank', 'png')).bytes);
      expect(png).toEqual({ width: info.width * 2, height: info.height * 2 });
      expect(png.height).toBeGreaterThan(info.plot!.height * 2 + 80);
      expect(w.foreignRequests).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      await w.context.close();
    });
  }

  it('copies the image (PNG with its context) where the browser has the clipboard API', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await w.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(siteUrl).origin });
    await page.goto(`${siteUrl}en/overview/`);
    const figure = page.locator('#chart-nps_by_bank');
    await figure.locator('.chart-menu summary').click();
    await figure.locator('button[data-copy="png"]').click();
    await expect.poll(() => page.locator('[data-engine-status]').textContent()).toBe('Image copied');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item!.getType('image/png');
      const bitmap = await createImageBitmap(blob);
      return { type: blob.type, width: bitmap.width, height: bitmap.height };
    });
    const svgInfoNow = await svgInfo(page, (await download(page, 'nps_by_bank', 'svg')).bytes.toString('utf8'));
    expect(copied).toEqual({ type: 'image/png', width: svgInfoNow.width * 2, height: svgInfoNow.height * 2 });
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();

    // Without ClipboardItem, no button.
    const bare = await watchedPage(browser, siteUrl);
    await bare.page.addInitScript(() => {
      delete (window as { ClipboardItem?: unknown }).ClipboardItem;
    });
    await bare.page.goto(`${siteUrl}zh/overview/`);
    await bare.page.locator('#chart-nps_by_bank .chart-menu summary').click();
    expect(await bare.page.locator('#chart-nps_by_bank button[data-download]').count()).toBe(3);
    expect(await bare.page.locator('#chart-nps_by_bank button[data-copy]').count()).toBe(0);
    await bare.context.close();
  });

  it('a table chart with Chinese and hostile comments (zh): CSV only, Chinese intact, formulas neutralised', async () => {
    const w = await watchedPage(browser, smallUrl);
    const { page } = w;
    await page.goto(`${smallUrl}zh/overview/`);
    const quarter = await page.locator('select[name="quarter"]').inputValue();
    // A table chart is its own data: no SVG or PNG.
    await page.locator('#chart-voices_table .chart-menu summary').click();
    expect(await page.locator('#chart-voices_table .chart-menu button').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.download))).toEqual(['csv']);
    expect(await page.locator('#chart-voices_table .chart-menu summary').textContent()).toBe('下载');
    await page.keyboard.press('Escape');

    const csv = await download(page, 'voices_table', 'csv');
    expect(csv.name).toMatch(new RegExp(`^overview_voices_table_${quarter}_[a-z]+\\.csv$`));
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('\uFEFFname,segment,channel,overall,comment\r\n银行,客户群,渠道,总体满意度,留言\r\n');
    // RFC 4180: the comment with a comma and quotes is quoted, its quotes doubled; Chinese as written.
    expect(text).toContain('"<script>window.__pwned=1</script> 排队太久, ""真的"""');
    // The formula is text again: a leading apostrophe, and never `=` at the start of a field.
    expect(text).toContain(`"'=1+2"`);
    expect(text).not.toMatch(/(^|,|\n)=1\+2/);
    const records = csvRecords(csv.bytes);
    const shown = await pageTable(page, '#chart-voices_table [data-chart-body] table');
    expect(records[1]).toEqual(shown.head);
    expect(records.slice(2).map((r) => r.map((c) => c.replace(/^'(?=[=+\-@\t\r])/, '')))).toEqual(shown.rows);

    // A negative number (written from data-value) stays a number: no apostrophe.
    const nps = await download(page, 'nps_by_bank', 'csv');
    const rows = csvRecords(nps.bytes);
    const negatives = rows.slice(2).flat().filter((c) => /^-\d/.test(c));
    expect(negatives.length).toBeGreaterThan(0);
    expect(nps.bytes.toString('utf8')).not.toContain(`'-`);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('downloads the state the reader sees after an input change', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/overview/`);
    const quarters = await page.locator('select[name="quarter"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const before = csvRecords((await download(page, 'metrics_table', 'csv')).bytes);

    await page.selectOption('select[name="quarter"]', quarters[1]!);
    await waitForUpdates(page, 1);
    const segment = (await page.locator('select[name="segment"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).find((v) => v !== '*')!;
    await page.selectOption('select[name="segment"]', segment);
    await waitForUpdates(page, 2);
    const bank = await page.locator('select[name="bank"]').inputValue();

    const after = await download(page, 'metrics_table', 'csv');
    expect(after.name).toBe(`overview_metrics_table_${quarters[1]}_${segment}_${bank}.csv`);
    const records = csvRecords(after.bytes);
    expect(records.slice(2)).not.toEqual(before.slice(2));
    expect(records.slice(2)).toEqual((await pageTable(page, '#chart-metrics_table [data-chart-body] table')).rows);

    const chartCsv = csvRecords((await download(page, 'nps_by_bank', 'csv')).bytes);
    expect(chartCsv.slice(2)).toEqual((await pageTable(page, '#chart-nps_by_bank [data-chart-table] table')).rows);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });

  it('menu and data-table toggle are reachable and labelled from the keyboard', async () => {
    const w = await watchedPage(browser, siteUrl);
    const { page } = w;
    await page.goto(`${siteUrl}en/overview/`);
    const focused = () => page.evaluate(() => {
      const el = document.activeElement!;
      const figure = el.closest('figure.chart')?.id ?? '';
      return `${figure} ${el.closest('.chart-menu') ? 'menu' : el.closest('.chart-data') ? 'data' : ''} ${el.localName}`;
    });
    // Tab from the top of the page: the NPS chart's menu comes first, then its data-table toggle.
    const seen: string[] = [];
    for (let i = 0; i < 80 && !seen.includes('chart-nps_by_bank data summary'); i++) {
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    expect(seen).toContain('chart-nps_by_bank menu summary');
    expect(seen.indexOf('chart-nps_by_bank menu summary')).toBeLessThan(seen.indexOf('chart-nps_by_bank data summary'));

    // The toggle: named by its text, described by the chart's title, opened with Enter.
    const toggle = page.locator('#chart-nps_by_bank .chart-data summary');
    expect(await toggle.textContent()).toBe('Show the data as a table');
    const described = await toggle.getAttribute('aria-describedby');
    expect(await page.locator(`#${described}`).textContent()).toBe(await page.locator('#chart-nps_by_bank figcaption').textContent());
    await page.keyboard.press('Enter');
    expect(await page.locator('#chart-nps_by_bank details.chart-data').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

    // The menu: Enter opens it, Tab reaches its buttons, Escape closes it and returns to its summary.
    const summary = page.locator('#chart-nps_by_bank .chart-menu summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#chart-nps_by_bank .chart-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).textContent)).toBe('CSV (the data)');
    await page.keyboard.press('Escape');
    expect(await page.locator('#chart-nps_by_bank .chart-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.closest('.chart-menu') !== null && document.activeElement?.localName === 'summary')).toBe(true);
    // Labelled in the page's language, and described by the chart's title.
    expect(await summary.textContent()).toBe('Download');
    expect(await summary.getAttribute('aria-describedby')).toBe('chart-nps_by_bank-title');
    // A click elsewhere closes it.
    await summary.click();
    await page.locator('h1').click();
    expect(await page.locator('#chart-nps_by_bank .chart-menu').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await w.context.close();
  });

  it('is absent with JavaScript off and moves nothing when added', async () => {
    const boxes = async (javaScriptEnabled: boolean) => {
      const w = await watchedPage(browser, siteUrl, { javaScriptEnabled });
      await w.page.goto(`${siteUrl}zh/overview/`);
      if (javaScriptEnabled) await w.page.locator('.chart-menu').first().waitFor();
      const menus = await w.page.locator('.chart-menu').count();
      // The menu adds no <svg> of its own: a figure's SVG stays the chart's (and its phone-width copy's).
      if (javaScriptEnabled) expect(await w.page.locator('#chart-nps_by_bank svg').evaluateAll((svgs) => svgs.filter((s) => !s.closest('[data-chart-narrow]')).length)).toBe(1);
      const layout = await w.page.locator('figure.chart').evaluateAll((fs) => fs.map((f) => {
        const r = f.getBoundingClientRect();
        const c = f.querySelector('figcaption')!.getBoundingClientRect();
        return [r.top, r.height, c.height];
      }));
      await w.context.close();
      return { menus, layout };
    };
    const off = await boxes(false);
    const on = await boxes(true);
    expect(off.menus).toBe(0);
    expect(on.menus).toBe(on.layout.length);
    expect(on.layout).toEqual(off.layout);
  });
});

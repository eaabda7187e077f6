import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { builtPages } from './site-pages.ts';

/**
 * Accessibility of every page of the built site, in both languages and both colour schemes: axe-core
 * in the browser finds no serious or critical violation; every drawn chart is one image named by its
 * caption and described by a text summary, with its data table behind a keyboard-reachable toggle.
 */

const siteUrl = inject('siteUrl');
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The rules whose outcome depends on the colour scheme. The dark scheme changes colours only (CSS
 * custom properties under prefers-color-scheme), never the markup, so every other rule gives the same
 * answer in both and runs once, in the light scheme.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Rows of each table that axe checks. */
const TABLE_ROWS = 10;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe on the page as it is (axe was injected at load by the context's init script). */
async function axeViolations(page: Page, rules?: string[]): Promise<Violation[]> {
  return page.evaluate(async ({ rows, rules }) => {
    // The data tables behind the charts and the catalogue's column lists are checked open, as a reader
    // opens them, once the page has answered the toggles (client/scroll.ts marks tables that scroll).
    for (const d of document.querySelectorAll('details')) d.open = true;
    // A long table's rows past the first ones are drawn by the same code as those (thousands of cells
    // on the comparison page, which axe would walk for every run): removed to keep the run short.
    for (const tr of document.querySelectorAll(`tbody > tr:nth-child(n+${rows + 1})`)) tr.remove();
    await new Promise((done) => setTimeout(done, 0));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    type Axe = { run: (ctx: object, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  }, { rows: TABLE_ROWS, rules });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('accessibility', () => {
  const pages = builtPages(E2E_OUT);

  it('finds the pages to check in the build', () => {
    expect(pages).toContain('');
    expect(pages).toContain('404.html');
    for (const lang of ['zh', 'en']) {
      expect(pages).toContain(`${lang}/`);
      expect(pages).toContain(`${lang}/catalog/`);
      expect(pages).toContain(`${lang}/overview/`);
    }
    expect(pages.filter((p) => p.startsWith('en/')).length).toBe(pages.filter((p) => p.startsWith('zh/')).length);
  });

  it('axe-core finds no serious or critical violation on any page, in both languages and both colour schemes', async () => {
    const failures: string[] = [];
    let checked = 0;
    // One context, each page loaded once and checked in the light scheme, then switched to dark (the
    // markup is the same; only the colours change) and checked again.
    const context: BrowserContext = await browser.newContext({ colorScheme: 'light', viewport: { width: 1200, height: 900 } });
    await context.addInitScript({ content: AXE });
    const page = await context.newPage();
    // The site root redirects (meta refresh) to the default language: answered 204, the browser stays on the root page to check it.
    await page.route(/\/(zh|en)\/$/, (route) => (new URL(page.url()).pathname === new URL(siteUrl).pathname && route.request().isNavigationRequest() ? route.fulfill({ status: 204 }) : route.fallback()));
    for (const p of pages) {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.goto(siteUrl + p);
      expect(new URL(page.url()).pathname, 'the page stayed where it was opened').toBe(new URL(siteUrl + p).pathname);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        for (const v of await axeViolations(page, colorScheme === 'dark' ? COLOUR_RULES : undefined)) {
          if (v.impact === 'serious' || v.impact === 'critical') failures.push(`${colorScheme} /${p}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.slice(0, 5).join(' | ')}${v.targets.length > 5 ? ` and ${v.targets.length - 5} more` : ''}`);
        }
        checked++;
      }
    }
    await context.close();
    expect(checked).toBe(pages.length * 2);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('gives every drawn chart a name, a text summary and a data table behind a focusable toggle, on every page', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    const problems: string[] = [];
    let charts = 0;
    for (const p of pages.filter((p) => /^[a-z]{2}\/[^/]+\/$/.test(p))) {
      await page.goto(siteUrl + p);
      const found = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('figure.chart')].map((figure) => {
          const body = figure.querySelector<HTMLElement>('[data-chart-body]')!;
          const byId = (ids: string | null) => (ids ?? '').split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ').trim();
          const toggle = figure.querySelector<HTMLElement>('details.chart-data > summary');
          return {
            id: figure.id,
            table: body.querySelector('table') !== null && body.querySelector('svg') === null,
            svg: body.querySelector('svg') !== null,
            role: body.getAttribute('role'),
            name: byId(body.getAttribute('aria-labelledby')),
            caption: figure.querySelector('figcaption')?.textContent?.trim() ?? '',
            summary: byId(body.getAttribute('aria-describedby')),
            innerLabels: body.querySelectorAll('svg [aria-label]').length,
            toggle: toggle ? { text: toggle.textContent, tabIndex: toggle.tabIndex, table: figure.querySelector('[data-chart-table] table th[scope="col"]') !== null } : null,
          };
        }),
      );
      for (const c of found) {
        if (c.table) continue; // a table chart is its own text
        charts++;
        const where = `/${p}#${c.id}`;
        if (c.role !== 'img') problems.push(`${where}: chart body role ${c.role}`);
        if (!c.name || c.name !== c.caption) problems.push(`${where}: named "${c.name}", caption "${c.caption}"`);
        if (c.summary.length < 20) problems.push(`${where}: summary "${c.summary}"`);
        if (c.innerLabels) problems.push(`${where}: ${c.innerLabels} aria-labels inside the SVG`);
        if (!c.toggle || c.toggle.tabIndex !== 0 || !c.toggle.table) problems.push(`${where}: no focusable "show as table" toggle with a headed table`);
      }
    }
    expect(charts).toBeGreaterThan(10);
    expect(problems, problems.join('\n')).toEqual([]);
    await context.close();
  });

  it('summarises a chart with its figures, in the reader language, and keeps the summary current after an input change', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/overview/`);
    const summary = page.locator('#chart-nps_by_bank-summary');
    const rows = await page.locator('#chart-nps_by_bank [data-chart-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    const text = (await summary.textContent())!;
    expect(text).toMatch(/^Dot chart: /);
    // Every bank and its NPS as the table shows it (one decimal).
    for (const bank of ['China Merchants Bank', 'ICBC', 'Ping An Bank']) expect(text).toContain(bank);
    const nps = rows.map((r) => r.find((cell) => /^\d+\.\d$/.test(cell))).filter(Boolean);
    expect(nps.length).toBe(3);
    for (const v of nps) expect(text).toContain(v!);

    await page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(page, 1);
    const after = (await summary.textContent())!;
    expect(after).not.toBe(text);
    const rowsAfter = await page.locator('#chart-nps_by_bank [data-chart-table] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    for (const v of rowsAfter.map((r) => r.find((cell) => /^\d+\.\d$/.test(cell)))) expect(after).toContain(v!);

    await page.goto(`${siteUrl}zh/ipa/`);
    expect(await page.locator('#chart-ipa_grid-summary').textContent()).toMatch(/^重要性–表现矩阵：\d+ 个属性.*重点改进区：/);
    await context.close();
  });

  it('reaches every chart toggle and download menu of a page by keyboard alone, in reading order', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/servqual/`);
    const expected = await page.evaluate(() =>
      [...document.querySelectorAll('figure.chart')].flatMap((f) => [...f.querySelectorAll('.chart-menu > summary, .chart-data > summary')].map((s) => `${f.id} ${s.parentElement!.className}`)),
    );
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const seen: string[] = [];
    for (let i = 0; i < 200 && seen.length < expected.length; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const el = document.activeElement!;
        return el.localName === 'summary' && el.closest('figure.chart') ? `${el.closest('figure.chart')!.id} ${el.parentElement!.className}` : null;
      });
      if (at && !seen.includes(at)) seen.push(at);
    }
    expect(seen).toEqual(expected);
    // The last one reached, opened with the keyboard.
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (document.activeElement!.parentElement as HTMLDetailsElement).open)).toBe(true);
    await context.close();
  });
});

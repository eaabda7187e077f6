import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';
import { E2E_OUT } from './global-setup.ts';
import { builtPages } from './site-pages.ts';
import { drawingWidth } from '../../src/charts/render.ts';
import { NARROW_CHART_WIDTH } from '../../src/notebook/render.ts';

/**
 * Every page on a phone (390 px wide): the page never scrolls sideways, the inputs are on screen,
 * wide tables scroll inside their own container (reachable by keyboard) and say so, and charts fill
 * their column with text of at least 12 CSS px — the build's phone-width copy first, then, after an
 * input change, drawn by the browser for the figure's own width. IPA labels never overlap each other
 * or a quadrant name, and a label cut short has its full text in the chart (a title) or its table.
 */

const siteUrl = inject('siteUrl');
const PHONE = 390;
/** The smallest chart text on a phone, in CSS px as rendered (font size × the SVG's scale). */
const MIN_TEXT = 12;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

interface Layout {
  scrollWidth: number;
  clientWidth: number;
  formPosition: string | null;
  controls: { name: string; left: number; right: number; visible: boolean }[];
  tables: { where: string; right: number; scroller: { left: number; right: number; focusable: boolean } | null }[];
  charts: { where: string; scale: number; right: number; figureRight: number; smallestText: number; smallest: string; outside: string[] }[];
  scrollHints: { where: string; shown: boolean; scrolls: boolean }[];
}

/** What the page looks like at the current viewport (tables inside closed disclosures are opened first). */
function layout(): Layout {
  for (const d of document.querySelectorAll<HTMLDetailsElement>('details.chart-data')) d.open = true;
  const where = (el: Element) => el.closest('figure')?.id || el.closest('[data-sql-table]')?.getAttribute('data-sql-table') || el.closest('section')?.id || el.localName;
  const form = document.querySelector('form[data-inputs]');
  const shown = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    formPosition: form ? getComputedStyle(form).position : null,
    controls: [...(form?.querySelectorAll<HTMLElement>('select, input:not([type="hidden"])') ?? [])].map((c) => {
      const r = c.getBoundingClientRect();
      return { name: (c as HTMLInputElement).name, left: r.left, right: r.right, visible: shown(c) };
    }),
    tables: [...document.querySelectorAll('main table')].filter(shown).map((t) => {
      let scroller: HTMLElement | null = t.parentElement;
      while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
      const s = scroller?.getBoundingClientRect();
      return { where: where(t), right: t.getBoundingClientRect().right, scroller: scroller && s ? { left: s.left, right: s.right, focusable: scroller.tabIndex >= 0 } : null };
    }),
    charts: [...document.querySelectorAll<SVGSVGElement>('figure.chart .chart-body svg')].filter(shown).filter((svg) => svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0).map((svg) => {
      const r = svg.getBoundingClientRect();
      const scale = r.width / svg.viewBox.baseVal.width;
      let smallestText = Infinity;
      let smallest = '';
      const outside: string[] = [];
      for (const text of svg.querySelectorAll('text')) {
        if (!shown(text) || !text.textContent!.trim()) continue;
        // Text drawn past the SVG's edge is cut off there.
        const box = text.getBoundingClientRect();
        if (box.right > r.right + 1 || box.left < r.left - 1) outside.push(text.textContent!);
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < smallestText) [smallestText, smallest] = [size, text.textContent!];
      }
      return { where: where(svg), scale, right: r.right, figureRight: svg.closest('figure')!.getBoundingClientRect().right, smallestText, smallest, outside };
    }),
    scrollHints: [...document.querySelectorAll<HTMLElement>('main .table-scroll')].filter(shown).map((el) => ({
      where: where(el),
      scrolls: el.scrollWidth > el.clientWidth + 1,
      shown: (() => {
        const hint = el.parentElement?.querySelector<HTMLElement>(':scope > .scroll-hint');
        return !!hint && shown(hint) && hint.textContent!.trim().length > 0;
      })(),
    })),
  };
}

function problemsOf(page: string, l: Layout): string[] {
  const out: string[] = [];
  if (l.scrollWidth > l.clientWidth) out.push(`${page}: the page scrolls sideways (${l.scrollWidth} > ${l.clientWidth})`);
  if (l.formPosition === 'sticky' || l.formPosition === 'fixed') out.push(`${page}: the inputs stay on screen (${l.formPosition}), covering the page`);
  for (const c of l.controls) if (!c.visible || c.left < 0 || c.right > l.clientWidth + 0.5) out.push(`${page}: input ${c.name} off screen (${c.left}–${c.right})`);
  for (const t of l.tables) {
    if (t.right <= l.clientWidth + 0.5) continue;
    if (!t.scroller) out.push(`${page}: table in ${t.where} is wider than the screen and has no scrolling container`);
    else if (t.scroller.left < 0 || t.scroller.right > l.clientWidth + 0.5 || !t.scroller.focusable) out.push(`${page}: table in ${t.where} scrolls in a container off screen or not focusable ${JSON.stringify(t.scroller)}`);
  }
  for (const c of l.charts) {
    if (c.right > c.figureRight + 1) out.push(`${page}: chart ${c.where} overflows its figure`);
    for (const text of c.outside) out.push(`${page}: chart ${c.where} draws "${text}" past its edge`);
    if (c.smallestText < MIN_TEXT) out.push(`${page}: chart ${c.where} has text at ${c.smallestText.toFixed(1)} px ("${c.smallest}")`);
  }
  // A table that scrolls sideways says so (at its start; scroll.ts hides the hint at the last column).
  for (const h of l.scrollHints) if (h.scrolls && !h.shown) out.push(`${page}: table in ${h.where} scrolls with no hint`);
  return out;
}

describe('phones (390 px)', () => {
  it('every page: no sideways scroll of the page, inputs on screen, wide tables scroll in their own container, charts fit at a legible scale', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { width: PHONE });
    const problems: string[] = [];
    let charts = 0;
    // The site root is a redirect; every other page the build wrote.
    for (const p of builtPages(E2E_OUT).filter((p) => p !== '')) {
      await page.goto(siteUrl + p);
      await page.waitForFunction(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))));
      const l = await page.evaluate(layout);
      await page.waitForTimeout(50); // client/scroll.ts marks the opened tables' containers on the next frame
      const after = await page.evaluate(layout);
      charts += after.charts.length;
      problems.push(...problemsOf(`/${p}`, { ...after, scrollWidth: Math.max(l.scrollWidth, after.scrollWidth) }));
    }
    expect(charts).toBeGreaterThan(20);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows the build\'s narrow copy of a chart, then redraws charts at the figure\'s width after an input change, and again when the screen widens', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { width: PHONE });
    await page.goto(`${siteUrl}zh/overview/`);
    const chart = '#chart-nps_by_bank';
    // The build drew it twice; the phone shows the copy drawn for a phone's column.
    expect(await page.locator(`${chart} [data-chart-narrow] svg`).getAttribute('width')).toBe(String(NARROW_CHART_WIDTH));
    expect(await page.locator(`${chart} [data-chart-narrow]`).isVisible()).toBe(true);
    expect(await page.locator(`${chart} [data-chart-body]`).isVisible()).toBe(false);

    await page.selectOption('select[name="quarter"]', { index: 1 });
    await waitForUpdates(page, 1);
    const figureWidth = await page.locator(chart).evaluate((f) => Math.floor(f.clientWidth));
    expect(figureWidth).toBeLessThan(360);
    expect(await page.locator(`${chart} [data-chart-narrow]`).count()).toBe(0);
    expect(await page.locator(`${chart} [data-chart-body] svg`).getAttribute('width')).toBe(String(drawingWidth(figureWidth)));
    expect(await page.locator(`${chart} [data-chart-body]`).isVisible()).toBe(true);
    expect(problemsOf('/zh/overview/ after an update', await page.evaluate(layout))).toEqual([]);

    // Turned sideways / a wider window: redrawn at the new width, up to the build's 640 px.
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction((sel) => document.querySelector(`${sel} [data-chart-body] svg`)?.getAttribute('width') === '640', chart, { timeout: 5000 });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('IPA grids: no two labels overlap, none runs over a quadrant name; a cut label keeps its full text (title or table), both languages', async () => {
    const { page, context, consoleErrors } = await watchedPage(browser, siteUrl, { width: PHONE });
    const problems: string[] = [];
    let grids = 0;
    for (const p of builtPages(E2E_OUT).filter((p) => p !== '')) {
      await page.goto(siteUrl + p);
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const shown = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        };
        const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        let grids = 0;
        for (const svg of document.querySelectorAll<SVGSVGElement>('figure.chart svg')) {
          if (!shown(svg)) continue;
          const figure = svg.closest('figure')!.id;
          const labels = [...svg.querySelectorAll('g[class~="ipa-label"] text')].map((t) => ({ text: t.textContent!, box: t.getBoundingClientRect() }));
          const quadrants = [...svg.querySelectorAll('g[class~="ipa-quadrant"] text')].map((t) => ({ text: t.textContent!, box: t.getBoundingClientRect() }));
          if (labels.length) grids++;
          labels.forEach((a, i) => {
            for (const b of labels.slice(i + 1)) if (overlap(a.box, b.box)) out.push(`${figure}: "${a.text}" overlaps "${b.text}"`);
            for (const q of quadrants) if (overlap(a.box, q.box)) out.push(`${figure}: "${a.text}" runs over the quadrant name "${q.text}"`);
          });
          // Any chart: text cut with "…" has its full text in a title or in the figure's data table.
          const table = [...svg.closest('figure')!.querySelectorAll('[data-chart-table] td, [data-chart-table] th')].map((c) => c.textContent!.trim());
          for (const t of svg.querySelectorAll('text')) {
            // The drawn text, without a title's.
            const text = [...t.childNodes].filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('').trim();
            if (!shown(t) || !text.endsWith('…')) continue;
            const start = text.slice(0, -1).trim();
            const titles = [t, t.parentElement!].flatMap((e) => [...e.querySelectorAll(':scope > title')].map((x) => x.textContent!));
            if (![...titles, ...table].some((full) => full.startsWith(start) && full.length > start.length)) out.push(`${figure}: "${text}" is cut and its full text is nowhere`);
          }
        }
        return { out, grids };
      });
      grids += found.grids;
      problems.push(...found.out.map((o) => `/${p} ${o}`));
    }
    expect(grids).toBeGreaterThanOrEqual(4);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

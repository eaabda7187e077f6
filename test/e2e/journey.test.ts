import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

const map = '#chart-emotion_map_chart';
const STAGES = ['Awareness', 'Consideration', 'Onboarding', 'Usage', 'Aftercare & complaints', '认知', '考虑', '办理', '使用', '售后/投诉'];
/** A tick label as drawn (★ for a moment of truth; a long label wraps onto two lines, i.e. two tspans) → the stage's name. */
const stageOf = (text: string) => STAGES.find((s) => s.replace(/\s/g, '') === text.replace(/^★/, '').replace(/\s/g, ''));

/** What the emotion map shows: its lines, points, error bars, shaded moments, zero line, and series names. */
async function emotionMap(page: Page) {
  const svg = page.locator(`${map} [data-chart-body] svg`);
  return {
    lines: await svg.locator('.emotion-line path').count(),
    points: await svg.locator('.emotion-point circle').count(),
    errors: await svg.locator('.emotion-error line').count(),
    moments: await svg.locator('.emotion-moment rect').count(),
    zero: await svg.locator('.emotion-zero line').count(),
    series: await svg.locator('.emotion-series text').allTextContents(),
    // The stage names among the chart's texts, in the order drawn (the x axis, left to right).
    ticks: (await svg.locator('text').allTextContents()).filter((t) => stageOf(t) !== undefined),
  };
}

describe('customer journey page', () => {
  it('draws the emotion map from the prerendered page: stages in stages.csv order, moments of truth, zero line, one curve per bank', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}en/journey/`);
    const m = await emotionMap(page);
    expect(m.lines).toBe(3);
    expect(m.points).toBe(15);
    expect(m.errors).toBe(15);
    // awareness, consideration and aftercare are moments of truth in the sample's stages.csv.
    expect(m.moments).toBe(3);
    expect(m.zero).toBe(1);
    expect(m.series.sort()).toEqual(['China Merchants Bank', 'ICBC', 'Ping An Bank']);
    expect(m.ticks.map(stageOf)).toEqual(['Awareness', 'Consideration', 'Onboarding', 'Usage', 'Aftercare & complaints']);
    expect(m.ticks.filter((t) => t.startsWith('★'))).toHaveLength(3);
    // Each chart states its method with its n.
    expect(await page.locator(`${map} [data-chart-method]`).textContent()).toMatch(/6,000 respondents; every point has n ≥ [\d,]+/);
    expect(await page.locator('#chart-peak_end_chart [data-chart-method]').textContent()).toMatch(/n = 5,971/);
    await context.close();
  });

  it('redraws per segment in the reader’s language, and the peak-end test and levels follow the filters', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}zh/journey/`);
    const before = await emotionMap(page);
    expect(before.series.sort()).toEqual(['平安银行', '工商银行', '招商银行'].sort());
    expect(before.ticks.map(stageOf)).toEqual(['认知', '考虑', '办理', '使用', '售后/投诉']);

    await page.selectOption('select[name="by"]', 'segment');
    await waitForUpdates(page, 1);
    const bySegment = await emotionMap(page);
    expect(bySegment.lines).toBe(5);
    expect(bySegment.points).toBe(25);
    // Segments by their labels in segments.csv.
    expect(bySegment.series.sort()).toEqual(['大众客户', '财富客户', '年轻客户', '老年客户', '小微企业主'].sort());

    // One bank: the peak-end table lists that bank's respondents' segments, and the level bars one bank per level.
    const peakRows = () => page.locator('#chart-peak_end_detail tbody tr').count();
    expect(await peakRows()).toBe(6);
    const levelBars = () => page.locator('#chart-levels_quarter [data-chart-table] tbody tr').count();
    expect(await levelBars()).toBe(12);
    await page.selectOption('select[name="bank"]', 'icbc');
    await waitForUpdates(page, 2);
    expect(await levelBars()).toBe(4);
    const n = await page.locator('.inline-value[data-cell="map_totals"][data-column="respondents"]').first().textContent();
    expect(Number(n!.replace(/,/g, ''))).toBe(2000);
    expect(page.url()).toMatch(/by=segment&bank=icbc/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

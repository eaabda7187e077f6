import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser.close());

describe('this quarter\'s findings', () => {
  it('is first in the navigation, lists significant findings with links to their pages and states, and each link shows the same number', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/findings/?bank=cmb`);
    await waitForUpdates(page, 1);
    expect(await page.locator('nav a').first().getAttribute('href')).toMatch(/\/en\/findings\/$/);
    const rows = page.locator('#chart-finding_list tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const hrefs = await page.locator('#chart-finding_list tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    for (const h of hrefs) expect(h).toMatch(/^\.\.\/(overview|ipa|journey|compare|servqual|voices)\/\?quarter=\d{4}Q[1-4](&bank=cmb)?$/);
    // The bank's NPS change on a year earlier, "… from X to Y …": Y is the NPS the overview prints for the bank in that quarter.
    const nps = rows.filter({ hasText: /China Merchants Bank's NPS is (up|down) [\d.]+ points since \d{4}Q\d \(a year earlier\)/ });
    expect(await nps.count()).toBe(1);
    const sentence = (await nps.locator('td').first().textContent())!;
    const now = /to (−?[\d.]+) \(95% CI/.exec(sentence)![1]!;
    // The table is paged: follow the link as the reader's click would, wherever its row is.
    const href = (await nps.locator('a').getAttribute('href'))!;
    await page.goto(new URL(href, page.url()).href);
    expect(page.url()).toMatch(/\/en\/overview\/\?quarter=2026Q3&bank=cmb$/);
    // The link names the page's default state here, so the printed page is already that state; any other would be applied first.
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-busy'));
    expect(await page.locator('select[name="quarter"]').inputValue()).toBe('2026Q3');
    expect(await page.locator('#chart-nps_by_bank').textContent()).toContain(`China Merchants Bank ${now}`);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('each new kind of finding links to the page and state that shows the same number: gap 5, channel mismatch, a move out of Concentrate here, the largest provider gap, an operating metric', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, siteUrl);
    /** Opens a finding's link as the reader's click would, and waits for the page to show that state. */
    const follow = async (href: string) => {
      await page.goto(new URL(href, page.url()).href);
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-busy'));
    };
    const open = async (bank: string) => {
      await page.goto(`${siteUrl}en/findings/?bank=${bank}`);
      await waitForUpdates(page, 1);
    };
    /** The bank's own figure in a finding: "… from X to Y (95% CI" over time, "… , X against Y (95% CI" against the peers. */
    const own = (sentence: string) => (/to (−?[\d.]+) \(95% CI/.exec(sentence) ?? /, (−?[\d.]+) against −?[\d.]+ \(95% CI/.exec(sentence))![1]!;
    const signed = (x: string) => (x.startsWith('−') ? x : `+${x}`);

    // Gap 5 on one SERVQUAL dimension: the service-quality page's table of gaps by dimension, same bank and quarter.
    await open('cmb');
    const gap = page.locator('#chart-finding_list tbody tr', { hasText: /China Merchants Bank's customer gap \(gap 5\) on \w+/ }).first();
    const gapSentence = (await gap.locator('td').first().textContent())!;
    const dimension = /gap 5\) on (\w+)/.exec(gapSentence)![1]!;
    await follow((await gap.locator('a').getAttribute('href'))!);
    expect(page.url()).toMatch(/\/en\/servqual\/\?quarter=2026Q3&bank=cmb$/);
    const gapRow = page.locator('#chart-gap_table tbody tr', { hasText: new RegExp(`^${dimension}`, 'i') });
    expect(await gapRow.locator('td').nth(5).textContent()).toBe(signed(own(gapSentence)));

    // A move out of Concentrate here: the IPA page of that bank and quarter puts the attribute in the quadrant named, with the same figures.
    await open('cmb');
    const move = page.locator('#chart-ipa_move_list tbody tr').first();
    const moveSentence = (await move.locator('td').first().textContent())!;
    const [, attribute, into] = /China Merchants Bank: (.+) moved (?:out of Concentrate here, into (.+?)|into Concentrate here \(from .+?\));/.exec(moveSentence)!;
    const importance = /importance ([\d.]+) \(95% interval/.exec(moveSentence)![1]!;
    const performance = /performance ([\d.]+) \(/.exec(moveSentence)![1]!;
    await follow((await move.locator('a').getAttribute('href'))!);
    expect(page.url()).toMatch(/\/en\/ipa\/\?bank=cmb&quarter=2026Q3$/);
    const ipaRow = (await page.locator('#chart-ipa_table tbody tr', { hasText: attribute! }).first().textContent())!;
    expect(ipaRow).toContain(into ?? 'Concentrate here');
    expect(ipaRow).toContain(importance);
    expect(ipaRow).toContain(performance);

    // Channel mismatch in one segment: the channels page's table of matched and mismatched respondents, same bank and quarter.
    await open('icbc');
    const mismatch = page.locator('#chart-finding_list tbody tr', { hasText: /ICBC's share of .+ served outside their preferred channel/ }).first();
    const mismatchSentence = (await mismatch.locator('td').first().textContent())!;
    const segment = /share of (.+) served outside/.exec(mismatchSentence)![1]!;
    await follow((await mismatch.locator('a').getAttribute('href'))!);
    expect(page.url()).toMatch(/\/en\/voices\/\?quarter=2026Q3&bank=icbc$/);
    const fitRow = page.locator('#chart-fit_detail tbody tr', { hasText: new RegExp(`^${segment}`) });
    expect(await fitRow.locator('td').nth(2).textContent()).toBe(own(mismatchSentence));

    // The largest provider gap: the service-quality page's whole-model row, same bank and quarter.
    await open('icbc');
    const provider = page.locator('#chart-provider_gap_list tbody tr').first();
    const providerSentence = (await provider.locator('td').first().textContent())!;
    const [, gapNumber, value] = /ICBC's largest provider gap is gap (\d) \(\w+\): ([+−][\d.]+) \(95% CI/.exec(providerSentence)!;
    await follow((await provider.locator('a').getAttribute('href'))!);
    expect(page.url()).toMatch(/\/en\/servqual\/\?bank=icbc&quarter=2026Q3$/);
    const model = page.locator('#chart-gap_table tbody tr', { hasText: /^Whole model/ });
    expect(await model.locator('td').nth(Number(gapNumber)).textContent()).toBe(value);

    // An operating metric's change: the comparison page's league table, same periods.
    await open('cmb');
    const metric = page.locator('#chart-metric_change_list tbody tr', { hasText: /App store rating \(China Merchants Bank, 2026Q3\)/ });
    const change = (await metric.locator('td').nth(2).textContent())!;
    await follow((await metric.locator('a').getAttribute('href'))!);
    expect(page.url()).toMatch(/\/en\/compare\/\?periods=\d{4}Q[1-4]%2C2026Q3$|\/en\/compare\/\?periods=\d{4}Q[1-4],2026Q3$/);
    const league = page.locator('#chart-league_chart tbody tr', { hasText: 'App store rating' }).filter({ hasText: 'China Merchants Bank' });
    expect(await league.locator('td').nth(5).textContent()).toBe(change);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('without JavaScript: the family\'s count, the method with its n, and the figures that did not change with their detectable change (zh)', async () => {
    const { page, context } = await watchedPage(browser, siteUrl, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}zh/findings/`);
    const intro = await page.locator('main').textContent();
    expect(intro).toMatch(/2026Q3：\d+ 项检验中，\d+ 项在错误发现率 5% 下显著/);
    expect(await page.locator('#chart-finding_list .chart-method').first().textContent()).toMatch(/Benjamini–Hochberg.*n = 6,000/);
    const quiet = await page.locator('#chart-no_change tbody tr').allTextContents();
    for (const row of quiet) expect(row).toMatch(/较上季度无显著变化.*小于 [\d.]+ (分|个百分点)?的变化无法可靠检出/);
    await context.close();
  });
});

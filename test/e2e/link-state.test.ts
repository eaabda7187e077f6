import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const ready = (page: Page) => page.waitForSelector('html[data-ready]', { state: 'attached', timeout: 60_000 });
const values = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('a link whose state the data do not hold', () => {
  for (const lang of ['en', 'zh'] as const) {
    it(`says so on the page in ${lang} and rewrites the URL to the state shown (select)`, async () => {
      const { page, context, consoleErrors } = await watchedPage(browser, siteUrl);
      await page.goto(`${siteUrl}${lang}/overview/?quarter=2099Q1`);
      await ready(page);
      const notice = page.locator('[data-link-notice]');
      await notice.waitFor({ state: 'visible' });
      const text = await notice.textContent();
      const shown = await page.locator('select[name="quarter"] option:checked').textContent();
      const label = await page.locator('select[name="quarter"]').evaluate((s) => s.closest('label')!.querySelector('span')!.textContent);
      expect(text).toContain('2099Q1');
      expect(text).toContain(label!);
      expect(text).toContain(shown!.trim());
      expect(text).toMatch(lang === 'zh' ? /链接要求的 2099Q1 不在数据中；现显示 / : /the link asked for 2099Q1, which the data do not hold; showing /);
      // The URL is the state shown: the default quarter, so no query at all; the language link follows it.
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('[data-lang-switch]').getAttribute('href')).not.toContain('2099Q1');
      // The notice goes once the reader chooses another state.
      const quarters = await values(page, 'select[name="quarter"] option');
      await page.selectOption('select[name="quarter"]', quarters[1]!);
      await waitForUpdates(page, 1);
      expect(await notice.count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('names an unknown bank of a multi-select and a range outside the options, keeps what is known, in both languages', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const { page, context } = await watchedPage(browser, siteUrl);
      await page.goto(`${siteUrl}${lang}/compare/`);
      const banks = await values(page, 'input[name="banks"]');
      const periods = await values(page, 'select[name="periods"][data-range-end="0"] option');
      expect(banks.length).toBeGreaterThanOrEqual(2);
      await page.goto(`${siteUrl}${lang}/compare/?banks=${banks[0]},nosuchbank&periods=1999Q1,${periods.at(-1)}`);
      await ready(page);
      const text = await page.locator('[data-link-notice]').textContent();
      expect(text).toContain('nosuchbank');
      expect(text).toContain('1999Q1');
      // Only what the data lack is named: the range's known end is not.
      expect(text).not.toMatch(new RegExp(`1999Q1(, |、)${periods.at(-1)}`));
      // The known bank is kept and checked; the range falls back to its default (all periods).
      expect(await values(page, 'input[name="banks"]:checked')).toEqual([banks[0]]);
      const url = new URL(page.url());
      expect(url.searchParams.get('banks')).toBe(banks[0]);
      expect(url.searchParams.has('periods')).toBe(false);
      expect(page.url()).not.toContain('nosuchbank');
      await context.close();
    }
  }, 120_000);

  it('says nothing for a link the data hold', async () => {
    const { page, context } = await watchedPage(browser, siteUrl);
    await page.goto(`${siteUrl}en/overview/`);
    const quarters = await values(page, 'select[name="quarter"] option');
    await page.goto(`${siteUrl}en/overview/?quarter=${quarters[1]}`);
    await ready(page);
    expect(await page.locator('[data-link-notice]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('quarter')).toBe(quarters[1]);
    await context.close();
  }, 90_000);
});

import type { Browser } from 'playwright-core';
import { waitForUpdates, watchedPage } from '../../test/e2e/browser.ts';

export interface BrowserTimings {
  firstChartMs: number;
  engineReadyMs: number;
  /** From the first input change to DuckDB-WASM open (worker, wasm fetched, decompressed when shipped gzip, compiled, instantiated). */
  engineOpenMs: number;
  /** The wasm's decompression in the page (NaN when the site ships it uncompressed). */
  gunzipMs: number;
  coldUpdateMs: number;
  warmUpdateMs: number;
  warmQueriesMs: number;
  requestsOffOrigin: number;
}

/** Timings a reader feels, from the client's own performance marks, on a cold browser context. */
export async function measurePage(browser: Browser, url: string, input: string): Promise<BrowserTimings> {
  const w = await watchedPage(browser, url);
  const { page } = w;
  await page.goto(url, { waitUntil: 'load' });
  const firstChartMs = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return paint ? paint.startTime : performance.getEntriesByType('navigation')[0]!.duration;
  });
  const options = await page.locator(`select[name="${input}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  await page.selectOption(`select[name="${input}"]`, options[1]!);
  await waitForUpdates(page, 1);
  await page.selectOption(`select[name="${input}"]`, options[2] ?? options[0]!);
  await waitForUpdates(page, 2);
  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const));
  const at = (name: string, nth = 0) => marks.filter(([n]) => n === name)[nth]?.[1] ?? Number.NaN;
  const result = {
    firstChartMs,
    engineReadyMs: at('cx-engine-ready') - at('cx-engine-start'),
    engineOpenMs: at('cx-engine-open') - at('cx-engine-start'),
    gunzipMs: at('cx-wasm-gunzipped') - at('cx-wasm-fetched'),
    coldUpdateMs: at('cx-update-end', 0) - at('cx-update-start', 0),
    warmUpdateMs: at('cx-update-end', 1) - at('cx-update-start', 1),
    warmQueriesMs: at('cx-queries-done', 1) - at('cx-update-start', 1),
    requestsOffOrigin: w.foreignRequests.length,
  };
  await w.context.close();
  return result;
}

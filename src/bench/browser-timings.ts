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
  /** Bytes over the network (encoded, headers included) from the load to the page's idle prefetch done. */
  loadBytes: number;
  /** Bytes over the network for the first and the second input change. */
  coldUpdateBytes: number;
  warmUpdateBytes: number;
  /** How each change was drawn: 'precomputed' or 'engine' (the client's data-updated-from). */
  paths: string[];
  requestsOffOrigin: number;
}

export interface MeasureOptions {
  /** Draw every change with the engine, as for a state the build did not precompute (<html data-cx-engine="always">). */
  engine?: boolean;
  /** Chromium's network emulation (CDP Network.emulateNetworkConditions), e.g. 10 Mbit/s and 40 ms. */
  network?: { mbitPerS: number; latencyMs: number };
}

/** Timings a reader feels, from the client's own performance marks, on a cold browser context. */
export async function measurePage(browser: Browser, url: string, input: string, options: MeasureOptions = {}): Promise<BrowserTimings> {
  const w = await watchedPage(browser, url);
  const { page } = w;
  const cdp = await w.context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (options.network) {
    const bytesPerS = (options.network.mbitPerS * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: options.network.latencyMs, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS });
  }
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  // The wasm and the tables are fetched by the page itself (src/db/browser.ts, transport.ts), so its session sees their bytes.
  await page.goto(url, { waitUntil: 'networkidle' });
  const loadBytes = bytes;
  const firstChartMs = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return paint ? paint.startTime : performance.getEntriesByType('navigation')[0]!.duration;
  });
  if (options.engine) await page.evaluate(() => (document.documentElement.dataset.cxEngine = 'always'));
  const values = await page.locator(`select[name="${input}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const paths: string[] = [];
  const change = async (value: string, n: number) => {
    bytes = 0;
    await page.selectOption(`select[name="${input}"]`, value);
    await waitForUpdates(page, n);
    paths.push(await page.evaluate(() => document.documentElement.dataset.updatedFrom ?? ''));
    return bytes;
  };
  const coldUpdateBytes = await change(values[1]!, 1);
  const warmUpdateBytes = await change(values[2] ?? values[0]!, 2);
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
    loadBytes,
    coldUpdateBytes,
    warmUpdateBytes,
    paths,
    requestsOffOrigin: w.foreignRequests.length,
  };
  await w.context.close();
  return result;
}

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
  /** Bytes over the network for the first and the second input change (resources each started while it ran). */
  coldUpdateBytes: number;
  /** Bytes the page fetched ahead between the two changes (the next states' files; the engine's start, where it warms up). */
  aheadBytes: number;
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

/** A cold context as a reader's (looking ahead after changes), under the network given; `counter` hears every response's bytes. */
async function openMeasured(browser: Browser, url: string, network: MeasureOptions['network']) {
  const w = await watchedPage(browser, url, { lookAhead: true });
  const { page } = w;
  const cdp = await w.context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (network) {
    const bytesPerS = (network.mbitPerS * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.latencyMs, downloadThroughput: bytesPerS, uploadThroughput: bytesPerS });
  }
  const counter = (add: (bytes: number) => void) => cdp.on('Network.loadingFinished', (e) => add(e.encodedDataLength));
  return { w, page, counter };
}

type Marks = (readonly [string, number])[];
const markAt = (marks: Marks, name: string, nth = 0) => marks.filter(([n]) => n === name)[nth]?.[1] ?? Number.NaN;

export interface WarmedEngineTimings {
  /** From the first change drawn (a precomputed state) to the engine up and the shown state run in the background. */
  warmUpMs: number;
  warmUpBytes: number;
  /** The reader's next change, to a state only the engine gives, once the engine is warm. */
  engineChangeMs: number;
  engineChangeBytes: number;
  paths: string[];
}

/**
 * A reader who first changes to a precomputed state, reads for as long as the page's background
 * warm-up takes, then asks for a state only the engine gives (a multiselect combination): the
 * compare page's banks, one off, then a second.
 */
export async function measureWarmedEngine(browser: Browser, url: string, network?: MeasureOptions['network']): Promise<WarmedEngineTimings> {
  const { w, page, counter } = await openMeasured(browser, url, network);
  let bytes = 0;
  counter((b) => (bytes += b));
  await page.goto(url, { waitUntil: 'networkidle' });
  const boxes = await page.locator('input[name="banks"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const paths: string[] = [];
  bytes = 0;
  await page.uncheck(`input[name="banks"][value="${boxes[1]}"]`);
  await waitForUpdates(page, 1);
  paths.push(await page.evaluate(() => document.documentElement.dataset.updatedFrom ?? ''));
  // A page whose every state the build precomputed never warms the engine up: then there is nothing to measure.
  const warmed = await page
    .waitForFunction(() => performance.getEntriesByName('cx-engine-primed', 'mark').length > 0, undefined, { timeout: 600_000 })
    .then(() => true, () => false);
  const warmUpBytes = bytes;
  if (!warmed) {
    await w.context.close();
    return { warmUpMs: Number.NaN, warmUpBytes, engineChangeMs: Number.NaN, engineChangeBytes: 0, paths };
  }
  bytes = 0;
  await page.uncheck(`input[name="banks"][value="${boxes[2]}"]`);
  await waitForUpdates(page, 2);
  paths.push(await page.evaluate(() => document.documentElement.dataset.updatedFrom ?? ''));
  const marks: Marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const));
  const result = {
    warmUpMs: markAt(marks, 'cx-engine-primed') - markAt(marks, 'cx-update-end', 0),
    warmUpBytes,
    engineChangeMs: markAt(marks, 'cx-update-end', 1) - markAt(marks, 'cx-update-start', 1),
    engineChangeBytes: bytes,
    paths,
  };
  await w.context.close();
  return result;
}

/** Timings a reader feels, from the client's own performance marks, on a cold browser context. */
export async function measurePage(browser: Browser, url: string, input: string, options: MeasureOptions = {}): Promise<BrowserTimings> {
  const { w, page, counter } = await openMeasured(browser, url, options.network);
  let bytes = 0;
  counter((b) => (bytes += b));
  const statesInFlight = new Set<string>();
  page.on('request', (r) => r.url().includes('/_states/') && statesInFlight.add(r.url()));
  page.on('requestfinished', (r) => statesInFlight.delete(r.url()));
  page.on('requestfailed', (r) => statesInFlight.delete(r.url()));
  // The wasm and the tables are fetched by the page itself (src/db/browser.ts, transport.ts), so its session sees their bytes.
  await page.goto(url, { waitUntil: 'networkidle' });
  const loadBytes = bytes;
  await page.evaluate(() => performance.setResourceTimingBufferSize(10_000));
  const firstChartMs = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return paint ? paint.startTime : performance.getEntriesByType('navigation')[0]!.duration;
  });
  if (options.engine) await page.evaluate(() => (document.documentElement.dataset.cxEngine = 'always'));
  const values = await page.locator(`select[name="${input}"] option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const paths: string[] = [];
  const change = async (value: string, n: number) => {
    await page.selectOption(`select[name="${input}"]`, value);
    await waitForUpdates(page, n);
    paths.push(await page.evaluate(() => document.documentElement.dataset.updatedFrom ?? ''));
  };
  await change(values[1]!, 1);
  // The reader pauses before the next change: the page's look-ahead (the next states' files) is in.
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 100))));
  await waitUntil(() => statesInFlight.size === 0);
  await change(values[2] ?? values[0]!, 2);
  const marks: Marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const));
  const at = (name: string, nth = 0) => markAt(marks, name, nth);
  // Bytes by what asked for them: the resources a change started while it ran, and those fetched ahead between changes.
  const fetched: [number, number][] = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.startTime, r.transferSize]));
  const between = (from: number, to: number) => fetched.filter(([t]) => t >= from && t <= to).reduce((sum, [, b]) => sum + b, 0);
  const result = {
    firstChartMs,
    engineReadyMs: at('cx-engine-ready') - at('cx-engine-start'),
    engineOpenMs: at('cx-engine-open') - at('cx-engine-start'),
    gunzipMs: at('cx-wasm-gunzipped') - at('cx-wasm-fetched'),
    coldUpdateMs: at('cx-update-end', 0) - at('cx-update-start', 0),
    warmUpdateMs: at('cx-update-end', 1) - at('cx-update-start', 1),
    warmQueriesMs: at('cx-queries-done', 1) - at('cx-update-start', 1),
    loadBytes,
    coldUpdateBytes: between(at('cx-update-start', 0), at('cx-update-end', 0)),
    aheadBytes: between(at('cx-update-end', 0), at('cx-update-start', 1)),
    warmUpdateBytes: between(at('cx-update-start', 1), at('cx-update-end', 1)),
    paths,
    requestsOffOrigin: w.foreignRequests.length,
  };
  await w.context.close();
  return result;
}

async function waitUntil(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

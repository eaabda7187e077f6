import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../src/build/chromium.ts';

/** The same Chromium, with the same closed-network flags, as `npm run pdf`. */
export function launch(): Promise<Browser> {
  return launchChromium();
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests to any other origin than the site's. */
  foreignRequests: string[];
  consoleErrors: string[];
}

/** A page that records every request leaving the site's origin and every console error. */
export async function watchedPage(
  browser: Browser,
  siteUrl: string,
  options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark'; width?: number; deviceScaleFactor?: number; lookAhead?: boolean } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1200, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  // Pages fetch ahead after a change (the next states, and the engine where the build did not
  // precompute every state) unless the browser saves data. Tests that do not look at that say so,
  // as a data-saving browser does: dozens of contexts each starting an engine would slow the suite.
  if (!options.lookAhead) {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection', { get: () => ({ saveData: true }), configurable: true }));
  }
  const page = await context.newPage();
  const origin = new URL(siteUrl).origin;
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreignRequests.push(url);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { page, context, foreignRequests, consoleErrors };
}

/** Waits until the page has applied `count` input states (the client counts them on <html data-updates>). */
export async function waitForUpdates(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => Number(document.documentElement.dataset.updates ?? 0) >= n && !document.documentElement.hasAttribute('data-busy'), count, { timeout: 60_000 });
}

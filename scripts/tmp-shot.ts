// Reader check of a built site: each page cold, console errors, a precomputed change on findings, screenshots.
import { serveStatic } from '../src/build/serve.ts';
import { chromium } from 'playwright-core';
const dir = process.argv[2]!;
const server = await serveStatic(dir, 0, '/');
const base = `http://localhost:${server.port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const [lang, scheme, width] of [['zh', 'light', 390], ['en', 'dark', 1280]] as const) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  for (const slug of ['overview', 'findings', 'ipa', 'ipa-banks', 'journey', 'voices', 'compare', 'servqual', 'case-cmb']) {
    const t = performance.now();
    await page.goto(`${base}${lang}/${slug}/`);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const empty = await page.locator('[data-chart-empty]:not([hidden])').count();
    console.log(lang, width, slug, `${(performance.now() - t).toFixed(0)} ms`, 'empty notes', empty, 'errors', errors.length);
  }
  await page.goto(`${base}${lang}/findings/`);
  await page.waitForSelector('html[data-ready]', { state: 'attached' });
  const quarters = await page.locator('select[name="quarter"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  const t = performance.now();
  await page.selectOption('select[name="quarter"]', quarters[1]!);
  await page.waitForFunction(() => document.documentElement.dataset.updates === '1');
  console.log('findings quarter change', await page.evaluate(() => document.documentElement.dataset.updatedFrom), `${(performance.now() - t).toFixed(0)} ms`);
  await page.screenshot({ path: `/tmp/b5m/findings-${lang}-${scheme}-${width}.png`, fullPage: true });
  console.log('errors', errors);
  await ctx.close();
}
await browser.close();
await server.close();

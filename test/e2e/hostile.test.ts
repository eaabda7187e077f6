import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

// A small data set whose comments hold a <script> tag and a spreadsheet formula.
const OUT = path.resolve('.cache/e2e/hostile');
let server: StaticServer;
let browser: Browser;
let siteUrl: string;

beforeAll(async () => {
  const r = spawnSync(process.execPath, ['scripts/build.ts', '--data', 'test/fixtures/site-small', '--out', OUT], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  server = await serveStatic(OUT);
  siteUrl = `http://127.0.0.1:${server.port}/`;
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

describe('hostile content in the data', () => {
  it('shows a comment holding <script> as text, before and after an update, and never runs it', async () => {
    const w = await watchedPage(browser, siteUrl);
    await w.page.goto(`${siteUrl}zh/overview/`);
    const cells = () => w.page.locator('#chart-voices_table td').allTextContents();
    expect(await cells()).toContain('<script>window.__pwned=1</script> 排队太久, "真的"');
    expect(await cells()).toContain('=1+2');
    await w.page.selectOption('select[name="quarter"]', '2025Q1');
    await waitForUpdates(w.page, 1);
    expect(await cells()).toContain('<script>window.__pwned=1</script> 排队太久, "真的"');
    expect(await w.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await w.page.locator('#chart-voices_table script').count()).toBe(0);
    expect(w.consoleErrors).toEqual([]);
    await w.context.close();
  });
});

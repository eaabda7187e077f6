import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../src/build/serve.ts';
import { generateSampleData } from '../../src/sample/index.ts';
import { makeShape } from '../shapes/variants.ts';
import { launch, waitForUpdates, watchedPage } from './browser.ts';

/**
 * A first small study, as a new team's data look: one bank, one quarter, no segment column. Its data
 * folder and the site are both outside the project (the data given as an absolute path, the output
 * as a relative one), as a team keeps them.
 */
const ROOT = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-e2e-shapes-'));
const DATA = path.join(ROOT, 'first-study');
const OUT = path.join(ROOT, 'site');

const build = (args: string[]) => spawnSync(process.execPath, ['scripts/build.ts', ...args], { encoding: 'utf8' });

let browser: Browser;
let server: StaticServer;
let site = '';

beforeAll(async () => {
  const base = path.join(ROOT, 'base');
  generateSampleData({ outDir: base, respondents: 90, quarters: 5, servqualCustomers: 20, servqualManagers: 4 });
  makeShape(base, DATA, 'one-bank', 'one-quarter', 'no-segment');
  const r = build(['--data', DATA, '--out', path.relative(process.cwd(), OUT)]);
  if (r.status !== 0) throw new Error(`the build of a first study failed:\n${r.stdout}\n${r.stderr}`);
  server = await serveStatic(OUT);
  site = `http://127.0.0.1:${server.port}/`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(ROOT, { recursive: true, force: true });
});

describe('a survey without segments, one bank and one quarter', () => {
  it('the journey page shows the emotion map and the peak-end test with every respondent, and groups by segment as all customers', async () => {
    const { page, context, consoleErrors, foreignRequests } = await watchedPage(browser, site);
    await page.goto(`${site}en/journey/`);
    const map = page.locator('figure[data-chart="emotion_map_chart"]');
    await expect(map.locator('[data-chart-empty]').isHidden()).resolves.toBe(true);
    expect(await map.locator('[data-chart-body] svg path').count()).toBeGreaterThan(0);
    const prose = await page.locator('article').innerText();
    expect(prose).toContain('Among the 90 respondents chosen');
    expect(prose).toMatch(/All \d+ respondents: the peak-end score explains R² = \d\.\d{3}/);
    expect(prose).not.toMatch(/\s–\s/);

    await page.selectOption('select[name="by"]', 'segment');
    await waitForUpdates(page, 1);
    expect(await map.locator('[data-chart-body] svg').textContent()).toContain('All customers');
    expect(await map.locator('[data-chart-empty]').isHidden()).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('leaves out the case pages of banks the data do not have, and the others say why a chart is empty', async () => {
    expect(fs.existsSync(path.join(OUT, 'en/case-cmb/index.html'))).toBe(false);
    expect(fs.existsSync(path.join(OUT, 'en/case-pingan/index.html'))).toBe(true);
    const { page, context } = await watchedPage(browser, site);
    await page.goto(`${site}zh/compare/`);
    const pairs = page.locator('figure[data-chart="pair_table"] [data-chart-empty]');
    await expect(pairs.isVisible()).resolves.toBe(true);
    expect(await pairs.innerText()).toContain('两两比较至少需要两家银行');
    await context.close();
  });
});

describe('each page is its own namespace', () => {
  it("a page that selects from another page's cell fails the build, naming the page, line and table", () => {
    const pages = path.join(ROOT, 'pages');
    fs.mkdirSync(pages, { recursive: true });
    fs.writeFileSync(path.join(pages, 'a.md'), '---\ntitle_en: A\ntables: [survey]\n---\n\n```sql series\nSELECT quarter, count(*) AS n FROM survey GROUP BY quarter\n```\n\nQuarters: {series.n}.\n');
    fs.writeFileSync(path.join(pages, 'b.md'), '---\ntitle_en: B\ntables: [survey]\n---\n\n```sql k\nSELECT count(*) AS k FROM series\n```\n\nk = {k.k}.\n');
    const r = build(['--data', DATA, '--pages', pages, '--out', path.join(ROOT, 'ns')]);
    expect(r.status).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/b\.md:[67]: sql cell "k": Catalog Error: Table with name series does not exist/);
    expect(out).not.toMatch(/\n\s+at /); // no stack trace
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contrast, GRAPHIC_CONTRAST, rgbOf } from '../../src/charts/colour.ts';
import { launch, watchedPage } from './browser.ts';

/**
 * Series colours as the reader sees them: in each theme, every bank's line and dot (the data's own
 * colours, #1f5fa8 among them) stands out from the page's background at 3:1 or more (WCAG 1.4.11),
 * computed from the colours the browser paints (light-dark() resolved).
 */

const siteUrl = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('series colours against the page', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`every series line and dot reaches 3:1 on the ${colorScheme} theme`, async () => {
      const w = await watchedPage(browser, siteUrl, { colorScheme });
      const failures: string[] = [];
      let checked = 0;
      for (const page of ['en/overview/', 'en/compare/', 'zh/journey/']) {
        await w.page.goto(siteUrl + page);
        const painted = await w.page.evaluate(() => {
          const background = getComputedStyle(document.body).backgroundColor;
          const marks = [...document.querySelectorAll('figure.chart [data-chart-body] svg')].flatMap((svg) => [
            ...[...svg.querySelectorAll('[data-mark="dot"] circle')].map((c) => ({ colour: getComputedStyle(c).fill, what: c.querySelector('title')?.textContent ?? 'dot' })),
            ...[...svg.querySelectorAll('[data-mark="line"] path')].map((p) => ({ colour: getComputedStyle(p).stroke, what: 'line' })),
          ]);
          return { background, marks };
        });
        const bg = rgbOf(painted.background)!;
        for (const m of painted.marks) {
          const rgb = rgbOf(m.colour);
          if (!rgb) continue;
          checked++;
          const ratio = contrast(rgb, bg);
          if (ratio < GRAPHIC_CONTRAST) failures.push(`${page} ${m.what}: ${m.colour} on ${painted.background} is ${ratio.toFixed(2)}:1`);
        }
      }
      expect(checked).toBeGreaterThan(50);
      expect(failures, failures.join('\n')).toEqual([]);
      await w.context.close();
    });
  }
});

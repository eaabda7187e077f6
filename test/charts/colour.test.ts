import { readFileSync } from 'node:fs';
import { hsl } from 'd3';
import { JSDOM } from 'jsdom';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { contrast, GRAPHIC_CONTRAST, rgbOf, THEME_BACKGROUNDS, themedColour, withContrast, type Theme } from '../../src/charts/colour.ts';
import { renderChart } from '../../src/charts/render.ts';
import { SERIES_PALETTE } from '../../src/charts/series-colours.ts';
import { NEGATIVE, POSITIVE } from '../../src/charts/diverging.ts';

const { document } = new JSDOM('').window;
const ratio = (a: string, b: string) => contrast(rgbOf(a)!, rgbOf(b)!);
const hueOf = (c: string) => hsl(c).h;
const themes = Object.keys(THEME_BACKGROUNDS) as Theme[];

/** The sample's bank colours, read from the CSV the site is built from. */
const bankColours = (Papa.parse<Record<string, string>>(readFileSync(new URL('../../data/banks.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data).map((r) => r.color!);

describe('series colours against the page, both themes', () => {
  it('the theme backgrounds are the stylesheet’s --bg', () => {
    const css = readFileSync(new URL('../../src/site/styles.css', import.meta.url), 'utf8');
    const bgs = [...css.matchAll(/--bg:\s*(#[0-9a-f]{6})/gi)].map((m) => m[1]!.toLowerCase());
    expect(bgs).toEqual([THEME_BACKGROUNDS.light, THEME_BACKGROUNDS.dark]);
  });

  it('every palette and sample bank colour reaches 3:1 in each theme once themed, keeping its hue', () => {
    expect(bankColours.length).toBeGreaterThan(0);
    for (const colour of [...SERIES_PALETTE, NEGATIVE, POSITIVE, ...bankColours]) {
      const themed = themedColour(colour);
      for (const theme of themes) {
        expect(ratio(themed[theme], THEME_BACKGROUNDS[theme]), `${colour} on ${theme}`).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
        if (themed[theme] !== colour) expect(Math.abs(hueOf(themed[theme]) - hueOf(colour)), `${colour} → ${themed[theme]}`).toBeLessThan(4);
      }
    }
  });

  it('ICBC blue fails on the dark theme as given and is lightened there only', () => {
    expect(ratio('#1f5fa8', THEME_BACKGROUNDS.dark)).toBeLessThan(3);
    expect(ratio('#1f5fa8', THEME_BACKGROUNDS.light)).toBeGreaterThanOrEqual(3);
    const { light, dark } = themedColour('#1f5fa8');
    expect(light).toBe('#1f5fa8');
    expect(hsl(dark).l).toBeGreaterThan(hsl('#1f5fa8').l);
    // A pale yellow fails on white and is darkened there; a near-black fails on dark.
    expect(ratio('#f2e205', '#ffffff')).toBeLessThan(3);
    expect(ratio(withContrast('#f2e205', '#ffffff', 3), '#ffffff')).toBeGreaterThanOrEqual(3);
    expect(ratio(withContrast('#101010', THEME_BACKGROUNDS.dark, 3), THEME_BACKGROUNDS.dark)).toBeGreaterThanOrEqual(3);
    expect(withContrast('currentColor', '#ffffff', 3)).toBe('currentColor');
  });

  it('a chart draws a data colour that fails on a theme with light-dark(), the other marks as given', () => {
    const rows = [
      { name: 'A', v: 1, c: '#1f5fa8' },
      { name: 'B', v: 2, c: '#c8102e' },
    ];
    const svg = renderChart({ type: 'dot', x: 'v', y: 'name', color: 'c' }, { columns: ['name', 'v', 'c'].map((name) => ({ name, type: 'VARCHAR' })), rows } as never, { document, locale: 'en' });
    const dom = new JSDOM(svg).window.document;
    const circles = [...dom.querySelectorAll('circle')];
    const blue = circles.find((c) => c.getAttribute('fill') === '#1f5fa8')!;
    const red = circles.find((c) => c.getAttribute('fill') === '#c8102e')!;
    const dark = /fill: light-dark\(#1f5fa8, (#[0-9a-f]{6})\)/.exec(blue.getAttribute('style') ?? '')?.[1];
    expect(dark).toBeDefined();
    expect(ratio(dark!, THEME_BACKGROUNDS.dark)).toBeGreaterThanOrEqual(3);
    const redDark = /light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/.exec(red.getAttribute('style') ?? '');
    // Red passes on white; on the dark theme it may be lightened, never on white.
    if (redDark) expect(redDark[1]).toBe('#c8102e');
  });
});

import { schemeTableau10 } from 'd3';
import { themedColour } from './colour.ts';
import { ON_PAGE_TEXT } from './spec.ts';

/**
 * Series colours (a bank's colour from the data, the categorical palette) must stand out from the
 * page in both themes (3:1). The SVG is drawn once for both, so a colour that falls short on one
 * theme gets, on the marks that carry it, the light theme's version as its attribute and a
 * `light-dark(light, dark)` style (browsers without light-dark() keep the attribute); hue and
 * saturation stay (colour.ts, withContrast). The data are never rejected for their colours. Text in
 * data colours is left to accessible.ts, which asks text's 4.5:1.
 */

/** The colours the charts draw series in when the data give none (emotion map lines, stacked series). */
export const SERIES_PALETTE: readonly string[] = schemeTableau10;

const ATTRIBUTES = ['fill', 'stroke'] as const;

export function themeSeriesColours(root: Element, dataColours: Iterable<unknown>): void {
  const series = new Set<string>(SERIES_PALETTE.map((c) => c.toLowerCase()));
  for (const c of dataColours) if (typeof c === 'string') series.add(c.trim().toLowerCase());
  const themed = new Map<string, ReturnType<typeof themedColour>>();
  for (const el of root.querySelectorAll('[fill], [stroke]')) {
    if (el.localName === 'text' || el.closest(`.${ON_PAGE_TEXT}`) || el.querySelector('text')) continue;
    const declarations: string[] = [];
    for (const attr of ATTRIBUTES) {
      const value = el.getAttribute(attr)?.trim().toLowerCase();
      if (!value || !series.has(value)) continue;
      if (!themed.has(value)) themed.set(value, themedColour(value));
      const { light, dark } = themed.get(value)!;
      if (light === value && dark === value) continue;
      el.setAttribute(attr, light);
      declarations.push(`${attr}: light-dark(${light}, ${dark})`);
    }
    if (declarations.length === 0) continue;
    const style = el.getAttribute('style');
    el.setAttribute('style', [style?.replace(/;\s*$/, ''), ...declarations].filter(Boolean).join('; '));
  }
}

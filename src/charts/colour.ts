import { color as parseColor, hsl } from 'd3';

/** Colour arithmetic the charts share: WCAG 2.x relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). */

export type Rgb = [number, number, number];

/** A CSS colour as 0–255 channels; null for what d3 cannot read (currentColor, var(…)) or a transparent colour. */
export function rgbOf(colour: string): Rgb | null {
  const c = parseColor(colour);
  if (!c || !(c.opacity > 0)) return null;
  const { r, g, b } = c.rgb();
  return [r, g, b].every(Number.isFinite) ? [r, g, b] : null;
}

export function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The page backgrounds charts are drawn on (styles.css `--bg`, light and dark; print is light). */
export const THEME_BACKGROUNDS = { light: '#ffffff', dark: '#15171b' } as const;
export type Theme = keyof typeof THEME_BACKGROUNDS;

/** WCAG 2.1 SC 1.4.11 (non-text contrast): a line, dot or bar that tells series apart needs 3:1 against the page. */
export const GRAPHIC_CONTRAST = 3;

const hex = (rgb: Rgb) => `#${rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;

/**
 * The colour with its HSL lightness moved (darker on a light background, lighter on a dark one) just
 * far enough to reach `ratio` against `background`; hue and saturation stay, so a bank keeps its
 * colour. A colour that already reaches it, or that is not a plain colour, is returned as it is.
 */
export function withContrast(colour: string, background: string, ratio: number): string {
  const c = rgbOf(colour);
  const bg = rgbOf(background);
  if (!c || !bg || contrast(c, bg) >= ratio) return colour;
  const { h, s, l } = hsl(parseColor(colour)!);
  const lighter = luminance(bg) < 0.18;
  for (let step = 1; step <= 100; step++) {
    const lightness = lighter ? l + ((1 - l) * step) / 100 : l - (l * step) / 100;
    const { r, g, b } = hsl(Number.isNaN(h) ? 0 : h, Number.isNaN(s) ? 0 : s, lightness).rgb();
    const candidate = [r, g, b].map((v) => Math.max(0, Math.min(255, Math.round(v)))) as Rgb;
    if (contrast(candidate, bg) >= ratio) return hex(candidate);
  }
  return lighter ? '#ffffff' : '#000000';
}

/** A series colour for each theme, each at least 3:1 against that theme's background. */
export function themedColour(colour: string): Record<Theme, string> {
  return { light: withContrast(colour, THEME_BACKGROUNDS.light, GRAPHIC_CONTRAST), dark: withContrast(colour, THEME_BACKGROUNDS.dark, GRAPHIC_CONTRAST) };
}

import { color as parseColor } from 'd3';

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

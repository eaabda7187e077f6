import type { Locale } from '../text/locale.ts';

/** A site URL under the configured base (GitHub Pages sub-paths included). */
export function siteUrl(base: string, ...parts: string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const rest = parts.filter(Boolean).join('/');
  return rest ? `${root}${rest}/` : root;
}

export function pageUrl(base: string, locale: Locale, slug?: string): string {
  return siteUrl(base, locale, slug ?? '');
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'zh' ? 'en' : 'zh';
}

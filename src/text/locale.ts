/** The report's two languages and text given in them: below both the notebook and the charts. */

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];

/** Text given once per language, or once for both. */
export type Localized = string | Partial<Record<Locale, string>>;

export function localize(text: Localized | undefined, locale: Locale): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? text.zh ?? '';
}

/** Reads `label`, or `label_zh` + `label_en`, or `label: {zh, en}` into a Localized. */
export function readLocalized(obj: Record<string, unknown>, key: string): Localized | undefined {
  const plain = obj[key];
  if (typeof plain === 'string') return plain;
  const out: Partial<Record<Locale, string>> = {};
  if (plain && typeof plain === 'object') Object.assign(out, plain);
  for (const l of LOCALES) if (typeof obj[`${key}_${l}`] === 'string') out[l] = obj[`${key}_${l}`] as string;
  return Object.keys(out).length ? out : undefined;
}
